"""What the program contributes to outcome reports: the edition, its cities and days, the main
forum, sub-forums and high-level dialogues, and the cooperation platforms (core/figures.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infoharbor.core.figures import COUNT, DATE_RANGE, NAMES, TEXT, Figure, Trace, report_section
from infoharbor.core.models import Forum, Platform
from infoharbor.program import kinds
from infoharbor.program.queries import ProgramFilter, matching_sessions

# Kinds a press release counts, with their figure keys.
COUNTED_KINDS = (
    ("main_forums", kinds.MAIN_FORUM),
    ("sub_forums", kinds.SUB_FORUM),
    ("dialogues", kinds.DIALOGUE),
)


def program_url(forum: Forum, **filters: str) -> str:
    url = reverse("program:program", args=[forum.slug])
    return f"{url}?{urlencode(filters)}" if filters else url


@report_section("program", gettext_lazy("The forum"), order=10)
def program_figures(forum: Forum) -> list[Figure]:
    home = reverse("web:forum", args=[forum.slug])
    figures = [
        Figure("forum.name", TEXT, _("Forum"), str(forum.name), Trace("core.forum", {}, home)),
        Figure(
            "forum.dates",
            DATE_RANGE,
            _("Dates"),
            (forum.start_date, forum.end_date),
            Trace("core.forum", {}, program_url(forum)),
        ),
    ]
    if forum.edition:
        figures.append(
            Figure(
                "forum.edition", COUNT, _("Edition"), forum.edition, Trace("core.forum", {}, home)
            )
        )
    cities = [str(city.name) for city in forum.cities.all()]
    if cities:
        figures.append(
            Figure("forum.cities", NAMES, _("Host cities"), cities, Trace("core.forum", {}, home))
        )
    for key, kind in COUNTED_KINDS:
        count = matching_sessions(forum, ProgramFilter(kind=kind.code)).count()
        if count:
            trace = Trace(
                "program.sessions", {"kind": kind.code}, program_url(forum, kind=kind.code)
            )
            label = capfirst(str(kind.plural))
            figures.append(Figure(f"program.{key}", COUNT, label, count, trace))
    platforms = [str(p.name) for p in Platform.objects.filter(forum=forum)]
    if platforms:
        trace = Trace("core.platforms", {}, home)
        figures.append(
            Figure("platforms.count", COUNT, _("Cooperation platforms"), len(platforms), trace)
        )
        figures.append(
            Figure("platforms.names", NAMES, _("Names of the platforms"), platforms, trace)
        )
    return figures
