"""What the door and organisers see of it: the sessions a door can serve, the admission list kept
on door phones, live counts per session and room, the latest scans."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from infoharbor.core import formatting
from infoharbor.core.models import Forum
from infoharbor.program.models import Session
from infoharbor.registration.door import services
from infoharbor.registration.door.models import CheckIn
from infoharbor.registration.models import Participant, ReplacedBadge, SessionChoice


@dataclass(frozen=True)
class SessionCount:
    session: Session
    inside: int  # people let in
    refused: int  # refused scans
    seats: int | None  # the session's seat limit, None when it has none


@dataclass(frozen=True)
class RoomCount:
    room: str
    inside: int
    capacity: int | None


def sessions_of_day(forum: Forum, day: dt.date) -> QuerySet[Session]:
    """The day's sessions (forum time zone), for the door page's choice and the live counts."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=forum.tz)
    return (
        Session.objects.filter(
            forum=forum, start__gte=start, start__lt=start + dt.timedelta(days=1)
        )
        .select_related("room__venue", "capacity", "city")
        .order_by("start", "pk")
    )


def door_sessions(forum: Forum, day: dt.date) -> QuerySet[Session]:
    """Every session of the forum a door can serve: those running on `day` first, then the rest
    by time, so door staff can also rehearse before the forum's dates."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=forum.tz)
    running = Q(start__lt=start + dt.timedelta(days=1), end__gt=start)
    return (
        Session.objects.filter(forum=forum)
        .annotate(
            other_day=Case(When(running, then=Value(0)), default=1, output_field=IntegerField())
        )
        .order_by("other_day", "start", "pk")
    )


def badge_digest(salt: str, badge_code: str) -> str:
    """How the admission list names a badge: SHA-256 of the list's salt and the badge code.

    The door's script computes the same from a scanned code; the list never holds a code.
    """
    return hashlib.sha256(f"{salt}{badge_code}".encode()).hexdigest()


def admission_list(forum: Forum, session: Session | None, day: dt.date) -> dict[str, Any]:
    """What a door's phone keeps to answer with no connection, for one door's target and day.

    For every badge of the forum: its digest and whether it may enter (the reason if not, by the
    same rules as a scan, `services.entry_refusal` and `services.seat_refusal`); the badge
    holder's name, category and photo only where the badge is valid, which is all door staff see.
    No email, phone, private link or badge code. `inside` names the badges already let in.
    """
    salt = secrets.token_hex(16)
    seats = dict(
        SessionChoice.objects.filter(session=session).values_list("participant_id", "status")
        if session is not None
        else []
    )
    participants = Participant.objects.filter(forum=forum).select_related("person", "category")
    people = []
    for participant in participants:
        reason = services.entry_refusal(forum, participant, session, day)
        if reason is None and session is not None:
            reason = services.seat_refusal(session, seats.get(participant.pk))
        entry: dict[str, Any] = {
            "digest": badge_digest(salt, participant.badge_code),
            "reason": reason or "",
        }
        if participant.has_valid_badge:
            person = participant.person
            entry |= {
                "name": person.name,
                "name_latin": person.name_latin,
                "category": str(participant.category.name),
                "colour": participant.category.colour,
                "photo": reverse("registration:staff_photo", args=[forum.slug, person.public_id])
                if person.photo
                else "",
            }
        people.append(entry)
    replaced = ReplacedBadge.objects.filter(participant__forum=forum)
    people += [
        {"digest": badge_digest(salt, code), "reason": CheckIn.Reason.BADGE_REPLACED}
        for code in replaced.values_list("badge_code", flat=True)
    ]
    inside = CheckIn.objects.filter(
        forum=forum, session=session, day=day, result=CheckIn.Result.ALLOWED
    ).values_list("participant__badge_code", flat=True)
    now = timezone.now()
    return {
        "forum": forum.slug,
        "session": session.slug if session is not None else "",
        "day": day.isoformat(),
        "timezone": forum.timezone,
        "generated_at": now.isoformat(),
        "generated_time": formatting.local_time(now, forum.timezone),
        "salt": salt,
        "people": people,
        "inside": sorted({badge_digest(salt, code) for code in inside}),
        "messages": {r: services.verdict_message(r) for r in ["", *CheckIn.Reason.values]},
    }


def live_counts(forum: Forum, day: dt.date) -> tuple[list[SessionCount], list[RoomCount]]:
    """How many people each of the day's sessions and rooms has let in, and the refusals."""
    sessions = list(
        sessions_of_day(forum, day).annotate(
            inside=Count("check_ins", filter=Q(check_ins__result=CheckIn.Result.ALLOWED)),
            refused=Count("check_ins", filter=Q(check_ins__result=CheckIn.Result.REFUSED)),
        )
    )
    per_session = [
        SessionCount(
            session=s,
            inside=s.inside,
            refused=s.refused,
            seats=s.capacity.capacity if hasattr(s, "capacity") else None,
        )
        for s in sessions
    ]
    rooms: dict[int, RoomCount] = {}
    for count in per_session:
        room = count.session.room
        if room is None:
            continue
        before = rooms.get(room.pk, RoomCount(str(room), 0, room.capacity))
        rooms[room.pk] = RoomCount(before.room, before.inside + count.inside, before.capacity)
    return per_session, list(rooms.values())


def scan_history(
    forum: Forum, session: Session | None = None, limit: int = 200
) -> QuerySet[CheckIn]:
    """The latest scans, newest first."""
    scans = CheckIn.objects.filter(forum=forum).select_related(
        "participant__person", "participant__category", "session"
    )
    if session is not None:
        scans = scans.filter(session=session)
    return scans.order_by("-scanned_at", "-pk")[:limit]


def entries_on(forum: Forum, day: dt.date) -> int:
    """How many entries the doors let in on `day` (one person at two doors counts twice)."""
    return CheckIn.objects.filter(forum=forum, day=day, result=CheckIn.Result.ALLOWED).count()
