"""Schedule exporters: the program as iCalendar, frab schedule XML and frab schedule JSON.

Calendars and schedule apps read these. Each format is one class in the registry below, so a
new format is a new class, not another branch in the API. Identifiers given to other software
(iCalendar UIDs, frab GUIDs) derive from slugs, never from row ids or tokens, so they survive a
re-import and are the same in every feed (the program's, a participant's agenda). Every export
reads the program's read model (`queries.program_items`), not model objects, and its bytes
depend on the program only, never on the moment it is made (DTSTAMP is the session's last
change), so an export's ETag can be derived from the forum's content version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any, ClassVar, TypeVar

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar, Event
from lxml import etree

from infoharbor.core.models import Forum
from infoharbor.core.translated import TranslatedText, forum_fallback
from infoharbor.program.models import Session
from infoharbor.program.queries import ProgramItem, SpeakerItem, program_items
from infoharbor.program.releases import current_release

GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "infoharbor")
GENERATOR = "InfoHarbor"
# The timetable's slot; frab apps use it to size their grid.
TIMESLOT_MINUTES = 30


class ScheduleExporter:
    """Renders a forum's sessions in one format; `base_url` makes the links absolute."""

    identifier: ClassVar[str]
    content_type: ClassVar[str]
    extension: ClassVar[str]

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")

    def render(self, forum: Forum, sessions: QuerySet[Session], language: str) -> bytes:
        """`sessions` in `language`; text missing in it falls back to the forum's default."""
        with translation.override(language), forum_fallback(forum):
            return self.build(forum, program_items(forum, sessions), language)

    def build(self, forum: Forum, items: list[ProgramItem], language: str) -> bytes:
        raise NotImplementedError

    def filename(self, *parts: str) -> str:
        return f"{'-'.join(parts)}.{self.extension}"

    def absolute(self, path: str) -> str:
        return self.base_url + path


_Exporter = TypeVar("_Exporter", bound=type[ScheduleExporter])
_REGISTRY: dict[str, type[ScheduleExporter]] = {}


def register(cls: _Exporter) -> _Exporter:
    if cls.identifier in _REGISTRY:
        raise ValueError(f"schedule exporter {cls.identifier!r} is registered twice")
    _REGISTRY[cls.identifier] = cls
    return cls


def get(identifier: str, base_url: str) -> ScheduleExporter:
    """The exporter registered as `identifier`, making links under `base_url`."""
    return _REGISTRY[identifier](base_url)


def identifiers() -> list[str]:
    return list(_REGISTRY)


def session_uid(forum: Forum, session_slug: str) -> str:
    """The iCalendar UID: stable across exports and re-imports, and the same in every feed."""
    return f"{session_slug}@{forum.slug}.infoharbor"


def session_guid(forum: Forum, session_slug: str) -> uuid.UUID:
    return uuid.uuid5(GUID_NAMESPACE, f"{forum.slug}/{session_slug}")


def person_guid(public_id: str) -> uuid.UUID:
    return uuid.uuid5(GUID_NAMESPACE, f"person/{public_id}")


def _text(value: TranslatedText | dict[str, str]) -> str:
    """The text in the active language; a fresh instance still holds its field default, a dict."""
    return str(value if isinstance(value, TranslatedText) else TranslatedText(value))


