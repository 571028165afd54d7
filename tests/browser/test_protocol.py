"""The protocol office in a browser: reordering a run sheet, finding one's seat on a phone, and
the Nanning ceremony's page listing what was signed there."""

import pytest
from playwright.sync_api import expect

from infoharbor.program.models import Session
from infoharbor.protocol import services
from infoharbor.protocol.models import SeatAssignment, SeatingPlan, Signatory, Signing
from infoharbor.registration.models import Participant
from tests.browser.conftest import screenshot
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_organization,
    make_project,
    make_room,
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


def pick(page, name: str, typed: str, person) -> None:
    """Types part of a name into a person picker and takes the one offered."""
    box = page.locator(f"input[name={name}]")
    box.press_sequentially(typed, delay=30)
    page.locator(f"#id_{name}_choices [role=option]", has_text=str(person)).click()
    expect(box).to_have_value(str(person))


def _officer_forum():
    """A forum in Chinese, English, Thai and Khmer with a ceremony of three signings (parties
    from China, Thailand and Cambodia) and a banquet seated on its room's layout."""
    forum = make_forum(slug="harbor", languages=["zh-hans", "en", "th", "km"])
    city = make_city("Nanning", zh_hans="南宁", th="หนานหนิง")
    room = make_room(forum, city, "Banquet hall")
    session = make_signing_session(
        forum, city, start=at(13, "15:30"), end=at(13, "16:30"), slug="signing", room=room
    )
    category = make_category(forum)
    people = []
    for name, latin, country in [
        ("李明", "Li Ming", "CN"),
        ("สมชาย วงศ์สวัสดิ์", "Somchai Wongsawat", "TH"),
        ("សុខ វណ្ណា", "Sok Vanna", "KH"),
        ("王芳", "Wang Fang", "CN"),
    ]:
        organization = make_organization(forum, f"{latin} Group", country)
        person = make_approved_participant(
            category, name=name, name_latin=latin, country=country
        ).person
        person.organization = organization
        person.save()
        people.append(person)
    run_sheet = services.run_sheet_of(session)
    for n, guest in enumerate([1, 2, 3], start=1):
        project = make_project(
            forum,
            reference=f"p-{n}",
            title=text(f"Smart port {n}", zh_hans=f"智慧港口 {n}", th=f"ท่าเรืออัจฉริยะ {n}"),
            signing_session=session,
            signed_on=session.start.date(),
        )
        services.add_signing(
            None,
            run_sheet,
            project,
            [
                services.SignatorySpec(people[0]),
                services.SignatorySpec(people[guest], side=Signatory.Side.GUEST),
            ],
            minutes=5,
        )
    services.save_layout(
        None,
        room,
        16,
        12,
        [
            services.TableRow(None, "A", "head", 4, 8, 3, 0),
            services.TableRow(None, "1", "round", 6, 5, 8, 1),
            services.TableRow(None, "2", "round", 6, 11, 8, 2),
        ],
    )
    plan = services.save_plan(
        None, SeatingPlan(forum=forum, session=session, name=text("Banquet", th="งานเลี้ยง"))
    )
    services.compute_seating(None, plan, people)
    return forum, people, plan


