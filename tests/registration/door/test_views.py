"""The door page, its admission list and its sync, and the service worker's static file."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from infoharbor.core.models import ForumRole
from infoharbor.registration import services
from infoharbor.registration.badges import rendering as badges
from infoharbor.registration.door import queries as door_queries
from infoharbor.registration.models import CheckIn
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_door_staff,
    make_forum,
    make_organiser,
    make_session,
)

pytestmark = pytest.mark.integration

DOOR = "/en/forums/harbor/door/"
ADMISSIONS = "/en/forums/harbor/door/admissions/"
SYNC = "/en/forums/harbor/door/sync/"


@pytest.fixture
def forum(db):
    return make_forum(slug="harbor")


@pytest.fixture
def category(forum):
    return make_category(forum, code="delegate")


@pytest.fixture
def staff(forum):
    return make_door_staff(forum)


@pytest.fixture
def door_client(client, staff):
    client.force_login(staff)
    return client


def _queued(participant, **fields):
    scan = {
        "scan_id": "phone-1-0001",
        "door": "North",
        "code": badges.badge_token(participant),
        "session": "",
        "scanned_at": "2018-09-12T09:00:00+08:00",
        "allowed": True,
        "reason": "",
    }
    return scan | fields


def _sync(client, *scans):
    body = json.dumps({"scans": list(scans)})
    return client.post(SYNC, body, content_type="application/json")


def test_door_page_shows_no_answer_before_the_first_scan(door_client):
    page = door_client.get(DOOR).content.decode()
    assert '<div id="answer" class="answer" aria-live="assertive" hidden>' in page
    assert f'data-scope="{DOOR}"' in page
    assert 'data-worker="/static/registration/door-sw.js"' in page


def test_door_page_offers_every_session_of_the_forum_today_first(door_client, forum):
    now = timezone.localtime(timezone.now(), forum.tz).replace(second=0, microsecond=0)
    forum.end_date = now.date() + dt.timedelta(days=5)  # long enough to reach today
    forum.save()
    city = make_city()
    rehearsal = make_session(forum, city, start=at(11, "09:00"), title="Opening")
    today = make_session(forum, city, start=now, title="Today's talk")
    # Running today though it began yesterday (an exhibition over several days).
    exhibition = make_session(
        forum, city, start=now - dt.timedelta(days=1), end=now + dt.timedelta(days=2)
    )

    form = door_client.get(DOOR).context["form"]

    choices = [(str(value), label) for value, label in form.fields["session"].choices]
    assert [value for value, _ in choices] == ["", exhibition.slug, today.slug, rehearsal.slug]
    assert choices[2][1] == f"{now:%H:%M} Today's talk"
    assert choices[3][1] == "Sep 11, 2018 09:00 Opening"


def test_door_page_records_a_scan_once_for_its_scan_id(door_client, category):
    participant = make_approved_participant(category)
    posted = {"door": "North", "code": participant.badge_code, "scan_id": "page-42"}

    first = door_client.post(DOOR, posted, headers={"Accept": "application/json"}).json()
    again = door_client.post(DOOR, posted, headers={"Accept": "application/json"}).json()

    assert [(a["allowed"], a["repeated"], a["scan_id"]) for a in (first, again)] == [
        (True, False, "page-42"),
        (True, True, "page-42"),
    ]
    assert CheckIn.objects.count() == 1


def test_admission_list_is_for_door_staff_of_that_forum_only(client, forum, category):
    make_approved_participant(category)
    other_door = make_door_staff(make_forum(slug="other"))
    editor = make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR)

    assert client.get(ADMISSIONS).status_code == 302  # to the login page
    client.force_login(other_door)
    assert client.get(ADMISSIONS).status_code == 403
    client.force_login(editor)
    assert client.get(ADMISSIONS).status_code == 403
    assert client.post(SYNC, "{}", content_type="application/json").status_code == 403


def test_admission_list_answers_door_staff_without_keeping_it_in_caches(
    door_client, forum, category
):
    participant = make_approved_participant(category)
    response = door_client.get(ADMISSIONS)
    listed = response.json()
    assert (response.status_code, response["Cache-Control"]) == (200, "private, no-store")
    assert [entry["digest"] for entry in listed["people"]] == [
        door_queries.badge_digest(listed["salt"], participant.badge_code)
    ]
    assert listed["day"] == timezone.localdate(timezone=forum.tz).isoformat()


def test_admission_list_of_an_unknown_session_names_the_field(door_client):
    response = door_client.get(ADMISSIONS + "?session=nowhere")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["session"]


def test_sync_records_the_queue_and_flags_a_badge_revoked_meanwhile(door_client, category, staff):
    kept = make_approved_participant(category, name_latin="Kept")
    revoked = make_approved_participant(category, name_latin="Revoked")
    services.revoke_badge(None, revoked)

    response = _sync(
        door_client,
        _queued(revoked, scan_id="b", scanned_at="2018-09-12T09:05:00+08:00"),
        _queued(kept, scan_id="a", scanned_at="2018-09-12T09:00:00+08:00"),
    )

    results = response.json()["results"]
    assert [
        (r["scan_id"], r["allowed"], r["reason"], r["flagged"], r["participant"]["name_latin"])
        for r in results
    ] == [("a", True, "", False, "Kept"), ("b", False, "badge_revoked", True, "Revoked")]
    rows = CheckIn.objects.order_by("scanned_at").values_list(
        "scan_id", "scanned_at", "result", "offline_allowed", "scanned_by"
    )
    assert list(rows) == [
        ("a", at(12, "09:00"), "allowed", True, staff.pk),
        ("b", at(12, "09:05"), "refused", True, staff.pk),
    ]
    again = _sync(door_client, _queued(kept, scan_id="a")).json()["results"]
    assert [(r["repeated"], r["allowed"]) for r in again] == [(True, True)]
    assert CheckIn.objects.count() == 2


def test_sync_names_every_bad_field_and_records_nothing(door_client, category):
    participant = make_approved_participant(category)

    response = _sync(
        door_client,
        _queued(participant, scan_id="ok"),
        _queued(participant, scan_id="x", scanned_at="2018-09-12T09:00:00", session="nowhere"),
        _queued(participant, scan_id="y", allowed=False, reason=""),
        _queued(participant, scan_id="z", scanned_at="yesterday", reason="asleep"),
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "scans.1.session": ["No session of this forum has this slug."],
        "scans.1.scanned_at": ["Give the time with its UTC offset."],
        "scans.2.reason": ["A refusal needs its reason."],
        "scans.3.scanned_at": ["Give the time as ISO 8601 with its UTC offset."],
        "scans.3.reason": ["Select a valid choice. asleep is not one of the available choices."],
    }
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize("body", ["", "[]", '{"scans": []}', '{"scans": "x"}', "{oops"])
def test_sync_refuses_a_body_that_is_not_a_queue(door_client, body):
    response = door_client.post(SYNC, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": {"scans": ["Send between 1 and 500 scans as JSON."]}}


def test_service_worker_is_served_by_the_project_with_the_header_its_scope_needs(client):
    response = client.get("/static/registration/door-sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert (response["Service-Worker-Allowed"], response["Cache-Control"]) == ("/", "no-cache")
    script = client.get("/static/registration/door.js")
    assert "Service-Worker-Allowed" not in script


def test_check_ins_page_shows_organisers_what_the_doors_answered_offline(
    door_client, forum, category
):
    revoked = make_approved_participant(category)
    services.revoke_badge(None, revoked)
    kept = make_approved_participant(category)
    _sync(door_client, _queued(revoked, scan_id="a"), _queued(kept, scan_id="b"))
    door_client.force_login(make_organiser(forum, ForumRole.Role.VIEWER))

    page = door_client.get("/en/forums/harbor/orga/check-ins/?day=2018-09-12").content.decode()

    flag = '<strong class="flagged-scan">Let in with no connection, refused by the server</strong>'
    assert page.count(flag) == 1
    assert page.count(" · answered with no connection</td>") == 1


def test_sync_needs_the_pages_csrf_token(staff, category):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    participant = make_approved_participant(category)
    body = json.dumps({"scans": [_queued(participant)]})

    refused = client.post(SYNC, body, content_type="application/json")
    token = client.get(DOOR).context["csrf_token"]
    accepted = client.post(
        SYNC, body, content_type="application/json", headers={"X-CSRFToken": str(token)}
    )

    assert (refused.status_code, accepted.status_code) == (403, 200)