@register
class ICalendarExporter(ScheduleExporter):
    """iCalendar (RFC 5545): one VEVENT per session, times in the forum's time zone.

    The one iCalendar writer: the program's feeds and a participant's agenda (`calendar` with
    per-session properties) both write their events here.
    """

    identifier = "ics"
    content_type = "text/calendar; charset=utf-8"
    extension = "ics"

    def build(self, forum: Forum, items: list[ProgramItem], language: str) -> bytes:
        return self.calendar(forum, items, language, str(forum.name)).to_ical()

    def calendar(
        self,
        forum: Forum,
        items: list[ProgramItem],
        language: str,
        name: str,
        extra: Mapping[str, Mapping[str, str]] | None = None,
    ) -> Calendar:
        """The calendar called `name`; `extra` adds properties to the events by session slug."""
        calendar = Calendar()
        calendar.add("prodid", f"-//{GENERATOR}//{forum.slug}//{language.upper()}")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        for item in items:
            event = self.event(forum, item)
            for key, value in (extra or {}).get(item.slug, {}).items():
                event.add(key, value)
            calendar.add_component(event)
        # Transitions only around the forum's days: Asia/Shanghai's whole history would add
        # the 1986–1991 daylight-saving rules to every calendar.
        days = [forum.start_date, forum.end_date]
        days += [item.start.date() for item in items] + [item.end.date() for item in items]
        calendar.add_missing_timezones(
            first_date=min(days) - dt.timedelta(days=1), last_date=max(days) + dt.timedelta(days=1)
        )
        return calendar

    def event(self, forum: Forum, item: ProgramItem) -> Event:
        event = Event.new(
            uid=session_uid(forum, item.slug),
            stamp=item.updated_at,
            start=item.start,
            end=item.end,
            summary=item.title,
            description=item.description or None,
            location=item.location,
            url=self.absolute(item.url),
            categories=[str(item.kind.label)],
        )
        if item.city.latitude is not None and item.city.longitude is not None:
            event.add("geo", (item.city.latitude, item.city.longitude))
        if item.parent_slug is not None:
            event.add("related-to", session_uid(forum, item.parent_slug))
        return event


@dataclass(frozen=True)
class FrabPerson:
    guid: uuid.UUID
    name: str
    url: str


@dataclass(frozen=True)
class FrabLink:
    url: str
    title: str


@dataclass(frozen=True)
class FrabEvent:
    guid: uuid.UUID
    number: int
    slug: str
    start: dt.datetime  # in the forum's time zone
    end: dt.datetime
    room: str
    title: str
    type: str
    track: str
    language: str
    abstract: str
    description: str
    url: str
    persons: tuple[FrabPerson, ...]
    links: tuple[FrabLink, ...]

    @property
    def duration(self) -> str:
        minutes = int((self.end - self.start).total_seconds()) // 60
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class FrabDay:
    index: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    rooms: dict[str, list[FrabEvent]]


@dataclass(frozen=True)
class FrabTrack:
    name: str
    slug: str
    color: str


@dataclass(frozen=True)
class FrabSchedule:
    acronym: str
    title: str
    description: str
    start: dt.date
    end: dt.date
    time_zone: str
    url: str
    base_url: str
    version: str
    tracks: list[FrabTrack]
    days: list[FrabDay]


def frab_acronym(forum: Forum) -> str:
    """The forum's acronym (or slug) in the only form both frab schemas accept: `[a-z0-9_]{4,}`."""
    for source in (forum.acronym, forum.slug):
        acronym = re.sub(r"[^a-z0-9_]", "_", source.lower())
        if re.search(r"[a-z0-9]", acronym):
            return acronym.ljust(4, "_")
    raise ValueError(f"forum {forum.slug!r} has neither acronym nor slug")


def frab_slug(acronym: str, session_slug: str) -> str:
    """`<acronym>-<session slug>`; frab wants 4+ characters after the hyphen, ending in [a-z0-9]."""
    tail = session_slug.lower().strip("-_")
    if len(tail) < 4:
        tail = f"session-{tail}"
    return f"{acronym}-{tail}"


def frab_number(guid: uuid.UUID) -> int:
    """The integer event id frab requires, derived from the GUID rather than a row id.

    53 bits keep it exact in JavaScript clients; collisions are as likely as in 53 random bits.
    """
    return (guid.int >> 75) + 1


def _abstract(description: str) -> str:
    return description.strip().split("\n\n", 1)[0]


def _room_labels(items: list[ProgramItem]) -> dict[tuple[str, int], str]:
    """A column name per room (the city's name for sessions without one), unique per forum."""
    labels: dict[tuple[str, int], str] = {}
    for item in items:
        if item.room is None:
            labels[("city", item.city.pk)] = item.city.name
        else:
            labels[("room", item.room.pk)] = item.room.name
    shared = {label for label, count in Counter(labels.values()).items() if count > 1}
    for item in items:
        room = item.room
        if room is not None and labels[("room", room.pk)] in shared:
            labels[("room", room.pk)] = f"{room.name} ({room.venue})"
    return labels


