"""The emails of the B2B matchmaking, through registration's outbox: "your meetings changed"
(scheduled, moved or cancelled, one email per participant per change) and the reminder of a
request waiting for its answer.

What changed is written into the email's `details` as data (times, city, room, table) when the
change commits; `outbox.render` fills the `{meetings}` and `{requests}` placeholders from it, in
the participant's language, with the wording the organisers may edit (registration's
email_templates.py). Registered from the app's `ready`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from infoharbor.core.models import City, Room
from infoharbor.matchmaking.models import Meeting, MeetingRequest
from infoharbor.registration import outbox
from infoharbor.registration.models import OutboxEmail, Participant

Place = dict[str, Any]
"""Where and when a meeting is, as an email keeps it: start, city, room, table."""


def place_of(meeting: Meeting) -> Place:
    session = meeting.slot.block.session
    return {
        "start": meeting.slot.start.isoformat(),
        "city": session.city_id,
        "room": session.room_id,
        "table": meeting.table,
    }


def places(meetings: Iterable[Meeting]) -> dict[int, Place]:
    """Request id → its meeting's place, for comparing before and after a change."""
    return {m.request_id: place_of(m) for m in meetings}


def notify_changes(
    before: Mapping[int, Place], after: Mapping[int, Place], *, reference: str = ""
) -> int:
    """Queue one email to each participant whose meetings differ between `before` and `after`
    (request id → place), naming every change; how many emails. A `reference` ("run:12")
    makes a repeat of the same change email nobody again."""
    changed = [pk for pk in sorted(set(before) | set(after)) if before.get(pk) != after.get(pk)]
    if not changed:
        return 0
    requests = MeetingRequest.objects.in_bulk(changed)
    per_participant: dict[int, list[dict[str, Any]]] = {}
    for pk in changed:
        request = requests[pk]
        sides = (
            (request.requester_id, request.invitee_id),
            (request.invitee_id, request.requester_id),
        )
        for me, other in sides:
            per_participant.setdefault(me, []).append(
                {"request": pk, "other": other, "before": before.get(pk), "after": after.get(pk)}
            )
    people = Participant.objects.select_related("person").in_bulk(list(per_participant))
    for participant_id, changes in per_participant.items():
        outbox.queue(
            people[participant_id],
            OutboxEmail.Kind.MEETINGS_CHANGED,
            details={"changes": changes},
            reference=reference,
        )
    return len(per_participant)


def remind(request: MeetingRequest) -> None:
    """Queue the invitee's reminder of `request`, once (the request is its reference)."""
    outbox.queue(
        request.invitee,
        OutboxEmail.Kind.MEETING_REMINDER,
        details={"request": request.pk},
        reference=f"reminder:{request.pk}",
    )


# --- filling the placeholders, in the email's language ---------------------------------------


def _when(value: str, email: OutboxEmail) -> str:
    start = dt.datetime.fromisoformat(value).astimezone(email.participant.forum.tz)
    return formats.date_format(start, "DATETIME_FORMAT")


def _where(
    place: Place, email: OutboxEmail, cities: dict[int, City], rooms: dict[int, Room]
) -> str:
    parts = [_when(place["start"], email)]
    if place["city"] in cities:
        parts.append(cities[place["city"]].name.get(email.language))
    if place["room"] in rooms:
        parts.append(rooms[place["room"]].name.get(email.language))
    parts.append(_("table %(table)s") % {"table": place["table"]})
    return ", ".join(parts)


def _what_changed(old: Place, new: Place) -> str:
    labels = {"start": _("time"), "city": _("city"), "room": _("room"), "table": _("table")}
    return ", ".join(str(label) for key, label in labels.items() if old.get(key) != new.get(key))


@outbox.placeholder("meetings")
def meetings_placeholder(email: OutboxEmail) -> str:
    changes = email.details.get("changes", [])
    seen = [c[k] for c in changes for k in ("before", "after") if c[k]]
    cities = City.objects.in_bulk({p["city"] for p in seen if p["city"]})
    rooms = Room.objects.in_bulk({p["room"] for p in seen if p["room"]})
    others = Participant.objects.select_related("person").in_bulk([c["other"] for c in changes])
    lines = []
    for change in changes:
        other = others.get(change["other"])
        values = {"other": str(other.person) if other else "?"}
        old, new = change["before"], change["after"]
        if old is None:
            values["place"] = _where(new, email, cities, rooms)
            line = _("Scheduled with %(other)s: %(place)s") % values
        elif new is None:
            values["place"] = _where(old, email, cities, rooms)
            line = _("Cancelled with %(other)s: %(place)s") % values
        else:
            values |= {
                "place": _where(new, email, cities, rooms),
                "was": _where(old, email, cities, rooms),
                "changed": _what_changed(old, new),
            }
            line = _("Moved with %(other)s (%(changed)s): now %(place)s; was %(was)s") % values
        lines.append(f"- {line}")
    return "\n".join(lines)


@outbox.placeholder("requests")
def requests_placeholder(email: OutboxEmail) -> str:
    request = (
        MeetingRequest.objects.filter(pk=email.details.get("request"))
        .select_related("requester__person__organization")
        .first()
    )
    if request is None:
        return ""
    person = request.requester.person
    organization = person.organization
    who = str(person) + (f", {organization.name.get(email.language)}" if organization else "")
    return "- " + _("%(who)s asks to meet you; answer by %(deadline)s") % {
        "who": who,
        "deadline": _when(request.expires_at.isoformat(), email),
    }
