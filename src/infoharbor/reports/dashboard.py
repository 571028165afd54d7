"""The organisers' dashboard: participation, sessions, signed projects and every app's report
sections, as tables and charts in the reader's language. Every count is read through the apps'
queries; every bar links to the rows behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from infoharbor.core.countries import country_name
from infoharbor.core.formatting import exact_money, local_date
from infoharbor.core.models import Forum
from infoharbor.projects import queries as project_queries
from infoharbor.projects.models import StatusChange
from infoharbor.registration import queries as registration_queries
from infoharbor.reports import charts, editions, queries, services
from infoharbor.reports.charts import Chart
from infoharbor.reports.models import ReportSettings
from infoharbor.reports.queries import settings_of
from infoharbor.reports.writing import writer

# The status funnel's steps, from signing to completion.
FUNNEL = [
    StatusChange.Status.SIGNED,
    StatusChange.Status.PREPARATION,
    StatusChange.Status.IMPLEMENTATION,
    StatusChange.Status.COMPLETED,
]


def _url(name: str, forum: Forum, **filters: Any) -> str:
    url = reverse(name, args=[forum.slug])
    return f"{url}?{urlencode(filters)}" if filters else url


@dataclass
class Dashboard:
    forum: Forum
    language: str
    settings: ReportSettings
    charts: dict[str, tuple[Chart, str]] = field(default_factory=dict)  # key: (chart, svg)
    tables: dict[str, Any] = field(default_factory=dict)
    sections: list[queries.Section] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)

    def add(self, chart: Chart, codes: list[str] | None = None) -> None:
        if chart.bars:
            self.charts[chart.key] = (chart, charts.svg(chart, codes))


def build(forum: Forum, language: str, today: dt.date | None = None) -> Dashboard:
    """The dashboard of `forum` in `language` (the active language, for labels and links)."""
    settings = settings_of(forum)
    w = writer(language)
    board = Dashboard(forum, language, settings)
    _participation(board, w)
    _sessions(board)
    _projects(board, w, today or timezone.localdate())
    board.sections = queries.sections(forum, language)
    board.values = {f.key: w.value(f) for s in board.sections for f in s.figures}
    return board


# The columns of a participation table, in the order of Participation.columns.
COLUMNS = ("registered", "approved", "checked_in")


def _registry(forum: Forum, dimension: str, key: str) -> str:
    """The registry's list of one group of the project statistics ("" for "not given")."""
    if not key:
        return ""
    return _url(
        "projects:registry", forum, **{"signed_on" if dimension == "date" else dimension: key}
    )


def _desk(forum: Forum, **filters: Any) -> dict[str, str]:
    """The desk's lists behind one row of a participation table: registered, approved, came."""
    return {
        "registered": _url("registration:desk", forum, **filters),
        "approved": _url("registration:desk", forum, **filters, status="approved"),
        "checked_in": _url("registration:desk", forum, **filters, checked_in="on"),
    }


@dataclass(frozen=True)
class ParticipationRow:
    """One row of a participation table: its label, its counts, and each count as the page's
    language writes it with the desk's list behind it ("" when there is nothing to list)."""

    label: str
    counts: registration_queries.Participation
    cells: list[tuple[str, str]]


def _row(
    label: str, counts: registration_queries.Participation, urls: dict[str, str], w: Any
) -> ParticipationRow:
    cells = [
        (w.number(n), urls.get(key, "") if n else "")
        for key, n in zip(COLUMNS, counts.columns, strict=True)
    ]
    return ParticipationRow(label, counts, cells)


def _participation(board: Dashboard, w: Any) -> None:
    forum, language = board.forum, board.language
    splits: dict[str, list[ParticipationRow]] = {
        "category": [
            _row(str(c.name), p, _desk(forum, category=c.code), w)
            for c, p in registration_queries.participation_by_category(forum)
        ],
        "country": [
            _row(
                country_name(p.key, language) if p.key else _("not given"),
                p,
                _desk(forum, country=p.key) if p.key else {},
                w,
            )
            for p in registration_queries.participation_by_country(forum)
        ],
        "city": [
            _row(str(c.name), p, _desk(forum, city=c.pk), w)
            for c, p in registration_queries.participation_by_city(forum)
        ],
        "day": [
            _row(
                local_date(p.key, language, style="short"),
                p,
                _desk(forum, day=p.key.isoformat()),
                w,
            )
            for p in registration_queries.participation_by_day(forum)
        ],
    }
    board.tables["participation"] = splits

    def bars(column: str, rows: list[ParticipationRow]) -> list[charts.Bar]:
        i = COLUMNS.index(column)
        return [charts.Bar(r.label, n, *r.cells[i]) for r in rows if (n := r.counts.columns[i])]

    board.add(
        charts.Chart(
            "participants-by-category",
            _("Registered participants by category"),
            _("Standing registrations (neither rejected nor cancelled) in each category."),
            bars("registered", splits["category"]),
        )
    )
    board.add(
        charts.Chart(
            "participants-by-country",
            _("Registered participants by country"),
            _("Standing registrations by the country of the person or their organization."),
            bars("registered", splits["country"][:15]),
        )
    )
    board.add(
        charts.Chart(
            "participants-by-city",
            _("Registered participants by city"),
            _("Standing registrations holding a seat in a session in each host city."),
            bars("registered", splits["city"]),
        )
    )
    board.add(
        charts.Chart(
            "check-ins-by-day",
            _("Participants checked in by day"),
            _("Distinct participants let in by a door on each day of the forum."),
            bars("checked_in", splits["day"]),
            kind="columns",
        )
    )
    _editions(board, w)


