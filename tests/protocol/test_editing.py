"""The protocol officer's editing pages: ranks and tie rules, dignitaries, signings and their
signatories, room layouts, seating plans and their rules, interpreters in booths. Only
protocol officers and owners edit; every change is audited; errors sit next to their field."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from infoharbor.core.models import AuditEntry, Person
from infoharbor.protocol import services
from infoharbor.protocol.models import (
    Dignitary,
    Interpreter,
    ProtocolSettings,
    RoomLayout,
    SeatingPlan,
    SeatingRule,
    SeatingTable,
)
from tests.factories import make_organiser, make_project, make_rank, make_room, make_session, text

pytestmark = pytest.mark.integration


def _rows(prefix, rows, initial=0):
    """POST data of a row editor (core.forms.RowFormSet) with `rows` as its forms."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            if isinstance(value, Person):  # a person picker: the name and its key, as typed
                data[f"{prefix}-{i}-{key}"] = str(value)
                data[f"{prefix}-{i}-{key}_key"] = value.public_id
            else:
                data[f"{prefix}-{i}-{key}"] = value
    return data


def _officer(client, forum, role="protocol_officer"):
    client.force_login(make_organiser(forum, role=role))


def test_only_protocol_officers_and_owners_open_the_editors(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    room = make_room(forum, session.city, "Hall")
    signing = ceremony["signings"][0]
    urls = [
        reverse("protocol:settings", args=[forum.slug]),
        reverse("protocol:ranks", args=[forum.slug]),
        reverse("protocol:dignitaries", args=[forum.slug]),
        reverse("protocol:signing", args=[forum.slug, session.slug, signing.pk]),
        reverse("protocol:new_plan", args=[forum.slug]),
        reverse("protocol:layout", args=[forum.slug, room.pk]),
        reverse("protocol:interpreters", args=[forum.slug]),
    ]
    for role, status in [("viewer", 403), ("program_editor", 403), ("owner", 200)]:
        _officer(client, forum, role)
        assert [client.get(url).status_code for url in urls] == [status] * len(urls), role
    _officer(client, forum)
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)


def test_tie_rules_are_edited_and_a_bad_value_is_named(client, ceremony):
    forum = ceremony["forum"]
    _officer(client, forum)
    url = reverse("protocol:settings", args=[forum.slug])
    data = {
        "host_country": "CN",
        "host_last": "on",
        "tie_break": "alphabet_fr",
        "guest_side": "left",
        "interpreter_minutes_per_day": "0",
    }
    html = client.post(url, data).content.decode()
    assert 'id="id_interpreter_minutes_per_day_error"' in html
    assert not ProtocolSettings.objects.filter(forum=forum).exists()
    data["interpreter_minutes_per_day"] = "300"
    assert client.post(url, data).status_code == 302
    saved = ProtocolSettings.objects.get(forum=forum)
    assert (saved.tie_break, saved.guest_side, saved.interpreter_minutes_per_day) == (
        "alphabet_fr",
        "left",
        300,
    )
    assert AuditEntry.objects.filter(action="protocol.settings_changed").count() == 1


def test_ranks_are_added_renamed_reordered_and_removed(client, ceremony):
    forum = ceremony["forum"]
    minister = make_rank(forum, "minister", 0, "minister")
    chair = make_rank(forum, "chair", 1, "company chair")
    mayor = make_rank(forum, "mayor", 2, "mayor")
    services.set_dignitary(None, ceremony["people"][0], chair)
    _officer(client, forum)
    url = reverse("protocol:ranks", args=[forum.slug])
    assert 'value="company chair"' in client.get(url).content.decode()
    rows = [
        {"rank": chair.pk, "code": "chair", "name_zh-hans": "企业董事长", "name_en": "chair"},
        {"rank": minister.pk, "code": "minister", "name_en": "minister"},
        {"rank": mayor.pk, "code": "mayor", "name_en": "mayor", "DELETE": "on"},
        {"code": "governor", "name_en": "governor"},
        {"code": "", "name_en": ""},  # a blank row added in the browser is ignored
    ]
    assert client.post(url, _rows("ranks", rows, initial=3)).status_code == 302
    ranks = list(forum.ranks.values_list("code", "order"))
    assert ranks == [("chair", 0), ("minister", 1), ("governor", 2)]
    assert forum.ranks.get(code="chair").name.data == {"zh-hans": "企业董事长", "en": "chair"}
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"rank.removed", "rank.created", "rank.changed"} <= actions


