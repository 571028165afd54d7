"""Server-side SVG drawings of the protocol office's plans: a room's layout and a seating plan
(on screen, in the seating PDF, and on a participant's phone with their seat marked) and a
signing's stage, with the parties' country flags (flags.py)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from infoharbor.protocol import flags
from infoharbor.protocol.models import SeatAssignment, SeatingPlan, SeatingTable
from infoharbor.protocol.services import StagePlan, person_country, plan_size, tables_of

PX_PER_M = 30
SEAT_R = 7
# Colours and fonts are presentation attributes, not a <style> element: the site's CSP (style-src
# 'self') would drop a <style> inside a page, and the PDFs and the .svg file get the same drawing.
SANS = 'font-family="sans-serif"'
SCRIPTS = (
    "font-family=\"'Noto Sans','Noto Sans Thai','Noto Sans Khmer','Noto Sans Lao',"
    "'Noto Sans Myanmar','Noto Sans CJK SC',sans-serif\""
)
TABLE = 'fill="#e7e5e4" stroke="#57534e"'
SEAT = {
    "seat": 'fill="#fff" stroke="#57534e"',
    "seat taken": 'fill="#93c5fd" stroke="#57534e"',
    "seat mine": 'fill="#dc2626" stroke="#7f1d1d" stroke-width="3"',
    "seat taken mine": 'fill="#dc2626" stroke="#7f1d1d" stroke-width="3"',
}


def seat_positions(table: SeatingTable) -> dict[int, tuple[float, float]]:
    """Seat number -> its centre in pixels. Round tables: seat 1 at the top (facing the stage),
    then the host's right and left in turn; rows number left to right, facing the room."""
    cx, cy = table.x * PX_PER_M, table.y * PX_PER_M
    n = table.seats
    if table.shape == SeatingTable.Shape.ROUND:
        radius = max(28.0, n * 5.0)
        slots = [0]
        for step in range(1, n):
            slots.append(-((step + 1) // 2) if step % 2 else step // 2)
        return {
            number: (
                cx + radius * math.sin(2 * math.pi * slot / n),
                cy - radius * math.cos(2 * math.pi * slot / n),
            )
            for number, slot in enumerate(slots, start=1)
        }
    width = n * 2.2 * SEAT_R
    return {
        number: (cx - width / 2 + (number - 0.5) * 2.2 * SEAT_R, cy - 16)
        for number in range(1, n + 1)
    }


def _table_shape(table: SeatingTable) -> SafeString:
    cx, cy = table.x * PX_PER_M, table.y * PX_PER_M
    if table.shape == SeatingTable.Shape.ROUND:
        radius = max(28.0, table.seats * 5.0) - SEAT_R - 4
        return format_html(
            '<circle class="table" cx="{}" cy="{}" r="{}" {}/>',
            f"{cx:.1f}",
            f"{cy:.1f}",
            f"{radius:.1f}",
            SafeString(TABLE),
        )
    width = table.seats * 2.2 * SEAT_R
    return format_html(
        '<rect class="table table-{}" x="{}" y="{}" width="{}" height="18" rx="3" {}/>',
        table.shape,
        f"{cx - width / 2:.1f}",
        f"{cy - 7:.1f}",
        f"{width:.1f}",
        SafeString(TABLE),
    )


def flag_image(country: str, x: float, y: float, width: float) -> SafeString:
    """The country's flag as an SVG <image>, its top left corner at (x, y)."""
    return format_html(
        '<image class="flag" data-country="{}" x="{}" y="{}" width="{}" height="{}" '
        'preserveAspectRatio="none" href="{}"><title>{}</title></image>',
        country,
        f"{x:.1f}",
        f"{y:.1f}",
        f"{width:.1f}",
        f"{width / flags.RATIO:.1f}",
        flags.flag_data_uri(country),
        country,
    )


def seating_svg(
    plan: SeatingPlan, mark_person: int | None = None, *, focus: bool = False
) -> SafeString:
    """The plan with every table and seat; `mark_person`'s seat is marked (their private view),
    and with `focus` the drawing shows only the few metres around their table (for a phone).
    Guests at the head table have their country's flag by their seat."""
    tables = tables_of(plan)
    taken: dict[tuple[int, int], SeatAssignment] = {
        (a.table_id, a.number): a
        for a in plan.assignments.select_related("person__organization").filter(behind=False)
    }
    marked = next((a for a in taken.values() if a.person_id == mark_person), None)
    if mark_person is not None and marked is None:
        marked = plan.assignments.filter(person_id=mark_person).first()
    return _room_svg(plan_size(plan), tables, str(plan.name), taken, marked, focus=focus)


def layout_svg(width: float, depth: float, tables: Sequence[SeatingTable], name: str) -> SafeString:
    """A room's layout: its stage, tables and numbered seats, nobody seated."""
    return _room_svg((width, depth), tables, name, {}, None)


def _room_svg(
    size: tuple[float, float],
    tables: Sequence[SeatingTable],
    name: str,
    taken: dict[tuple[int, int], SeatAssignment],
    marked: SeatAssignment | None,
    *,
    focus: bool = False,
) -> SafeString:
    width, height = size[0] * PX_PER_M, size[1] * PX_PER_M
    parts = [
        format_html(
            '<rect class="stage" x="{}" y="4" width="{}" height="22" fill="#7c2d12"/>'
            '<text class="stage-label" x="{}" y="19" text-anchor="middle" fill="#fff" '
            'font-size="12" {}>{}</text>',
            f"{width * 0.25:.1f}",
            f"{width * 0.5:.1f}",
            f"{width / 2:.1f}",
            SafeString(SANS),
            _("Stage"),
        )
    ]
    for table in tables:
        parts.append(_table_shape(table))
        parts.append(
            format_html(
                '<text class="table-label" x="{}" y="{}" text-anchor="middle" fill="#1c1917" '
                'font-size="11" {}>{}</text>',
                f"{table.x * PX_PER_M:.1f}",
                f"{table.y * PX_PER_M + 4:.1f}",
                SafeString(SANS),
                table.label,
            )
        )
        for number, (x, y) in seat_positions(table).items():
            assignment = taken.get((table.pk, number))
            is_mine = marked is not None and (marked.table_id, marked.number) == (table.pk, number)
            classes = "seat" + (" taken" if assignment else "") + (" mine" if is_mine else "")
            parts.append(
                format_html(
                    '<circle class="{}" data-seat="{}-{}" cx="{}" cy="{}" r="{}" {}>'
                    "<title>{}</title></circle>",
                    classes,
                    table.label,
                    number,
                    f"{x:.1f}",
                    f"{y:.1f}",
                    SEAT_R + (3 if is_mine else 0),
                    SafeString(SEAT[classes]),
                    f"{table.label}-{number} {assignment.person}"
                    if assignment
                    else f"{table.label}-{number}",
                )
            )
            country = person_country(assignment.person) if assignment else ""
            if table.shape == SeatingTable.Shape.HEAD and country:
                parts.append(flag_image(country, x - 6, y - SEAT_R - 12, 12))
    view = f"0 0 {width:.0f} {height:.0f}"
    if focus and marked is not None:
        table = next(t for t in tables if t.pk == marked.table_id)
        x, y = table.x * PX_PER_M, table.y * PX_PER_M
        view = f"{x - 6 * PX_PER_M:.0f} {y - 5 * PX_PER_M:.0f} {12 * PX_PER_M} {10 * PX_PER_M}"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="seating-plan" viewBox="{}" '
        'role="img" aria-label="{}">{}</svg>',
        view,
        name,
        SafeString("".join(parts)),
    )


def stage_svg(stage: StagePlan) -> SafeString:
    """A signing on stage: the signatories' chairs at the table with their name cards and
    flags, the witnesses standing behind, as the audience sees it."""
    gap = 120
    width = max(len(stage.table), len(stage.standing), 1) * gap + 40

    def row(people: Sequence[object], y: int, kind: str) -> SafeString:
        cells = []
        offset = (width - len(people) * gap) / 2
        for i, signatory in enumerate(people):
            person = signatory.person  # type: ignore[attr-defined]
            x = offset + i * gap + gap / 2
            country = person_country(person)
            cells.append(
                format_html(
                    '<g class="{}" transform="translate({},{})"><circle r="16" {}/>'
                    '<text class="name" y="34" text-anchor="middle" font-size="12" {}>{}</text>'
                    '<text class="latin" y="48" text-anchor="middle" font-size="10" fill="#444" '
                    "{}>{}</text>{}</g>",
                    kind,
                    f"{x:.0f}",
                    y,
                    SafeString(
                        'fill="#e5e7eb" stroke="#374151"'
                        if kind == "witness"
                        else 'fill="#fde68a" stroke="#92400e"'
                    ),
                    SafeString(SCRIPTS),
                    person.name,
                    SafeString(SANS),
                    person.name_latin if person.name_latin != person.name else "",
                    # The country's flag on its stand behind the chair, and a desk flag on the
                    # signing table in front of it.
                    SafeString(flag_image(country, -18, -58, 36) + flag_image(country, -8, 57, 16))
                    if kind == "signatory" and country
                    else "",
                )
            )
        return SafeString("".join(cells))

    return format_html(
        # Drawn at its own size (shrunk on narrow screens), never stretched to the page's width.
        '<svg xmlns="http://www.w3.org/2000/svg" class="stage-plan" viewBox="0 0 {} 260" '
        'width="{}" height="260" style="max-width:100%;height:auto" role="img">'
        '<text class="caption" x="10" y="16" font-size="11" fill="#555" {}>{}</text>{}'
        '<rect class="signing-table" x="20" y="204" width="{}" height="22" fill="#7c2d12"/>{}'
        '<text class="caption" x="10" y="250" font-size="11" fill="#555" {}>{}</text></svg>',
        width,
        width,
        SafeString(SANS),
        _("Witnesses (standing)"),
        row(stage.standing, 50, "witness"),
        width - 40,
        row(stage.table, 150, "signatory"),
        SafeString(SANS),
        _("Audience"),
    )
