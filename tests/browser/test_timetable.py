"""The timetable in Chromium: a move shows its conflict before saving; a release lists it."""

import pytest
from playwright.sync_api import expect

from infoharbor.core.models import ForumRole
from infoharbor.program import releases
from infoharbor.program.models import Session
from tests.browser.conftest import screenshot
from tests.browser.test_console import sign_in
from tests.factories import at, make_city, make_forum, make_organiser, make_room, make_session

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _move_dialog_of(page, title):
    """From the console, the timetable's move dialog of the session titled `title`. The click
    waits for the page's deferred script: before it runs, "Move" opens the move page instead
    (as it does without scripts), which a quick click reached now and then."""
    with page.expect_navigation(wait_until="load"):
        page.click("[data-entry=timetable]")
    page.locator(".slot", has_text=title).locator("a[data-move]").click()
    return page.locator("dialog[data-move-dialog]")


def test_move_dialog_shows_the_room_conflict_before_saving(live_server, transactional_db, page):
    forum = make_forum(slug="harbor", is_published=True, languages=["zh-hans", "en", "th"])
    nanning = make_city("Nanning")
    forum.cities.set([nanning])
    hall = make_room(forum, nanning, "Hall A")
    make_session(forum, nanning, title="Opening", room=hall, start=at(11, "09:00"))
    make_session(forum, nanning, title="Ports", start=at(11, "14:00"), slug="ports")
    editor = make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR, username="editor1")
    sign_in(page, live_server.url, editor, "/zh-hans/forums/harbor/orga/")
    dialog = _move_dialog_of(page, "Ports")
    expect(dialog).to_be_visible()
    dialog.locator("[name=room]").select_option(str(hall.pk))
    dialog.locator("[name=start]").fill("09:30")
    dialog.locator("[name=start]").dispatch_event("change")
    expect(dialog.locator("[data-move-problems] .errorlist li")).to_have_count(1)
    expect(dialog.locator("[data-move-problems]")).to_contain_text("Opening")
    screenshot(page, "timetable-move-conflict-zh-hans")
    assert Session.objects.get(slug="ports").start == at(11, "14:00")  # nothing saved yet

    dialog.locator("[name=start]").fill("10:00")
    dialog.locator("[name=start]").dispatch_event("change")
    expect(dialog.locator("[data-move-problems] .move__fine")).to_be_visible()
    dialog.locator("button[type=submit]:not([name=check])").click()
    expect(page.locator(".messages li")).to_contain_text("Ports")
    expect(page.locator("tr", has_text="10:00").locator(".slot", has_text="Ports")).to_be_visible()
    ports = Session.objects.get(slug="ports")
    assert (ports.start, ports.room) == (at(11, "10:00"), hall)


def test_release_lists_what_moved_and_the_public_program_follows(
    live_server, transactional_db, page, phone
):
    forum = make_forum(slug="harbor", is_published=True, languages=["zh-hans", "en", "th"])
    nanning = make_city("Nanning")
    forum.cities.set([nanning])
    hall = make_room(forum, nanning, "Hall A")
    make_session(forum, nanning, title="Ports", start=at(11, "14:00"), slug="ports")
    releases.release_schedule(None, forum, "1")
    editor = make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR, username="editor1")
    sign_in(page, live_server.url, editor, "/th/forums/harbor/orga/")
    dialog = _move_dialog_of(page, "Ports")
    dialog.locator("[name=room]").select_option(str(hall.pk))
    dialog.locator("[name=start]").fill("10:00")
    dialog.locator("button[type=submit]:not([name=check])").click()
    expect(page.locator(".messages li")).to_be_visible()

    page.click("nav.forum-nav a[href$='/program/']")  # work in progress: not public yet
    expect(page.locator("[data-slug=ports]").first).to_contain_text("14:00")
    page.click("nav.forum-nav a[href$='/orga/']")
    page.click("[data-entry=releases]")
    expect(page.locator("#pending-changes li[data-change=moved][data-slug=ports]")).to_be_visible()
    page.fill("#id_version", "2")
    page.fill("[name=note_th]", "ย้ายห้องประชุม")
    page.click("form.edit button[type=submit]")
    moved = page.locator("[data-version='2'] li[data-change=moved][data-slug=ports]")
    expect(moved).to_contain_text("14:00–15:00")
    expect(moved).to_contain_text("10:00–11:00")
    expect(page.locator("[data-version='2']")).to_contain_text("ย้ายห้องประชุม")
    screenshot(page, "schedule-changes-th")
    page.click("main a[href$='/program/']")
    expect(page.locator("[data-slug=ports]").first).to_contain_text("10:00")

    # A reader on a phone, in Khmer, from the forum's home to the changes.
    phone.goto(f"{live_server.url}/km/forums/harbor/")
    phone.click("nav.forum-nav a[href$='/program/']")
    phone.click("[data-link=changes]")
    expect(phone.locator("[data-version='2'] li[data-change=moved]")).to_contain_text("10:00")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "schedule-changes-km-phone")
