"""Schedule exports, validated against the formats' official schemas and parsed back exactly."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.utils import translation
from icalendar import Calendar
from jsonschema import Draft6Validator, FormatChecker
from lxml import etree

from infoharbor.program import exporters, kinds
from infoharbor.program.models import Session
from infoharbor.program.queries import program_sessions
from infoharbor.registration.exporters import agenda_calendar
from tests.conftest import shared_path
from tests.factories import (
    SHANGHAI,
    at,
    make_category,
    make_city,
    make_forum,
    make_participant,
    make_person,
    make_platform,
    make_room,
    make_session,
    text,
)

pytestmark = pytest.mark.integration

BASE = "http://testserver"


def render(identifier: str, forum, language: str = "en", sessions=None) -> bytes:
    exporter = exporters.get(identifier, BASE)
    return exporter.render(
        forum, sessions if sessions is not None else program_sessions(forum), language
    )


def frab_xml_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    xsd = shared_path("schemas", "frab-schedule", "schedule.xml.xsd")
    return etree.XMLSchema(etree.parse(str(xsd), parser))


def frab_json_validator() -> Draft6Validator:
    schema = json.loads(shared_path("schemas", "frab-schedule", "schema.json").read_text())
    Draft6Validator.check_schema(schema)
    return Draft6Validator(schema, format_checker=FormatChecker())


def parse_xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))


def events_of(data: bytes) -> list:
    calendar = Calendar.from_ical(data)
    for component in calendar.walk():
        assert component.errors == []
    return calendar.walk("VEVENT")


@pytest.fixture
def small_forum(db):
    """Two cities three hours apart, a room in Nanning, a Beihai visit without a room."""
    forum = make_forum(slug="small-forum", acronym="SF 2018", default_language="zh-hans")
    nanning = make_city("Nanning", zh_hans="南宁", th="หนานหนิง")
    nanning.latitude, nanning.longitude = 22.817, 108.366
    nanning.save()
    beihai = make_city("Beihai", zh_hans="北海")
    forum.cities.set([nanning, beihai])
    hall = make_room(forum, nanning, "Main Hall")
    speaker = make_person(forum, "王芳", "Wang Fang")
    platform = make_platform(forum, "information-sharing", "Information sharing")
    main = make_session(
        forum,
        nanning,
        slug="main-forum",
        kind="main_forum",
        title="Main forum",
        start=at(12, "09:00"),
        end=at(12, "12:00"),
        room=hall,
    )
    main.title = text("Main forum", zh_hans="主论坛", th="เวทีหลัก")
    main.description = text("Opening.\n\nThen keynotes.", zh_hans="开幕。\n\n然后主旨演讲。")
    main.save()
    main.platforms.set([platform])
    make_session(
        forum,
        nanning,
        slug="keynotes",
        kind="other",
        title="Keynotes",
        start=at(12, "09:30"),
        end=at(12, "10:30"),
        room=hall,
        parent=main,
        speakers=[speaker],
    )
    make_session(
        forum,
        beihai,
        slug="park",
        kind="visit",
        title="Park visit",
        start=at(13, "14:00"),
        end=at(13, "16:15"),
    )
    return forum


@pytest.mark.integration
def test_ics_seed_forum_every_event_has_uid_dtstamp_and_local_times(seed_forum):
    events = events_of(render("ics", seed_forum))
    assert len(events) == 27  # the seed's sessions.toml
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert event["DTSTAMP"].dt.utcoffset() == dt.timedelta(0)
        assert event.start.tzinfo == SHANGHAI
        assert event.end.tzinfo == SHANGHAI
    opening = next(e for e in events if str(e["UID"]) == "opening-ceremony@caihf-3.infoharbor")
    assert opening.start == dt.datetime(2018, 9, 13, 9, 0, tzinfo=SHANGHAI)
    assert opening.end == dt.datetime(2018, 9, 13, 9, 40, tzinfo=SHANGHAI)
    assert str(opening["SUMMARY"]) == "Opening ceremony"
    assert str(opening["RELATED-TO"]) == "main-forum@caihf-3.infoharbor"


@pytest.mark.integration
def test_ics_event_in_requested_language_with_place_and_link(small_forum):
    data = render("ics", small_forum, "th")
    calendar = Calendar.from_ical(data)
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Shanghai"]
    # Only the forum's days: no 1986–1991 daylight-saving rules.
    assert [(c.name, c["TZOFFSETTO"].td) for c in calendar.timezones[0].subcomponents] == [
        ("STANDARD", dt.timedelta(hours=8))
    ]
    assert str(calendar["X-WR-CALNAME"]) == small_forum.name.data["th"]
    event = next(e for e in events_of(data) if str(e["UID"]) == "main-forum@small-forum.infoharbor")
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.start == dt.datetime(2018, 9, 12, 9, 0, tzinfo=SHANGHAI)
    assert event.end == dt.datetime(2018, 9, 12, 12, 0, tzinfo=SHANGHAI)
    assert str(event["SUMMARY"]) == "เวทีหลัก"
    # No Thai description: English comes next in the default fallback order.
    assert str(event["DESCRIPTION"]) == "Opening.\n\nThen keynotes."
    venue = event["LOCATION"].split(", ")[1]
    assert str(event["LOCATION"]) == f"Main Hall, {venue}, หนานหนิง"
    assert str(event["URL"]) == "http://testserver/th/forums/small-forum/sessions/main-forum/"
    with translation.override("th"):
        assert event.categories == [str(kinds.MAIN_FORUM.label)]
    assert event["GEO"].latitude == 22.817
    assert event["GEO"].longitude == 108.366


@pytest.mark.integration
def test_ics_falls_back_in_the_forums_own_order(small_forum):
    small_forum.fallback_languages = ["zh-hans", "en"]
    small_forum.save()
    event = next(
        e
        for e in events_of(render("ics", small_forum, "th"))
        if str(e["UID"]) == "main-forum@small-forum.infoharbor"
    )
    assert str(event["DESCRIPTION"]) == "开幕。\n\n然后主旨演讲。"


@pytest.mark.integration
def test_ics_one_session_holds_one_event(small_forum):
    park = Session.objects.get(forum=small_forum, slug="park")
    events = events_of(render("ics", small_forum, "en", Session.objects.filter(pk=park.pk)))
    assert [str(e["UID"]) for e in events] == ["park@small-forum.infoharbor"]
    assert events[0].start == dt.datetime(2018, 9, 13, 14, 0, tzinfo=SHANGHAI)
    assert str(events[0]["LOCATION"]) == "Beihai"
    assert events[0].categories == ["visit"]
    assert "RELATED-TO" not in events[0]


@pytest.mark.integration
def test_frab_xml_seed_forum_validates_against_schema(seed_forum):
    schema = frab_xml_schema()
    for language in ("en", "zh-hans", "th"):
        document = parse_xml(render("frab-xml", seed_forum, language))
        assert schema.validate(document), schema.error_log
    events = document.findall("day/room/event")
    assert len(events) == 27
    assert document.findtext("conference/acronym") == "caihf_2018"
    assert len(document.findall("day")) == 8


@pytest.mark.integration
def test_frab_xml_small_forum_exact(small_forum):
    data = render("frab-xml", small_forum)
    document = parse_xml(data)
    assert frab_xml_schema().validate(document)
    assert document.findtext("conference/title") == small_forum.name.data["en"]
    assert document.findtext("conference/time_zone_name") == "Asia/Shanghai"
    assert [
        (t.get("name"), t.get("slug"), t.get("color")) for t in document.findall("conference/track")
    ] == [
        ("main forum", "main-forum", "#b91c1c"),
        ("other", "other", "#475569"),
        ("visit", "visit", "#4d7c0f"),
    ]
    days = document.findall("day")
    assert [(d.get("index"), d.get("date"), d.get("start")) for d in days][:2] == [
        ("1", "2018-09-11", "2018-09-11T00:00:00+08:00"),
        ("2", "2018-09-12", "2018-09-12T00:00:00+08:00"),
    ]
    assert [r.get("name") for r in days[1].findall("room")] == ["Main Hall"]
    assert [r.get("name") for r in days[2].findall("room")] == ["Beihai"]
    keynotes = days[1].find("room/event[slug='sf_2018-keynotes']")
    guid = uuid.uuid5(exporters.GUID_NAMESPACE, "small-forum/keynotes")
    assert keynotes.get("guid") == str(guid)
    assert keynotes.get("id") == str((guid.int >> 75) + 1)
    assert {child.tag: child.text for child in keynotes if len(child) == 0} == {
        "date": "2018-09-12T09:30:00+08:00",
        "start": "09:30",
        "duration": "01:00",
        "room": "Main Hall",
        "slug": "sf_2018-keynotes",
        "url": "http://testserver/en/forums/small-forum/sessions/keynotes/",
        "title": "Keynotes",
        "type": "other",
        "track": "other",
        "language": "zh-hans",
        "abstract": None,
    }
    person = keynotes.find("persons/person")
    assert person.text == "王芳 (Wang Fang)"
    assert [(link.get("href"), link.text) for link in keynotes.findall("links/link")] == [
        ("http://testserver/en/forums/small-forum/sessions/main-forum/", "Main forum"),
    ]
    main = days[1].find("room/event[slug='sf_2018-main-forum']")
    assert main.findtext("type") == "plenary"
    assert main.findtext("abstract") == "Opening."
    assert main.findtext("description") == "Opening.\n\nThen keynotes."
    park = days[2].find("room/event")
    assert park.findtext("duration") == "02:15"


@pytest.mark.integration
def test_frab_json_seed_forum_validates_against_schema(seed_forum):
    validator = frab_json_validator()
    for language in ("en", "zh-hans", "th"):
        data = json.loads(render("frab-json", seed_forum, language))
        assert list(validator.iter_errors(data)) == []
    days = data["schedule"]["conference"]["days"]
    assert sum(len(events) for day in days for events in day["rooms"].values()) == 27


@pytest.mark.integration
def test_frab_json_small_forum_exact(small_forum):
    data = json.loads(render("frab-json", small_forum, "zh-hans"))
    with translation.override("zh-hans"):
        visit_label = str(kinds.VISIT.label)
    assert list(frab_json_validator().iter_errors(data)) == []
    conference = data["schedule"]["conference"]
    assert conference["acronym"] == "sf_2018"
    assert conference["daysCount"] == 8
    assert conference["start"] == "2018-09-11"
    park = conference["days"][2]["rooms"]["北海"][0]
    guid = uuid.uuid5(exporters.GUID_NAMESPACE, "small-forum/park")
    assert park == {
        "guid": str(guid),
        "id": (guid.int >> 75) + 1,
        "date": "2018-09-13T14:00:00+08:00",
        "start": "14:00",
        "end": "2018-09-13T16:15:00+08:00",
        "duration": "02:15",
        "room": "北海",
        "slug": "sf_2018-park",
        "url": "http://testserver/zh-hans/forums/small-forum/sessions/park/",
        "title": "Park visit",
        "subtitle": None,
        "track": visit_label,
        "type": "visit",
        "language": "zh-hans",
        "abstract": "",
        "description": None,
        "persons": [],
        "links": [],
    }
    keynotes = conference["days"][1]["rooms"]["Main Hall"][1]
    person = keynotes["persons"][0]
    assert person["name"] == "王芳 (Wang Fang)"
    assert person["url"].startswith("http://testserver/zh-hans/forums/small-forum/speakers/")


@pytest.mark.integration
def test_frab_xml_empty_forum_still_validates(db):
    forum = make_forum(slug="ab", acronym="")
    document = parse_xml(render("frab-xml", forum))
    assert frab_xml_schema().validate(document)
    assert document.findtext("conference/acronym") == "ab__"


@pytest.mark.unit
def test_frab_slug_short_session_slug_is_lengthened():
    assert exporters.frab_slug("caihf_2018", "qa") == "caihf_2018-session-qa"
    assert exporters.frab_slug("caihf_2018", "Gala-") == "caihf_2018-gala"


@pytest.mark.unit
def test_registry_refuses_an_identifier_twice():
    with pytest.raises(ValueError, match="registered twice"):
        exporters.register(exporters.FrabXmlExporter)
    assert exporters.identifiers() == ["ics", "frab-xml", "frab-json"]


@pytest.mark.integration
def test_frab_rooms_of_the_same_name_are_told_apart_by_venue(db):
    forum = make_forum(slug="two-halls", acronym="twohalls")
    nanning = make_city("Nanning")
    forum.cities.set([nanning])
    first, second = make_room(forum, nanning, "Hall A"), make_room(forum, nanning, "Hall A")
    make_session(forum, nanning, slug="first", room=first, start=at(12, "09:00"))
    make_session(forum, nanning, slug="second", room=second, start=at(12, "09:00"))
    document = parse_xml(render("frab-xml", forum))
    assert frab_xml_schema().validate(document)
    assert [r.get("name") for r in document.findall("day/room")] == [
        f"Hall A ({first.venue.name})",
        f"Hall A ({second.venue.name})",
    ]


@pytest.mark.integration
def test_agenda_uids_equal_the_program_feeds_and_hold_no_token(small_forum):
    chosen = list(Session.objects.filter(forum=small_forum, slug__in=["main-forum", "park"]))
    participant = make_participant(make_category(small_forum, "guest"), chosen)

    agenda = events_of(agenda_calendar(participant, BASE))
    feed = {str(e["UID"]): e for e in events_of(render("ics", small_forum, "en"))}

    uids = [str(e["UID"]) for e in agenda]
    assert uids == ["main-forum@small-forum.infoharbor", "park@small-forum.infoharbor"]
    assert set(uids) <= set(feed)
    assert all(participant.token not in uid for uid in uids)
    for event in agenda:
        same = feed[str(event["UID"])]
        assert (event["DTSTART"].dt, event["SUMMARY"], event["DTSTAMP"].dt) == (
            same["DTSTART"].dt,
            same["SUMMARY"],
            same["DTSTAMP"].dt,
        )
        assert str(event["STATUS"]) == "CONFIRMED"
