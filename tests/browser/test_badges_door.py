"""Download the badge from the private link, then check the person in at the door page."""

import subprocess

import pytest

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
