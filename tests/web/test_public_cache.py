"""Public pages as a CDN can keep them: no cookie, a strong ETag, Cache-Control, 304 answers,
and the next request after an edit shows the edit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from infoharbor.core.public_cache import CACHE_CONTROL
from infoharbor.program import releases, services
from infoharbor.program.models import Session
from tests.core.test_ratelimit import PRIVATE_PAGES
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_person,
    make_room,
)
from tests.factories import make_session as make_session_with_services
from tests.web.test_languages import PUBLIC_PAGES

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# The registration form posts, so it carries a CSRF cookie; the only public page that does.
CACHEABLE_PAGES = [page for page in PUBLIC_PAGES if page.name != "registration"]


@pytest.fixture
def small_program():
    forum = make_forum(slug="harbor")
    nanning = make_city("Nanning")
    forum.cities.set([nanning])
    hall = make_room(forum, nanning, "Main Hall")
    speaker = make_person(forum, "王芳", "Wang Fang")
    session = make_session_with_services(
        forum, nanning, slug="main-forum", title="Main forum", room=hall, speakers=[speaker]
    )
    return {"forum": forum, "hall": hall, "speaker": speaker, "session": session}


PROGRAM = "/en/forums/harbor/program/"
SESSION = "/en/forums/harbor/sessions/main-forum/"
EXPORTS = [f"/api/v1/forums/harbor/schedule.{kind}?lang=en" for kind in ("xml", "ics", "json")]


def _path(page, forum) -> str:
    with translation.override("en"):
        return page.path(forum)


@pytest.mark.slow
def test_public_pages_send_no_cookie_and_answer_304_to_their_etag(client, seed_forum):
    for page in CACHEABLE_PAGES:
        path = _path(page, seed_forum)
        response = client.get(path)
        assert (response.status_code, page.name) == (200, page.name)
        assert (response.cookies.output(), page.name) == ("", page.name)
        assert not response.has_header("Set-Cookie"), page.name
        assert response["Cache-Control"] == CACHE_CONTROL, page.name
        assert "cookie" not in response.get("Vary", "").lower(), page.name
        etag = response["ETag"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag), page.name

        again = client.get(path, headers={"if-none-match": etag})

        assert (again.status_code, again.content, again["ETag"]) == (304, b"", etag), page.name


def test_program_page_answers_304_without_reading_the_program(
    client, small_program, django_assert_num_queries
):
    etag = client.get(PROGRAM)["ETag"]

    # The forum's content version, and nothing else.
    with django_assert_num_queries(1):
        response = client.get(PROGRAM, headers={"if-none-match": etag})

    assert (response.status_code, response["ETag"]) == (304, etag)
    assert response["Cache-Control"] == CACHE_CONTROL


def test_session_page_answers_304_to_its_etag(client, small_program):
    first = client.get(SESSION)
    assert first.status_code == 200
    assert first["Cache-Control"] == CACHE_CONTROL

    again = client.get(SESSION, headers={"if-none-match": f'W/{first["ETag"]}, "other"'})

    assert (again.status_code, again["ETag"]) == (304, first["ETag"])


def test_program_page_ignores_unknown_parameters_in_its_kept_rendering(
    client, small_program, django_assert_num_queries
):
    plain = client.get(PROGRAM)

    # Only the content version: `?x=1` and an empty filter hit the plain page's rendering.
    with django_assert_num_queries(1):
        other = client.get(PROGRAM + "?x=1&kind=")

    assert (other.content, other["ETag"]) == (plain.content, plain["ETag"])
    assert "x=1" not in other.content.decode()


def test_program_page_keeps_one_rendering_per_filter(client, small_program):
    everything = client.get(PROGRAM)
    dialogues = client.get(PROGRAM + "?kind=dialogue")

    assert dialogues["ETag"] != everything["ETag"]
    assert 'data-slug="main-forum"' in everything.content.decode()
    assert 'data-slug="main-forum"' not in dialogues.content.decode()


def test_program_page_shows_a_session_edit_at_the_next_request(client, small_program):
    before = client.get(PROGRAM)
    session = Session.objects.get(slug="main-forum")
    session.title = {"en": "Opening plenary"}
    services.save_session(None, session)

    after = client.get(PROGRAM, headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Opening plenary" in after.content.decode()


def test_pages_show_a_renamed_room_at_the_next_request(client, small_program):
    before = {path: client.get(path) for path in (PROGRAM, SESSION)}
    hall = small_program["hall"]
    hall.name = {"en": "Orchid Hall"}
    hall.save()

    for path, old in before.items():
        new = client.get(path, headers={"if-none-match": old["ETag"]})
        assert (new.status_code, path) == (200, path)
        assert new["ETag"] != old["ETag"]
        assert "Orchid Hall" in new.content.decode(), path


def test_pages_show_a_renamed_speaker_at_the_next_request(client, small_program):
    before = {path: client.get(path) for path in (PROGRAM, SESSION)}
    speaker = small_program["speaker"]
    speaker.name = "王芳芳"
    speaker.save()

    for path, old in before.items():
        new = client.get(path, headers={"if-none-match": old["ETag"]})
        assert (new.status_code, path) == (200, path)
        assert new["ETag"] != old["ETag"]
        assert "王芳芳" in new.content.decode(), path


def test_registering_a_person_who_speaks_nowhere_keeps_the_content_version(small_program):
    forum = small_program["forum"]
    forum.refresh_from_db()
    version = forum.content_version

    make_person(forum, "新人", "Newcomer")

    forum.refresh_from_db()
    assert forum.content_version == version


def test_organisers_get_no_public_copy(client, small_program):
    client.force_login(make_organiser(small_program["forum"]))

    response = client.get(PROGRAM)

    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


def test_choosing_an_era_sets_the_cookie_on_a_private_answer(client, small_program):
    response = client.get("/th/forums/harbor/program/?era=buddhist")

    assert response.cookies["era"].value == "buddhist"
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_the_request_after_an_edit_reads_the_content_version_once(client, small_program):
    with CaptureQueriesContext(connection) as first:
        client.get(PROGRAM)
    hall = small_program["hall"]
    hall.name = {"en": "Orchid Hall"}
    hall.save()

    with CaptureQueriesContext(connection) as after_edit:
        response = client.get(PROGRAM)

    assert "Orchid Hall" in response.content.decode()
    assert len(after_edit.captured_queries) == len(first.captured_queries)


def test_released_pages_and_exports_send_their_etag_and_answer_304(client, small_program):
    releases.release_schedule(None, small_program["forum"], "1")

    for path in [PROGRAM, SESSION, *EXPORTS]:
        response = client.get(path)
        assert (response.status_code, path) == (200, path)
        assert response["Cache-Control"] == CACHE_CONTROL, path
        assert not response.has_header("Set-Cookie"), path
        etag = response["ETag"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag), path

        again = client.get(path, headers={"if-none-match": etag})

        assert (again.status_code, again["ETag"]) == (304, etag), path


def _hours(session: Session) -> str:
    tz = session.forum.tz
    return f"{session.start.astimezone(tz):%H:%M}–{session.end.astimezone(tz):%H:%M}"


def test_a_moved_session_shows_on_the_public_side_at_the_request_after_the_next_release(
    client, small_program
):
    forum = small_program["forum"]
    releases.release_schedule(None, forum, "1")
    session = Session.objects.get(slug="main-forum")
    released = _hours(session)
    session.start += dt.timedelta(hours=5)
    session.end += dt.timedelta(hours=5)
    services.save_session(None, session)
    moved = _hours(session)

    held = client.get(PROGRAM)
    assert released in held.content.decode()
    assert moved not in held.content.decode()

    releases.release_schedule(None, forum, "2")
    shown = client.get(PROGRAM, headers={"if-none-match": held["ETag"]})

    assert shown.status_code == 200
    assert shown["ETag"] != held["ETag"]
    assert moved in shown.content.decode()
    assert released not in shown.content.decode()


def test_released_program_page_reads_the_same_queries_for_one_session_or_many(
    client, small_program
):
    forum = small_program["forum"]
    releases.release_schedule(None, forum, "1")
    with CaptureQueriesContext(connection) as one:
        client.get(PROGRAM)
    for n in range(5):
        make_session_with_services(
            forum,
            small_program["session"].city,
            slug=f"more-{n}",
            start=at(13, f"{9 + n:02d}:00"),
            room=small_program["hall"],
            speakers=[small_program["speaker"]],
        )
    releases.release_schedule(None, forum, "2")

    with CaptureQueriesContext(connection) as six:
        response = client.get(PROGRAM)

    assert response.content.decode().count('class="session"') == 6
    assert len(six.captured_queries) == len(one.captured_queries)


def test_pages_under_a_private_link_are_never_public(client):
    forum = make_forum()
    participant = make_approved_participant(make_category(forum))
    answered = {}
    for name, extra in PRIVATE_PAGES:
        if extra:
            continue
        response = client.get(reverse(name, args=[forum.slug, participant.token]))
        answered[name] = (response.status_code, response.get("Cache-Control"))
    assert answered == {
        "badges:badge": (200, "private, no-cache"),
        "matchmaking:agenda_ics": (200, "private, no-cache"),
        "matchmaking:agenda_pdf": (200, "private, no-cache"),
        "matchmaking:keep_free": (405, "private, no-cache"),
        "matchmaking:meetings": (200, "private, no-cache"),
        "matchmaking:profile": (200, "private, no-cache"),
        "registration:add_member": (404, "private, no-cache"),
        "registration:agenda": (200, "private, no-cache"),
        "registration:cancel": (405, "private, no-cache"),
        "registration:change_photo": (405, "private, no-cache"),
        "registration:change_sessions": (405, "private, no-cache"),
        "registration:info": (405, "private, no-cache"),
        "registration:manage": (200, "private, no-cache"),
        "registration:photo": (404, "private, no-cache"),
    }
