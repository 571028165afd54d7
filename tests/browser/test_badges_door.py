"""Download the badge from the private link, then check the person in at the door page; the
door with no connection, answering from its phone and sending its scans when the network is
back."""

import re
import subprocess

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from infoharbor.core import formatting
from infoharbor.registration import services
from infoharbor.registration.badges import rendering as badges
from infoharbor.registration.models import CheckIn
from tests.browser.conftest import screenshot
from tests.browser.test_console import sign_in
from tests.factories import make_approved_participant, make_category, make_door_staff, make_forum

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_download_badge_then_check_in_at_the_door(live_server, transactional_db, tmp_path, browser):
    forum = make_forum(slug="harbor", default_language="en")
    participant = make_approved_participant(
        make_category(forum, "delegate"), name="ប៊ុន សុខា", name_latin="Bun Sokha"
    )
    staff = make_door_staff(forum, username="door1")

    page = browser.new_page()
    page.goto(f"{live_server.url}/en/forums/harbor/registration/{participant.token}/")
    with page.expect_download() as download:
        page.click("text=Download my badge (PDF)")
    badge = tmp_path / "badge.pdf"
    download.value.save_as(badge)

    door = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    door.goto(f"{live_server.url}/en/admin/login/?next=/en/forums/harbor/door/")
    door.fill("#id_username", staff.username)
    door.fill("#id_password", "pw-for-tests-only")
    door.click("input[type=submit]")
    door.wait_for_selector("#scan")
    assert door.is_hidden("#answer")  # no answer before the first scan
    assert door.is_hidden("#camera")  # no BarcodeDetector in this Chromium: typing only
    door.fill("#id_door", "Main gate")
    door.fill("#id_code", participant.badge_code)
    door.press("#id_code", "Enter")
    door.wait_for_selector("#answer.yes")
    first = door.inner_text("#answer")
    door.fill("#id_code", participant.badge_code)
    door.press("#id_code", "Enter")
    door.wait_for_selector("#answer.no")
    second = door.inner_text("#answer")

    text = subprocess.run(["pdftotext", str(badge), "-"], capture_output=True, text=True).stdout
    assert "Bun Sokha" in text.splitlines()
    assert participant.badge_code in text.splitlines()
    assert first.split("\n")[:3] == ["YES", "Yes: come in", "ប៊ុន សុខា Bun Sokha"]
    assert second.split("\n")[:3] == ["NO", "already inside", "ប៊ុន សុខា Bun Sokha"]


