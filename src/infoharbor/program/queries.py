"""Reads of the program: filtered sessions, grouped by day and city, and the timetable grid."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from infoharbor.core.collation import order_by_name
from infoharbor.core.models import City, Forum, Person, Room
from infoharbor.program.models import Session, SessionSpeaker


@dataclass(frozen=True)
class ProgramFilter:
    day: dt.date | None = None
    city: int | None = None
    kind: str | None = None
    platform: str | None = None
    language: str | None = None

    def apply(self, forum: Forum, qs: QuerySet[Session]) -> QuerySet[Session]:
        if self.day is not None:
            start = dt.datetime.combine(self.day, dt.time.min, tzinfo=forum.tz)
            qs = qs.filter(start__lt=start + dt.timedelta(days=1), end__gt=start)
        if self.city is not None:
            qs = qs.filter(city_id=self.city)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.platform:
            qs = qs.filter(platforms__code=self.platform)
        if self.language:
            # A JSON list holds the code as a quoted string; works on SQLite and PostgreSQL.
            quoted = f'"{self.language}"'
            qs = qs.filter(Q(language=self.language) | Q(interpretation__icontains=quoted))
        return qs.distinct()


def program_sessions(forum: Forum, filters: ProgramFilter | None = None) -> QuerySet[Session]:
    """Every session of the forum with what a listing shows, in time order."""
    qs = (
        Session.objects.filter(forum=forum)
        .select_related("city", "room__venue", "parent")
        .prefetch_related(
            "platforms",
            Prefetch(
                "speakers",
                queryset=SessionSpeaker.objects.select_related("person__organization"),
            ),
        )
    )
    if filters is not None:
        qs = filters.apply(forum, qs)
    return qs


@dataclass
class ProgramDay:
    day: dt.date
    cities: list[tuple[City, list[Session]]] = field(default_factory=list)


def program_by_day(forum: Forum, filters: ProgramFilter | None = None) -> list[ProgramDay]:
    """Top-level sessions (children attached as `agenda`) by local day, then by city.

    When a filter matches only a child session, the child is listed on its own.
    """
    sessions = list(program_sessions(forum, filters))
    listed = {s.pk for s in sessions}
    children: dict[int, list[Session]] = defaultdict(list)
    for s in sessions:
        if s.parent_id in listed:
            children[s.parent_id].append(s)
    grouped: dict[dt.date, dict[int, tuple[City, list[Session]]]] = defaultdict(dict)
    for s in sessions:
        if s.parent_id in listed:
            continue
        s.agenda = children.get(s.pk, [])  # type: ignore[attr-defined]
        day = s.start.astimezone(forum.tz).date()
        grouped[day].setdefault(s.city_id, (s.city, []))[1].append(s)
    return [
        ProgramDay(day, sorted(grouped[day].values(), key=lambda pair: pair[0].pk))
        for day in sorted(grouped)
    ]


def program_version(forum: Forum) -> str:
    """Changes whenever a session is added, changed or removed: the key for cached renderings."""
    stats = Session.objects.filter(forum=forum).aggregate(count=Count("id"), last=Max("updated_at"))
    last = stats["last"].timestamp() if stats["last"] else 0
    return f"{stats['count']}-{last}"


def session_detail(forum: Forum, slug: str) -> Session:
    return program_sessions(forum).prefetch_related("hosts", "children").get(slug=slug)


def speaker_sessions(forum: Forum, person: Person) -> QuerySet[Session]:
    return program_sessions(forum).filter(speakers__person=person)


def public_speaker(forum: Forum, public_id: str) -> Person:
    """A person who speaks at one of the forum's sessions, by public id."""
    return (
        Person.objects.filter(forum=forum, public_id=public_id, session_roles__isnull=False)
        .select_related("organization")
        .distinct()
        .get()
    )


def speakers(forum: Forum, language: str = "en") -> QuerySet[Person]:
    """The forum's speakers, their names sorted the way `language` sorts them."""
    speaking = SessionSpeaker.objects.filter(person=OuterRef("pk"))
    people = Person.objects.filter(Exists(speaking), forum=forum).select_related("organization")
    return order_by_name(people, "name", language)


@dataclass
class TimetableCell:
    starting: list[Session] = field(default_factory=list)  # sessions that begin in this slot
    ongoing: bool = False  # a session that began earlier still runs here


@dataclass
class Timetable:
    """A city's day as a grid: one column per room, one row per slot."""

    rooms: list[Room | None]
    rows: list[tuple[dt.datetime, list[TimetableCell]]]


def timetable(forum: Forum, city: City, day: dt.date, slot_minutes: int = 30) -> Timetable:
    sessions = list(program_sessions(forum, ProgramFilter(day=day, city=city.pk)))
    rooms: list[Room | None] = list(
        Room.objects.filter(venue__forum=forum, venue__city=city).select_related("venue")
    )
    if any(s.room_id is None for s in sessions):
        rooms.append(None)
    column = {room.pk if room else None: i for i, room in enumerate(rooms)}
    day_start = dt.datetime.combine(day, dt.time.min, tzinfo=forum.tz)
    day_end = day_start + dt.timedelta(days=1)
    # 08:00–20:00, widened to sessions that start or end inside the day (not multi-day spans).
    first = dt.datetime.combine(day, dt.time(8), tzinfo=forum.tz)
    last = dt.datetime.combine(day, dt.time(20), tzinfo=forum.tz)
    first = min([first, *(s.start for s in sessions if s.start >= day_start)])
    last = max([last, *(s.end for s in sessions if s.end <= day_end)])
    step = dt.timedelta(minutes=slot_minutes)
    top = first.astimezone(forum.tz).replace(minute=0, second=0, microsecond=0)
    moment = top
    rows = []
    # Longer sessions first within a slot, so a sub-forum comes before its first agenda item.
    sessions.sort(key=lambda s: (s.start, s.start - s.end))
    while moment < last:
        cells = [TimetableCell() for _ in rooms]
        for s in sessions:
            if s.start < moment + step and s.end > moment:
                cell = cells[column[s.room_id]]
                # A session begun before the grid's first row is labelled in that row.
                if s.start >= moment or moment == top:
                    cell.starting.append(s)
                else:
                    cell.ongoing = True
        rows.append((moment, cells))
        moment += step
    return Timetable(rooms, rows)
