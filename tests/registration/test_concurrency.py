"""200 simultaneous registrations for a session with 50 seats, against a live server."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from infoharbor.registration.models import SessionCapacity, SessionChoice
from tests.factories import make_category, make_city, make_forum, make_session, set_capacity
from tests.registration.live import gunicorn, post_json

# One xdist worker runs both, one after the other: two live servers at once would only fight
# over the two cores and PostgreSQL's connection limit.
pytestmark = [pytest.mark.concurrency, pytest.mark.slow, pytest.mark.xdist_group("live-server")]

CLIENTS = 200
SEATS = 50


def _fire(base: str, forum_slug: str, session_slug: str) -> list[tuple[int, dict]]:
    """All requests start together (a barrier), each from its own thread."""
    barrier = threading.Barrier(CLIENTS)
    url = f"{base}/api/v1/forums/{forum_slug}/registrations"

    def one(n: int) -> tuple[int, dict]:
        payload = {
            "person": {"name": f"参会者 {n}", "email": f"c{n}-{session_slug}@example.org"},
            "category": "guest",
            "sessions": [session_slug],
        }
        barrier.wait()
        return post_json(url, payload)

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(one, range(CLIENTS)))


@pytest.fixture
def forum(transactional_db):
    forum = make_forum(slug="race")
    make_category(forum, "guest", needs_approval=False)
    return forum


def test_registrations_never_oversell_a_session_under_concurrent_requests(forum):
    session = make_session(forum, make_city(), slug="hundred-seats")
    set_capacity(session, SEATS)

    with gunicorn() as base:
        answers = _fire(base, forum.slug, session.slug)

    assert sorted({status for status, _body in answers}) == [201]
    outcomes = [body["sessions"][0] for _status, body in answers]
    assert sum(o["status"] == "seat" for o in outcomes) == SEATS
    positions = sorted(o["position"] for o in outcomes if o["status"] == "waiting")
    assert positions == list(range(1, CLIENTS - SEATS + 1))
    choices = SessionChoice.objects.filter(session=session)
    assert choices.filter(status="seat").count() == SEATS
    assert SessionCapacity.objects.get(session=session).seats_taken == SEATS
    # In order: every seat was given before the first waiting place, and the waiting list's
    # arrival numbers follow the order in which rows were written under the lock.
    seat_ids = list(choices.filter(status="seat").values_list("pk", flat=True))
    waiting = list(
        choices.filter(status="waiting").order_by("pk").values_list("queue_number", flat=True)
    )
    assert max(seat_ids) < min(choices.filter(status="waiting").values_list("pk", flat=True))
    assert waiting == list(range(1, CLIENTS - SEATS + 1))


def test_control_without_the_seat_lock_oversells(forum):
    """Shows the test above can fail: the same load with the lock switched off oversells."""
    session = make_session(forum, make_city(), slug="unlocked")
    set_capacity(session, SEATS)

    with gunicorn(unlocked=True) as base:
        _fire(base, forum.slug, session.slug)

    seats = SessionChoice.objects.filter(session=session, status="seat").count()
    assert seats > SEATS


def test_one_email_registered_at_once_from_many_clients_is_registered_once(forum):
    clients = 20
    barrier = threading.Barrier(clients)
    payload = {"person": {"name": "同一人", "email": "Same@Example.org"}, "category": "guest"}

    def one(_n: int) -> tuple[int, dict]:
        barrier.wait()
        return post_json(f"{base}/api/v1/forums/{forum.slug}/registrations", payload)

    with gunicorn() as base, ThreadPoolExecutor(max_workers=clients) as pool:
        answers = list(pool.map(one, range(clients)))

    assert sorted(status for status, _body in answers) == [201] + [422] * (clients - 1)
    refusals = [body for status, body in answers if status == 422]
    assert refusals[0] == {
        "detail": {"person.email": ["This email address is already registered at this forum."]}
    }
    assert forum.participants.filter(email_key="same@example.org").count() == 1
