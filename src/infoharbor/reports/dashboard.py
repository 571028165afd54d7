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
from django.utils.translation import gettext as _

from infoharbor.core.countries import country_name
from infoharbor.core.formatting import exact_money, local_date
from infoharbor.core.models import Forum
from infoharbor.projects import queries as project_queries
from infoharbor.projects.models import StatusChange
from infoharbor.registration import queries as registration_queries
from infoharbor.reports import charts, queries
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


def _participation(board: Dashboard, w: Any) -> None:
    forum = board.forum
    categories = registration_queries.standing_by_category(forum)
    board.tables["categories"] = categories
    board.add(
        charts.Chart(
            "participants-by-category",
            _("Registered participants by category"),
            _("Standing registrations (neither rejected nor cancelled) in each category."),
            [
                charts.Bar(
                    str(c.name),
                    n,
                    w.number(n),
                    _url("registration:desk", forum, category=c.code),
                )
                for c, n, _approved in categories
                if n
            ],
        )
    )
    by_country = registration_queries.standing_by_country(forum)
    board.tables["countries"] = by_country
    board.add(
        charts.Chart(
            "participants-by-country",
            _("Registered participants by country"),
            _("Standing registrations by the country of the person or their organization."),
            [
                charts.Bar(
                    country_name(code, board.language) if code else _("not given"),
                    n,
                    w.number(n),
                    _url("registration:desk", forum),
                )
                for code, n in by_country[:15]
            ],
        )
    )
    by_day = registration_queries.check_ins_by_day(forum)
    board.tables["days"] = by_day
    board.add(
        charts.Chart(
            "check-ins-by-day",
            _("Participants checked in by day"),
            _("Distinct participants let in by a door on each day of the forum."),
            [
                charts.Bar(
                    local_date(day, board.language, style="short"),
                    n,
                    w.number(n),
                    _url("door:checkins", forum),
                )
                for day, n in by_day
            ],
            kind="columns",
        )
    )


def _sessions(board: Dashboard) -> None:
    rows = registration_queries.session_attendance(board.forum)
    board.tables["sessions"] = rows
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
        d: [(g, exact_money(g.total, currency, board.language)) for g in s.groups]
        for d, s in stats.items()
    }
    board.tables["overall"] = stats["session"].overall
    board.tables["overall_total"] = exact_money(
        stats["session"].overall.total, currency, board.language
    )
    board.tables["moved_on"] = project_queries.moved_on(forum).count()
    board.tables["stalled"] = list(
        project_queries.stalled(forum, today, board.settings.stalled_after_days)[:50]
    )
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
                    _url("projects:registry", forum),
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
