"""Confirmed registrations per second, 64 concurrent clients, PostgreSQL, a live gunicorn server.

Baseline in the same run: 64 threads each running the bare minimum a registration must do
through Django — one transaction that inserts one row and updates one shared counter.
Run: .venv/bin/python benchmarks/bench_registration.py  (DATABASE_URL overrides the database)
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

from harness import rate, served, setup_django

# The figure the issue asks for is on PostgreSQL; DATABASE_URL may name another server.
POSTGRES = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/infoharbor")

CLIENTS = 64
SECONDS = 10.0
WORKERS, THREADS = 4, 8


def _setup() -> tuple[str, str]:
    from infoharbor.core.models import City, Forum
    from infoharbor.core.translated import TranslatedText
    from infoharbor.program.models import Session
    from infoharbor.registration.models import Category, SessionCapacity

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

    return rate(CLIENTS, SECONDS, register)


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

    return rate(CLIENTS, SECONDS, bare)


def main() -> None:
    setup_django("infoharbor_bench_registration", POSTGRES)
    forum, session = _setup()
    with served(workers=WORKERS, threads=THREADS) as port:
        registrations = _registrations_per_second(f"http://127.0.0.1:{port}", forum, session)
    bare = _bare_transactions_per_second(session)
    print(
        f"confirmed registrations: {registrations:.1f}/s ({CLIENTS} clients, PostgreSQL, "
        f"gunicorn {WORKERS}x{THREADS}); baseline bare insert+counter transaction: {bare:.1f}/s "
        f"({CLIENTS} threads); ratio {registrations / bare:.3f}"
    )


if __name__ == "__main__":
    main()
