"""The session editor in Chromium: people found by part of a Chinese or Thai name."""

import pytest
from playwright.sync_api import expect

from infoharbor.core.models import ForumRole
from infoharbor.program.models import Session
from tests.browser.conftest import screenshot
from tests.browser.test_console import sign_in
from tests.factories import (
    at,
    make_city,
    make_forum,
    make_organiser,
    make_organization,
    make_person,
    make_room,
    make_session,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def harbor(transactional_db):
    forum = make_forum(slug="harbor", is_published=True, languages=["zh-hans", "en", "th"])
    nanning = make_city("Nanning")
    forum.cities.set([nanning])
    room = make_room(forum, nanning, "Hall A")
    # Many people with the same family name, so two characters must do the finding.
    for n in range(30):
        make_person(forum, f"欧阳{n}", f"Ouyang {n}")
    ouyang = make_person(forum, "欧阳明月", "Ouyang Mingyue")
    somchai = make_person(forum, "สมชาย ศรีสวัสดิ์", "Somchai Srisawat")
    make_organization(forum, "广西大学", short_name="GXU")
    session = make_session(
        forum, nanning, title="Smart ports", room=room, start=at(11, "09:00"), slug="smart-ports"
    )
    return forum, session, ouyang, somchai


def pick(page, row: int, typed: str, label: str) -> None:
    page.click("[data-add-row=speakers]")
    box = page.locator(f"#id_speakers-{row}-person")
    box.press_sequentially(typed, delay=50)
    page.locator(".picker__choices [role=option]", has_text=label).click()
    expect(box).to_have_value(label)


def test_program_editor_picks_speakers_by_two_chinese_and_two_thai_characters(
    live_server, harbor, page
):
    forum, session, ouyang, somchai = harbor
    editor = make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR, username="editor1")
    sign_in(page, live_server.url, editor, "/th/forums/harbor/orga/")
    page.click("[data-entry=timetable]")
    page.click("a:has-text('Smart ports')")
    expect(page.locator("h1")).to_have_text("Smart ports")

    pick(page, 0, "明月", "欧阳明月 (Ouyang Mingyue)")
    pick(page, 1, "สว", "สมชาย ศรีสวัสดิ์ (Somchai Srisawat)")
    page.click("[data-add-row=hosts]")
    page.locator("#id_hosts-0-organization").press_sequentially("广西", delay=50)
    page.locator(".picker__choices [role=option]", has_text="广西大学").click()
    page.check("input[name=interpretation][value=th]")
    expect(page.locator("label", has_text="อังกฤษ")).to_be_visible()  # English, named in Thai
    screenshot(page, "session-editor-th")
    page.click("form.edit > button[type=submit]")
    expect(page.locator(".messages li")).to_be_visible()

    session.refresh_from_db()
    assert [(s.person, s.role) for s in session.speakers.all()] == [
        (ouyang, "speaker"),
        (somchai, "speaker"),
    ]
    assert [str(o) for o in session.hosts.all()] == ["广西大学"]
    assert session.interpretation == ["th"]
    expect(page.locator("#id_speakers-1-person")).to_have_value("สมชาย ศรีสวัสดิ์ (Somchai Srisawat)")


def test_editor_in_chinese_shows_a_conflict_once_beside_the_speakers(live_server, harbor, page):
    forum, session, ouyang, _somchai = harbor
    make_session(
        forum,
        session.city,
        title="Port data",
        start=at(11, "09:30"),
        slug="port-data",
        speakers=[ouyang],
    )
    editor = make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR, username="editor2")
    sign_in(page, live_server.url, editor, "/zh-hans/forums/harbor/orga/")
    page.click("[data-entry=timetable]")
    page.click("a:has-text('Smart ports')")
    pick(page, 0, "明月", "欧阳明月 (Ouyang Mingyue)")
    page.click("form.edit > button[type=submit]")
    conflict = page.locator("text=欧阳明月 (Ouyang Mingyue) is already at")
    expect(conflict).to_have_count(0)  # in Chinese, and only once, under the speakers
    expect(page.locator("#speaker-conflicts li")).to_have_count(1)
    expect(page.locator(".errorlist li")).to_have_count(1)
    page.locator("#speaker-conflicts").scroll_into_view_if_needed()
    screenshot(page, "session-editor-zh-hans")
    assert not Session.objects.get(slug="smart-ports").speakers.exists()
