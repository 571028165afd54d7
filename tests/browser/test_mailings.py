"""In Chromium: the desk writes to two delegations from the console (Thai, Chinese and Khmer
pages), and destructive actions ask on a page of their own, without any script."""

import re

import pytest
from django.core import mail

from infoharbor.core import tasks
from infoharbor.core.models import ForumRole
from infoharbor.program.models import Session
from infoharbor.registration.models import Delegation, Mailing, Participant
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.browser.test_console import sign_in
from tests.factories import (
    at,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_session,
    text,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONSOLE = {"th": "คอนโซลผู้จัดงาน", "zh-hans": "组织者控制台", "km": "ផ្ទាំងគ្រប់គ្រងរបស់អ្នករៀបចំ"}
PREVIEW = {"th": "ดูตัวอย่างและนับผู้รับ", "zh-hans": "预览并统计收件人", "km": "មើលជាមុន និងរាប់អ្នកទទួល"}


@pytest.fixture
def forum(transactional_db):
    forum = make_forum(
        slug="harbor",
        name=text("Harbor Forum", th="ฟอรั่มฮาร์เบอร์", zh_hans="信息港论坛", km="វេទិកាកំពង់ផែ"),
        languages=["zh-hans", "en", "th", "km"],
        default_language="zh-hans",
    )
    official = make_category(forum, code="official")
    for name, country, people in [
        ("Thailand", "TH", [("สมชาย ใจดี", "th")]),
        ("Cambodia", "KH", [("សុខា ចាន់", "km")]),
        ("China", "CN", [("王伟", "zh-hans")]),
    ]:
        delegation = Delegation.objects.create(forum=forum, name=name, country=country)
        for person, language in people:
            participant = make_participant(
                official, language=language, person={"name": person, "country": country}
            )
            Participant.objects.filter(pk=participant.pk).update(delegation=delegation)
    tasks.run_pending()
    mail.outbox.clear()
    return forum


def compose(page, language: str) -> None:
    page.click(f"text={CONSOLE[language]}")
    page.click("[data-entry=mailings]")
    page.click("[data-action=compose]")
    page.get_by_label("Thailand").check()
    page.get_by_label("Cambodia").check()
    page.fill("#id_subject_zh-hans", "论坛通知：12日班车")
    page.fill("#id_body_zh-hans", "{name}，您好：\n班车08:00从酒店出发。\n{link}")
    page.fill("#id_subject_th", "ข่าวจากฟอรั่ม: รถรับส่งวันที่ 12")
    page.fill("#id_body_th", "เรียน {name}\nรถรับส่งออกจากโรงแรมเวลา 08:00 น.\n{link}")
    page.fill("#id_subject_km", "ព័ត៌មានពីវេទិកា៖ រថយន្តដឹកជញ្ជូន ថ្ងៃទី១២")
    page.fill("#id_body_km", "ជូនចំពោះ {name}\nរថយន្តចេញពីសណ្ឋាគារ ម៉ោង ០៨:០០។\n{link}")
    page.click(f"button:has-text('{PREVIEW[language]}')")
    page.wait_for_selector("#preview")


@pytest.mark.parametrize("language", ["th", "zh-hans", "km"])
def test_desk_writes_to_thai_and_cambodian_delegations_from_the_console(
    live_server, forum, browser, language
):
    desk = make_organiser(forum, ForumRole.Role.REGISTRATION_DESK, username=f"desk-{language}")
    page = browser.new_page(viewport={"width": 1200, "height": 1400})
    sign_in(page, live_server.url, desk, f"/{language}/forums/harbor/")
    compose(page, language)
    previews = page.eval_on_selector_all(
        ".preview-email",
        "els => els.map(e => [e.dataset.language, e.querySelector('.preview-subject').innerText])",
    )
    assert previews == [
        ["th", "ข่าวจากฟอรั่ม: รถรับส่งวันที่ 12"],
        ["km", "ព័ត៌មានពីវេទិកា៖ រថយន្តដឹកជញ្ជូន ថ្ងៃទី១២"],
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"composer-{language}.png"), full_page=True)
    page.locator("#preview").scroll_into_view_if_needed()
    screenshot(page, f"composer-preview-{language}")

    page.click("[data-action=send]")
    page.wait_for_selector("[data-figure=recipients]")
    assert page.inner_text("[data-figure=recipients]") == "2"
    tasks.run_pending()  # the task path: write the emails, then deliver them
    tasks.run_pending()
    page.reload()
    assert page.eval_on_selector_all(
        "tr[data-status]", "els => els.map(e => [e.dataset.language, e.dataset.status])"
    ) == [["th", "sent"], ["km", "sent"]]
    screenshot(page, f"mailing-{language}")
    assert sorted(m.subject for m in mail.outbox) == [
        "ข่าวจากฟอรั่ม: รถรับส่งวันที่ 12",
        "ព័ត៌មានពីវេទិកា៖ រថយន្តដឹកជញ្ជូន ថ្ងៃទី១២",
    ]
    assert Mailing.objects.count() == 1


