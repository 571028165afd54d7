"""A participant's personal agenda as iCalendar (RFC 5545)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from infoharbor.registration.models import Participant, SessionChoice
from infoharbor.registration.queries import choices_of


def agenda_calendar(participant: Participant) -> bytes:
    """One VEVENT per chosen session; waiting-list places are marked TENTATIVE."""
    forum = participant.forum
    cal = Calendar()
    cal.add("prodid", "-//InfoHarbor//registration agenda//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{forum.name} · {participant.person.name}")
    stamp = timezone.now()
    for choice, position in choices_of(participant):
        session = choice.session
        event = Event()
        event.add("uid", f"{forum.slug}-{session.slug}-{participant.token}@infoharbor")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        event.add("summary", str(session.title))
        where = [str(session.city.name)]
        if session.room:
            where = [str(session.room.venue.name), str(session.room.name), *where]
        event.add("location", ", ".join(where))
        seat = choice.status == SessionChoice.Status.SEAT
        event.add("status", "CONFIRMED" if seat else "TENTATIVE")
        if position:
            event.add(
                "description", _("waiting list, position %(position)s") % {"position": position}
            )
        cal.add_component(event)
    return cal.to_ical()
