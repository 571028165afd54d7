"""`{% session_cards sessions %}`: the program's session cards, written in Python.

A card per session through Django's template engine costs ~0.3 ms (some twenty variable
lookups, each escaped and localised); the 500-session program page would spend 150 ms on
them. Here a card is one formatted string of escaped values from the read model
(queries.ProgramItem), ~10 µs.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from infoharbor.core.templatetags.infoharbor import local_date
from infoharbor.program.kinds import SessionKind
from infoharbor.program.queries import ProgramItem

register = template.Library()

CARD = (
    '<article class="session" style="--kind: {colour}" data-kind="{code}" data-slug="{slug}">\n'
    '  <div class="time">{hours} · {badge}{synthetic}</div>\n'
    '  <h4><a href="{url}">{title}</a></h4>\n'
    '  <div class="meta">{place}{speakers}</div>\n'
    "  {agenda}\n"
    "</article>\n"
)
AGENDA_ITEM = '<li><span class="time">{clock}</span> <a href="{url}">{title}</a> {badge}</li>'


class _Cards:
    """Per-call memo of what every card repeats: kind badges, the synthetic mark."""

    def __init__(self) -> None:
        self.badges: dict[str, str] = {}
        self.synthetic = ' <span class="synthetic" title="{}">{}</span>'.format(
            escape(_("Invented demo data, not from a source.")), escape(_("synthetic"))
        )

    def badge(self, kind: SessionKind) -> str:
        badge = self.badges.get(kind.code)
        if badge is None:
            badge = self.badges[kind.code] = (
                f'<span class="kind-badge" style="background: {escape(kind.colour)}">'
                f"{escape(str(kind.label))}</span>"
            )
        return badge

    def card(self, item: ProgramItem) -> str:
        room = item.room
        place = f"{room.venue} · {room.name}" if room is not None else item.city.name
        speakers = ", ".join(s.name for s in item.speakers)
        agenda = ""
        if item.agenda:
            agenda = '<ul class="agenda">{}</ul>'.format(
                "".join(
                    AGENDA_ITEM.format(
                        clock=child.clock,
                        url=escape(child.url),
                        title=escape(child.title),
                        badge=self.badge(child.kind),
                    )
                    for child in item.agenda
                )
            )
        return CARD.format(
            colour=escape(item.kind.colour),
            code=escape(item.kind.code),
            slug=escape(item.slug),
            hours=escape(item.hours),
            badge=self.badge(item.kind),
            synthetic=self.synthetic if item.synthetic else "",
            url=escape(item.url),
            title=escape(item.title),
            place=escape(place),
            speakers=f" · {escape(speakers)}" if speakers else "",
            agenda=agenda,
        )


@register.simple_tag(takes_context=True)
def session_cards(
    context: template.Context, sessions: list[ProgramItem], with_day: bool = False
) -> SafeString:
    """The cards of `sessions`; `with_day` puts each card's local day above it."""
    cards = _Cards()
    parts = []
    for item in sessions:
        if with_day:
            parts.append(f'<div class="day-label">{escape(local_date(context, item.start))}</div>')
        parts.append(cards.card(item))
    return SafeString("".join(parts))
