"""A participant's meeting agenda as iCalendar and PDF, and the organisers' printed table lists.

The PDFs go through core/printing.py: names keep their own script with their Latin form beside
them, shaped and wrapped for Thai, Khmer, Lao and Burmese.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from infoharbor.core.models import Forum, Person
from infoharbor.core.printing import render_pdf, shaped
from infoharbor.core.translated import forum_fallback
from infoharbor.matchmaking import queries
from infoharbor.matchmaking.models import Meeting, Slot
from infoharbor.program.exporters import GENERATOR
from infoharbor.registration.models import Participant


def other_side(meeting: Meeting, participant: Participant) -> Participant:
    request = meeting.request
    return request.invitee if request.requester_id == participant.pk else request.requester


def place(slot: Slot, table: int) -> str:
    """Where a meeting is: the city, the room if the block has one, and the table."""
    session = slot.block.session
    parts = [str(session.city.name)]
    if session.room:
        parts.append(str(session.room))
    parts.append(_("table %(table)s") % {"table": table})
    return " · ".join(parts)


def meeting_uid(forum: Forum, meeting: Meeting) -> str:
    """Stable while the meeting exists, whatever slot it moves to; never the private token."""
    return f"meeting-{meeting.request.public_id}@{forum.slug}.infoharbor"


def agenda_calendar(participant: Participant) -> bytes:
    """One VEVENT per meeting, in the participant's language, updated in place when it moves."""
    forum = participant.forum
    calendar = Calendar()
    calendar.add("prodid", f"-//{GENERATOR}//{forum.slug}//meetings")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    meetings = list(queries.agenda(participant))
    with translation.override(participant.language), forum_fallback(forum):
        name = _("%(forum)s · B2B meetings of %(name)s") % {
            "forum": forum.name,
            "name": participant.person.name,
        }
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        for meeting in meetings:
            other = other_side(meeting, participant).person
            organization = str(other.organization.name) if other.organization else ""
            calendar.add_component(
                Event.new(
                    uid=meeting_uid(forum, meeting),
                    start=meeting.slot.start,
                    end=meeting.slot.end,
                    summary=_("B2B meeting with %(name)s") % {"name": other},
                    description=organization or None,
                    location=place(meeting.slot, meeting.table),
                )
            )
    return calendar.to_ical()


@dataclass(frozen=True)
class Side:
    name: str
    latin: str
    organization: str

    @classmethod
    def of(cls, person: Person) -> Side:
        return cls(
            name=shaped(person.name, "name"),
            latin=person.name_latin if person.name_latin != person.name else "",
            organization=shaped(str(person.organization.name)) if person.organization else "",
        )


def agenda_pdf(participant: Participant) -> bytes:
    """The participant's meetings in time order, printable, in their language."""
    forum = participant.forum
    language = participant.language
    with translation.override(language), forum_fallback(forum):
        rows = [
            {
                "meeting": meeting,
                "place": place(meeting.slot, meeting.table),
                "other": Side.of(other_side(meeting, participant).person),
            }
            for meeting in queries.agenda(participant)
        ]
        me = Side.of(participant.person)
    return render_pdf("matchmaking/print/agenda.html", {"rows": rows, "me": me}, language, forum)


def table_lists_pdf(forum: Forum, language: str) -> bytes:
    """Per negotiation block and slot, who meets whom at which table: for the hosts at the door
    of the negotiation hall and for the tables themselves."""
    meetings = queries.placed_meetings(forum)
    with translation.override(language), forum_fallback(forum):
        slots = [
            {
                "slot": slot,
                "rows": [
                    {
                        "table": m.table,
                        "sides": [
                            Side.of(m.request.requester.person),
                            Side.of(m.request.invitee.person),
                        ],
                        "interpreter": m.request.interpreter_needed,
                    }
                    for m in group
                ],
            }
            for slot, group in groupby(meetings, key=lambda m: m.slot)
        ]
    return render_pdf("matchmaking/print/table_lists.html", {"slots": slots}, language, forum)


def figure_columns() -> list[str]:
    """Column titles of the figures' spreadsheets, in the active language."""
    return [
        _("group"),
        _("requested"),
        _("accepted"),
        _("declined"),
        _("expired"),
        _("scheduled"),
        _("held"),
        _("not held"),
        *[str(label) for value, label in Meeting.Outcome.choices if value],
    ]


def figure_rows(groups: list[queries.FigureGroup]) -> list[list[object]]:
    outcomes = [value for value, _label in Meeting.Outcome.choices if value]
    return [
        [
            g.label,
            g.figures.requested,
            g.figures.accepted,
            g.figures.declined,
            g.figures.expired,
            g.figures.scheduled,
            g.figures.held,
            g.figures.not_held,
            *[g.figures.outcomes.get(o, 0) for o in outcomes],
        ]
        for g in groups
    ]
