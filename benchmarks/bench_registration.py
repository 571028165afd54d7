"""Confirmed registrations per second, 64 concurrent clients, PostgreSQL, a live gunicorn server.

Each of 64 clients sends its registrations one after another on a kept-alive connection.
Baseline in the same run, on the same server and under the same clients: the bare minimum a
registration must do through Django's ORM — one transaction that inserts one row and updates one
shared counter — behind the same HTTP and WSGI (`harness.with_baseline`). Beside it, that
transaction behind Django's whole request cycle (the project's middleware around a plain view):
the most any endpoint of the project can reach.
Run: .venv/bin/python benchmarks/bench_registration.py  (DATABASE_URL overrides the database)
"""

from __future__ import annotations

import os

from harness import (
    BASELINE_PATH,
    DJANGO_BASELINE_PATH,
    Request,
    load,
    setup_django,
    side_by_side,
    with_baseline,
)

# The figure the issue asks for is on PostgreSQL; DATABASE_URL may name another server.
POSTGRES = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/infoharbor")

CLIENTS = 64
ROUNDS, PER_ROUND = 3, 8  # requests per client: each round, the baselines', then the figure's
WARM_UP = 2
WORKERS, THREADS = 4, 8
FORUM = "bench"
BASELINE = BASELINE_PATH + "registration"
THROUGH_DJANGO = DJANGO_BASELINE_PATH + "registration"


def _setup() -> tuple[str, int]:
    """The forum, its open category and one session; returns its slug and its counter's key."""
    from infoharbor.core.models import City, Forum
    from infoharbor.core.translated import TranslatedText
    from infoharbor.program.models import Session
    from infoharbor.registration.models import Category, SessionCapacity

    forum = Forum.objects.create(
        slug=FORUM,
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
    cap = SessionCapacity.objects.create(session=session, capacity=10_000_000)
    return session.slug, cap.pk


def _registrations(session: str, prefix: str, count: int) -> list[list[Request]]:
    headers = {"Content-Type": "application/json"}
    path = f"/api/v1/forums/{FORUM}/registrations"
    return [
        [
            (
                path,
                headers,
                {
                    "person": {"name": "参会者", "email": f"{prefix}{client}-{n}@example.org"},
                    "category": "guest",
                    "sessions": [session],
                },
            )
            for n in range(count)
        ]
        for client in range(CLIENTS)
    ]


def _bare_transactions(counter: int, count: int, path: str = BASELINE) -> list[list[Request]]:
    headers = {"Content-Type": "application/json"}
    return [[(path, headers, {"counter": counter})] * count for _ in range(CLIENTS)]


def main() -> None:
    setup_django("infoharbor_bench_registration", POSTGRES)
    session, counter = _setup()
    from infoharbor.registration.models import SessionChoice

    with with_baseline(workers=WORKERS, threads=THREADS) as port:
        load(port, _bare_transactions(counter, WARM_UP))
        load(port, _bare_transactions(counter, WARM_UP, THROUGH_DJANGO))
        load(port, _registrations(session, "warm", WARM_UP))
        bare, through_django, registered = side_by_side(
            port,
            ROUNDS,
            lambda _round: _bare_transactions(counter, PER_ROUND),
            lambda _round: _bare_transactions(counter, PER_ROUND, THROUGH_DJANGO),
            lambda number: _registrations(session, f"r{number}-", PER_ROUND),
        )
    # Every answer was a 201 (`load` checks): each must be a seat, each given once.
    expected = CLIENTS * (WARM_UP + ROUNDS * PER_ROUND)
    seats = SessionChoice.objects.filter(session__slug=session, status="seat").count()
    if seats != expected:
        raise SystemExit(f"{expected} registrations, {seats} seats")
    print(
        f"confirmed registrations: {registered.rate:.1f}/s, p99 {registered.p99_ms:.0f} ms "
        f"({CLIENTS} clients, PostgreSQL, gunicorn {WORKERS}x{THREADS}); baseline bare "
        f"insert+counter transaction on the same server: {bare.rate:.1f}/s, "
        f"p99 {bare.p99_ms:.0f} ms; ratio {registered.rate / bare.rate:.3f} "
        f"({ROUNDS} interleaved rounds each); the same transaction behind Django's request "
        f"cycle (the project's middleware, a plain view): {through_django.rate:.1f}/s, "
        f"ratio {through_django.rate / bare.rate:.3f}, the most any endpoint reaches"
    )


if __name__ == "__main__":
    main()
