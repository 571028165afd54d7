"""A participant's personal agenda as iCalendar (RFC 5545), written by the program's exporter.

Its events carry the program feed's UIDs: a reader subscribed to both sees each session once,
and the UID never holds the private link's token.
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from infoharbor.core.translated import forum_fallback
from infoharbor.program.exporters import ICalendarExporter
from infoharbor.program.models import Session
from infoharbor.program.queries import program_items
from infoharbor.registration.models import Participant, SessionChoice
from infoharbor.registration.queries import choices_of


def agenda_calendar(participant: Participant, base_url: str) -> bytes:
    """One VEVENT per chosen session; waiting-list places are TENTATIVE, with their position.

    `base_url` makes the session links absolute.
    """
    forum = participant.forum
    extra: dict[str, dict[str, str]] = {}
    for choice, position in choices_of(participant):
        seat = choice.status == SessionChoice.Status.SEAT
        extra[choice.session.slug] = {"status": "CONFIRMED" if seat else "TENTATIVE"}
        if position:
            extra[choice.session.slug]["comment"] = _("waiting list, position %(position)s") % {
                "position": position
            }
    chosen = Session.objects.filter(forum=forum, slug__in=extra)
    language = get_language() or forum.default_language
    with forum_fallback(forum):
        calendar = ICalendarExporter(base_url).calendar(
            forum,
            program_items(forum, chosen),
            language,
            f"{forum.name} · {participant.person.name}",
            extra,
        )
    return calendar.to_ical()