def test_a_rank_still_given_is_not_removed_and_the_row_says_why(client, ceremony):
    forum = ceremony["forum"]
    chair = make_rank(forum, "chair", 0, "company chair")
    services.set_dignitary(None, ceremony["people"][0], chair)
    _officer(client, forum)
    url = reverse("protocol:ranks", args=[forum.slug])
    rows = [{"rank": chair.pk, "code": "chair", "name_en": "company chair", "DELETE": "on"}]
    html = client.post(url, _rows("ranks", rows, initial=1)).content.decode()
    assert "“company chair” is still given to someone: give them another rank first." in html
    assert forum.ranks.count() == 1
    twice = [
        {"rank": chair.pk, "code": "chair", "name_en": "company chair"},
        {"code": "chair", "name_en": "again"},
    ]
    html = client.post(url, _rows("ranks", twice, initial=1)).content.decode()
    assert "Code “chair” is used twice." in html


def test_dignitaries_get_ranks_and_arrivals(client, ceremony):
    forum, people = ceremony["forum"], ceremony["people"]
    rank = make_rank(forum, "minister", 0, "minister")
    _officer(client, forum)
    url = reverse("protocol:dignitaries", args=[forum.slug])
    rows = [
        {"person": people[0], "rank": rank.pk, "arrived_at": "2018-09-12T18:30"},
        {"person": people[2], "rank": rank.pk, "arrived_at": ""},
    ]
    assert client.post(url, _rows("vips", rows)).status_code == 302
    held = {d.person_id: d for d in Dignitary.objects.filter(forum=forum)}
    assert set(held) == {people[0].pk, people[2].pk}
    assert held[people[2].pk].arrived_at is None
    twice = [{"person": people[0], "rank": rank.pk}, {"person": people[0], "rank": rank.pk}]
    html = client.post(url, _rows("vips", twice, initial=2)).content.decode()
    assert f"{people[0]} is listed twice." in html
    gone = [
        {"person": people[0], "rank": rank.pk, "DELETE": "on"},
        {"person": people[2], "rank": rank.pk},
    ]
    assert client.post(url, _rows("vips", gone, initial=2)).status_code == 302
    assert list(Dignitary.objects.values_list("person_id", flat=True)) == [people[2].pk]
    assert AuditEntry.objects.filter(action="dignitary.removed").count() == 1


def test_officer_edits_a_signing_its_announcements_and_signatories(client, ceremony):
    forum, session, people = ceremony["forum"], ceremony["session"], ceremony["people"]
    signing = ceremony["signings"][0]
    _officer(client, forum)
    url = reverse("protocol:signing", args=[forum.slug, session.slug, signing.pk])
    assert "<svg" in client.get(url).content.decode()  # the stage it makes
    data = {
        "minutes": "4",
        "exchange_minutes": "2",
        "announcement_th": "ขอเชิญผู้ลงนามขึ้นเวที",
        **_rows(
            "people",
            [
                {"person": people[1], "role": "signatory", "side": "host"},
                {"person": people[3], "role": "signatory", "side": "guest"},
                {"person": people[4], "role": "witness", "side": "host"},
                {"person": people[0], "role": "signatory", "side": "guest", "DELETE": "on"},
            ],
            initial=2,
        ),
    }
    assert client.post(url, data).status_code == 302
    signing.refresh_from_db()
    assert (signing.minutes, signing.exchange_minutes) == (4, 2)
    assert signing.announcement.data == {"th": "ขอเชิญผู้ลงนามขึ้นเวที"}
    assert services.announcement(signing, "th") == "ขอเชิญผู้ลงนามขึ้นเวที"
    assert [(s.person, s.role, s.side) for s in signing.signatories.all()] == [
        (people[1], "signatory", "host"),
        (people[3], "signatory", "guest"),
        (people[4], "witness", "host"),
    ]
    assert AuditEntry.objects.filter(action="signing.changed").count() == 1
    data["minutes"] = "0"
    html = client.post(url, data).content.decode()
    assert "errorlist" in html and 'name="minutes"' in html
    signing.refresh_from_db()
    assert signing.minutes == 4


