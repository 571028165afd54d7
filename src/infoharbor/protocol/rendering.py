"""The protocol office's printed documents, as PDF: the run sheet, the master of ceremonies'
announcement script, folded name cards, the seating plan and table cards.

Rendered through core/printing.py like the B2B table lists: names keep their own script and wrap
in Thai, Khmer, Lao and Burmese. The run sheet is in the forum's
languages (or a chosen set of them) at once: labels in the first, each signing's title and the
master of ceremonies' announcement in every one. The other documents are in one language, with
translated content falling back as on the site. Parties carry their country's flag (flags.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

from infoharbor.core.countries import country_name
from infoharbor.core.printing import render_pdf, shaped
from infoharbor.core.translated import forum_fallback
from infoharbor.protocol import drawing, flags, services
from infoharbor.protocol.models import RunSheet, SeatingPlan, Signatory


def flag(country: str) -> SafeString:
    """The country's flag for print, as an image sized by the stylesheet's `.flag`."""
    if not country:
        return SafeString("")
    return format_html(
        '<img class="flag" src="{}" alt="{}">', flags.flag_data_uri(country), country
    )


def _people(signing: Any, language: str) -> list[dict[str, Any]]:
    rows = []
    for s in signing.signatories.select_related("person__organization"):
        person = s.person
        country = services.person_country(person)
        rows.append(
            {
                "signatory": s,
                "name": shaped(person.name, "name"),
                "latin": person.name_latin if person.name_latin != person.name else "",
                "position": shaped(str(person.position)) if person.position else "",
                "organization": shaped(str(person.organization.name))
                if person.organization
                else "",
                "country": country_name(country, language),
                "flag": flag(country),
            }
        )
    return rows


def run_sheet_pdf(run_sheet: RunSheet, languages: Sequence[str]) -> bytes:
    """The run sheet in `languages` (the first for its labels): each signing's time, its title
    and announcement in every language, signatories and witnesses with their flags."""
    forum = run_sheet.session.forum
    first = languages[0]
    with translation.override(first), forum_fallback(forum):
        timing = services.timing(run_sheet)
        rows = [
            {
                "time": row,
                "versions": [
                    {
                        "language": code,
                        "title": shaped(row.signing.project.title.get(code)),
                        "announcement": shaped(services.announcement(row.signing, code)),
                    }
                    for code in languages
                ],
                "people": _people(row.signing, first),
            }
            for row in timing.signings
        ]
    return render_pdf(
        "protocol/print/run_sheet.html",
        {
            "run_sheet": run_sheet,
            "session": run_sheet.session,
            "timing": timing,
            "rows": rows,
            "languages": languages,
        },
        first,
        forum,
    )


def announcements_pdf(run_sheet: RunSheet, language: str) -> bytes:
    """The master of ceremonies' script: what to announce before each signing, in `language`."""
    forum = run_sheet.session.forum
    timing = services.timing(run_sheet)
    rows = [
        {"time": row, "text": shaped(services.announcement(row.signing, language))}
        for row in timing.signings
    ]
    return render_pdf(
        "protocol/print/announcements.html",
        {"session": run_sheet.session, "timing": timing, "rows": rows},
        language,
        forum,
    )


def name_cards_pdf(run_sheet: RunSheet) -> bytes:
    """A folded name card (tent card) for everyone on stage: the name in their own script with
    its Latin form as the second language, printed on both halves, one of them upside down so the
    card reads from the front and the back once folded."""
    forum = run_sheet.session.forum
    people: dict[int, Any] = {}
    for signatory in Signatory.objects.filter(signing__run_sheet=run_sheet).select_related(
        "person__organization"
    ):
        people.setdefault(signatory.person.pk, signatory.person)
    cards = [
        {
            "name": shaped(person.name, "name"),
            "latin": person.name_latin if person.name_latin != person.name else "",
            "organization": shaped(str(person.organization.name)) if person.organization else "",
            "flag": flag(services.person_country(person)),
        }
        for person in people.values()
    ]
    return render_pdf(
        "protocol/print/name_cards.html", {"cards": cards}, forum.default_language, forum
    )


def seating_pdf(plan: SeatingPlan, language: str) -> bytes:
    """The seating plan drawn, then who sits where, table by table."""
    tables = []
    for table in services.tables_of(plan):
        seats = [
            {"assignment": a, "name": shaped(a.person.name), "latin": a.person.name_latin}
            for a in plan.assignments.filter(table=table)
            .select_related("person")
            .order_by("number", "behind")
        ]
        tables.append({"table": table, "seats": seats})
    with translation.override(language):
        svg = drawing.seating_svg(plan)
    return render_pdf(
        "protocol/print/seating.html",
        {"plan": plan, "svg": svg, "tables": tables},
        language,
        plan.forum,
    )


def table_cards_pdf(plan: SeatingPlan, language: str) -> bytes:
    """A folded card per table: its number on both halves, and its guests inside."""
    tables = [
        {
            "table": table,
            "names": [
                shaped(a.person.name)
                for a in plan.assignments.filter(table=table, behind=False).select_related("person")
            ],
        }
        for table in services.tables_of(plan)
    ]
    return render_pdf(
        "protocol/print/table_cards.html", {"plan": plan, "tables": tables}, language, plan.forum
    )
