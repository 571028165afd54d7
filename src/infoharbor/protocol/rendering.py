"""The protocol office's printed documents, as PDF: the run sheet, the master of ceremonies'
announcement script, folded name cards, the seating plan and table cards.

Rendered through core/printing.py like the B2B table lists: names keep their own script and wrap
in Thai, Khmer, Lao and Burmese. Documents are in one language at a time, one of the forum's
languages, with translated content falling back as on the site.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from infoharbor.core.countries import country_name
from infoharbor.core.printing import render_pdf, shaped
from infoharbor.core.translated import forum_fallback
from infoharbor.protocol import drawing, services
from infoharbor.protocol.models import RunSheet, SeatingPlan, Signatory


def _people(signing: Any) -> list[dict[str, Any]]:
    rows = []
    for s in signing.signatories.select_related("person__organization"):
        person = s.person
        rows.append(
            {
                "signatory": s,
                "name": shaped(person.name, "name"),
                "latin": person.name_latin if person.name_latin != person.name else "",
                "position": shaped(str(person.position)) if person.position else "",
                "organization": shaped(str(person.organization.name))
                if person.organization
                else "",
                "country": country_name(
                    services.person_country(person), translation.get_language() or "en"
                ),
            }
        )
    return rows


def run_sheet_pdf(run_sheet: RunSheet, language: str) -> bytes:
    """The run sheet: each signing's time, project, signatories and witnesses, in `language`."""
    forum = run_sheet.session.forum
    with translation.override(language), forum_fallback(forum):
        timing = services.timing(run_sheet)
        rows = [
            {
                "time": row,
                "title": shaped(row.signing.project.title.get(language)),
                "people": _people(row.signing),
            }
            for row in timing.signings
        ]
    return render_pdf(
        "protocol/print/run_sheet.html",
        {"run_sheet": run_sheet, "session": run_sheet.session, "timing": timing, "rows": rows},
        language,
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
        }
        for person in people.values()
    ]
    return render_pdf(
        "protocol/print/name_cards.html", {"cards": cards}, forum.default_language, forum
    )


def seating_pdf(plan: SeatingPlan, language: str) -> bytes:
    """The seating plan drawn, then who sits where, table by table."""
    tables = []
    for table in plan.tables.all():
        seats = [
            {"assignment": a, "name": shaped(a.person.name), "latin": a.person.name_latin}
            for a in table.assignments.select_related("person").order_by("number", "behind")
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
                for a in table.assignments.select_related("person").filter(behind=False)
            ],
        }
        for table in plan.tables.all()
    ]
    return render_pdf(
        "protocol/print/table_cards.html", {"plan": plan, "tables": tables}, language, plan.forum
    )
