"""A cooperation platform as a hub: what it is, its sessions across the forum's cities and the
series' editions, the projects signed under it with totals and statuses, its partner
organizations and countries, and its B2B meetings. Read through the program's, the registry's
and matchmaking's queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from infoharbor.core import collation
from infoharbor.core.countries import country_name
from infoharbor.core.formatting import exact_money
from infoharbor.core.models import Forum, Platform
from infoharbor.matchmaking import queries as matchmaking_queries
from infoharbor.program.queries import ProgramFilter, ProgramItem, matching_sessions, program_items
from infoharbor.projects import queries as project_queries
from infoharbor.projects.models import StatusChange
from infoharbor.reports.editions import editions_of
from infoharbor.reports.queries import settings_of

__all__ = ["Hub", "Platform", "hub"]


@dataclass(frozen=True)
class EditionSessions:
    forum: Forum
    url: str  # the edition's platform hub
    sessions: list[ProgramItem]


@dataclass(frozen=True)
class Hub:
    platform: Platform
    by_city: list[tuple[str, list[ProgramItem]]]
    editions: list[EditionSessions]  # the other editions of the series with this platform
    projects: list[Any]
    projects_url: str
    count: int
    total: str  # in the reporting currency, "" when no amount is disclosed
    statuses: list[tuple[str, int, str]]  # label, count, link
    organizations: list[tuple[str, str]]  # name, country name
    countries: list[tuple[str, int, str]]  # name, projects, link
    meetings: matchmaking_queries.Figures | None  # None: no B2B meeting was asked about it
    meeting_countries: list[tuple[str, int]]  # name, scheduled meetings with a side from it


def hub(forum: Forum, code: str, language: str) -> Hub:
    """The hub of the platform `code`; raises Platform.DoesNotExist."""
    platform = Platform.objects.get(forum=forum, code=code)
    items = program_items(forum, matching_sessions(forum, ProgramFilter(platform=code)))
    cities: dict[str, list[ProgramItem]] = {}
    for item in items:
        cities.setdefault(item.city.name, []).append(item)
    editions = []
    for edition in editions_of(forum):
        if edition.pk == forum.pk or not edition.platforms.filter(code=code).exists():
            continue
        sessions = program_items(edition, matching_sessions(edition, ProgramFilter(platform=code)))
        url = reverse("reports:platform", args=[edition.slug, code])
        editions.append(EditionSessions(edition, url, sessions))
    filters = project_queries.ProjectFilter(platform=code)
    projects = list(project_queries.registry(forum, filters))
    currency = settings_of(forum).currency
    group = next(
        (
            g
            for g in project_queries.statistics(forum, "platform", currency).groups
            if g.key == code
        ),
        None,
    )
    registry = reverse("projects:registry", args=[forum.slug])
    statuses = Counter(p.status_now for p in projects)
    organizations: dict[int, tuple[str, str]] = {}
    countries: Counter[str] = Counter()
    for project in projects:
        seen = set()
        for party in project.parties.all():
            org = party.organization
            organizations[org.pk] = (org.name_in(language), country_name(org.country, language))
            seen.add(org.country)
        countries.update(seen)
    meetings = matchmaking_queries.platform_meetings(forum, code)
    key_of = collation.sort_key(language)
    meeting_countries = sorted(
        ((country_name(c, language), n) for c, n in meetings.countries.items()),
        key=lambda pair: (-pair[1], key_of(pair[0])),
    )
    return Hub(
        platform=platform,
        by_city=list(cities.items()),
        editions=editions,
        projects=projects,
        projects_url=f"{registry}?platform={code}",
        count=len(projects),
        total=exact_money(group.total, currency, language) if group and group.figures else "",
        statuses=[
            (str(s.label), statuses[s.value], f"{registry}?platform={code}&status={s.value}")
            for s in StatusChange.Status
            if statuses[s.value]
        ],
        organizations=sorted(organizations.values(), key=lambda pair: key_of(pair[0])),
        countries=[
            (country_name(c, language), n, f"{registry}?platform={code}&country={c}")
            for c, n in countries.most_common()
        ],
        meetings=meetings.figures if meetings.figures.requested else None,
        meeting_countries=meeting_countries,
    )
