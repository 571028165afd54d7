"""Two participants, one writing in Thai and one in Chinese, find each other; the organiser
schedules their meeting; they meet."""

import pytest

from infoharbor.core import tasks
from infoharbor.core.models import ForumRole
from infoharbor.matchmaking import services
from infoharbor.matchmaking.models import Meeting
from infoharbor.matchmaking.services import OpportunitySpec
from infoharbor.program import kinds
from infoharbor.registration.models import OutboxEmail
from tests.browser.conftest import screenshot
from tests.browser.test_console import sign_in
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_profile,
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
    emailed = OutboxEmail.objects.filter(kind=OutboxEmail.Kind.MEETINGS_CHANGED)
    assert sorted(e.participant.pk for e in emailed) == sorted([thai.pk, chinese.pk])

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


def test_organiser_orders_and_moves_meetings_and_a_participant_keeps_a_slot_free(
    live_server, transactional_db, browser
):
    """On phones: the desk in Thai sets the deadlines and an order, in Chinese moves a meeting
    from the live board; a Khmer-reading participant keeps a slot free. Both sides of the moved
    meeting get an email in their language."""
    forum = make_forum(slug="harbor", is_published=True)
    city = make_city("Nanning", zh_hans="南宁", th="หนานหนิง", km="ណាននីង")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "09:00"), end=at(14, "10:30")
    )
    block = services.set_up_block(None, session, slot_minutes=30, tables=2)
    first, second, third = block.slots.order_by("index")
    category = make_category(forum)
    company = make_approved_participant(
        category, name="សុខ ចាន់", name_latin="Sok Chan", language="km"
    )
    ministry = make_approved_participant(
        category, name="王伟", name_latin="Wang Wei", language="zh-hans"
    )
    buyer = make_approved_participant(
        category, name="สมชาย ใจดี", name_latin="Somchai Jaidee", language="th"
    )
    for person in (ministry, buyer):
        make_profile(person, OpportunitySpec("offer", products="rice"))
    with_ministry = services.accept(services.request_meeting(company, ministry), ministry)
    with_buyer = services.accept(services.request_meeting(company, buyer), buyer)
    services.book(with_ministry, second)
    OutboxEmail.objects.filter(kind=OutboxEmail.Kind.MEETINGS_CHANGED).delete()

    desk = make_organiser(forum, ForumRole.Role.REGISTRATION_DESK, username="desk2")
    orga = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(orga, live_server.url, desk, "/th/forums/harbor/orga/")
    orga.click("[data-entry=matchmaking]")
    orga.fill("form.deadlines input[name=answer_hours]", "48")
    orga.fill("form.deadlines input[name=remind_hours_before]", "6")
    orga.click("form.deadlines button")
    orga.wait_for_selector(".messages li")
    assert orga.inner_text(".messages li") == "บันทึกกำหนดเวลาตอบคำขอแล้ว"
    orga.select_option("form.order-form select[name=earlier]", str(with_ministry.pk))
    orga.select_option("form.order-form select[name=later]", str(with_buyer.pk))
    orga.click("form.order-form button")
    orga.wait_for_selector("ul.orders li[data-order]")
    assert orga.inner_text("ul.orders li[data-order]").startswith(
        "សុខ ចាន់ (Sok Chan) · 王伟 (Wang Wei) → សុខ ចាន់ (Sok Chan) · สมชาย ใจดี (Somchai Jaidee)"
    )
    orga.locator("#orders-title").scroll_into_view_if_needed()
    screenshot(orga, "matchmaking-orders-th-phone")
    assert orga.evaluate("document.documentElement.scrollWidth") <= 390

    orga.goto(f"{live_server.url}/zh-hans/forums/harbor/orga/matchmaking/")
    row = orga.locator(".board tr[data-attendance]")
    row.locator("summary").click()
    row.locator("select[name=slot]").select_option(str(third.pk))
    row.locator("form.move-form button").click()
    orga.wait_for_selector(".messages li")
    assert orga.inner_text(".messages li") == "洽谈已调整并固定；双方将收到邮件通知。"
    moved = Meeting.objects.get(request=with_ministry)
    assert (moved.slot, moved.pinned) == (third, True)
    orga.locator("#board-title").scroll_into_view_if_needed()
    screenshot(orga, "matchmaking-board-zh-hans-phone")
    assert orga.evaluate("document.documentElement.scrollWidth") <= 390
    emailed = OutboxEmail.objects.filter(kind=OutboxEmail.Kind.MEETINGS_CHANGED)
    assert sorted((e.participant.pk, e.language) for e in emailed) == sorted(
        [(company.pk, "km"), (ministry.pk, "zh-hans")]
    )

    khmer = browser.new_page(viewport={"width": 390, "height": 844})
    khmer.goto(f"{live_server.url}/km/forums/harbor/registration/{company.token}/")
    khmer.click("a[href$='/meetings/']")
    khmer.check(f"form.keep-free input[value='{first.pk}']")
    khmer.click("form.keep-free button")
    khmer.wait_for_selector(".messages li")
    assert khmer.inner_text(".messages li") == "ពេលទំនេររបស់អ្នកត្រូវបានរក្សាទុក។"
    assert list(company.blocked_slots.values_list("slot", flat=True)) == [first.pk]
    khmer.locator("#free-title").scroll_into_view_if_needed()
    screenshot(khmer, "matchmaking-free-slots-km-phone")
    assert khmer.evaluate("document.documentElement.scrollWidth") <= 390
