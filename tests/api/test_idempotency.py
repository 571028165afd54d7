"""Idempotency-Key on the API's creates: a retry after a lost answer gets the first answer."""

import datetime as dt
import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client
from django.utils import timezone

from infoharbor.api.models import IdempotencyKey
from infoharbor.program.models import Session
from infoharbor.registration.door.models import CheckIn
from infoharbor.registration.models import Participant
from tests.factories import (
    make_api_token,
    make_approved_participant,
    make_category,
    make_city,
    make_door_staff,
    make_forum,
    make_organiser,
)
from tests.registration.live import gunicorn

pytestmark = pytest.mark.integration

REGISTRATION = {
    "person": {"name": "Nguyễn Văn An", "email": "an@example.vn", "country": "VN"},
    "category": "guest",
}


@pytest.fixture
def forum(db):
    forum = make_forum(slug="harbor")
    make_category(forum, "guest")
    return forum


def _post(url, payload, key, **headers):
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return Client().post(url, json.dumps(payload), content_type="application/json", **headers)


def test_registration_retried_with_its_key_gets_the_first_answer(forum):
    url = "/api/v1/forums/harbor/registrations"
    first = _post(url, REGISTRATION, "retry-1")
    again = _post(url, REGISTRATION, "retry-1")
    assert first.status_code == 201
    assert (again.status_code, again.content) == (201, first.content)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "/registration/" in again.json()["link"]
    assert Participant.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


def test_registration_retried_without_a_key_is_already_registered(forum):
    url = "/api/v1/forums/harbor/registrations"
    assert _post(url, REGISTRATION, None).status_code == 201
    assert _post(url, REGISTRATION, None).status_code == 422
    assert IdempotencyKey.objects.count() == 0


def test_key_reused_with_a_different_body_is_refused(forum):
    url = "/api/v1/forums/harbor/registrations"
    assert _post(url, REGISTRATION, "k").status_code == 201
    other = {**REGISTRATION, "person": {"name": "Somchai", "email": "s@example.th"}}
    refused = _post(url, other, "k")
    assert (refused.status_code, refused.json()) == (
        422,
        {
            "detail": {
                "Idempotency-Key": [
                    "This Idempotency-Key was used for a different request: use a new key."
                ]
            }
        },
    )
    assert Participant.objects.count() == 1


def test_refused_create_keeps_no_answer_and_can_be_retried(forum):
    url = "/api/v1/forums/harbor/registrations"
    wrong = {**REGISTRATION, "category": "nobody"}
    assert _post(url, wrong, "k").status_code == 422
    assert IdempotencyKey.objects.count() == 0
    assert _post(url, wrong, "k").status_code == 422


def test_key_expires_after_a_day(forum):
    url = "/api/v1/forums/harbor/registrations"
    first = _post(url, REGISTRATION, "old")
    IdempotencyKey.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    again = _post(url, REGISTRATION, "old")
    assert (first.status_code, again.status_code) == (201, 422)
    assert IdempotencyKey.objects.count() == 0


def test_overlong_key_is_refused(forum):
    refused = _post("/api/v1/forums/harbor/registrations", REGISTRATION, "k" * 201)
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": {"Idempotency-Key": ["Give an Idempotency-Key of 1 to 200 characters."]}
    }
    assert Participant.objects.count() == 0


def test_session_create_retried_with_its_key_creates_one_session(forum):
    token = make_api_token(make_organiser(forum))
    forum.cities.add(make_city(name="Nanning"))
    payload = {
        "slug": "opening",
        "kind": "main_forum",
        "title": {"en": "Opening"},
        "start": "2018-09-12T09:00:00+08:00",
        "end": "2018-09-12T10:00:00+08:00",
        "city": "nanning",
    }
    url = "/api/v1/forums/harbor/sessions"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    first = _post(url, payload, "s-1", **auth)
    again = _post(url, payload, "s-1", **auth)
    assert first.status_code == 201, first.content
    assert (again.status_code, again.content) == (201, first.content)
    assert Session.objects.filter(forum=forum).count() == 1


def test_keys_of_different_tokens_do_not_meet(forum):
    door = make_door_staff(forum)
    other = make_door_staff(forum)
    participant = make_approved_participant(forum.categories.get())
    payload = {"code": participant.badge_code, "door": "hall A"}
    url = "/api/v1/forums/harbor/checkins"
    first = _post(url, payload, "scan", HTTP_AUTHORIZATION=f"Bearer {make_api_token(door)}")
    second = _post(url, payload, "scan", HTTP_AUTHORIZATION=f"Bearer {make_api_token(other)}")
    assert (first.status_code, second.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in second.headers
    assert CheckIn.objects.count() == 2
    assert IdempotencyKey.objects.count() == 2


def _post_live(url, payload, key):
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.concurrency
@pytest.mark.slow
@pytest.mark.xdist_group("live-server")
def test_concurrent_duplicates_with_one_key_register_once(transactional_db):
    forum = make_forum(slug="race")
    make_category(forum, "guest")
    clients = 12
    barrier = threading.Barrier(clients)

    def one(_n):
        barrier.wait()
        return _post_live(f"{base}/api/v1/forums/race/registrations", REGISTRATION, "once")

    with gunicorn(workers=2, threads=6) as base, ThreadPoolExecutor(clients) as pool:
        answers = list(pool.map(one, range(clients)))

    assert [status for status, _body in answers] == [201] * clients
    assert len({body for _status, body in answers}) == 1
    assert Participant.objects.filter(forum=forum).count() == 1
    assert IdempotencyKey.objects.count() == 1