def test_composer_fits_a_phone_in_khmer(live_server, forum, phone):
    desk = make_organiser(forum, ForumRole.Role.REGISTRATION_DESK, username="desk-phone")
    sign_in(phone, live_server.url, desk, "/km/forums/harbor/")
    compose(phone, "km")
    screenshot(phone, "composer-km-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_participant_cancels_from_the_private_page_after_a_confirmation(
    live_server, transactional_db, page
):
    forum = make_forum(slug="harbor")
    participant = make_participant(make_category(forum), language="th")
    tasks.run_pending()
    [email] = mail.outbox
    link = re.search(r"https?://[^\s]+(/th/forums/harbor/registration/[\w-]+/)", email.body)
    assert link is not None
    page.goto(live_server.url + link.group(1))
    page.click("button:has-text('ยกเลิกการลงทะเบียนของฉัน')")
    page.wait_for_selector("h1:has-text('ยกเลิกการลงทะเบียนของคุณหรือไม่')")
    screenshot(page, "confirm-cancel-th")
    participant.refresh_from_db()
    assert participant.status == Participant.Status.APPROVED
    page.click("text=ย้อนกลับ")
    page.click("button:has-text('ยกเลิกการลงทะเบียนของฉัน')")
    page.click("button:has-text('ใช่ ยกเลิกการลงทะเบียนของฉัน')")
    page.wait_for_selector("[data-status=cancelled]")
    participant.refresh_from_db()
    assert participant.status == Participant.Status.CANCELLED


def test_program_editor_deletes_a_session_from_the_timetable_after_a_confirmation(
    live_server, transactional_db, page
):
    forum = make_forum(slug="harbor")
    city = make_city("Nanning", zh_hans="南宁")
    forum.cities.add(city)
    make_session(forum, city, slug="visit", title="Port visit", start=at(11, "09:00"))
    editor = make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR, username="editor-zh")
    sign_in(page, live_server.url, editor, "/zh-hans/forums/harbor/")
    page.click(f"text={CONSOLE['zh-hans']}")
    page.click("[data-entry=timetable]")
    page.click("text=Port visit")
    page.click("button:has-text('删除此场次')")
    page.wait_for_selector("h1:has-text('要删除“Port visit”吗？')")
    screenshot(page, "confirm-delete-session-zh-hans")
    assert Session.objects.filter(slug="visit").exists()
    page.click("button:has-text('删除此场次')")
    page.wait_for_selector(".messages li:has-text('场次已删除。')")
    assert page.url.endswith("/zh-hans/forums/harbor/orga/timetable/")
    assert not Session.objects.filter(slug="visit").exists()


def test_owner_edits_the_thai_badge_email_then_resets_it(live_server, forum, page):
    owner = make_organiser(forum, username="owner-th")
    sign_in(page, live_server.url, owner, "/th/forums/harbor/")
    page.click(f"text={CONSOLE['th']}")
    page.click("[data-entry=email_templates]")
    page.click("tr[data-kind=badge_ready] a[data-language=th]")
    page.wait_for_selector("[data-state=default]")
    page.fill("#id_subject", "บัตรของ {nickname}")
    page.click("button:has-text('บันทึก')")
    page.wait_for_selector(".errorlist:has-text('{nickname}')")
    screenshot(page, "email-template-error-th")
    page.fill("#id_subject", "บัตรของ {name} พร้อมแล้ว")
    page.click("button:has-text('บันทึก')")
    page.wait_for_selector("[data-state=edited]")
    assert forum.email_templates.get().subject == "บัตรของ {name} พร้อมแล้ว"
    page.click("[data-action=reset]")
    page.click("button:has-text('กลับเป็นค่าเริ่มต้น')")
    page.wait_for_selector("[data-state=default]")
    assert not forum.email_templates.exists()