def _room_key(item: ProgramItem) -> tuple[str, int]:
    return ("room", item.room.pk) if item.room else ("city", item.city.pk)


class FrabExporter(ScheduleExporter):
    """The frab (pentabarf) schedule, built once and serialised by each subclass.

    An event's track is its session's kind: a session has exactly one kind, but any number of
    cooperation platforms. People carry a GUID and no id: both schemas type a person's id as
    an integer, and the only integer we have for a person is a row id.
    """

    def build(self, forum: Forum, items: list[ProgramItem], language: str) -> bytes:
        return self.serialise(self.schedule(forum, items))

    def serialise(self, schedule: FrabSchedule) -> bytes:
        raise NotImplementedError

    def schedule(self, forum: Forum, items: list[ProgramItem]) -> FrabSchedule:
        acronym = frab_acronym(forum)
        labels = _room_labels(items)
        local_days = {item.start.date() for item in items}
        days = []
        for index, day in enumerate(sorted(local_days | set(forum.days())), start=1):
            start = dt.datetime.combine(day, dt.time.min, tzinfo=forum.tz)
            days.append(FrabDay(index, day, start, start + dt.timedelta(days=1), {}))
        by_date = {day.date: day for day in days}
        for item in items:
            event = self.event(forum, item, acronym, labels[_room_key(item)])
            by_date[event.start.date()].rooms.setdefault(event.room, []).append(event)
        used = dict.fromkeys(item.kind for item in items)
        tracks = [
            FrabTrack(str(kind.label), kind.code.replace("_", "-"), kind.colour) for kind in used
        ]
        return FrabSchedule(
            acronym=acronym,
            title=str(forum.name),
            description=_text(forum.description),
            start=forum.start_date,
            end=forum.end_date,
            time_zone=forum.timezone,
            url=self.absolute(reverse("web:forum", args=[forum.slug])),
            base_url=self.absolute("/"),
            version=self.version(forum, days),
            tracks=tracks,
            days=days,
        )

    def event(self, forum: Forum, item: ProgramItem, acronym: str, room: str) -> FrabEvent:
        guid = session_guid(forum, item.slug)
        links: tuple[FrabLink, ...] = ()
        if item.parent_url is not None:
            links = (FrabLink(self.absolute(item.parent_url), item.parent_title),)
        return FrabEvent(
            guid=guid,
            number=frab_number(guid),
            slug=frab_slug(acronym, item.slug),
            start=item.start,
            end=item.end,
            room=room,
            title=item.title,
            type=item.kind.frab_type,
            track=str(item.kind.label),
            language=item.language,
            abstract=_abstract(item.description),
            description=item.description,
            url=self.absolute(item.url),
            persons=tuple(self.person(s) for s in item.speakers),
            links=links,
        )

    def person(self, speaker: SpeakerItem) -> FrabPerson:
        return FrabPerson(person_guid(speaker.public_id), str(speaker), self.absolute(speaker.url))

    @staticmethod
    def version(forum: Forum, days: list[FrabDay]) -> str:
        """The schedule release's version (as pretalx gives it); for a forum that never
        released, a digest of the program, which changes exactly when an event does."""
        release = current_release(forum)
        if release is not None:
            return release.version
        return hashlib.sha256(repr(days).encode()).hexdigest()[:12]


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


