"""Door check-in under load: scans per second and p99 latency with 50 doors scanning at once.

Runs against a live gunicorn on a fresh database (PostgreSQL when DATABASE_URL is set, a SQLite
file otherwise). Each of 50 clients is one door sending check-ins through the API
(`POST /api/v1/forums/<slug>/checkins`, bearer token, a new badge each time, so every scan is a
full "let in" decision). The baseline, in the same run and on the same server, is a bare
transaction that inserts one check-in row through Django's ORM per request (no API, no token, no
rules), under the same 50 clients. Beside it, that insert behind Django's whole request cycle (the
project's middleware around a plain view): the most any endpoint of the project can reach.

Usage: .venv/bin/python benchmarks/bench_checkin.py   (gunicorn serves `harness.application`)
"""

from __future__ import annotations

from harness import (
    BASELINE_PATH,
    DJANGO_BASELINE_PATH,
    Request,
    load,
    setup_django,
    side_by_side,
    with_baseline,
)

DOORS = 50
ROUNDS, PER_ROUND = 4, 10  # scans per door: each round, the baselines', then the figure's
WARM_UP_PER_DOOR = 2
BASELINE = BASELINE_PATH + "checkin"
THROUGH_DJANGO = DJANGO_BASELINE_PATH + "checkin"
FORUM_SLUG = "bench"


def build_data(count: int) -> tuple[int, list[str], list[str]]:
    """A forum, door staff with one token per door, and `count` approved participants."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    from infoharbor.api.services import issue_api_token
    from infoharbor.core.models import Forum, ForumRole, Person
    from infoharbor.core.translated import TranslatedText
    from infoharbor.registration.badges import rendering as badges
    from infoharbor.registration.models import Category, Participant

    forum = Forum.objects.create(
        slug=FORUM_SLUG,
        name=TranslatedText({"en": "Bench forum"}),
        start_date=dt.date(2018, 9, 11),
        end_date=dt.date(2018, 9, 18),
        is_published=True,
    )
    category = Category.objects.create(
        forum=forum, code="delegate", name=TranslatedText({"en": "Delegate"})
    )
    staff = get_user_model().objects.create_user("door", password=None)
    ForumRole.objects.create(forum=forum, user=staff, role=ForumRole.Role.DOOR_STAFF)
    tokens = [issue_api_token(None, staff, f"door {n}")[1] for n in range(DOORS)]
    people = Person.objects.bulk_create(
        Person(forum=forum, name=f"参会者 {n}", name_latin=f"Participant {n}") for n in range(count)
    )
    participants = Participant.objects.bulk_create(
        Participant(
            forum=forum,
            person=person,
            category=category,
            status=Participant.Status.APPROVED,
            source=Participant.Source.SEED,
        )
        for person in people
    )
    return forum.pk, tokens, [badges.badge_token(p) for p in participants]


def main() -> None:
    database = setup_django("infoharbor_bench_checkin")
    per_door = WARM_UP_PER_DOOR + ROUNDS * PER_ROUND
    forum_id, tokens, codes = build_data(DOORS * per_door)
    path = f"/api/v1/forums/{FORUM_SLUG}/checkins"

    def scans(n: int, first: int, count: int) -> list[Request]:
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {tokens[n]}"}
        return [
            (path, headers, {"code": codes[i], "door": f"Door {n}", "scan_id": f"{n}-{i}"})
            for i in range(first, first + count)
        ]

    def inserts(n: int, count: int, path: str = BASELINE) -> list[Request]:
        headers = {"Content-Type": "application/json"}
        payload = {"forum": forum_id, "door": f"Door {n}", "code": "baseline"}
        return [(path, headers, payload)] * count

    with with_baseline(workers=4, threads=8) as port:
        load(port, [inserts(n, WARM_UP_PER_DOOR) for n in range(DOORS)])
        load(port, [inserts(n, WARM_UP_PER_DOOR, THROUGH_DJANGO) for n in range(DOORS)])
        load(port, [scans(n, n * per_door, WARM_UP_PER_DOOR) for n in range(DOORS)])
        base, through_django, scanned = side_by_side(
            port,
            ROUNDS,
            lambda _round: [inserts(n, PER_ROUND) for n in range(DOORS)],
            lambda _round: [inserts(n, PER_ROUND, THROUGH_DJANGO) for n in range(DOORS)],
            lambda number: [
                scans(n, n * per_door + WARM_UP_PER_DOOR + number * PER_ROUND, PER_ROUND)
                for n in range(DOORS)
            ],
        )

    from infoharbor.registration.models import CheckIn

    let_in = CheckIn.objects.filter(result=CheckIn.Result.ALLOWED, participant__isnull=False)
    if let_in.count() != DOORS * per_door:
        raise SystemExit(f"expected {DOORS * per_door} entries, found {let_in.count()}")
    print(
        f"check-in at {DOORS} doors ({database}, gunicorn 4 workers x 8 threads): "
        f"{scanned.rate:.0f} scans/s, p99 {scanned.p99_ms:.0f} ms; "
        f"baseline (a bare transaction inserting one row through Django, same server and load): "
        f"{base.rate:.0f} req/s, p99 {base.p99_ms:.0f} ms; "
        f"ratio {scanned.rate / base.rate:.2f} of baseline throughput, "
        f"p99 {scanned.p99_ms / base.p99_ms:.1f} x the baseline's "
        f"({ROUNDS} interleaved rounds each); the same insert behind Django's request cycle "
        f"(the project's middleware, a plain view): {through_django.rate:.0f} req/s, "
        f"ratio {through_django.rate / base.rate:.2f}, the most any endpoint reaches"
    )


if __name__ == "__main__":
    main()
