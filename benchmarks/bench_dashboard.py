"""The organisers' dashboard over 20,000 participants and 5,000 projects against raw SQL.

Prints one line: the time of `reports.dashboard.build` (every table and chart of the page, in
the apps' queries), the time of hand-written SQL computing the same counts in the same run, their
ratio, and whether the figures are equal. Uses DATABASE_URL when set (a throw-away test database
is created), else a temporary SQLite file.
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
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from infoharbor.core.models import City, Forum, Organization, Person  # noqa: E402
from infoharbor.program.models import Session  # noqa: E402
from infoharbor.projects.models import ExchangeRate, Project, ProjectParty, StatusChange  # noqa: E402
from infoharbor.registration.door.models import CheckIn  # noqa: E402
from infoharbor.registration.models import Category, Participant, SessionChoice  # noqa: E402
from infoharbor.reports import dashboard  # noqa: E402

PARTICIPANTS = 20_000
PROJECTS = 5_000
SESSIONS = 40
COUNTRIES = ["CN", "TH", "VN", "ID", "MY", "SG", "PH", "KH", "LA", "MM", "BN", "JP", "KR"]
STATUSES = ["pending", "approved", "approved", "approved", "rejected", "cancelled"]
DAYS = [dt.date(2018, 9, d) for d in range(11, 19)]

RAW = {
    "categories": """
        SELECT c.code, COUNT(p.id), SUM(CASE WHEN p.status = 'approved' THEN 1 ELSE 0 END)
        FROM registration_category c
        JOIN registration_participant p ON p.category_id = c.id
        WHERE c.forum_id = %(forum)s AND p.status NOT IN ('rejected', 'cancelled')
        GROUP BY c.code""",
    "countries": """
        SELECT COALESCE(NULLIF(pe.country, ''), o.country, ''), COUNT(*)
        FROM registration_participant p JOIN core_person pe ON pe.id = p.person_id
        LEFT JOIN core_organization o ON o.id = pe.organization_id
        WHERE p.forum_id = %(forum)s AND p.status NOT IN ('rejected', 'cancelled')
        GROUP BY 1""",
    "days": """
        SELECT day, COUNT(DISTINCT participant_id) FROM registration_checkin
        WHERE forum_id = %(forum)s AND result = 'allowed' GROUP BY day""",
    "seats": """
        SELECT session_id, COUNT(*) FROM registration_sessionchoice c
        JOIN program_session s ON s.id = c.session_id
        WHERE s.forum_id = %(forum)s AND c.status = 'seat' GROUP BY session_id""",
    "came": """
        SELECT session_id, COUNT(DISTINCT participant_id) FROM registration_checkin
        WHERE forum_id = %(forum)s AND result = 'allowed' AND session_id IS NOT NULL
        GROUP BY session_id""",
    "no_shows": """
        SELECT c.session_id, COUNT(*) FROM registration_sessionchoice c
        JOIN program_session s ON s.id = c.session_id
        WHERE s.forum_id = %(forum)s AND c.status = 'seat' AND NOT EXISTS (
          SELECT 1 FROM registration_checkin k WHERE k.participant_id = c.participant_id
          AND k.session_id = c.session_id AND k.result = 'allowed')
        GROUP BY c.session_id""",
    "project_countries": """
        SELECT o.country, COUNT(DISTINCT pp.project_id) FROM projects_projectparty pp
        JOIN core_organization o ON o.id = pp.organization_id
        JOIN projects_project p ON p.id = pp.project_id
        WHERE p.forum_id = %(forum)s GROUP BY o.country""",
    "statuses": """
        SELECT (SELECT h.status FROM projects_statuschange h WHERE h.project_id = p.id
                ORDER BY h.date DESC, h.id DESC LIMIT 1), COUNT(*)
        FROM projects_project p WHERE p.forum_id = %(forum)s GROUP BY 1""",
    "dates": """
        SELECT signed_on, COUNT(*) FROM projects_project WHERE forum_id = %(forum)s
        GROUP BY signed_on""",
}


def build() -> Forum:
    rng = random.Random(14)
    forum = Forum.objects.create(
        slug="bench",
        name={"en": "Bench"},
        start_date=DAYS[0],
        end_date=DAYS[-1],
        is_published=True,
        languages=["en"],
    )
    city = City.objects.create(name={"en": "Nanning"}, country="CN")
    sessions = Session.objects.bulk_create(
        Session(
            forum=forum,
            slug=f"s-{n}",
            kind="signing" if n < 4 else "sub_forum",
            title={"en": f"Session {n}"},
            city=city,
            start=dt.datetime.combine(DAYS[n % 8], dt.time(2), tzinfo=dt.UTC),
            end=dt.datetime.combine(DAYS[n % 8], dt.time(4), tzinfo=dt.UTC),
        )
        for n in range(SESSIONS)
    )
    categories = [
        Category.objects.create(forum=forum, code=code, name={"en": code})
        for code in ("official", "enterprise", "media", "speaker")
    ]
    organizations = Organization.objects.bulk_create(
        Organization(forum=forum, name={"en": f"Org {n}"}, kind="enterprise", country=c)
        for n, c in enumerate(COUNTRIES * 20)
    )
    people = Person.objects.bulk_create(
        (
            Person(
                forum=forum,
                public_id=f"p{n}",
                name=f"Person {n}",
                organization=rng.choice(organizations),
                country=rng.choice(["", *COUNTRIES]),
            )
            for n in range(PARTICIPANTS)
        ),
        batch_size=5000,
    )
    participants = Participant.objects.bulk_create(
        (
            Participant(
                forum=forum,
                person=person,
                category=rng.choice(categories),
                status=rng.choice(STATUSES),
                source="import",
                token=f"t{n}",
                badge_code=f"b{n}",
            )
            for n, person in enumerate(people)
        ),
        batch_size=5000,
    )
    choices, check_ins = [], []
    for participant in participants:
        for session in rng.sample(sessions, 3):
            choices.append(SessionChoice(participant=participant, session=session, status="seat"))
            if rng.random() < 0.6:
                check_ins.append(
                    CheckIn(
                        forum=forum,
                        participant=participant,
                        session=session,
                        day=session.start.date(),
                        door="main",
                        result="allowed",
                    )
                )
    SessionChoice.objects.bulk_create(choices, batch_size=5000)
    CheckIn.objects.bulk_create(check_ins, batch_size=5000)
    ExchangeRate.objects.create(
        base="GBP", currency="CNY", date=DAYS[0], rate=Decimal("8.8"), source="bench"
    )
    projects = Project.objects.bulk_create(
        (
            Project(
                forum=forum,
                public_id=f"pr{n}",
                reference=f"r-{n}",
                title={"en": f"Project {n}"},
                kind=rng.choice(["mou", "framework", "contract", "investment"]),
                signing_session=sessions[n % 4],
                signed_on=sessions[n % 4].start.date(),
                amount=Decimal(rng.randrange(1, 10**5)) * 1000,
                currency="CNY",
            )
            for n in range(PROJECTS)
        ),
        batch_size=5000,
    )
    ProjectParty.objects.bulk_create(
        (
            ProjectParty(project=p, organization=org, role="partner")
            for p in projects
            for org in rng.sample(organizations, 2)
        ),
        batch_size=5000,
    )
    StatusChange.objects.bulk_create(
        (
            StatusChange(project=p, status=status, date=p.signed_on + dt.timedelta(days=i * 90))
            for p in projects
            for i, status in enumerate(
                ["signed", "preparation", "implementation"][: rng.randint(1, 3)]
            )
        ),
        batch_size=5000,
    )
    return forum


def ours(board: dashboard.Dashboard) -> dict[str, object]:
    stats = board.tables["project_stats"]
    return {
        "categories": {c.code: (n, a) for c, n, a in board.tables["categories"] if n},
        "countries": dict(board.tables["countries"]),
        "days": {str(day): n for day, n in board.tables["days"]},
        "sessions": {
            r.session.pk: (r.confirmed, r.checked_in, r.no_shows) for r in board.tables["sessions"]
        },
        "project_countries": {g.key: g.count for g in stats["country"].groups},
        "statuses": {g.key: g.count for g in stats["status"].groups},
        "dates": {g.key: g.count for g in stats["date"].groups},
    }


def raw(rows: dict[str, list[tuple]]) -> dict[str, object]:
    return {
        "categories": {code: (n, int(a)) for code, n, a in rows["categories"]},
        "countries": dict(rows["countries"]),
        "days": {str(day)[:10]: n for day, n in rows["days"]},
        "sessions": {
            pk: (seats.get(pk, 0), came.get(pk, 0), no_shows.get(pk, 0))
            for seats, came, no_shows in [
                (dict(rows["seats"]), dict(rows["came"]), dict(rows["no_shows"]))
            ]
            for pk in {*seats, *came}
        },
        "project_countries": dict(rows["project_countries"]),
        "statuses": dict(rows["statuses"]),
        "dates": {str(day)[:10]: n for day, n in rows["dates"]},
    }


def main() -> None:
    old = setup_databases(verbosity=0, interactive=False)
    try:
        forum = build()
        with translation.override("en"):
            reverse("web:home")  # the URL map is imported once per process, not per page
            started = time.perf_counter()
            board = dashboard.build(forum, "en", today=dt.date(2019, 9, 1))
            mine = time.perf_counter() - started
        started = time.perf_counter()
        rows = {}
        with connection.cursor() as cursor:
            for key, sql in RAW.items():
                cursor.execute(sql, {"forum": forum.pk})
                rows[key] = cursor.fetchall()
        baseline = time.perf_counter() - started
        mine_figures, raw_figures = ours(board), raw(rows)
        equal = mine_figures == raw_figures
        differing = [k for k in mine_figures if mine_figures[k] != raw_figures[k]]
        print(
            f"organiser dashboard over {PARTICIPANTS:,} participants and {PROJECTS:,} projects "
            f"({connection.vendor}): {mine * 1000:.0f} ms; raw SQL baseline "
            f"{baseline * 1000:.0f} ms; ratio {mine / baseline:.2f}; equal results: {equal}"
            + (f" (differing: {', '.join(differing)})" if differing else "")
        )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