@register
class FrabXmlExporter(FrabExporter):
    """frab schedule XML, valid against the c3voc schedule.xml XSD."""

    identifier = "frab-xml"
    content_type = "application/vnd.c3voc.schedule+xml; charset=utf-8"
    extension = "xml"

    def serialise(self, schedule: FrabSchedule) -> bytes:
        root = etree.Element("schedule")
        etree.SubElement(root, "generator", name=GENERATOR, version=version("infoharbor"))
        etree.SubElement(root, "version").text = schedule.version
        conference = etree.SubElement(root, "conference")
        for name, value in [
            ("title", schedule.title),
            ("acronym", schedule.acronym),
            ("start", schedule.start.isoformat()),
            ("end", schedule.end.isoformat()),
            ("days", str(len(schedule.days))),
            ("timeslot_duration", f"00:{TIMESLOT_MINUTES:02d}"),
            ("base_url", schedule.base_url),
            ("url", schedule.url),
            ("time_zone_name", schedule.time_zone),
        ]:
            etree.SubElement(conference, name).text = value
        for track in schedule.tracks:
            element = etree.SubElement(conference, "track", name=track.name, slug=track.slug)
            element.set("color", track.color)
        for day in schedule.days:
            day_element = etree.SubElement(
                root,
                "day",
                index=str(day.index),
                date=day.date.isoformat(),
                start=day.start.isoformat(),
                end=day.end.isoformat(),
            )
            for room, events in day.rooms.items():
                room_element = etree.SubElement(day_element, "room", name=room)
                for event in events:
                    self.event_element(room_element, event)
        return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)

    def event_element(self, parent: etree._Element, event: FrabEvent) -> None:
        element = etree.SubElement(parent, "event", id=str(event.number), guid=str(event.guid))
        for name, value in [
            ("date", event.start.isoformat()),
            ("start", _clock(event.start)),
            ("duration", event.duration),
            ("room", event.room),
            ("slug", event.slug),
            ("url", event.url),
            ("title", event.title),
            ("type", event.type),
            ("track", event.track),
            ("language", event.language),
            ("abstract", event.abstract),
        ]:
            etree.SubElement(element, name).text = value
        if event.description:
            etree.SubElement(element, "description").text = event.description
        persons = etree.SubElement(element, "persons")
        for person in event.persons:
            etree.SubElement(persons, "person", guid=str(person.guid)).text = person.name
        links = etree.SubElement(element, "links")
        for link in event.links:
            etree.SubElement(links, "link", href=link.url).text = link.title


@register
class FrabJsonExporter(FrabExporter):
    """frab schedule JSON, valid against the c3voc schema.json."""

    identifier = "frab-json"
    content_type = "application/json"
    extension = "json"

    def serialise(self, schedule: FrabSchedule) -> bytes:
        data = {
            "$schema": "https://c3voc.de/schedule/schema.json",
            "generator": {"name": GENERATOR, "version": version("infoharbor")},
            "schedule": {
                "version": schedule.version,
                "base_url": schedule.base_url,
                "conference": {
                    "acronym": schedule.acronym,
                    "title": schedule.title,
                    "description": schedule.description,
                    "start": schedule.start.isoformat(),
                    "end": schedule.end.isoformat(),
                    "daysCount": len(schedule.days),
                    "timeslot_duration": f"00:{TIMESLOT_MINUTES:02d}",
                    "time_zone_name": schedule.time_zone,
                    "url": schedule.url,
                    "tracks": [
                        {"name": t.name, "slug": t.slug, "color": t.color} for t in schedule.tracks
                    ],
                    "days": [self.day_data(day) for day in schedule.days],
                },
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2).encode()

    def day_data(self, day: FrabDay) -> dict[str, Any]:
        return {
            "index": day.index,
            "date": day.date.isoformat(),
            "day_start": day.start.isoformat(),
            "day_end": day.end.isoformat(),
            "rooms": {
                room: [self.event_data(event) for event in events]
                for room, events in day.rooms.items()
            },
        }

    def event_data(self, event: FrabEvent) -> dict[str, Any]:
        return {
            "guid": str(event.guid),
            "id": event.number,
            "date": event.start.isoformat(),
            "start": _clock(event.start),
            "end": event.end.isoformat(),
            "duration": event.duration,
            "room": event.room,
            "slug": event.slug,
            "url": event.url,
            "title": event.title,
            "subtitle": None,
            "track": event.track,
            "type": event.type,
            "language": event.language,
            "abstract": event.abstract,
            "description": event.description or None,
            "persons": [{"name": p.name, "guid": str(p.guid), "url": p.url} for p in event.persons],
            "links": [
                {"url": link.url, "title": link.title, "type": "related"} for link in event.links
            ],
        }
