"""The figures of a forum's outcome, in one language and in the forum's reporting currency: every
app's report sections, read through their queries (core/figures.py). Nothing here counts
anything itself."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from infoharbor.core import figures as registry
from infoharbor.core.figures import Figure
from infoharbor.core.models import Forum
from infoharbor.core.translated import forum_fallback
from infoharbor.reports.models import ReportSettings


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: list[Figure]


def settings_of(forum: Forum) -> ReportSettings:
    """The forum's report settings, or the defaults while it has chosen none."""
    return ReportSettings.objects.filter(forum=forum).first() or ReportSettings(forum=forum)


def report_language(forum: Forum, requested: str | None) -> str:
    """`requested` when the forum publishes in it, else the forum's default language."""
    languages = forum.content_languages()
    return requested if requested in languages else forum.default_language


def sections(forum: Forum, language: str) -> list[Section]:
    """Every section that has figures at `forum`, with texts and links in `language` and totals
    in the forum's reporting currency."""
    currency = settings_of(forum).currency
    with translation.override(language), forum_fallback(forum), registry.reporting(currency):
        found = [
            Section(s.key, str(s.title), figures)
            for s in registry.sections()
            if (figures := s.figures(forum))
        ]
    return found


def figures(forum: Forum, language: str) -> dict[str, Figure]:
    """Every figure at `forum`, by key, in section order."""
    return {f.key: f for section in sections(forum, language) for f in section.figures}
