"""Schedule releases: the public program, exports and feeds follow the released version."""

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from infoharbor.core import search
from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.program import releases, services
from infoharbor.program.models import ScheduleRelease
from infoharbor.program.queries import ProgramFilter, matching_sessions, program_items
from tests.factories import (
    at,
    make_city,
    make_forum,
    make_organiser,
    make_person,
    make_platform,
    make_room,
    make_session,
    text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def released():
    """A forum released as version 1 with two sessions, then edited."""
    forum = make_forum(slug="harbor")
    nanning = make_city("Nanning")
    forum.cities.set([nanning])
    hall, pier = make_room(forum, nanning, "Hall A"), make_room(forum, nanning, "Pier")
    opening = make_session(
        forum, nanning, title="Opening", room=hall, start=at(12, "09:00"), slug="opening"
    )
    ports = make_session(forum, nanning, title="Ports", start=at(12, "14:00"), slug="ports")
    releases.release_schedule(None, forum, "1", text("First release."))
    return forum, hall, pier, opening, ports


def public_slugs(forum):
    return [(item.slug, f"{item.start:%d %H:%M}") for item in program_items(forum)]


def test_work_in_progress_stays_off_the_public_program_until_released(released):
    forum, _hall, pier, _opening, ports = released
    services.move_session(None, ports, at(13, "10:00"), pier)
    make_session(forum, ports.city, title="Late addition", start=at(14, "09:00"), slug="late")
    assert public_slugs(type(forum).objects.get(pk=forum.pk)) == [
        ("opening", "12 09:00"),
        ("ports", "12 14:00"),
    ]
    releases.release_schedule(None, forum, "2")
    assert public_slugs(type(forum).objects.get(pk=forum.pk)) == [
        ("opening", "12 09:00"),
        ("ports", "13 10:00"),
        ("late", "14 09:00"),
    ]


def test_filtered_public_program_lists_each_session_once_where_the_release_placed_it(released):
    forum, _hall, pier, opening, ports = released
    maritime, trade = make_platform(forum, "maritime"), make_platform(forum, "trade")
    opening.platforms.set([maritime])
    ports.platforms.set([maritime, trade])
    services.move_session(None, ports, at(13, "10:00"), pier)  # not released

    def listed(**filters):
        items = program_items(forum, matching_sessions(forum, ProgramFilter(**filters)))
        return [(i.slug, f"{i.start:%d %H:%M}", i.room.name if i.room else None) for i in items]

    on_the_12th = [("opening", "12 09:00", "Hall A"), ("ports", "12 14:00", None)]
    assert listed(platform="maritime") == on_the_12th
    assert listed(platform="maritime", day=at(12, "00:00").date()) == on_the_12th
    assert listed(platform="trade", day=at(13, "00:00").date()) == []
    assert listed(platform="trade") == [("ports", "12 14:00", None)]


def test_change_list_names_what_moved_was_added_removed_and_changed(released):
    forum, _hall, pier, opening, ports = released
    services.move_session(None, ports, at(12, "15:00"), pier)
    opening.title = text("Opening ceremony")
    services.save_session(None, opening, speakers=[services.SpeakerSpec(make_person(forum))])
    make_session(forum, ports.city, title="Late addition", start=at(14, "09:00"), slug="late")
    release = releases.release_schedule(None, forum, "2", text("Ports moved."))
    assert [(c["change"], c["slug"], c.get("fields")) for c in release.changes] == [
        ("changed", "opening", ["title", "speakers"]),
        ("moved", "ports", []),
        ("added", "late", None),
    ]
    moved = release.changes[1]
    assert (moved["before"]["room"], moved["after"]["room"]) == (None, pier.pk)
    assert moved["after"]["start"] == "2018-09-12T07:00:00+00:00"  # UTC, as stored


def test_deleted_session_is_listed_as_removed_by_its_title(released):
    forum, *_rest, ports = released
    services.delete_session(None, ports)
    release = releases.release_schedule(None, forum, "2")
    assert [(c["change"], c["slug"], c["title"]) for c in release.changes] == [
        ("removed", "ports", {"en": "Ports"})
    ]


def test_release_refuses_a_version_used_and_a_release_of_nothing(released):
    forum, *_ = released
    with pytest.raises(ValidationError) as refused:
        releases.release_schedule(None, forum, "2")
    assert refused.value.message_dict == {"version": ["Nothing changed since version “1”."]}
    make_session(forum, forum.cities.get(), start=at(14, "09:00"))
    with pytest.raises(ValidationError) as refused:
        releases.release_schedule(None, forum, "1")
    assert refused.value.message_dict == {"version": ["Version “1” was released before."]}
    assert ScheduleRelease.objects.filter(forum=forum).count() == 1


def test_release_is_audited(released):
    forum, *_ = released
    entry = AuditEntry.objects.get(action="schedule.released")
    assert (entry.forum, entry.object_repr) == (forum, "1")


def test_frab_xml_carries_the_release_and_feeds_follow_it(client, released):
    forum, _hall, pier, _opening, ports = released
    services.move_session(None, ports, at(13, "10:00"), pier)
    xml = client.get("/api/v1/forums/harbor/schedule.xml").content
    root = etree.fromstring(xml)
    assert root.findtext("version") == "1"
    assert [e.findtext("date") for e in root.iter("event")] == [
        "2018-09-12T09:00:00+08:00",
        "2018-09-12T14:00:00+08:00",
    ]
    ics = client.get("/api/v1/forums/harbor/schedule.ics").content.decode()
    assert "DTSTART;TZID=Asia/Shanghai:20180912T140000" in ics
    releases.release_schedule(None, forum, "1.1")
    root = etree.fromstring(client.get("/api/v1/forums/harbor/schedule.xml").content)
    assert root.findtext("version") == "1.1"
    assert (
        "DTSTART;TZID=Asia/Shanghai:20180913T100000"
        in client.get("/api/v1/forums/harbor/schedule.ics").content.decode()
    )


def test_unreleased_session_page_is_404_and_program_etag_changes_on_release(client, released):
    forum, *_rest, ports = released
    make_session(forum, ports.city, title="Late", start=at(14, "09:00"), slug="late")
    assert client.get("/en/forums/harbor/sessions/late/").status_code == 404
    first = client.get("/en/forums/harbor/program/")
    assert (
        client.get("/en/forums/harbor/program/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )
    releases.release_schedule(None, forum, "2")
    again = client.get("/en/forums/harbor/program/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert 'data-slug="late"' in again.content.decode()
    assert client.get("/en/forums/harbor/sessions/late/").status_code == 200


def test_releases_page_previews_and_releases_for_editors_only(client, released):
    forum, _hall, pier, _opening, ports = released
    services.move_session(None, ports, at(12, "16:00"), pier)
    client.force_login(make_organiser(forum, ForumRole.Role.VIEWER))
    page = client.get("/en/forums/harbor/orga/releases/").content.decode()
    assert 'data-change="moved" data-slug="ports"' in page
    assert 'name="version"' not in page
    assert client.post("/en/forums/harbor/orga/releases/", {"version": "2"}).status_code == 403

    client.force_login(make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR))
    refused = client.post("/en/forums/harbor/orga/releases/", {"version": "1"})
    assert refused.content.decode().count("Version “1” was released before.") == 1
    done = client.post("/en/forums/harbor/orga/releases/", {"version": "2", "note_en": "Moved."})
    assert done.headers["Location"] == "/en/forums/harbor/program/changes/"
    changes = client.get("/en/forums/harbor/program/changes/").content.decode()
    assert changes.index('data-version="2"') < changes.index('data-version="1"')
    assert "Moved." in changes
    assert (
        "<del>September 12 14:00–15:00 · Nanning</del> → "
        "<ins>September 12 16:00–17:00 · Pier, Nanning</ins>"
    ) in changes


def test_search_finds_an_unreleased_session_only_once_released(released):
    forum, *_rest, ports = released
    make_session(forum, ports.city, title="Harbour lights", start=at(14, "09:00"), slug="lights")
    assert [hit.key for hit in search.search(forum, "harbour").hits] == []
    releases.release_schedule(None, forum, "2")
    assert [hit.key for hit in search.search(forum, "harbour").hits] == ["lights"]
