"""Reads of the registry: the public list and its filters, one project, and the statistics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from infoharbor.core import countries
from infoharbor.core import search as core_search
from infoharbor.core.models import City, Forum, Platform
from infoharbor.program.models import Session
from infoharbor.projects.conversion import Conversion, RateBook
from infoharbor.projects.models import (
    ASEAN_COUNTRIES,
    CHINA,
    Project,
    ProjectParty,
    Sector,
    StatusChange,
)

CENT = Decimal("0.01")


def current_status() -> Subquery:
    """The status of a project's latest history entry, as a column (the status is never stored)."""
    latest = StatusChange.objects.filter(project=OuterRef("pk")).order_by("-date", "-id")
    return Subquery(latest.values("status")[:1])


def is_binding() -> Case:
    return Case(
        When(kind__in=list(Project.BINDING_KINDS), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def is_china_asean() -> Q:
    """Projects with a Chinese party and a party from an ASEAN member state."""
    parties = ProjectParty.objects.filter(project=OuterRef("pk"))
    return Q(Exists(parties.filter(organization__country=CHINA))) & Q(
        Exists(parties.filter(organization__country__in=sorted(ASEAN_COUNTRIES)))
    )


def search(forum: Forum, projects: QuerySet[Project], text: str) -> QuerySet[Project]:
    """Projects whose titles, descriptions, reference or parties match `text` (the shared search,
    so Thai and Chinese words are found inside unspaced text)."""
    return projects.filter(pk__in=core_search.matching_pks(forum, text, Project))


@dataclass(frozen=True)
class ProjectFilter:
    platform: str | None = None
    sector: str | None = None
    country: str | None = None
    kind: str | None = None
    status: str | None = None
    session: str | None = None
    city: int | None = None
    signed_on: dt.date | None = None
    text: str | None = None
    china_asean: bool = False

    def apply(self, forum: Forum, projects: QuerySet[Project]) -> QuerySet[Project]:
        if self.platform:
            projects = projects.filter(platforms__code=self.platform)
        if self.sector:
            projects = projects.filter(sector__code=self.sector)
        if self.country:
            projects = projects.filter(
                Exists(
                    ProjectParty.objects.filter(
                        project=OuterRef("pk"), organization__country=self.country
                    )
                )
            )
        if self.kind:
            projects = projects.filter(kind=self.kind)
        if self.status:
            # status_now is annotated by registry(), which every caller of apply() starts from.
            projects = projects.filter(status_now=self.status)  # type: ignore[misc]
        if self.session:
            projects = projects.filter(signing_session__slug=self.session)
        if self.city is not None:
            projects = projects.filter(Q(signing_city_id=self.city) | Q(city_id=self.city))
        if self.signed_on:
            projects = projects.filter(signed_on=self.signed_on)
        if self.text:
            projects = search(forum, projects, self.text)
        if self.china_asean:
            projects = projects.filter(is_china_asean())
        return projects


def registry(forum: Forum, filters: ProjectFilter | None = None) -> QuerySet[Any]:
    """The forum's projects with what the list shows: status, China-ASEAN, parties, platforms."""
    projects: QuerySet[Any] = (
        Project.objects.filter(forum=forum)
        .annotate(status_now=current_status(), china_asean_now=is_china_asean())
        .select_related("sector", "signing_session", "signing_city", "city")
        .prefetch_related(
            "platforms",
            Prefetch("parties", queryset=ProjectParty.objects.select_related("organization")),
        )
        .order_by("signed_on", "id")
    )
    if filters is not None:
        projects = filters.apply(forum, projects)
    return projects


def china_asean_by_session(forum: Forum) -> dict[str | None, int]:
    """How many China-ASEAN projects each signing session has, by the session's slug (None for
    projects signed outside a ceremony)."""
    rows = (
        Project.objects.filter(is_china_asean(), forum=forum)
        .values("signing_session__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["signing_session__slug"]: row["n"] for row in rows}


def named_by_session(forum: Forum) -> dict[str, list[str]]:
    """The titles of each signing session's projects from a source (not synthetic), in the
    registry's order, by the session's slug."""
    named: dict[str, list[str]] = {}
    rows = (
        Project.objects.filter(forum=forum, synthetic=False, signing_session__isnull=False)
        .order_by("signed_on", "id")
        .values_list("signing_session__slug", "title")
    )
    for slug, title in rows:
        named.setdefault(slug, []).append(str(title))
    return named


def project_detail(forum: Forum, public_id: str) -> Project:
    """One project with its parties, history and documents; raises Project.DoesNotExist."""
    return (
        registry(forum)
        .prefetch_related(
            Prefetch("history", queryset=StatusChange.objects.select_related("document")),
            "documents",
        )
        .get(public_id=public_id)
    )


def city_choices(forum: Forum) -> QuerySet[City]:
    """The cities a project of `forum` may name: the forum's host cities, those of published
    forums and those its projects name already; never a city that only another forum's
    organisers know of (an unpublished forum's host cities)."""
    projects = Project.objects.filter(forum=forum)
    return City.objects.filter(
        Q(forum=forum)
        | Q(forum__is_published=True)
        | Q(pk__in=projects.values("city"))
        | Q(pk__in=projects.values("signing_city"))
    ).distinct()


def countries_in_registry(forum: Forum) -> list[str]:
    return sorted(
        set(
            ProjectParty.objects.filter(project__forum=forum).values_list(
                "organization__country", flat=True
            )
        )
    )


def country_name(code: str) -> str:
    """The country's name in the reader's language (core/countries.py)."""
    return countries.country_name(code, get_language() or "en")


# ----------------------------------------------------------------------------------------------
# Statistics


@dataclass
class Split:
    count: int = 0
    total: Decimal = Decimal(0)


@dataclass
class LeftOut:
    """Money that could not be added to a total, and why."""

    reason: str  # "no_rate" or "undisclosed"
    count: int
    currency: str = ""
    date: dt.date | None = None
    amount: Decimal | None = None

    @property
    def message(self) -> str:
        if self.reason == "no_rate":
            return _("left out: no rate for %(currency)s on %(date)s") % {
                "currency": self.currency,
                "date": self.date.isoformat() if self.date else "",
            }
        return _("left out: %(count)s with an undisclosed amount") % {"count": self.count}


@dataclass
class ConvertedFigure:
    """Amounts of one currency signed on one day, and how they were converted."""

    currency: str
    date: dt.date
    amount: Decimal
    converted: Decimal
    conversion: Conversion


@dataclass
class Group:
    key: str
    label: str
    count: int = 0
    total: Decimal = Decimal(0)
    binding: Split = field(default_factory=Split)
    non_binding: Split = field(default_factory=Split)
    left_out: list[LeftOut] = field(default_factory=list)
    figures: list[ConvertedFigure] = field(default_factory=list)


@dataclass
class Statistics:
    dimension: str
    currency: str
    groups: list[Group]
    overall: Group


@dataclass(frozen=True)
class Dimension:
    code: str
    label: Any
    key: str  # the column the groups are keyed by
    labels: Callable[[Forum, list[str]], dict[str, str]]
    # When a project can fall under several keys (platforms, countries), groups overlap.
    overlapping: bool = False
    # Countries are counted over the parties: one row per project and country.
    through_parties: bool = False

    @property
    def prefix(self) -> str:
        """The path from the counted rows to the project's columns."""
        return "project__" if self.through_parties else ""

    def buckets(self, projects: QuerySet[Project]) -> QuerySet[Any]:
        """One row per key, currency, signing day and binding-ness, with its count and sum."""
        if self.through_parties:
            return _country_buckets(projects)
        rows = projects.annotate(bound=is_binding())
        if self.key == "status_now":
            rows = rows.annotate(status_now=current_status())
        return _bucket_rows(rows, self.key)


def _bucket_rows(qs: QuerySet[Any], key: str, prefix: str = "") -> QuerySet[Any]:
    return (
        qs.values(key, f"{prefix}currency", f"{prefix}signed_on", "bound")
        .annotate(
            n=Count("pk"),
            undisclosed=Count("pk", filter=Q(**{f"{prefix}amount__isnull": True})),
            amount_sum=Sum(f"{prefix}amount"),
        )
        .order_by()
    )


def _country_buckets(projects: QuerySet[Project]) -> QuerySet[Any]:
    # One party row per project and country, so a project with two Chinese parties counts once.
    earlier_same_country = ProjectParty.objects.filter(
        project=OuterRef("project"),
        organization__country=OuterRef("organization__country"),
        id__lt=OuterRef("id"),
    )
    parties = (
        ProjectParty.objects.filter(project__in=projects.values("pk"))
        .exclude(Exists(earlier_same_country))
        .annotate(
            bound=Case(
                When(project__kind__in=list(Project.BINDING_KINDS), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )
    return _bucket_rows(parties, "organization__country", prefix="project__")


def _session_labels(forum: Forum, keys: list[str]) -> dict[str, str]:
    return {s.slug: str(s.title) for s in Session.objects.filter(forum=forum, slug__in=keys)}


def _date_labels(forum: Forum, keys: list[str]) -> dict[str, str]:
    return {k: formats.date_format(dt.date.fromisoformat(k)) for k in keys}


def _platform_labels(forum: Forum, keys: list[str]) -> dict[str, str]:
    return {p.code: str(p.name) for p in Platform.objects.filter(forum=forum, code__in=keys)}


def _sector_labels(forum: Forum, keys: list[str]) -> dict[str, str]:
    return {s.code: str(s) for s in Sector.objects.filter(forum=forum, code__in=keys)}


def _country_labels(forum: Forum, keys: list[str]) -> dict[str, str]:
    return {k: country_name(k) for k in keys}


def _kind_labels(forum: Forum, keys: list[str]) -> dict[str, str]:
    return {k: str(Project.Kind(k).label) for k in keys}


def _status_labels(forum: Forum, keys: list[str]) -> dict[str, str]:
    return {k: str(StatusChange.Status(k).label) for k in keys}


DIMENSIONS = {
    d.code: d
    for d in [
        Dimension(
            "session", gettext_lazy("signing session"), "signing_session__slug", _session_labels
        ),
        Dimension("date", gettext_lazy("signing date"), "signed_on", _date_labels),
        Dimension(
            "platform",
            gettext_lazy("cooperation platform"),
            "platforms__code",
            _platform_labels,
            overlapping=True,
        ),
        Dimension("sector", gettext_lazy("sector"), "sector__code", _sector_labels),
        Dimension(
            "country",
            gettext_lazy("country of a party"),
            "organization__country",
            _country_labels,
            overlapping=True,
            through_parties=True,
        ),
        Dimension("status", gettext_lazy("status"), "status_now", _status_labels),
        Dimension("kind", gettext_lazy("kind"), "kind", _kind_labels),
    ]
}


def _add_bucket(
    group: Group, row: dict[str, Any], currency: str, rates: RateBook, prefix: str
) -> None:
    n, bound = row["n"], row["bound"]
    day: dt.date = row[f"{prefix}signed_on"]
    split = group.binding if bound else group.non_binding
    group.count += n
    split.count += n
    if row["undisclosed"]:
        found = next((lo for lo in group.left_out if lo.reason == "undisclosed"), None)
        if found is None:
            group.left_out.append(LeftOut("undisclosed", row["undisclosed"]))
        else:
            found.count += row["undisclosed"]
    amount = row["amount_sum"]
    if amount is None:
        return
    amount = Decimal(amount)
    source = row[f"{prefix}currency"]
    conversion = rates.conversion(source, currency, day)
    if conversion is None:
        group.left_out.append(LeftOut("no_rate", n - row["undisclosed"], source, day, amount))
        return
    converted = conversion.apply(amount)
    group.total += converted
    split.total += converted
    figure = next((f for f in group.figures if f.currency == source and f.date == day), None)
    if figure is None:
        group.figures.append(ConvertedFigure(source, day, amount, converted, conversion))
    else:
        figure.amount += amount
        figure.converted += converted


def _rounded(group: Group) -> Group:
    group.total = group.total.quantize(CENT)
    group.binding.total = group.binding.total.quantize(CENT)
    group.non_binding.total = group.non_binding.total.quantize(CENT)
    for figure in group.figures:
        figure.converted = figure.converted.quantize(CENT)
    group.figures.sort(key=lambda f: (f.date, f.currency))
    group.left_out.sort(key=lambda lo: (lo.reason, lo.currency, lo.date or dt.date.min))
    return group


def statistics(forum: Forum, dimension: str, currency: str = "CNY") -> Statistics:
    """Counts and totals in `currency` per group of `dimension`, binding and non-binding apart.

    Amounts are summed per currency and signing day in the database, then converted with the
    rate of that day; what cannot be converted is listed as left out, never dropped.
    """
    spec = DIMENSIONS[dimension]
    projects = Project.objects.filter(forum=forum)
    rates = RateBook.for_forum(forum)
    groups: dict[str, Group] = {}
    for row in spec.buckets(projects):
        raw_key = row[spec.key]
        key = (
            ""
            if raw_key is None
            else str(raw_key.isoformat() if isinstance(raw_key, dt.date) else raw_key)
        )
        group = groups.setdefault(key, Group(key, ""))
        _add_bucket(group, row, currency, rates, spec.prefix)
    labels = spec.labels(forum, [k for k in groups if k])
    for key, group in groups.items():
        group.label = labels.get(key, key) if key else _("not given")
    overall = Group("", _("all projects"))
    for row in _bucket_rows(
        projects.annotate(bound=is_binding(), everything=Value("")), "everything"
    ):
        _add_bucket(overall, row, currency, rates, "")
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.key == "", g.key if dimension == "date" else "", -g.count, g.label),
    )
    return Statistics(dimension, currency, [_rounded(g) for g in ordered], _rounded(overall))


# --- how signed projects went on (outcome dashboards) -----------------------------------------

MOVED_ON = (StatusChange.Status.IMPLEMENTATION, StatusChange.Status.COMPLETED)
# Statuses in which a project waits for its next step; a long wait there is a stall.
UNDER_WAY = (
    StatusChange.Status.SIGNED,
    StatusChange.Status.PREPARATION,
    StatusChange.Status.IMPLEMENTATION,
)


def last_change() -> Subquery:
    latest = StatusChange.objects.filter(project=OuterRef("pk")).order_by("-date", "-id")
    return Subquery(latest.values("date")[:1])


def moved_on(forum: Forum) -> QuerySet[Any]:
    """Projects now in implementation or completed."""
    return registry(forum).filter(status_now__in=MOVED_ON)


def stalled(forum: Forum, today: dt.date, days: int) -> QuerySet[Any]:
    """Projects under way whose status has not changed for `days` days by `today`."""
    return (
        registry(forum)
        .annotate(changed_on=last_change())
        .filter(status_now__in=UNDER_WAY, changed_on__lt=today - dt.timedelta(days=days))
    )
