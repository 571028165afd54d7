"""The protocol office's pages, the ceremony's part of the session page and a participant's seat."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from infoharbor.protocol import queries, services
from infoharbor.protocol.models import Interpreter, SeatingPlan, SeatingTable
from tests.factories import make_organiser, make_session, text

pytestmark = pytest.mark.integration


def test_session_page_lists_what_was_signed_with_counts_and_totals(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    services.set_booths(None, session, ["en", "th"])
    with translation.override("th"):
        url = reverse("program:session", args=[forum.slug, session.slug])
    html = client.get(url).content.decode()
    assert html.count('<li data-reference="') == 3
    assert "ท่าเรืออัจฉริยะ 1" in html
    assert 'data-count="3"' in html
    assert "ลงนาม 3 โครงการ · รวม 60 ล้านหยวน" in html  # the registry's figures, in Thai
    assert 'data-language="th"' in html


def test_other_sessions_show_no_ceremony_section(client, ceremony):
    other = make_session(ceremony["forum"], ceremony["session"].city, kind="dialogue")
    html = client.get(reverse("program:session", args=[other.forum.slug, other.slug])).content
    assert b"signed-here" not in html


def test_run_sheet_reorder_returns_the_new_times(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    client.force_login(make_organiser(forum, role="protocol_officer"))
    url = reverse("protocol:run_sheet", args=[forum.slug, session.slug])
    page = client.get(url).content.decode()
    assert 'id="run-sheet-end" data-fits="yes">16:18<' in page
    third = ceremony["signings"][2]
    response = client.post(
        url, {"signing": third.pk, "position": 0}, headers={"X-Requested-With": "run-sheet"}
    )
    html = response.content.decode()
    assert html.index("Smart port 3") < html.index("Smart port 1")
    assert "15:40–15:51" in html


def test_viewers_cannot_reorder(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    client.force_login(make_organiser(forum, role="viewer"))
    url = reverse("protocol:run_sheet", args=[forum.slug, session.slug])
    assert client.get(url).status_code == 200
    assert (
        client.post(url, {"signing": ceremony["signings"][0].pk, "position": 1}).status_code == 403
    )


def test_stage_shows_the_parties_flags(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    client.force_login(make_organiser(forum))
    signing = ceremony["signings"][0]  # Li Ming (China) hosts Somchai (Thailand)
    url = reverse("protocol:stage_svg", args=[forum.slug, session.slug, signing.pk])
    svg = client.get(url).content.decode()
    # A flag on its stand behind each signatory and a desk flag on the table.
    assert svg.count('data-country="CN"') == 2
    assert svg.count('data-country="TH"') == 2
    assert 'href="data:image/svg+xml;base64,' in svg


def test_run_sheet_pdfs_are_served(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    client.force_login(make_organiser(forum))
    for name in ["run_sheet_pdf", "announcements_pdf", "name_cards_pdf"]:
        response = client.get(
            reverse(f"protocol:{name}", args=[forum.slug, session.slug]) + "?lang=th"
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_precedence_page_explains_the_order(client, ceremony):
    forum = ceremony["forum"]
    people = ceremony["people"]
    rank = forum.ranks.create(code="chair", name=text("company chair"), order=1)
    for person in people[:2]:
        services.set_dignitary(None, person, rank)
    client.force_login(make_organiser(forum))
    html = client.get(reverse("protocol:precedence", args=[forum.slug])).content.decode()
    assert (
        "company chair of China before company chair of Thailand: "
        "country names in English alphabetical order" in html
    )


def test_participant_finds_their_seat(client, ceremony):
    forum = ceremony["forum"]
    person = ceremony["people"][0]
    plan = SeatingPlan.objects.create(forum=forum, name=text("Banquet"))
    SeatingTable.objects.create(plan=plan, label="A", shape="round", seats=8, x=5, y=5)
    services.compute_seating(None, plan, ceremony["people"])
    participant = person.registrations.get()
    manage = client.get(reverse("registration:manage", args=[forum.slug, participant.token]))
    html = manage.content.decode()
    assert 'data-table="A"' in html
    seat = reverse("protocol:my_seat", args=[forum.slug, participant.token, plan.public_id])
    page = client.get(seat).content.decode()
    assert 'class="seat taken mine"' in page
    assert client.get(seat.replace(participant.token, "x" * 32)).status_code == 404


def test_the_private_page_costs_the_same_queries_with_a_seat_as_without(
    client, ceremony, django_assert_num_queries
):
    forum = ceremony["forum"]
    person = ceremony["people"][1]  # 李明: the name keeps its script on the page
    participant = person.registrations.get()
    manage = reverse("registration:manage", args=[forum.slug, participant.token])
    client.get(manage)  # what a process keeps (the registration offer) is read from here on
    with CaptureQueriesContext(connection) as without:
        assert "my-seats" not in client.get(manage).content.decode()
    plan = SeatingPlan.objects.create(
        forum=forum, name=text("Signing ceremony seating"), session=ceremony["session"]
    )
    SeatingTable.objects.create(plan=plan, label="A", shape="round", seats=8, x=5, y=5)
    services.compute_seating(None, plan, [person])

    with django_assert_num_queries(len(without.captured_queries)):
        html = client.get(manage).content.decode()

    seat = plan.assignments.get(person=person)
    where = reverse("protocol:my_seat", args=[forum.slug, participant.token, plan.public_id])
    assert "李明" in html
    assert (
        f'<li class="my-seat" data-table="A" data-seat="{seat.number}">'
        "<strong>Signing ceremony seating</strong> · Signing ceremony<br>"
    ) in html
    assert f'Table A, seat {seat.number}</span>\n<a href="{where}">Show on the plan</a>' in html


def test_a_seat_on_the_private_page_reads_only_the_columns_it_shows(ceremony):
    person = ceremony["people"][0]
    plan = SeatingPlan.objects.create(forum=ceremony["forum"], name=text("Banquet"))
    SeatingTable.objects.create(plan=plan, label="A", shape="round", seats=8, x=5, y=5)
    services.compute_seating(None, plan, [person])

    with CaptureQueriesContext(connection) as read:
        (seat,) = queries.seats_of(person.pk)
        shown = (seat.plan.name, seat.plan.public_id, seat.plan.session, seat.table.label)

    assert shown == (plan.name, plan.public_id, None, "A")
    (sql,) = [q["sql"] for q in read.captured_queries]
    assert '"protocol_seatingplan"."width"' not in sql
    assert '"protocol_seatingtable"."x"' not in sql


def test_officer_fixes_a_seat_and_the_plan_is_recomputed_around_it(client, ceremony):
    forum = ceremony["forum"]
    people = ceremony["people"]
    plan = SeatingPlan.objects.create(forum=forum, name=text("Banquet"))
    table = SeatingTable.objects.create(plan=plan, label="A", shape="round", seats=8, x=5, y=5)
    services.compute_seating(None, plan, people)
    client.force_login(make_organiser(forum, role="protocol_officer"))
    url = reverse("protocol:seating", args=[forum.slug, plan.public_id])
    response = client.post(
        url, {"action": "fix", "person": people[5].pk, "table": table.pk, "number": 1}
    )
    assert response.status_code == 302
    seat = plan.assignments.get(person=people[5])
    assert (seat.number, seat.fixed) == (1, True)
    assert plan.assignments.count() == 6
    assert 'data-seat="A-1"' in client.get(url).content.decode()


def test_officer_assigns_interpreters_from_the_page(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    services.set_booths(None, session, ["en"])
    Interpreter.objects.create(forum=forum, person=ceremony["people"][1], pairs=[["zh-hans", "en"]])
    client.force_login(make_organiser(forum, role="protocol_officer"))
    url = reverse("protocol:interpretation", args=[forum.slug])
    html = client.post(url).content.decode()
    assert "1 interpreter lacking" in html
    assert "李明 (Li Ming)" in html


def test_officer_removes_a_signing_and_reorders_ranks(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    client.force_login(make_organiser(forum, role="protocol_officer"))
    url = reverse("protocol:run_sheet", args=[forum.slug, session.slug])
    first = ceremony["signings"][0]
    html = client.post(
        url, {"signing": first.pk, "remove": "1"}, headers={"X-Requested-With": "run-sheet"}
    ).content.decode()
    assert html.count('<tr class="signing"') == 2
    assert 'data-fits="yes">16:07<' in html
    forum.ranks.create(code="minister", name=text("minister"), order=0)
    chair = forum.ranks.create(code="chair", name=text("chair"), order=1)
    precedence = reverse("protocol:precedence", args=[forum.slug])
    assert client.post(precedence, {"rank": chair.pk, "position": 0}).status_code == 302
    assert list(forum.ranks.values_list("code", flat=True)) == ["chair", "minister"]


def test_officer_puts_an_interpreter_in_a_booth_by_hand(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    booth = services.set_booths(None, session, ["en"])[0]
    person = ceremony["people"][1]
    interpreter = Interpreter.objects.create(forum=forum, person=person, pairs=[["en", "zh-hans"]])
    other = make_session(forum, session.city, start=session.start, end=session.end, slug="other")
    other_booth = services.set_booths(None, other, ["en"])[0]
    client.force_login(make_organiser(forum, role="protocol_officer"))
    url = reverse("protocol:interpretation", args=[forum.slug])
    client.post(url, {"booth": booth.pk, "interpreter": interpreter.pk})
    assert list(booth.interpreters.all()) == [interpreter]
    page = client.post(url, {"booth": other_booth.pk, "interpreter": interpreter.pk}, follow=True)
    assert f"{person} is already in another booth at that time." in page.content.decode()
    assert list(other_booth.interpreters.all()) == []


def test_recompute_button_seats_the_plan_again(client, ceremony):
    forum = ceremony["forum"]
    plan = SeatingPlan.objects.create(forum=forum, name=text("Banquet"))
    SeatingTable.objects.create(plan=plan, label="A", shape="round", seats=8, x=5, y=5)
    services.compute_seating(None, plan, ceremony["people"])
    plan.assignments.all().delete()
    client.force_login(make_organiser(forum, role="protocol_officer"))
    url = reverse("protocol:seating", args=[forum.slug, plan.public_id])
    assert client.post(url, {"action": "compute"}).status_code == 302
    assert plan.assignments.count() == 6


def test_the_office_names_the_host_country_in_the_readers_language(client, ceremony):
    forum = ceremony["forum"]
    office = services.settings_of(forum)
    office.host_country = "CN"
    services.save_settings(None, office)
    client.force_login(make_organiser(forum, role="protocol_officer"))
    with translation.override("zh-hans"):
        url = reverse("protocol:index", args=[forum.slug])
    html = client.get(url).content.decode()
    assert "东道国：中国 ·" in html
