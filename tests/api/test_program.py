"""The program's public JSON and export URLs, and organisers' session edits over tokens."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from icalendar import Calendar

from infoharbor.core import public_cache
from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.program import exporters
from infoharbor.program.models import Session
from infoharbor.program.queries import program_sessions
from tests.factories import (
    at,
    link_cities,
    make_api_token,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_person,
    make_platform,
    make_room,
    make_session,
    text,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def program(db) -> dict[str, Any]:
    """A published forum in Nanning and Beihai (three hours apart) with two sessions."""
    forum = make_forum(slug="caihf", acronym="caihf-2018")
    nanning = make_city("Nanning", zh_hans="南宁")
    beihai = make_city("Beihai", zh_hans="北海")
    forum.cities.set([nanning, beihai])
    link_cities(nanning, beihai, 180)
    hall = make_room(forum, nanning, "Main Hall")
    platform = make_platform(forum, "information-sharing")
    wang = make_person(forum, "王芳", "Wang Fang")
    opening = make_session(
        forum,
        nanning,
        slug="opening",
        kind="main_forum",
        title="Opening",
        start=at(12, "09:00"),
        end=at(12, "10:00"),
        room=hall,
        speakers=[wang],
    )
    opening.platforms.set([platform])
    visit = make_session(
        forum,
        beihai,
        slug="park-visit",
        kind="visit",
        title="Park visit",
        start=at(13, "14:00"),
        end=at(13, "16:00"),
    )
    return {"forum": forum, "hall": hall, "wang": wang, "opening": opening, "visit": visit}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def token_for(forum, role: str) -> str:
    return make_api_token(make_organiser(forum, role=role))


def post(client: Client, url: str, body: dict[str, Any], token: str | None = None):
    headers = bearer(token) if token else {}
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def patch(client: Client, url: str, body: dict[str, Any], token: str):
    return client.patch(
        url, json.dumps(body), content_type="application/json", headers=bearer(token)
    )


NEW_SESSION = {
    "slug": "port-forum",
    "kind": "sub_forum",
    "title": {"en": "Port forum", "zh-hans": "港口论坛"},
    "start": "2018-09-14T09:00:00+08:00",
    "end": "2018-09-14T11:00:00+08:00",
    "city": "beihai",
}


def test_sessions_list_exact(client, program):
    response = client.get("/api/v1/forums/caihf/sessions")
    assert response.status_code == 200
    venue = program["hall"].venue
    assert response.json() == [
        {
            "slug": "opening",
            "kind": "main_forum",
            "title": {"en": "Opening"},
            "description": {},
            "start": "2018-09-12T09:00:00+08:00",
            "end": "2018-09-12T10:00:00+08:00",
            "city": {"slug": "nanning", "name": {"en": "Nanning", "zh-hans": "南宁"}},
            "venue": {
                "slug": venue.name.data["en"].lower().replace(" ", "-"),
                "name": venue.name.data,
            },
            "room": {"slug": "main-hall", "name": {"en": "Main Hall"}},
            "parent": None,
            "language": "zh-hans",
            "interpretation": [],
            "platforms": ["information-sharing"],
            "speakers": [
                {
                    "person": program["wang"].public_id,
                    "name": "王芳",
                    "name_latin": "Wang Fang",
                    "role": "speaker",
                }
            ],
        },
        {
            "slug": "park-visit",
            "kind": "visit",
            "title": {"en": "Park visit"},
            "description": {},
            "start": "2018-09-13T14:00:00+08:00",
            "end": "2018-09-13T16:00:00+08:00",
            "city": {"slug": "beihai", "name": {"en": "Beihai", "zh-hans": "北海"}},
            "venue": None,
            "room": None,
            "parent": None,
            "language": "zh-hans",
            "interpretation": [],
            "platforms": [],
            "speakers": [],
        },
    ]


@pytest.mark.parametrize(
    "path",
    ["sessions", "schedule.ics", "schedule.xml", "schedule.json", "sessions/opening.ics"],
)
def test_public_urls_unpublished_forum_answer_404(client, program, path):
    program["forum"].is_published = False
    program["forum"].save()
    response = client.get(f"/api/v1/forums/caihf/{path}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_forum_calendar_whole_forum(client, program):
    response = client.get("/api/v1/forums/caihf/schedule.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="caihf.ics"'
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        "opening@caihf.infoharbor",
        "park-visit@caihf.infoharbor",
    ]
    # Without ?lang= the forum's default language (Chinese) comes first in the fallback chain.
    assert str(events[0]["URL"]) == "http://testserver/zh-hans/forums/caihf/sessions/opening/"


def test_forum_calendar_one_city_in_requested_language(client, program):
    response = client.get("/api/v1/forums/caihf/schedule.ics?city=beihai&lang=en")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="caihf-beihai.ics"'
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["park-visit@caihf.infoharbor"]
    assert str(events[0]["LOCATION"]) == "Beihai"
    assert str(events[0]["URL"]) == "http://testserver/en/forums/caihf/sessions/park-visit/"


def test_forum_calendar_unknown_city_or_language_names_the_field(client, program):
    response = client.get("/api/v1/forums/caihf/schedule.ics?city=guilin&lang=xx")
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"lang": ["The forum does not publish in “xx”; choose one of: zh-hans, en, th."]}
    }
    response = client.get("/api/v1/forums/caihf/schedule.ics?city=guilin")
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "city": [
                "No host city of this forum is called “guilin”; choose one of: nanning, beihai."
            ]
        }
    }


def test_session_calendar_holds_that_session(client, program):
    response = client.get("/api/v1/forums/caihf/sessions/park-visit.ics?lang=en")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="caihf-park-visit.ics"'
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Park visit"]
    assert client.get("/api/v1/forums/caihf/sessions/nothing.ics").status_code == 404


@pytest.mark.parametrize(
    ("path", "identifier", "content_type", "filename"),
    [
        (
            "schedule.xml",
            "frab-xml",
            "application/vnd.c3voc.schedule+xml; charset=utf-8",
            "caihf.xml",
        ),
        ("schedule.json", "frab-json", "application/json", "caihf.json"),
    ],
)
def test_frab_schedules_served_as_exported(
    client, program, path, identifier, content_type, filename
):
    response = client.get(f"/api/v1/forums/caihf/{path}?lang=en")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    forum = program["forum"]
    exporter = exporters.get(identifier, "http://testserver/")
    assert response.content == exporter.render(forum, program_sessions(forum), "en")


def test_create_session_without_token_is_401(client, program):
    response = post(client, "/api/v1/forums/caihf/sessions", NEW_SESSION)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}
    response = post(client, "/api/v1/forums/caihf/sessions", NEW_SESSION, "ih_not-a-token")
    assert response.status_code == 401
    assert not Session.objects.filter(slug="port-forum").exists()


def test_create_session_as_viewer_is_403(client, program):
    token = token_for(program["forum"], ForumRole.Role.VIEWER)
    response = post(client, "/api/v1/forums/caihf/sessions", NEW_SESSION, token)
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Your role at this forum does not allow changing its program."
    }
    assert not Session.objects.filter(slug="port-forum").exists()


def test_create_session_as_program_editor_is_201(client, program):
    editor = make_organiser(program["forum"], role=ForumRole.Role.PROGRAM_EDITOR)
    body = {
        **NEW_SESSION,
        "room": None,
        "parent": None,
        "platforms": ["information-sharing"],
        "speakers": [{"person": program["wang"].public_id, "role": "moderator"}],
    }
    response = post(client, "/api/v1/forums/caihf/sessions", body, make_api_token(editor))
    assert response.status_code == 201
    assert response.json() == {
        "slug": "port-forum",
        "kind": "sub_forum",
        "title": {"en": "Port forum", "zh-hans": "港口论坛"},
        "description": {},
        "start": "2018-09-14T09:00:00+08:00",
        "end": "2018-09-14T11:00:00+08:00",
        "city": {"slug": "beihai", "name": {"en": "Beihai", "zh-hans": "北海"}},
        "venue": None,
        "room": None,
        "parent": None,
        "language": "zh-hans",
        "interpretation": [],
        "platforms": ["information-sharing"],
        "speakers": [
            {
                "person": program["wang"].public_id,
                "name": "王芳",
                "name_latin": "Wang Fang",
                "role": "moderator",
            }
        ],
    }
    entry = AuditEntry.objects.get(action="session.created", object_repr="Port forum")
    assert entry.actor == editor
    assert entry.forum == program["forum"]


def test_create_session_naive_times_are_forum_time(client, program):
    token = token_for(program["forum"], ForumRole.Role.OWNER)
    body = {**NEW_SESSION, "start": "2018-09-14T09:00:00", "end": "2018-09-14T10:00:00"}
    response = post(client, "/api/v1/forums/caihf/sessions", body, token)
    assert response.status_code == 201
    assert Session.objects.get(slug="port-forum").start == at(14, "09:00")


def test_create_session_speaker_cannot_travel_in_time_is_422(client, program):
    token = token_for(program["forum"], ForumRole.Role.PROGRAM_EDITOR)
    body = {
        **NEW_SESSION,
        "start": "2018-09-12T11:00:00+08:00",
        "end": "2018-09-12T12:00:00+08:00",
        "speakers": [{"person": program["wang"].public_id}],
    }
    response = post(client, "/api/v1/forums/caihf/sessions", body, token)
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "__all__": [
                "王芳 (Wang Fang) cannot be at “Port forum” in Beihai (Sept. 12, 2018, 11 a.m.) "
                "and at “Opening” in Nanning (Sept. 12, 2018, 9 a.m.): travel between the two "
                "cities takes 180 minutes."
            ]
        }
    }
    assert not Session.objects.filter(slug="port-forum").exists()


def test_create_session_names_every_unknown_reference(client, program):
    token = token_for(program["forum"], ForumRole.Role.PROGRAM_EDITOR)
    body = {
        **NEW_SESSION,
        "city": "nanning",
        "room": "hall-z",
        "parent": "nothing",
        "platforms": ["information-sharing", "space"],
        "speakers": [{"person": "nobody"}],
    }
    response = post(client, "/api/v1/forums/caihf/sessions", body, token)
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "room": ["No room in Nanning is called “hall-z”; choose one of: main-hall."],
            "parent": ["No other session of this forum is called “nothing”."],
            "speakers": ["No person of this forum has the id “nobody”."],
            "platforms": ["No cooperation platform of this forum has the code “space”."],
        }
    }


def test_create_session_malformed_body_names_each_field(client, program):
    token = token_for(program["forum"], ForumRole.Role.PROGRAM_EDITOR)
    body = {k: v for k, v in NEW_SESSION.items() if k != "title"} | {"start": "soon"}
    response = post(client, "/api/v1/forums/caihf/sessions", body, token)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert sorted(detail) == ["start", "title"]
    assert detail["title"] == ["Field required"]


def test_create_session_invalid_kind_and_duplicate_slug_are_422(client, program):
    token = token_for(program["forum"], ForumRole.Role.PROGRAM_EDITOR)
    body = {**NEW_SESSION, "kind": "party"}
    response = post(client, "/api/v1/forums/caihf/sessions", body, token)
    assert response.status_code == 422
    assert response.json() == {"detail": {"kind": ["Value 'party' is not a valid choice."]}}
    response = post(
        client, "/api/v1/forums/caihf/sessions", {**NEW_SESSION, "slug": "opening"}, token
    )
    assert response.status_code == 422
    assert list(response.json()["detail"]) == ["__all__"]


def test_change_session_keeps_what_is_not_sent(client, program):
    token = token_for(program["forum"], ForumRole.Role.PROGRAM_EDITOR)
    response = patch(
        client,
        "/api/v1/forums/caihf/sessions/opening",
        {"title": {"en": "Opening ceremony"}, "end": "2018-09-12T10:30:00+08:00"},
        token,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == {"en": "Opening ceremony"}
    assert body["end"] == "2018-09-12T10:30:00+08:00"
    assert body["room"]["slug"] == "main-hall"
    assert [s["name_latin"] for s in body["speakers"]] == ["Wang Fang"]
    assert body["platforms"] == ["information-sharing"]


def test_change_session_in_another_forum_is_403(client, program):
    other = make_forum(slug="other-forum")
    city = make_city("Guilin")
    other.cities.set([city])
    theirs = make_session(other, city, slug="theirs", title="Theirs", start=at(12, "09:00"))
    token = token_for(program["forum"], ForumRole.Role.OWNER)
    url = "/api/v1/forums/other-forum/sessions/theirs"
    assert patch(client, url, {"title": {"en": "Mine now"}}, token).status_code == 403
    assert client.delete(url, headers=bearer(token)).status_code == 403
    assert (
        post(client, "/api/v1/forums/other-forum/sessions", NEW_SESSION, token).status_code == 403
    )
    theirs.refresh_from_db()
    assert theirs.title == text("Theirs")


def test_change_session_of_unpublished_forum_not_organised_is_404(client, program):
    hidden = make_forum(slug="hidden", is_published=False)
    token = token_for(program["forum"], ForumRole.Role.OWNER)
    response = post(client, "/api/v1/forums/hidden/sessions", NEW_SESSION, token)
    assert response.status_code == 404
    assert hidden.sessions.count() == 0


def test_change_unknown_session_is_404(client, program):
    token = token_for(program["forum"], ForumRole.Role.OWNER)
    response = patch(client, "/api/v1/forums/caihf/sessions/nothing", {"kind": "visit"}, token)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_delete_session_as_editor_removes_it_viewer_cannot(client, program):
    viewer = token_for(program["forum"], ForumRole.Role.VIEWER)
    editor = token_for(program["forum"], ForumRole.Role.PROGRAM_EDITOR)
    url = "/api/v1/forums/caihf/sessions/park-visit"
    assert client.delete(url, headers=bearer(viewer)).status_code == 403
    response = client.delete(url, headers=bearer(editor))
    assert response.status_code == 204
    assert response.content == b""
    assert list(Session.objects.filter(forum=program["forum"]).values_list("slug", flat=True)) == [
        "opening"
    ]
    assert (
        AuditEntry.objects.filter(action="session.deleted", object_repr="Park visit").count() == 1
    )


def test_errors_in_the_callers_language(client, program):
    response = client.get(
        "/api/v1/forums/caihf/schedule.ics?city=guilin", headers={"Accept-Language": "th"}
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"city": ["ฟอรัมนี้ไม่มีเมืองเจ้าภาพชื่อ “guilin” โปรดเลือกจาก: nanning, beihai"]}
    }


def test_change_session_null_for_a_required_field_names_it(client, program):
    token = token_for(program["forum"], ForumRole.Role.PROGRAM_EDITOR)
    body = {"start": None, "speakers": None, "room": None}
    response = patch(client, "/api/v1/forums/caihf/sessions/opening", body, token)
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "start": ["This field cannot be null."],
            "speakers": ["This field cannot be null."],
        }
    }
    assert Session.objects.get(slug="opening").room == program["hall"]


@pytest.mark.parametrize(
    "path",
    ["sessions", "schedule.ics", "schedule.xml", "schedule.json", "schedule.ics?city=beihai"],
)
def test_reads_take_the_same_queries_however_long_the_program(
    client, program, path, django_assert_num_queries
):
    for n in range(5):
        make_session(
            program["forum"],
            program["hall"].venue.city,
            slug=f"extra-{n}",
            room=program["hall"],
            start=at(15, f"{9 + n:02d}:00"),
            speakers=[make_person(program["forum"])],
        )
    # The forum, its schedule release, its sessions, their platforms and speakers; exports: the
    # forum's content version, the forum, its release, its sessions, their cities, the rooms,
    # the speakers (+1 for the forum's cities for ?city=).
    with django_assert_num_queries(5 if path == "sessions" else 8 if "city" in path else 7):
        assert client.get(f"/api/v1/forums/caihf/{path}").status_code == 200


def test_delete_session_with_registrations_is_409_with_the_count(client, program):
    guest = make_category(program["forum"], "guest", needs_approval=False)
    for _ in range(2):
        make_participant(guest, [program["visit"]])
    editor = token_for(program["forum"], ForumRole.Role.PROGRAM_EDITOR)

    response = client.delete("/api/v1/forums/caihf/sessions/park-visit", headers=bearer(editor))

    assert response.status_code == 409
    assert response.json() == {
        "detail": "“Park visit” has 2 registrations. Move them to other sessions or cancel "
        "them, then delete the session."
    }
    assert Session.objects.filter(slug="park-visit").exists()


@pytest.mark.parametrize(
    "path",
    [
        "schedule.ics",
        "schedule.ics?city=beihai",
        "schedule.xml",
        "schedule.json",
        "sessions/opening.ics",
    ],
)
def test_exports_answer_304_to_their_etag(client, program, path, django_assert_num_queries):
    first = client.get(f"/api/v1/forums/caihf/{path}")
    assert first.status_code == 200
    assert first["Cache-Control"] == public_cache.CACHE_CONTROL
    assert not first.cookies

    # The forum's content version, and nothing else.
    with django_assert_num_queries(1):
        again = client.get(f"/api/v1/forums/caihf/{path}", headers={"if-none-match": first["ETag"]})

    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])


def test_export_etag_changes_with_the_program(client, program):
    before = client.get("/api/v1/forums/caihf/schedule.xml")
    hall = program["hall"]
    hall.name = {"en": "Orchid Hall"}
    hall.save()

    after = client.get(
        "/api/v1/forums/caihf/schedule.xml", headers={"if-none-match": before["ETag"]}
    )

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert b"Orchid Hall" in after.content