def test_officer_edits_a_run_sheet_and_a_seating_plan_from_the_console(
    browser, live_server, transactional_db
):
    forum, people, plan = _officer_forum()
    officer = make_organiser(forum, role="protocol_officer")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmation before removing rows
    base = live_server.url
    page.goto(f"{base}/th/admin/login/?next=/th/forums/harbor/")
    page.fill("#id_username", officer.username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("input[type=submit]")
    page.click("text=คอนโซลผู้จัดงาน")
    page.click("[data-entry=protocol]")
    page.click("a[href$='/run-sheets/signing/']")
    # 10 min opening, three signings of 5 + 1, 5 min close: 16:03.
    expect(page.locator("#run-sheet-end")).to_have_text("16:03")

    # The third signing: a Khmer announcement, longer, and a witness from Cambodia.
    page.click("tr[data-reference=p-3] a.edit-link")
    page.fill("textarea[name=announcement_km]", "សូមអញ្ជើញភាគីទាំងពីរឡើងលើឆាក។")
    page.fill("input[name=minutes]", "8")
    page.click("[data-add-row=people]")
    pick(page, "people-2-person", "Sok", people[2])
    page.select_option("select[name=people-2-role]", "witness")
    # A mistake: the host added twice is named next to the row's person field.
    page.click("[data-add-row=people]")
    pick(page, "people-3-person", "李明", people[0])
    page.click("form.signing-edit button[type=submit]")
    error = page.locator(".people-row").nth(3).locator(".errorlist")
    expect(error).to_have_text("李明 (Li Ming) อยู่ในรายการสองครั้ง")
    error.scroll_into_view_if_needed()
    screenshot(page, "protocol-signing-error-th")
    page.locator(".people-row").nth(3).locator("input[name$=-DELETE]").check()
    page.click("form.signing-edit button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("บันทึกการลงนามแล้ว")
    signing = Signing.objects.get(project__reference="p-3")
    assert signing.announcement.data == {"km": "សូមអញ្ជើញភាគីទាំងពីរឡើងលើឆាក។"}
    assert [(s.person, s.role, s.side) for s in signing.signatories.all()] == [
        (people[0], "signatory", "host"),
        (people[3], "signatory", "guest"),
        (people[2], "witness", "host"),
    ]
    # Both signatories are Chinese: a flag on a stand and a desk flag each.
    assert page.locator(".stage-plan image.flag[data-country=CN]").count() == 4
    page.locator("svg.stage-plan").scroll_into_view_if_needed()
    screenshot(page, "protocol-signing-th")

    # Back on the run sheet: 8 + 1 minutes now; moved first, the times follow.
    page.click("a[href$='/run-sheets/signing/']")
    expect(page.locator("#run-sheet-end")).to_have_text("16:06")
    page.click("tr[data-reference=p-3] button.move-first")
    expect(page.locator("tr.signing").first).to_have_attribute("data-reference", "p-3")
    assert page.locator("tr.signing td.time").all_inner_texts() == [
        "15:40–15:49",
        "15:49–15:55",
        "15:55–16:01",
    ]
    page.locator("#run-sheet").scroll_into_view_if_needed()
    screenshot(page, "protocol-run-sheet-th")
    for language in ["zh-hans", "km"]:
        page.goto(f"{base}/{language}/forums/harbor/orga/protocol/run-sheets/signing/")
        expect(page.locator("tr.signing").first).to_have_attribute("data-reference", "p-3")
        page.locator("#run-sheet").scroll_into_view_if_needed()
        screenshot(page, f"protocol-run-sheet-{language}")

    # The banquet: the host and the Thai guest must not share a table.
    page.goto(f"{base}/th/forums/harbor/orga/")
    page.click("[data-entry=protocol]")
    page.click(f"a[href$='/seating/{plan.public_id}/']")
    head = {a.person_id for a in plan.assignments.filter(table__label="A")}
    assert {people[0].pk, people[1].pk} <= head  # four guests, four seats at the head table
    page.click("a.edit-plan")
    page.click("[data-add-row=rules]")
    page.select_option("select[name=rules-0-kind]", "apart")
    pick(page, "rules-0-person", "Li Ming", people[0])
    pick(page, "rules-0-other", "สมชาย", people[1])
    page.click("form.plan-edit button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("บันทึกผังที่นั่งแล้ว")
    page.click("button[name=action][value=compute]")
    expect(page.locator(".messages")).to_contain_text("4")
    seats = {a.person_id: a.table.label for a in plan.assignments.select_related("table")}
    assert seats[people[0].pk] != seats[people[1].pk]
    assert page.locator("svg.seating-plan circle.seat.taken").count() == 4
    screenshot(page, "protocol-seating-th")
    for language in ["zh-hans", "km"]:
        page.goto(f"{base}/{language}/forums/harbor/orga/protocol/seating/{plan.public_id}/")
        screenshot(page, f"protocol-seating-{language}")
    page.goto(f"{base}/km/forums/harbor/orga/protocol/seating/{plan.public_id}/edit/")
    screenshot(page, "protocol-edit-plan-km")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/km/forums/harbor/orga/protocol/run-sheets/signing/signings/{signing.pk}/")
    screenshot(page, "protocol-signing-km-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