def _editions(board: Dashboard, w: Any) -> None:
    """This edition's attendance against the earlier editions of its series."""
    earlier = editions.earlier_attendance(board.forum)
    this = editions.attendance(board.forum)
    if not earlier or this is None:
        return
    board.tables["editions"] = [*earlier, this]
    board.add(
        charts.Chart(
            "attendance-by-edition",
            _("Attendance by edition"),
            _("Each edition's registrations, or the attendance reported at the time."),
            [
                charts.Bar(
                    str(a.forum.name),
                    a.count,
                    w.number(a.count),
                    services.report_url(a.forum, get_language()),
                )
                for a in board.tables["editions"]
            ],
            kind="columns",
        )
    )


def _sessions(board: Dashboard) -> None:
    rows = registration_queries.session_attendance(board.forum)
    board.tables["sessions"] = rows
    board.tables["session_urls"] = {
        r.session.pk: _desk(board.forum, session=r.session.slug) for r in rows
    }
    seated = [r for r in rows if r.fill is not None]
    ranked = sorted(seated, key=lambda r: (-(r.fill or 0), r.session.start))
    board.tables["busiest"] = ranked[:5]
    board.tables["emptiest"] = list(reversed(ranked[-5:])) if len(ranked) > 5 else []
    board.tables["no_shows"] = sum(r.no_shows for r in rows)


def _projects(board: Dashboard, w: Any, today: dt.date) -> None:
    forum, currency = board.forum, board.settings.currency
    stats = {
        d: project_queries.statistics(forum, d, currency)
        for d in ("session", "platform", "sector", "country", "kind", "status", "date")
    }
    board.tables["project_stats"] = stats
    board.tables["currency"] = currency
    board.tables["money"] = {
        d: [
            (g, exact_money(g.total, currency, board.language), _registry(forum, d, g.key))
            for g in s.groups
        ]
        for d, s in stats.items()
    }
    board.tables["overall"] = stats["session"].overall
    board.tables["overall_total"] = exact_money(
        stats["session"].overall.total, currency, board.language
    )
    board.tables["moved_on"] = project_queries.moved_on(forum).count()
    stalled = project_queries.stalled(forum, today, board.settings.stalled_after_days)
    board.tables["stalled_count"] = stalled.count()
    board.tables["stalled"] = list(stalled[:50])  # the page lists the first; the count is all
    country_groups = [g for g in stats["country"].groups if g.key]
    board.add(
        charts.Chart(
            "projects-by-country",
            _("Signed projects by country of a party"),
            _("Projects with a party from each country (a project may count for several)."),
            [
                charts.Bar(
                    g.label,
                    g.count,
                    w.number(g.count),
                    _url("projects:registry", forum, country=g.key),
                )
                for g in country_groups
            ],
        )
    )
    board.add(
        charts.Chart(
            "partner-countries",
            _("Partner countries"),
            _("China and ASEAN as on a map, shaded by the projects with a party from each."),
            [
                charts.Bar(
                    g.label,
                    g.count,
                    w.number(g.count),
                    _url("projects:registry", forum, country=g.key),
                )
                for g in country_groups
            ],
            kind="tiles",
        ),
        [g.key for g in country_groups],
    )
    board.add(
        charts.Chart(
            "signings-timeline",
            _("Signings by day"),
            _("Projects signed on each day."),
            [
                charts.Bar(
                    local_date(dt.date.fromisoformat(g.key), board.language, style="short"),
                    g.count,
                    w.number(g.count),
                    _registry(forum, "date", g.key),
                )
                for g in stats["date"].groups
                if g.key
            ],
            kind="columns",
        )
    )
    by_status = {g.key: g for g in stats["status"].groups}
    board.add(
        charts.Chart(
            "status-funnel",
            _("From signing to completion"),
            _("Signed projects by their status now, in the order a project moves through them."),
            [
                charts.Bar(
                    str(status.label),
                    by_status[status].count if status in by_status else 0,
                    w.number(by_status[status].count if status in by_status else 0),
                    _url("projects:registry", forum, status=status.value),
                )
                for status in FUNNEL
            ]
            if by_status
            else [],
        )
    )
