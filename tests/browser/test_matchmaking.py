"""Two participants, one writing in Thai and one in Chinese, find each other; the organiser
schedules their meeting; they meet."""

import pytest

from infoharbor.core import tasks
from infoharbor.core.models import ForumRole
from infoharbor.matchmaking import services
from infoharbor.matchmaking.models import Meeting
from infoharbor.program import kinds
from tests.browser.conftest import screenshot
from tests.browser.test_console import sign_in
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_session,
    make_topic,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def fill_profile(page, base: str, participant, language: str, products: str, kind: str) -> None:
    page.goto(f"{base}/{language}/forums/harbor/registration/{participant.token}/")
    page.click("a[href$='/meetings/']")
    page.click("a[href$='/meetings/profile/']")
    page.click("[data-add-row=opportunities]")
    page.click("[data-add-row=opportunities]")  # a second row, left blank on purpose
    page.select_option("#id_opportunities-0-kind", kind)
    page.fill("#id_opportunities-0-products", products)
    page.click("button[type=submit]:not([data-add-row])")
    page.wait_for_selector(".messages li")


def test_thai_and_chinese_participants_find_each_other_and_meet(
    live_server, transactional_db, browser
):
    forum = make_forum(slug="harbor", is_published=True)
    city = make_city("Beihai", zh_hans="北海", th="เป๋ยไห่")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "14:00"), end=at(14, "16:00")
    )
    services.set_up_block(None, session, slot_minutes=30, tables=4)
    make_topic(
        forum,
        "smart-city",
        keywords={"th": ["เมืองอัจฉริยะ"], "zh-hans": ["智慧城市"]},
        th="เมืองอัจฉริยะ",
        zh_hans="智慧城市",
    )
    category = make_category(forum)
    thai = make_approved_participant(category, name="สมชาย ใจดี", name_latin="Somchai Jaidee")
    chinese = make_approved_participant(category, name="王伟", name_latin="Wang Wei")

    thai_page = browser.new_page(viewport={"width": 390, "height": 844})
    fill_profile(thai_page, live_server.url, thai, "th", "เซ็นเซอร์เมืองอัจฉริยะ", "offer")
    chinese_page = browser.new_page()
    fill_profile(chinese_page, live_server.url, chinese, "zh-hans", "智慧城市传感器", "request")

    chinese_page.wait_for_selector("[data-profile] .why")
    assert chinese_page.inner_text("[data-profile] h3") == "สมชาย ใจดี (Somchai Jaidee)"
    assert chinese_page.inner_text("[data-profile] .why") == "提供 智慧城市"
    screenshot(chinese_page, "matchmaking-zh-hans")
    chinese_page.click("[data-profile] summary")
    chinese_page.fill("[data-profile] textarea[name=message]", "您好，希望面谈。")
    chinese_page.click("[data-profile] button[type=submit]")
    chinese_page.wait_for_selector(".messages li")

    thai_page.reload()
    thai_page.wait_for_selector("[data-request] select[name=slot]")
    thai_page.click("[data-request] button[value=accept]")  # the organisers choose the slot
    thai_page.wait_for_selector(".messages li")
    assert not Meeting.objects.exists()

    desk = make_organiser(forum, ForumRole.Role.REGISTRATION_DESK, username="desk1")
    orga_page = browser.new_page()
    sign_in(orga_page, live_server.url, desk, "/zh-hans/forums/harbor/")
    orga_page.click("text=组织者控制台")
    orga_page.click("[data-entry=matchmaking]")
    orga_page.click("button[name=scheduler][value=run]")
    orga_page.wait_for_selector(".messages li")
    tasks.run_pending()
    orga_page.reload()
    orga_page.wait_for_selector(".preview .changes-list li")
    changes = orga_page.inner_text(".preview .changes-list")
    assert "王伟 (Wang Wei)" in changes and "สมชาย ใจดี (Somchai Jaidee)" in changes
    screenshot(orga_page, "matchmaking-preview-zh-hans")
    orga_page.click(".preview button[value=publish]")
    orga_page.wait_for_selector(".board tr[data-attendance]")
    meeting = Meeting.objects.get()
    assert meeting.slot.index == 0

    thai_page.reload()
    thai_page.wait_for_selector("[data-meeting]")
    assert thai_page.get_attribute("a[href$='/meetings.pdf']", "href") is not None
    assert thai_page.get_attribute("a[href$='/meetings.ics']", "href") is not None
    screenshot(thai_page, "matchmaking-th-phone")
    assert thai_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert "王伟 (Wang Wei)" in thai_page.inner_text("[data-meeting] h3")

    thai_page.check("[data-meeting] input[name=held][value=yes]")
    thai_page.click("[data-meeting] form.report button")
    chinese_page.reload()
    chinese_page.check("[data-meeting] input[name=held][value=yes]")
    chinese_page.click("[data-meeting] form.report button")
    chinese_page.wait_for_selector(".messages li")
    meeting = Meeting.objects.get()
    assert (meeting.requester_says, meeting.invitee_says) == ("held", "held")
