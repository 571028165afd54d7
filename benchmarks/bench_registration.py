"""Confirmed registrations per second, 64 concurrent clients, PostgreSQL, a live gunicorn server.

Baseline in the same run: 64 threads each running the bare minimum a registration must do
through Django — one transaction that inserts one row and updates one shared counter.
Run: .venv/bin/python benchmarks/bench_registration.py  (DATABASE_URL overrides the database)
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ih_bench_registration"
)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infoharbor.settings")
os.environ["INFOHARBOR_EMAIL_WORKER"] = "off"

import django  # noqa: E402 - the environment above must be set first
import psycopg  # noqa: E402

CLIENTS = 64
SECONDS = 10.0
WORKERS, THREADS = 4, 8


def _create_database() -> None:
    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _setup() -> tuple[str, str]:
    from django.core.management import call_command

    from infoharbor.core.models import City, Forum
    from infoharbor.core.translated import TranslatedText
    from infoharbor.program.models import Session
    from infoharbor.registration.models import Category, SessionCapacity

    call_command("migrate", verbosity=0)
    forum = Forum.objects.create(
        slug="bench",
        name=TranslatedText("Bench"),
        start_date="2018-09-11",
        end_date="2018-09-18",
        is_published=True,
    )
    Category.objects.create(forum=forum, code="guest", name=TranslatedText("Guest"))
    Category.objects.filter(forum=forum).update(needs_approval=False)
    city = City.objects.create(name=TranslatedText("Nanning"), country="CN")
    session = Session.objects.create(
        forum=forum,
        slug="main",
        kind="main_forum",
        title=TranslatedText("Main"),
        start="2018-09-12T01:00Z",
        end="2018-09-12T09:00Z",
        city=city,
    )
    SessionCapacity.objects.create(session=session, capacity=10_000_000)
    return forum.slug, session.slug


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(port: int) -> subprocess.Popen[bytes]:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [
            gunicorn,
            "infoharbor.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={WORKERS}",
            f"--threads={THREADS}",
            "--worker-class=gthread",
            "--log-level=warning",
        ],
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/forums", timeout=30).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def _run(clients: int, work: object) -> float:
    """Calls `work(client, n)` from each client until time runs out; successes per second."""
    done = [0] * clients
    stop = time.monotonic() + SECONDS

    def loop(client: int) -> None:
        n = 0
        while time.monotonic() < stop:
            if work(client, n):  # type: ignore[operator]
                done[client] += 1
            n += 1

    threads = [threading.Thread(target=loop, args=(c,)) for c in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started)


def _registrations_per_second(base: str, forum: str, session: str) -> float:
    url = f"{base}/api/v1/forums/{forum}/registrations"

    def register(client: int, n: int) -> bool:
        payload = {
            "person": {"name": "参会者", "email": f"c{client}-{n}@example.org"},
            "category": "guest",
            "sessions": [session],
        }
        request = urllib.request.Request(
            url, json.dumps(payload).encode(), {"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                body = json.loads(response.read())
        except urllib.error.HTTPError:
            return False
        return bool(body["status"] == "approved" and body["sessions"][0]["status"] == "seat")

    return _run(CLIENTS, register)


def _bare_transactions_per_second(session: str) -> float:
    from django.db import close_old_connections, transaction
    from django.db.models import F

    from infoharbor.core.models import AuditEntry
    from infoharbor.registration.models import SessionCapacity

    cap = SessionCapacity.objects.get(session__slug=session)

    def bare(client: int, n: int) -> bool:
        with transaction.atomic():
            AuditEntry.objects.create(action="bench", object_type="bench", object_id=str(n))
            SessionCapacity.objects.filter(pk=cap.pk).update(queue_counter=F("queue_counter") + 1)
        if n % 1000 == 999:
            close_old_connections()
        return True

    return _run(CLIENTS, bare)


def main() -> None:
    _create_database()
    django.setup()
    forum, session = _setup()
    port = _free_port()
    server = _serve(port)
    try:
        registrations = _registrations_per_second(f"http://127.0.0.1:{port}", forum, session)
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = _bare_transactions_per_second(session)
    print(
        f"confirmed registrations: {registrations:.1f}/s ({CLIENTS} clients, PostgreSQL, "
        f"gunicorn {WORKERS}x{THREADS}); baseline bare insert+counter transaction: {bare:.1f}/s "
        f"({CLIENTS} threads); ratio {registrations / bare:.3f}"
    )


if __name__ == "__main__":
    main()
