"""The timetable's move dialog in Chromium: the conflict shows before anything is saved."""

import pytest
from playwright.sync_api import expect

from infoharbor.core.models import ForumRole
from infoharbor.program.models import Session
from tests.browser.conftest import screenshot
from tests.browser.test_console import sign_in
from tests.factories import at, make_city, make_forum, make_organiser, make_room, make_session

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_move_dialog_shows_the_room_conflict_before_saving(live_server, transactional_db, page):
    forum = make_forum(slug="harbor", is_published=True, languages=["zh-hans", "en", "th"])
    nanning = make_city("Nanning")
    forum.cities.set([nanning])
    hall = make_room(forum, nanning, "Hall A")
    make_session(forum, nanning, title="Opening", room=hall, start=at(11, "09:00"))
    make_session(forum, nanning, title="Ports", start=at(11, "14:00"), slug="ports")
    editor = make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR, username="editor1")
    sign_in(page, live_server.url, editor, "/zh-hans/forums/harbor/orga/")
    page.click("[data-entry=timetable]")
    page.locator(".slot", has_text="Ports").locator("a[data-move]").click()
    dialog = page.locator("dialog[data-move-dialog]")
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
