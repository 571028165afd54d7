"""The protocol office's printed documents, as PDF: the run sheet, the master of ceremonies'
announcement script, folded name cards, the seating plan and table cards.

Rendered with WeasyPrint like the badges (registration/badges/rendering.py): names keep their own
script, carry a `lang` attribute that picks the right font and line breaker, and get U+200B at
ICU word boundaries so Thai, Khmer, Lao and Burmese wrap. Documents are in one language at a time,
one of the forum's languages, with translated content falling back as on the site.
"""

from __future__ import annotations

from typing import Any

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from weasyprint.text.fonts import FontConfiguration

from infoharbor.core.countries import country_name
from infoharbor.core.textbreak import mark_word_breaks
from infoharbor.core.translated import forum_fallback
from infoharbor.protocol import drawing, services
from infoharbor.protocol.models import RunSheet, SeatingPlan, Signatory
from infoharbor.registration.badges.rendering import script_language


def shaped(text: str, css_class: str = "") -> SafeString:
    """Text in its own script, ready for print: a `lang` for its script and word breaks."""
    language = script_language(text)
    return format_html(
        '<span class="{}"{}>{}</span>',
        css_class,
        format_html(' lang="{}"', language) if language else "",
        mark_word_breaks(text),
    )


def _pdf(template: str, context: dict[str, Any], language: str, forum: Any) -> bytes:
    with translation.override(language), forum_fallback(forum):
        html = render_to_string(template, {**context, "language": language, "forum": forum})
    return weasyprint.HTML(string=html).write_pdf(font_config=FontConfiguration())


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
    return _pdf(
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
    return _pdf(
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
    return _pdf("protocol/print/name_cards.html", {"cards": cards}, forum.default_language, forum)


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
    return _pdf(
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
    return _pdf(
        "protocol/print/table_cards.html", {"plan": plan, "tables": tables}, language, plan.forum
    )
