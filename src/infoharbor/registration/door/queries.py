"""What organisers see of the door: the day's sessions, live counts per session and room, the
latest scans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from infoharbor.core.models import Forum
from infoharbor.program.models import Session
from infoharbor.registration.door.models import CheckIn


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
