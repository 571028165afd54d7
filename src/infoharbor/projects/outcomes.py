"""What the registry contributes to outcome reports: each signing ceremony with its count, its
China-ASEAN share, its total and its named projects, and the registry's totals (core/figures.py).

Totals are in the report's currency (core/figures.py), converted with the stored rates of each
signing day; the figure keeps the rates, and its note says what could not be added.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infoharbor.core.figures import (
    COUNT,
    DATE,
    MONEY,
    NAMES,
    TEXT,
    Figure,
    Rate,
    Trace,
    report_section,
    reporting_currency,
)
from infoharbor.core.models import Forum
from infoharbor.program.models import Session
from infoharbor.projects import queries
from infoharbor.projects.models import Project


def registry_url(forum: Forum, **filters: Any) -> str:
    url = reverse("projects:registry", args=[forum.slug])
    shown = {k: ("on" if v is True else v) for k, v in filters.items()}
    return f"{url}?{urlencode(shown)}" if shown else url


def rates_of(group: queries.Group) -> tuple[Rate, ...]:
    """The exchange rates a total was converted with, each once, by currency and date."""
    rates = {
        Rate(f.currency, f.conversion.rate, f.conversion.rate_date, f.conversion.source)
        for f in group.figures
        if f.conversion.rate_date is not None
    }
    return tuple(sorted(rates, key=lambda r: (r.currency, r.date)))


def _money(
    key: str, label: str, group: queries.Group, trace: Trace, currency: str
) -> Figure | None:
    if not group.figures:
        return None  # nothing with a disclosed amount: no total to state
    return Figure(
        key,
        MONEY,
        label,
        group.total,
        trace,
        currency=currency,
        note="; ".join(dict.fromkeys(lo.message for lo in group.left_out)),
        rates=rates_of(group),
    )


def _count(
    key: str, label: str, value: int, source: str, filters: dict[str, Any], url: str
) -> Figure:
    return Figure(key, COUNT, label, value, Trace(source, filters, url))


def _within(prefix: str, session: Any, forum: Forum) -> list[Figure]:
    """The sub-forum a ceremony is part of, which a press release names with it."""
    parent = session.parent
    if parent is None or parent.kind != "sub_forum":
        return []
    url = reverse("program:session", args=[forum.slug, parent.slug])
    trace = Trace("program.session", {"slug": parent.slug}, url)
    return [Figure(f"{prefix}.within", TEXT, _("Part of"), str(parent.title), trace)]


@report_section("projects", gettext_lazy("Signed projects"), order=30)
def project_figures(forum: Forum) -> list[Figure]:
    if not Project.objects.filter(forum=forum).exists():
        return []
    currency = reporting_currency()
    statistics = queries.statistics(forum, "session", currency)
    by_session = {g.key: g for g in statistics.groups}
    everything = statistics.overall
    figures: list[Figure] = []
    china_asean_counts = queries.china_asean_by_session(forum)
    named_by_session = queries.named_by_session(forum)
    ceremonies = (
        Session.objects.filter(forum=forum, signed_projects__isnull=False)
        .select_related("parent", "city")
        .distinct()
        .order_by("start", "slug")
    )
    for session in ceremonies:
        slug = session.slug
        group = by_session[slug]
        filters = {"session": slug}
        url = registry_url(forum, **filters)
        prefix = f"signing.{slug}"
        trace = Trace("projects.registry", filters, url)
        session_url = reverse("program:session", args=[forum.slug, slug])
        figures += [
            Figure(
                f"{prefix}.title",
                TEXT,
                _("Signing ceremony"),
                str(session.title),
                Trace("program.session", {"slug": slug}, session_url),
            ),
            Figure(
                f"{prefix}.date",
                DATE,
                _("Date"),
                session.start.astimezone(forum.tz).date(),
                Trace("program.session", {"slug": slug}, session_url),
            ),
            Figure(
                f"{prefix}.city",
                TEXT,
                _("City"),
                str(session.city.name),
                Trace("program.session", {"slug": slug}, session_url),
            ),
            *_within(prefix, session, forum),
            _count(
                f"{prefix}.count",
                _("Projects signed"),
                group.count,
                "projects.registry",
                filters,
                url,
            ),
        ]
        if shared := china_asean_counts.get(slug, 0):
            figures.append(
                _count(
                    f"{prefix}.china_asean",
                    _("China-ASEAN projects"),
                    shared,
                    "projects.registry",
                    {**filters, "china_asean": True},
                    registry_url(forum, **filters, china_asean=True),
                )
            )
        total = _money(f"{prefix}.total", _("Total investment"), group, trace, currency)
        if total:
            figures.append(total)
        if named := named_by_session.get(slug):
            figures.append(
                Figure(
                    f"{prefix}.named",
                    NAMES,
                    _("Named projects"),
                    named,
                    Trace("projects.registry", {**filters, "synthetic": False}, url),
                )
            )
    all_url = registry_url(forum)
    figures.append(
        _count(
            "projects.count",
            _("Projects signed"),
            everything.count,
            "projects.registry",
            {},
            all_url,
        )
    )
    if shared := sum(china_asean_counts.values()):
        figures.append(
            _count(
                "projects.china_asean",
                _("China-ASEAN projects"),
                shared,
                "projects.registry",
                {"china_asean": True},
                registry_url(forum, china_asean=True),
            )
        )
    figures.append(
        _count(
            "projects.binding",
            _("Binding agreements"),
            everything.binding.count,
            "projects.registry",
            {"kind__in": sorted(Project.BINDING_KINDS)},
            all_url,
        )
    )
    figures.append(
        _count(
            "projects.memoranda",
            _("Memoranda and other non-binding agreements"),
            everything.non_binding.count,
            "projects.registry",
            {"kind__not_in": sorted(Project.BINDING_KINDS)},
            all_url,
        )
    )
    total = _money(
        "projects.total",
        _("Total investment"),
        everything,
        Trace("projects.registry", {}, all_url),
        currency,
    )
    if total:
        figures.append(total)
    return figures
