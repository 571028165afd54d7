"""Statistics over 100,000 signed projects against one raw SQL aggregate of the same figures.

Prints one line: the time of `projects.queries.statistics` (group by signing session, CNY, with
rates crossed through GBP), the time of a single hand-written SQL aggregate computing the same
counts and totals in the same run, their ratio, and whether the figures are equal.
Uses DATABASE_URL when set (a throw-away test database is created), else a temporary SQLite file.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infoharbor.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from infoharbor.core.models import City, Forum  # noqa: E402
from infoharbor.program.models import Session  # noqa: E402
from infoharbor.projects.models import ExchangeRate, Project  # noqa: E402
from infoharbor.projects.queries import statistics  # noqa: E402

PROJECTS = 100_000
SEPTEMBER = dt.date(2018, 9, 1)
RATES = {"CNY": "8.8375", "USD": "1.2909", "THB": "42.27", "VND": "30045.91"}

RAW = """
WITH priced AS (
  SELECT p.signing_session_id AS session_id, p.kind, p.amount,
    (SELECT r.rate FROM projects_exchangerate r WHERE r.base = 'GBP' AND r.currency = 'CNY'
       AND r.date <= p.signed_on ORDER BY r.date DESC LIMIT 1)
    / (SELECT r.rate FROM projects_exchangerate r WHERE r.base = 'GBP' AND r.currency = p.currency
       AND r.date <= p.signed_on ORDER BY r.date DESC LIMIT 1) AS factor
  FROM projects_project p WHERE p.forum_id = %s
)
SELECT s.slug, COUNT(*),
  SUM(CASE WHEN priced.kind IN ('contract', 'investment') THEN 1 ELSE 0 END),
  SUM(priced.amount * priced.factor),
  SUM(CASE WHEN priced.kind IN ('contract', 'investment') THEN priced.amount * priced.factor END)
FROM priced LEFT JOIN program_session s ON s.id = priced.session_id
GROUP BY s.slug
"""


def build() -> Forum:
    forum = Forum.objects.create(
        slug="bench",
        name={"en": "Bench"},
        start_date=dt.date(2018, 9, 11),
        end_date=dt.date(2018, 9, 18),
        is_published=True,
    )
    city = City.objects.create(name={"en": "Nanning"}, country="CN")
    sessions = [
        Session.objects.create(
            forum=forum,
            slug=f"signing-{d}",
            kind="signing",
            title={"en": f"Signing {d}"},
            city=city,
            start=dt.datetime(2018, 9, d, 7, tzinfo=dt.UTC),
            end=dt.datetime(2018, 9, d, 8, tzinfo=dt.UTC),
        )
        for d in (13, 14, 15)
    ]
    for code, rate in RATES.items():
        ExchangeRate.objects.create(
            base="GBP", currency=code, date=SEPTEMBER, rate=Decimal(rate), source="bench"
        )
    rng = random.Random(1)
    kinds = ["mou", "framework", "contract", "investment"]
    Project.objects.bulk_create(
        (
            Project(
                forum=forum,
                public_id=f"bench{n}",
                reference=f"b-{n}",
                title={"en": f"P {n}"},
                kind=rng.choice(kinds),
                signing_session=session,
                signed_on=session.start.date(),
                amount=Decimal(rng.randrange(1, 10**6)) * 1000,
                currency=rng.choice(list(RATES)),
            )
            for n in range(PROJECTS)
            for session in [rng.choice(sessions)]
        ),
        batch_size=5000,
    )
    return forum


def main() -> None:
    old = setup_databases(verbosity=0, interactive=False)
    try:
        forum = build()
        started = time.perf_counter()
        stats = statistics(forum, "session", "CNY")
        ours = time.perf_counter() - started
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(RAW, [forum.pk])
            raw_rows = cursor.fetchall()
        baseline = time.perf_counter() - started
        mine = {g.key: (g.count, g.binding.count, g.total, g.binding.total) for g in stats.groups}
        raw = {slug: (n, b, Decimal(str(t)), Decimal(str(bt))) for slug, n, b, t, bt in raw_rows}
        # SQLite sums in floating point: totals agree to within one yuan, counts exactly.
        equal = mine.keys() == raw.keys() and all(
            mine[k][:2] == raw[k][:2]
            and all(abs(a - b) <= 1 for a, b in zip(mine[k][2:], raw[k][2:], strict=True))
            for k in mine
        )
        print(
            f"project statistics over {PROJECTS:,} projects ({connection.vendor}): "
            f"{ours * 1000:.0f} ms; "
            f"raw SQL aggregate baseline {baseline * 1000:.0f} ms; ratio {ours / baseline:.2f}; "
            f"equal results: {equal}"
        )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
