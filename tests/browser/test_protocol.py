"""The protocol office in a browser: reordering a run sheet, finding one's seat on a phone, and
the Nanning ceremony's page listing what was signed there."""

import pytest
from playwright.sync_api import expect

from infoharbor.program.models import Session
from infoharbor.protocol import services
from infoharbor.protocol.models import SeatAssignment
from infoharbor.registration.models import Participant
from tests.browser.conftest import screenshot
from tests.factories import (
    at,
    make_city,
    make_forum,
    make_organiser,
    make_project,
    make_signing_session,
    text,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_officer_reorders_a_run_sheet_and_sees_the_end_time_update(
    page, live_server, transactional_db
):
    forum = make_forum(slug="harbor", default_language="en")
    session = make_signing_session(
        forum, make_city("Nanning"), start=at(13, "15:30"), end=at(13, "16:10"), slug="signing"
    )
    run_sheet = services.run_sheet_of(session)
    for n, minutes in enumerate([5, 10, 8], start=1):
        project = make_project(
            forum,
            reference=f"p-{n}",
            title=text(f"Project {n}"),
            signing_session=session,
            signed_on=session.start.date(),
        )
        services.add_signing(None, run_sheet, project, [], minutes=minutes)
    officer = make_organiser(forum, role="protocol_officer")
    url = "/en/forums/harbor/orga/protocol/run-sheets/signing/"
    page.goto(f"{live_server.url}/en/admin/login/?next={url}")
    page.fill("#id_username", officer.username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("input[type=submit]")
    page.wait_for_selector("#run-sheet-end")
    # 10 min opening, 6 + 11 + 9 minutes of signings, 5 min close: 16:11, past the 16:10 slot.
    assert page.inner_text("#run-sheet-end") == "16:11"
    assert page.get_attribute("#run-sheet-end", "data-fits") == "no"

    page.click("tr[data-reference=p-3] button.move-first")
    expect(page.locator("tr.signing").first).to_have_attribute("data-reference", "p-3")
    references = [
        row.get_attribute("data-reference") for row in page.query_selector_all("tr.signing")
    ]
    assert references == ["p-3", "p-1", "p-2"]
    times = page.locator("tr.signing td.time").all_inner_texts()
    assert times == ["15:40–15:49", "15:49–15:55", "15:55–16:06"]

    # The longest signing is cut to 5 minutes: the run sheet now ends inside its slot.
    row = page.locator("tr[data-reference=p-2]")
    row.locator("input[name=minutes]").fill("5")
    row.locator("form.timing button").click()
    page.wait_for_selector("#run-sheet-end[data-fits=yes]")
    assert page.inner_text("#run-sheet-end") == "16:06"
    screenshot(page, "protocol-run-sheet")
    assert [s.project.reference for s in run_sheet.signings.order_by("order")] == [
        "p-3",
        "p-1",
        "p-2",
    ]


def test_participant_finds_their_seat_on_a_phone(phone, live_server, live_seed_forum):
    plan = Session.objects.get(forum=live_seed_forum, slug="opening-ceremony").seating_plans.get()
    seat = (
        SeatAssignment.objects.filter(plan=plan, behind=False, person__registrations__isnull=False)
        .select_related("table", "person")
        .order_by("table__order", "number")
        .last()
    )
    participant = Participant.objects.get(person=seat.person)
    phone.goto(
        f"{live_server.url}/th/forums/{live_seed_forum.slug}/registration/{participant.token}/"
    )
    place = phone.locator(".my-seat .seat-place").inner_text()
    assert place == f"โต๊ะ {seat.table.label} ที่นั่ง {seat.number}"
    phone.click(".my-seat a")
    phone.wait_for_selector("svg.seating-plan")
    mine = phone.locator(".close-up circle.mine")
    assert mine.get_attribute("data-seat") == f"{seat.table.label}-{seat.number}"
    box = mine.bounding_box()
    assert box is not None and 0 <= box["x"] <= 390  # on the phone's screen, not off to the side
    screenshot(phone, "protocol-my-seat-th")


def test_nanning_ceremony_page_lists_its_35_projects(page, live_server, live_seed_forum):
    url = f"{live_server.url}/{{}}/forums/{live_seed_forum.slug}/sessions/guangxi-signing/"
    page.goto(url.format("th"))
    items = page.locator("ol.signed-projects > li")
    assert items.count() == 35
    assert page.get_attribute(".ceremony-figures", "data-count") == "35"
    assert page.inner_text(".ceremony-figures").startswith("ลงนาม 35 โครงการ")
    assert page.locator("section.interpretation-channels li").count() == 3
    page.locator("#signed-here").scroll_into_view_if_needed()
    screenshot(page, "protocol-nanning-ceremony-th")
    for language in ["zh-hans", "km"]:
        page.goto(url.format(language))
        assert page.locator("ol.signed-projects > li").count() == 35
        page.locator("#signed-here").scroll_into_view_if_needed()
        screenshot(page, f"protocol-nanning-ceremony-{language}")