def test_signing_editor_names_a_person_listed_twice(client, ceremony):
    forum, session, people = ceremony["forum"], ceremony["session"], ceremony["people"]
    signing = ceremony["signings"][0]
    _officer(client, forum)
    url = reverse("protocol:signing", args=[forum.slug, session.slug, signing.pk])
    rows = [
        {"person": people[1], "role": "signatory", "side": "host"},
        {"person": people[1], "role": "witness", "side": "host"},
    ]
    data = {"minutes": "2", "exchange_minutes": "1", **_rows("people", rows, initial=2)}
    html = client.post(url, data).content.decode()
    assert f"{people[1]} is listed twice." in html
    assert signing.signatories.count() == 2  # unchanged


def test_run_sheet_opening_close_and_a_new_signing(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    _officer(client, forum)
    url = reverse("protocol:run_sheet", args=[forum.slug, session.slug])
    data = {"action": "times", "times-opening_minutes": "5", "times-closing_minutes": "10"}
    assert client.post(url, data).status_code == 302
    sheet = ceremony["run_sheet"]
    sheet.refresh_from_db()
    assert (sheet.opening_minutes, sheet.closing_minutes) == (5, 10)
    project = make_project(forum, reference="NEW-1", title=text("Data centre"))
    add = {"action": "add", "add-project": project.pk, "add-minutes": "3"}
    add["add-exchange_minutes"] = "1"
    response = client.post(url, add)
    added = sheet.signings.get(project=project)
    assert response["Location"] == reverse(
        "protocol:signing", args=[forum.slug, session.slug, added.pk]
    )
    # Signed already: the project is no longer offered, and a forged post is refused by name.
    html = client.post(url, add).content.decode()
    assert "Select a valid choice" in html
    other = make_session(forum, session.city, kind="signing", slug="other-signing")
    elsewhere = make_project(
        forum, reference="NEW-2", signing_session=other, signed_on=other.start.date()
    )
    add["add-project"] = elsewhere.pk
    html = client.post(url, add).content.decode()
    assert "is already signed at" in html
    assert not sheet.signings.filter(project=elsewhere).exists()


def test_room_layout_is_edited_and_plans_start_from_it(client, ceremony):
    forum, session, people = ceremony["forum"], ceremony["session"], ceremony["people"]
    room = make_room(forum, session.city, "Banquet hall")
    _officer(client, forum)
    url = reverse("protocol:layout", args=[forum.slug, room.pk])
    tables = [
        {"label": "H", "shape": "head", "seats": "4", "x": "10", "y": "3", "order": "0"},
        {"label": "1", "shape": "round", "seats": "6", "x": "6", "y": "9", "order": "1"},
        {"label": "2", "shape": "round", "seats": "6", "x": "14", "y": "9", "order": "2"},
    ]
    data = {"width": "20", "depth": "14", **_rows("tables", tables)}
    assert client.post(url, data).status_code == 302
    layout = RoomLayout.objects.get(room=room)
    assert list(layout.tables.values_list("label", "seats")) == [("H", 4), ("1", 6), ("2", 6)]
    assert 'data-seat="2-6"' in client.get(url).content.decode()  # drawn
    # A plan in that room: the room's tables, with its own table "2" (a long one) in place of
    # the room's.
    new = reverse("protocol:new_plan", args=[forum.slug])
    plan_data = {
        "name_en": "Banquet",
        "room": room.pk,
        "width": "30",
        "depth": "20",
        "guests": [p.pk for p in people],
        **_rows(
            "tables",
            [{"label": "2", "shape": "long", "seats": "8", "x": "14", "y": "9", "order": "2"}],
        ),
        **_rows("rules", [{"kind": "apart", "person": people[0], "other": people[1]}]),
    }
    response = client.post(new, plan_data)
    plan = SeatingPlan.objects.get(forum=forum)
    assert response["Location"] == reverse("protocol:seating", args=[forum.slug, plan.public_id])
    assert [(t.label, t.shape, t.seats) for t in services.tables_of(plan)] == [
        ("H", "head", 4),
        ("1", "round", 6),
        ("2", "long", 8),
    ]
    assert plan.guests.count() == 6
    assert services.compute_seating(None, plan) == 6
    seat = {a.person_id: a.table_id for a in plan.assignments.all()}
    assert seat[people[0].pk] != seat[people[1].pk]
    # The room's layout changes: a smaller table loses the guests on its missing seats.
    tables[0]["table"] = layout.tables.get(label="H").pk
    tables[0]["seats"] = "2"
    rows = [{**tables[0]}, {**tables[1], "table": layout.tables.get(label="1").pk}]
    rows.append({**tables[2], "table": layout.tables.get(label="2").pk, "DELETE": "on"})
    assert client.post(url, {"width": "20", "depth": "14", **_rows("tables", rows, 3)}).status_code
    assert plan.assignments.filter(table__label="H", number__gt=2).count() == 0
    assert [t.label for t in services.tables_of(plan)] == ["H", "1", "2"]  # its own "2" stays
    assert AuditEntry.objects.filter(action="table.removed").count() == 1


def test_layout_errors_are_named_on_their_row(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    room = make_room(forum, session.city, "Hall")
    _officer(client, forum)
    url = reverse("protocol:layout", args=[forum.slug, room.pk])
    row = {"label": "A", "shape": "round", "seats": "8", "x": "3", "y": "3", "order": "0"}
    html = client.post(url, {"width": "20", "depth": "10", **_rows("tables", [row, row])})
    assert "Label “A” is used twice." in html.content.decode()
    bad = {**row, "seats": "0"}
    html = client.post(url, {"width": "0", "depth": "10", **_rows("tables", [bad])})
    assert html.content.decode().count('class="errorlist') >= 2  # width and seats
    assert not RoomLayout.objects.filter(room=room).exists()


def test_seating_rule_errors_keep_the_plan_unchanged(client, ceremony):
    forum, people = ceremony["forum"], ceremony["people"]
    plan = SeatingPlan.objects.create(forum=forum, name=text("Dinner"))
    SeatingTable.objects.create(plan=plan, label="A", shape="round", seats=8, x=5, y=5)
    _officer(client, forum)
    url = reverse("protocol:edit_plan", args=[forum.slug, plan.public_id])
    table = plan.own_tables.get()
    data = {
        "name_en": "Dinner, renamed",
        "width": "30",
        "depth": "20",
        **_rows(
            "tables",
            [
                {
                    "table": table.pk,
                    "label": "A",
                    "shape": "round",
                    "seats": "8",
                    "x": "5",
                    "y": "5",
                    "order": "0",
                }
            ],
            initial=1,
        ),
        **_rows("rules", [{"kind": "apart", "person": people[0], "other": people[0]}]),
    }
    html = client.post(url, data).content.decode()
    assert "A rule needs two different people." in html
    plan.refresh_from_db()
    assert str(plan.name) == "Dinner"
    data["rules-0-kind"] = SeatingRule.Kind.INTERPRETER
    data["rules-0-other"] = str(people[1])
    data["rules-0-other_key"] = people[1].public_id
    assert client.post(url, data).status_code == 302
    assert list(plan.rules.values_list("kind", "person", "other")) == [
        ("interpreter", people[0].pk, people[1].pk)
    ]
    remove = reverse("protocol:remove_plan", args=[forum.slug, plan.public_id])
    assert client.post(remove).status_code == 302
    assert not SeatingPlan.objects.filter(pk=plan.pk).exists()
    assert AuditEntry.objects.filter(action="seating_plan.removed").count() == 1


def test_officer_takes_an_interpreter_out_of_a_booth(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    booth = services.set_booths(None, session, ["en"])[0]
    interpreter = Interpreter.objects.create(
        forum=forum, person=ceremony["people"][1], pairs=[["en", "zh-hans"]]
    )
    services.assign_interpreter(None, booth, interpreter)
    _officer(client, forum)
    url = reverse("protocol:interpretation", args=[forum.slug])
    html = client.get(url).content.decode()
    assert 'data-confirm="Take this interpreter out of the booth?"' in html
    assert client.post(url, {"booth": booth.pk, "remove": interpreter.pk}).status_code == 302
    assert list(booth.interpreters.all()) == []
    assert client.post(url, {"booth": "x", "remove": "y"}).status_code == 400
    assert AuditEntry.objects.filter(action="interpreter.unassigned").count() == 1


def test_interpreters_and_booths_are_set_up_from_the_pages(client, ceremony):
    forum, session, people = ceremony["forum"], ceremony["session"], ceremony["people"]
    session.interpretation = ["en", "th"]
    session.save()
    _officer(client, forum)
    url = reverse("protocol:interpreters", args=[forum.slug])
    rows = [{"person": people[1], "pairs": "zh-hans/en, zh-hans/th"}]
    assert client.post(url, _rows("interpreters", rows)).status_code == 302
    interpreter = Interpreter.objects.get(forum=forum)
    assert interpreter.pairs == [["zh-hans", "en"], ["zh-hans", "th"]]
    assert 'value="zh-hans/en, zh-hans/th"' in client.get(url).content.decode()
    bad = [{"person": people[1], "pairs": "zh-hans/xx"}]
    html = client.post(url, _rows("interpreters", bad, initial=1)).content.decode()
    assert "“zh-hans/xx” is not a pair of two language codes, like zh-hans/en." in html
    booths = reverse("protocol:interpretation", args=[forum.slug])
    assert client.post(booths, {"session": session.pk}).status_code == 302
    assert list(session.booths.values_list("language", "channel")) == [("en", 1), ("th", 2)]
    gone = [{"person": people[1], "pairs": "zh-hans/en", "DELETE": "on"}]
    assert client.post(url, _rows("interpreters", gone, initial=1)).status_code == 302
    assert not Interpreter.objects.filter(forum=forum).exists()
    assert AuditEntry.objects.filter(action="interpreter.removed").count() == 1


def test_booths_name_their_languages_in_the_readers_language(client, ceremony):
    forum, session = ceremony["forum"], ceremony["session"]
    session.language = "zh-hans"
    session.save()
    services.set_booths(None, session, ["en", "th"])
    _officer(client, forum)

    with translation.override("th"):
        organiser = client.get(reverse("protocol:interpretation", args=[forum.slug]))
        public = client.get(reverse("program:session", args=[forum.slug, session.slug]))

    assert re.findall(r"<td>([^<]+ → [^<]+)</td>", organiser.content.decode()) == [
        "จีน (ตัวย่อ) → อังกฤษ",
        "จีน (ตัวย่อ) → ไทย",
    ]
    channels = re.findall(r'<li data-language="[\w-]+">([^<]+)</li>', public.content.decode())
    assert channels == ["ช่อง 1: อังกฤษ", "ช่อง 2: ไทย"]
