"""The organisers' dashboard over 20,000 participants and 5,000 projects against raw SQL.

Prints one line: the time of `reports.dashboard.build` (every table and chart of the page, in
the apps' queries), the time of hand-written SQL computing the same figures in the same run
(participation by category, country, city, day and session; seats, attendance and no-shows;
projects by ceremony, kind, day, status and country with their totals; China-ASEAN shares; moved
on; stalled), their ratio, and whether the figures are equal. The projects are synthetic, as
invented data is, so the press release names none of them. Uses DATABASE_URL when set (a
throw-away test database is created), else a temporary SQLite file (the same test database file
as the checkout's tests: do not run both at once).
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
TODAY = dt.date(2019, 9, 1)

# The same figures in hand-written SQL, as one would write them for these two databases: each
# split in one grouped query, the no-shows from a join of the seats with their holders' check-ins
# (a correlated NOT EXISTS per seat is planned badly by SQLite), a project's status as its latest
# history row. Amounts are summed per currency and signing day, as converting them needs (the
# bench signs everything in CNY, so the conversion is by 1).
STANDING = "p.status NOT IN ('rejected', 'cancelled')"
CAME = (
    "EXISTS (SELECT 1 FROM registration_checkin k "
    "WHERE k.participant_id = p.id AND k.result = 'allowed')"
)
SEATS = """
    registration_sessionchoice c
    JOIN program_session s ON s.id = c.session_id
    JOIN registration_participant p ON p.id = c.participant_id"""
SEATED = f"s.forum_id = %(forum)s AND c.status = 'seat' AND {STANDING}"
COUNTS = """COUNT(DISTINCT p.id),
    COUNT(DISTINCT CASE WHEN p.status = 'approved' THEN p.id END)"""
ENTRIES = """
    FROM registration_checkin k JOIN program_session s ON s.id = k.session_id
    WHERE k.forum_id = %(forum)s AND k.result = 'allowed' AND k.participant_id IS NOT NULL"""
PER_PARTICIPANT = f"""SUM(CASE WHEN {STANDING} THEN 1 ELSE 0 END),
    SUM(CASE WHEN p.status = 'approved' THEN 1 ELSE 0 END),
    SUM(CASE WHEN {CAME} THEN 1 ELSE 0 END)"""
STATUS = """(SELECT h.status FROM projects_statuschange h WHERE h.project_id = p.id
    ORDER BY h.date DESC, h.id DESC LIMIT 1)"""
BOUND = "CASE WHEN p.kind IN ('contract', 'investment') THEN 1 ELSE 0 END"
MONEY = f"COUNT(*), SUM({BOUND}), SUM(p.amount)"
ASEAN = "'BN', 'ID', 'KH', 'LA', 'MM', 'MY', 'PH', 'SG', 'TH', 'VN'"
PARTY_FROM = """EXISTS (SELECT 1 FROM projects_projectparty pp
    JOIN core_organization o ON o.id = pp.organization_id
    WHERE pp.project_id = p.id AND o.country IN ({}))"""
# A session's day in the forum's time zone (Asia/Shanghai keeps one offset all year).
SESSION_DAY = {
    "sqlite": "date(s.start, '+8 hours')",
    "postgresql": "(s.start AT TIME ZONE 'Asia/Shanghai')::date",
}
RAW = {
    "categories": f"""
        SELECT p.category_id, {PER_PARTICIPANT} FROM registration_participant p
        WHERE p.forum_id = %(forum)s GROUP BY 1""",
    "countries": f"""
        SELECT COALESCE(NULLIF(pe.country, ''), o.country, ''), {PER_PARTICIPANT}
        FROM registration_participant p JOIN core_person pe ON pe.id = p.person_id
        LEFT JOIN core_organization o ON o.id = pe.organization_id
        WHERE p.forum_id = %(forum)s GROUP BY 1""",
    "city_seats": f"SELECT s.city_id, {COUNTS} FROM {SEATS} WHERE {SEATED} GROUP BY 1",
    "city_entries": f"SELECT s.city_id, COUNT(DISTINCT k.participant_id) {ENTRIES} GROUP BY 1",
    "day_seats": f"SELECT {{day}}, {COUNTS} FROM {SEATS} WHERE {SEATED} GROUP BY 1",
    "day_entries": """
        SELECT day, COUNT(DISTINCT participant_id) FROM registration_checkin
        WHERE forum_id = %(forum)s AND result = 'allowed' AND participant_id IS NOT NULL
        GROUP BY day""",
    # Seat holders let in to their session: joined on the holder alone (SQLite would look the
    # pair up through the (session, result) index, a thousand rows a seat) and matched in the count.
    "session_seats": f"""
        SELECT c.session_id, {COUNTS},
          COUNT(DISTINCT CASE WHEN k.session_id = c.session_id THEN k.participant_id END)
        FROM {SEATS}
        LEFT JOIN registration_checkin k ON k.participant_id = c.participant_id
          AND k.result = 'allowed'
        WHERE {SEATED} GROUP BY 1""",
    "session_entries": f"""
        SELECT k.session_id, COUNT(DISTINCT k.participant_id) {ENTRIES} GROUP BY 1""",
    "by_session": f"""
        SELECT s.slug, p.currency, p.signed_on, {MONEY} FROM projects_project p
        LEFT JOIN program_session s ON s.id = p.signing_session_id
        WHERE p.forum_id = %(forum)s GROUP BY 1, 2, 3""",
    "by_kind": f"""
        SELECT p.kind, p.currency, p.signed_on, {MONEY} FROM projects_project p
        WHERE p.forum_id = %(forum)s GROUP BY 1, 2, 3""",
    "by_date": f"""
        SELECT p.signed_on, p.currency, {MONEY} FROM projects_project p
        WHERE p.forum_id = %(forum)s GROUP BY 1, 2""",
    "by_status": f"""
        SELECT {STATUS}, p.currency, p.signed_on, {MONEY} FROM projects_project p
        WHERE p.forum_id = %(forum)s GROUP BY 1, 2, 3""",
    "by_country": f"""
        SELECT x.country, p.currency, p.signed_on, {MONEY}
        FROM (SELECT DISTINCT pp.project_id, o.country FROM projects_projectparty pp
              JOIN core_organization o ON o.id = pp.organization_id) x
        JOIN projects_project p ON p.id = x.project_id
        WHERE p.forum_id = %(forum)s GROUP BY 1, 2, 3""",
    "china_asean": f"""
        SELECT s.slug, COUNT(*) FROM projects_project p
        LEFT JOIN program_session s ON s.id = p.signing_session_id
        WHERE p.forum_id = %(forum)s AND {PARTY_FROM.format("'CN'")}
          AND {PARTY_FROM.format(ASEAN)}
        GROUP BY 1""",
    "moved_on": f"""
        SELECT COUNT(*) FROM projects_project p WHERE p.forum_id = %(forum)s
          AND {STATUS} IN ('implementation', 'completed')""",
    "stalled": f"""
        SELECT COUNT(*) FROM projects_project p WHERE p.forum_id = %(forum)s
          AND {STATUS} IN ('signed', 'preparation', 'implementation')
          AND (SELECT MAX(h.date) FROM projects_statuschange h WHERE h.project_id = p.id)
              < %(stalled_before)s""",
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
                synthetic=True,
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


Counts = tuple[int, int, int]


def ours(board: dashboard.Dashboard) -> dict[str, object]:
    def split(rows: list[dashboard.ParticipationRow]) -> dict[object, Counts]:
        return {
            str(r.counts.key): (r.counts.registered, r.counts.approved, r.counts.checked_in)
            for r in rows
        }

    stats = board.tables["project_stats"]
    participation = board.tables["participation"]
    figures = {f.key: f.value for s in board.sections for f in s.figures}
    return {
        "categories": split(participation["category"]),
        "countries": split(participation["country"]),
        "cities": split(participation["city"]),
        "days": split(participation["day"]),
        "sessions": {
            r.session.pk: (r.confirmed, r.approved, r.checked_in, r.no_shows)
            for r in board.tables["sessions"]
        },
        **{
            f"by_{d}": {g.key: (g.count, g.binding.count, g.total) for g in stats[d].groups}
            for d in ("session", "kind", "date", "status", "country")
        },
        "china_asean": {
            k.split(".")[1]: v for k, v in figures.items() if k.endswith(".china_asean")
        },
        "moved_on": board.tables["moved_on"],
        "stalled": board.tables["stalled_count"],
    }


def raw(rows: dict[str, list[tuple]]) -> dict[str, object]:
    def split(key: str) -> dict[object, Counts]:
        return {str(k): (int(n), int(a), int(c)) for k, n, a, c in rows[key]}

    def places(key: str) -> dict[object, Counts]:
        seats = {str(k)[:10]: (n, a) for k, n, a in rows[f"{key}_seats"]}
        came = {str(k)[:10]: n for k, n in rows[f"{key}_entries"]}
        return {k: (*seats.get(k, (0, 0)), came.get(k, 0)) for k in {*seats, *came}}

    def money(key: str) -> dict[str, tuple[int, int, Decimal]]:
        groups: dict[str, tuple[int, int, Decimal]] = {}
        for k, *_currency_day, n, bound, amount in rows[key]:
            name = "" if k is None else k.isoformat() if isinstance(k, dt.date) else str(k)
            count, binding, total = groups.get(name, (0, 0, Decimal(0)))
            # Everything is in CNY, the reporting currency: converted by 1.
            groups[name] = (count + n, binding + int(bound), total + Decimal(amount or 0))
        return {k: (n, b, t.quantize(Decimal("0.01"))) for k, (n, b, t) in groups.items()}

    came = dict(rows["session_entries"])
    return {
        "categories": split("categories"),
        "countries": split("countries"),
        "cities": places("city"),
        "days": places("day"),
        "sessions": {
            pk: (n, a, came.get(pk, 0), n - held) for pk, n, a, held in rows["session_seats"]
        },
        **{
            key: money(key)
            for key in ("by_session", "by_kind", "by_date", "by_status", "by_country")
        },
        "china_asean": {
            **{slug: n for slug, n in rows["china_asean"] if slug},
            "china_asean": sum(n for _slug, n in rows["china_asean"]),
        },
        "moved_on": rows["moved_on"][0][0],
        "stalled": rows["stalled"][0][0],
    }


def main() -> None:
    old = setup_databases(verbosity=0, interactive=False)
    try:
        forum = build()
        with translation.override("en"):
            reverse("web:home")  # the URL map is imported once per process, not per page
            started = time.perf_counter()
            board = dashboard.build(forum, "en", today=TODAY)
            mine = time.perf_counter() - started
        started = time.perf_counter()
        rows = {}
        stalled_before = TODAY - dt.timedelta(days=board.settings.stalled_after_days)
        params = {"forum": forum.pk, "stalled_before": stalled_before}
        with connection.cursor() as cursor:
            for key, sql in RAW.items():
                cursor.execute(sql.replace("{day}", SESSION_DAY[connection.vendor]), params)
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