@pytest.mark.parametrize("language", ["km", "th", "zh-hans"])
def test_door_admits_with_no_connection_and_sends_its_scans_when_the_network_is_back(
    live_server, transactional_db, phone, language
):
    forum = make_forum(slug="harbor", languages=["zh-hans", "en", "th", "km"])
    category = make_category(forum, "delegate")
    online = make_approved_participant(category, name="ប៊ុន សុខា", name_latin="Bun Sokha")
    offline = make_approved_participant(category, name="สมชาย ใจดี", name_latin="Somchai Jaidee")
    revoked = make_approved_participant(category, name="陈明", name_latin="Chen Ming")
    staff = make_door_staff(forum, username="door1")
    with translation.override(language):
        yes, no = translation.gettext("YES"), translation.gettext("NO")
        come_in = translation.gettext("Yes: come in")
        waiting = translation.gettext("Scans waiting to be sent: %%(count)s.").replace("%%", "%")
        ready = re.escape(
            translation.gettext(
                "Ready with no connection: %%(count)s badges kept on this phone, updated at "
                "%%(time)s."
            ).replace("%%", "%")
        )
        ready = ready.replace(re.escape("%(count)s"), "3").replace(
            re.escape("%(time)s"), r"\d{2}:\d{2}"
        )
        inside, unknown, revoked_reason = (
            str(CheckIn.Reason(reason).label)
            for reason in ("already_inside", "unknown_code", "badge_revoked")
        )
    page, context = phone, phone.context

    sign_in(page, live_server.url, staff, f"/{language}/forums/harbor/door/")
    page.wait_for_selector("#scan")
    expect(page.locator("#answer")).to_be_hidden()  # nothing scanned yet
    page.fill("#id_door", "Gate 1")
    # The page has kept the day's admission list: the status line says so, with the time written
    # as the server writes it (24-hour, Latin digits), not the browser's "10:38 AM".
    expect(page.locator("#door-status")).to_have_text(re.compile(ready))
    assert [worker.url for worker in context.service_workers] == [
        f"{live_server.url}/static/registration/door-sw.js"
    ]
    screenshot(page, f"door-{language}-ready")

    def check(code):
        page.fill("#id_code", code)
        page.press("#id_code", "Enter")

    check(online.badge_code)
    expect(page.locator("#answer .verdict")).to_have_text(yes)
    expect(page.locator("#answer .offline-note")).to_be_hidden()

    # Playwright's offline mode can reach a reloaded page a moment after its script has run, and it
    # never cuts the service worker's own requests (microsoft/playwright#2311): the sync is refused
    # at the route too, as a dropped network refuses it, so no scan reaches the server early.
    context.route("**/door/sync/", lambda route: route.abort("internetdisconnected"))
    context.set_offline(True)
    cut_at = timezone.now()
    expect(page.locator("#door-status")).to_have_class("door-status offline")
    check(badges.badge_token(offline))
    expect(page.locator("#answer")).to_have_class("answer yes")
    expect(page.locator("#answer .message")).to_have_text(come_in)
    expect(page.locator("#answer .name-latin")).to_have_text("Somchai Jaidee")
    expect(page.locator("#answer .offline-note")).to_be_visible()
    screenshot(page, f"door-{language}-offline-yes")
    check(offline.badge_code)
    expect(page.locator("#answer .message")).to_have_text(inside)
    check(revoked.badge_code)
    expect(page.locator("#answer .name-latin")).to_have_text("Chen Ming")
    expect(page.locator("#answer .verdict")).to_have_text(yes)
    check("made-up-code")
    expect(page.locator("#answer .verdict")).to_have_text(no)
    expect(page.locator("#answer .message")).to_have_text(unknown)
    assert CheckIn.objects.count() == 1  # only the scan made online has reached the server
    # The page opens again with no network (its service worker), its queue kept on the phone.
    page.reload()
    expect(page.locator("#door-status")).to_have_class("door-status offline")
    expect(page.locator("#door-status")).to_contain_text(waiting % {"count": 4})
    expect(page.locator("#answer")).to_be_hidden()
    services.revoke_badge(None, revoked)  # meanwhile, at the registration desk
    back_at = timezone.now()

    context.unroute("**/door/sync/")
    context.set_offline(False)
    expect(page.locator("#flagged")).to_be_visible()
    expect(page.locator("#flagged li")).to_have_count(1)
    expect(page.locator("#flagged li")).to_contain_text("Chen Ming")
    expect(page.locator("#flagged li")).to_contain_text(revoked_reason)
    expect(page.locator("#door-status")).not_to_have_class("door-status offline")
    screenshot(page, f"door-{language}-flagged")

    rows = list(CheckIn.objects.filter(scanned_at__gte=cut_at).order_by("scanned_at", "pk"))
    assert [
        (row.participant, row.door, row.result, row.reason, row.offline_allowed, row.flagged)
        for row in rows
    ] == [
        (offline, "Gate 1", "allowed", "", True, False),
        (offline, "Gate 1", "refused", "already_inside", False, False),
        (revoked, "Gate 1", "refused", "badge_revoked", True, True),
        (None, "Gate 1", "refused", "unknown_code", False, False),
    ]
    assert all(cut_at <= row.scanned_at <= back_at for row in rows)  # the phone's own times
    assert len({row.scan_id for row in rows}) == 4
    assert [row.scanned_by for row in rows] == [staff] * 4
    assert rows[3].scanned_code == "made-up-code"
    flagged_at = formatting.local_time(rows[2].scanned_at, forum.timezone)
    assert page.locator("#flagged li").inner_text().startswith(f"{flagged_at} · ")
    assert CheckIn.objects.count() == 5


def test_badges_scanned_one_straight_after_the_other_are_each_checked_in(
    live_server, transactional_db, phone
):
    # A hand scanner types the next badge while the last one is still being answered: the field
    # is emptied when a scan is sent, not when its answer comes, so nothing typed is wiped.
    forum = make_forum(slug="harbor", default_language="en")
    category = make_category(forum, "delegate")
    people = [
        make_approved_participant(category, name=name, name_latin=latin)
        for name, latin in [("ប៊ុន សុខា", "Bun Sokha"), ("陈明", "Chen Ming"), ("Lê Lan", "Le Lan")]
    ]
    staff = make_door_staff(forum, username="door1")
    sign_in(phone, live_server.url, staff, "/en/forums/harbor/door/")
    phone.wait_for_selector("#scan")
    phone.fill("#id_door", "Gate 2")
    for person in people:
        phone.fill("#id_code", person.badge_code)
        phone.press("#id_code", "Enter")
    expect(phone.locator("#answer .name-latin")).to_have_text("Le Lan")
    expect(phone.locator("#id_code")).to_have_value("")

    rows = CheckIn.objects.order_by("pk")
    assert [(row.participant, row.result) for row in rows] == [(p, "allowed") for p in people]
    assert len({row.scan_id for row in rows}) == 3
