"""`kill -9` of the server in the middle of a registration rush, then a restart.

Clients register through the API with an Idempotency-Key each, many at once, for a session with
fewer seats than clients. Once some have their answers, every process of the server (master and
workers) is killed at once; the clients whose requests were cut off send them again, with the
same keys, to the restarted server. Afterwards: every acknowledged registration is there, the
seat counter equals the seat rows and the capacity, every retry got a private link (never
"already registered"), and each registration's emails were queued once and sent (a copy sent
twice, by a worker killed between sending and recording it, carries the same Message-ID).
"""

from __future__ import annotations

import email
import http.client
import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db.models import Count
from django.utils import timezone

from infoharbor.registration import outbox
from infoharbor.registration.models import OutboxEmail, Participant, SessionCapacity, SessionChoice
from tests.factories import make_category, make_city, make_forum, make_session, set_capacity
from tests.registration.live import live_server

pytestmark = [pytest.mark.concurrency, pytest.mark.slow, pytest.mark.xdist_group("live-server")]

CLIENTS = 120
AT_ONCE = 24
SEATS = 40
KILL_AFTER = 30  # acknowledged answers before the crash
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def _post(url: str, payload: dict[str, object], key: str) -> tuple[int, dict[str, object]]:
    """The answer's status and body; raises OSError when the connection breaks first, also
    halfway through the answer (the server killed while it wrote it: no acknowledgement)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except http.client.HTTPException as error:  # IncompleteRead is no OSError
        raise ConnectionError(str(error)) from error


def _due_unclaimed():
    """Pending emails a worker may claim now (a dead worker's claim is due only once it lapses)."""
    return OutboxEmail.objects.filter(status="pending", next_attempt_at__lte=timezone.now())


def _sent(folder: Path) -> list[tuple[str, str]]:
    """(Message-ID, To) of every email the file backend wrote, once per copy sent."""
    messages = [
        email.message_from_string(text.strip())
        for path in sorted(folder.glob("*.log"))
        for text in path.read_text().split("-" * 79)
        if text.strip()
    ]
    return [(message["Message-ID"], message["To"]) for message in messages]


def test_a_crash_in_a_registration_rush_loses_no_acknowledged_registration(
    transactional_db, tmp_path, settings
):
    forum = make_forum(slug="crash")
    make_category(forum, "guest", needs_approval=False)
    session = make_session(forum, make_city(), slug="forty-seats")
    set_capacity(session, SEATS)
    mail = tmp_path / "mail"
    mail.mkdir()
    server = live_server(
        workers=2,
        threads=8,
        INFOHARBOR_TASK_RUNNER="thread",
        EMAIL_BACKEND=FILE_BACKEND,
        EMAIL_FILE_PATH=str(mail),
    )
    url = f"{server.base}/api/v1/forums/crash/registrations"

    def payload(n: int) -> dict[str, object]:
        person = {"name": f"参会者 {n}", "email": f"rush{n}@example.org"}
        return {"person": person, "category": "guest", "sessions": [session.slug]}

    acknowledged: dict[int, dict[str, object]] = {}
    cut_off: list[int] = []
    refused: dict[int, tuple[int, dict[str, object]]] = {}
    crashed = threading.Event()
    lock = threading.Lock()

    def one(n: int) -> None:
        if crashed.is_set():
            with lock:
                cut_off.append(n)  # never sent: the server is down
            return
        try:
            status, body = _post(url, payload(n), f"rush-{n}")
        except OSError:
            with lock:
                cut_off.append(n)
            return
        with lock:
            if status == 201:
                acknowledged[n] = body
            else:
                refused[n] = (status, body)
            if len(acknowledged) >= KILL_AFTER and not crashed.is_set():
                crashed.set()
                server.kill()

    server.start()
    try:
        with ThreadPoolExecutor(AT_ONCE) as pool:
            list(pool.map(one, range(CLIENTS)))
        assert crashed.is_set()
        assert refused == {}
        server.start()
        retried = {n: _post(url, payload(n), f"rush-{n}") for n in sorted(cut_off)}
        # The restarted server's worker threads send what the dead ones left pending and
        # unclaimed (what they had claimed waits for its lease, below).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _due_unclaimed().exists():
            time.sleep(0.2)
    finally:
        server.stop()

    assert cut_off  # the crash did cut requests off
    assert {status for status, _body in retried.values()} == {201}
    answers = {**acknowledged, **{n: body for n, (_status, body) in retried.items()}}
    assert sorted(answers) == list(range(CLIENTS))
    links = {str(body["link"]).rstrip("/").rsplit("/", 1)[-1]: n for n, body in answers.items()}
    tokens = dict(Participant.objects.filter(forum=forum).values_list("token", "person__email"))
    assert {token: f"rush{n}@example.org" for token, n in links.items()} == tokens

    choices = SessionChoice.objects.filter(session=session)
    assert choices.count() == CLIENTS
    assert choices.filter(status="seat").count() == SEATS
    assert SessionCapacity.objects.get(session=session).seats_taken == SEATS
    waiting = sorted(choices.filter(status="waiting").values_list("queue_number", flat=True))
    assert waiting == list(range(1, CLIENTS - SEATS + 1))
    seated = {
        f"rush{n}@example.org"
        for n, body in answers.items()
        if body["sessions"][0]["status"] == "seat"
    }
    assert (
        set(choices.filter(status="seat").values_list("participant__person__email", flat=True))
        == seated
    )

    # One email per registration (and one more for each waiting place), none lost, none twice.
    kinds = OutboxEmail.objects.filter(forum=forum).values_list(
        "participant__person__email", "kind"
    )
    per_kind = dict(
        OutboxEmail.objects.filter(forum=forum).values_list("kind").annotate(n=Count("pk"))
    )
    assert per_kind == {"approved": CLIENTS, "waitlisted": CLIENTS - SEATS}
    assert len(set(kinds)) == len(kinds)
    # Claims of the killed workers lapse after outbox.CLAIM_LEASE; send them as if it had passed.
    OutboxEmail.objects.filter(status="pending").update(next_attempt_at=timezone.now())
    settings.EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = str(mail)
    outbox.deliver_due()
    assert OutboxEmail.objects.exclude(status="sent").count() == 0
    # At least once: a worker killed between sending and recording may have sent a copy that
    # is sent again; every copy of an email carries its one Message-ID.
    expected = {
        (outbox.message_id(queued), queued.to) for queued in OutboxEmail.objects.filter(forum=forum)
    }
    assert set(_sent(mail)) == expected
