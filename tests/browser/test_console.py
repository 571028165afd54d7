"""The organiser console in Chromium: reached from the forum's home, the team invited from it."""

import re

import pytest
from django.core import mail

from infoharbor.core import tasks
from infoharbor.core.languages import NAME_LOCAL
from infoharbor.core.models import ForumRole
from tests.browser.conftest import screenshot
from tests.factories import make_forum, make_organiser

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "pw-for-tests-only"


def sign_in(page, base: str, user, then: str) -> None:
    page.goto(f"{base}/en/admin/login/?next={then}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_owner_invites_a_program_editor_who_reaches_the_timetable(
    live_server, transactional_db, browser
):
    forum = make_forum(slug="harbor", is_published=True)
    owner = make_organiser(forum, username="owner1")
    owner_page = browser.new_page()
    sign_in(owner_page, live_server.url, owner, "/th/forums/harbor/")
    owner_page.click("text=คอนโซลผู้จัดงาน")
    owner_page.wait_for_selector("h1:has-text('คอนโซลผู้จัดงาน')")
    screenshot(owner_page, "console-th")
    owner_page.click("[data-entry=team]")
    owner_page.fill("#id_email", "editor@example.org")
    owner_page.check("input[name=roles][value=program_editor]")
    owner_page.select_option("#id_language", "zh-hans")
    owner_page.click("button:has-text('ส่งคำเชิญ')")
    owner_page.wait_for_selector(".messages li")
    screenshot(owner_page, "team-th")

    tasks.run_pending()
    [email] = mail.outbox
    link = re.search(r"http://[^\s]+(/invitations/[\w-]+/)", email.body)
    assert link is not None
    assert "邀请" in email.subject

    invitee = browser.new_page(viewport={"width": 390, "height": 844})
    invitee.goto(f"{live_server.url}/zh-hans{link.group(1)}")
    invitee.fill("#id_password", "harbour-lights-42")
    invitee.fill("#id_password_again", "harbour-lights-42")
    invitee.click("button:has-text('接受邀请')")
    invitee.wait_for_selector("h1:has-text('组织者控制台')")
    screenshot(invitee, "console-zh-hans-phone")
    entries = invitee.eval_on_selector_all("[data-entry]", "els => els.map(e => e.dataset.entry)")
    assert entries == [
        "program",
        "timetable",
        "new_session",
        "releases",
        "desk",
        "matchmaking",
        "checkins",
        "projects",
        "protocol",
        "precedence",
        "interpretation",
        "room_layouts",
        "dashboard",
        "press_release",
        "report_draft",
    ]
    assert invitee.evaluate("document.documentElement.scrollWidth") <= 390
    invitee.click("[data-entry=timetable]")
    assert invitee.url.endswith("/zh-hans/forums/harbor/orga/timetable/")
    # An editor of translated text names each language as it names itself, within the phone.
    invitee.go_back()
    invitee.click("[data-entry=new_session]")
    invitee.wait_for_selector(".translated-field")
    labels = invitee.locator(".translated-field").first.locator(".translated-field__lang > span")
    assert labels.all_inner_texts() == [NAME_LOCAL[code] for code in forum.languages]
    assert invitee.evaluate("document.documentElement.scrollWidth") <= 390
    assert ForumRole.objects.get(user__username="editor@example.org").role == "program_editor"


def test_door_staff_console_in_khmer_offers_only_its_pages(live_server, transactional_db, page):
    forum = make_forum(slug="harbor", is_published=True)
    staff = make_organiser(forum, ForumRole.Role.DOOR_STAFF, username="door1")
    sign_in(page, live_server.url, staff, "/km/forums/harbor/")
    page.click("text=ផ្ទាំងគ្រប់គ្រងរបស់អ្នករៀបចំ")
    page.wait_for_selector("h1:has-text('ផ្ទាំងគ្រប់គ្រងរបស់អ្នករៀបចំ')")
    screenshot(page, "console-km-door-staff")
    entries = page.eval_on_selector_all("[data-entry]", "els => els.map(e => e.dataset.entry)")
    assert entries == [
        "program",
        "timetable",
        "releases",
        "desk",
        "matchmaking",
        "door",
        "checkins",
        "projects",
        "protocol",
        "precedence",
        "interpretation",
        "room_layouts",
        "dashboard",
        "report_draft",
    ]
