"""Reads of the program: filtered sessions, grouped by day and city, and the timetable grid.

Public listings and exports read `program_items`: plain values in the reader's language, built
from a few `.values_list()` queries, never model objects (a 500-session program in ~10 ms).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import (
    Case,
    Exists,
    Field,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, NullIf
from django.db.models.lookups import IsNull
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from infoharbor.core.collation import order_by_name
from infoharbor.core.models import City, Forum, Person, Room
from infoharbor.core.translated import TranslatedText
from infoharbor.program import kinds, releases
from infoharbor.program.models import ScheduleRelease, Session, SessionSpeaker
from infoharbor.program.releases import current_release


@dataclass(frozen=True)
class ProgramFilter:
    """The public program's filters; their names are the program page's query parameters."""

    day: dt.date | None = None
    city: int | None = None
    kind: str | None = None
    platform: str | None = None
    language: str | None = None

    def apply(
        self, forum: Forum, qs: QuerySet[Session], release: ScheduleRelease | None = None
    ) -> QuerySet[Session]:
        """`qs` narrowed to the filters; with a `release`, to its sessions, by the day and city
        it placed them in (one filter call, so every condition holds for the same slot)."""
        prefix = "released_as__" if release is not None else ""
        placed: dict[str, object] = {f"{prefix}release": release} if release is not None else {}
        if self.day is not None:
            start = dt.datetime.combine(self.day, dt.time.min, tzinfo=forum.tz)
            placed[f"{prefix}start__lt"] = start + dt.timedelta(days=1)
            placed[f"{prefix}end__gt"] = start
        if self.city is not None:
            placed[f"{prefix}city_id"] = self.city
        if placed:
            qs = qs.filter(**placed)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.platform:
            # The only join that could repeat a session (each slot is one per release).
            qs = qs.filter(platforms__code=self.platform).distinct()
        if self.language:
            # A JSON list holds the code as a quoted string; works on SQLite and PostgreSQL.
            quoted = f'"{self.language}"'
            qs = qs.filter(Q(language=self.language) | Q(interpretation__icontains=quoted))
        return qs


def matching_sessions(
    forum: Forum, filters: ProgramFilter | None = None, *, as_edited: bool = False
) -> QuerySet[Session]:
    """The forum's sessions that `filters` match, with nothing loaded beside them: those of the
    current schedule release, where it placed them; `as_edited` for the organisers' work in
    progress (also what a forum that never released shows)."""
    release = None if as_edited else current_release(forum)
    return (filters or ProgramFilter()).apply(forum, Session.objects.filter(forum=forum), release)


def program_sessions(
    forum: Forum, filters: ProgramFilter | None = None, *, as_edited: bool = False
) -> QuerySet[Session]:
    """The forum's sessions as model objects with what a session page shows, in time order."""
    return (
        matching_sessions(forum, filters, as_edited=as_edited)
        .select_related("city", "room__venue", "parent")
        .prefetch_related(
            "platforms",
            Prefetch(
                "speakers",
                queryset=SessionSpeaker.objects.select_related("person__organization"),
            ),
        )
    )


@dataclass(frozen=True, slots=True)
class PlaceItem:
    """A city, venue or room as listings show it."""

    pk: int
    name: str  # in the reader's language
    name_en: str  # for data attributes that scripts and tests select by


@dataclass(frozen=True, slots=True)
class CityItem(PlaceItem):
    country: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True, slots=True)
class RoomItem(PlaceItem):
    venue: str


@dataclass(frozen=True, slots=True)
class SpeakerItem:
    public_id: str
    url: str  # the speaker page's path
    name: str  # in the person's own script
    name_latin: str
    role: str
    organization: str

    def __str__(self) -> str:
        # As Person.__str__ writes it.
        if self.name_latin and self.name_latin != self.name:
            return f"{self.name} ({self.name_latin})"
        return self.name


@dataclass(slots=True)
class ProgramItem:
    """A session as the public program and the schedule exports show it."""

    pk: int
    slug: str
    url: str  # the session page's path
    kind: kinds.SessionKind
    title: str
    description: str
    start: dt.datetime  # in the forum's time zone
    end: dt.datetime
    city: CityItem
    room: RoomItem | None
    parent_pk: int | None
    parent_slug: str | None
    parent_url: str | None
    parent_title: str
    language: str
    synthetic: bool
    updated_at: dt.datetime
    speakers: list[SpeakerItem] = field(default_factory=list)
    agenda: list[ProgramItem] = field(default_factory=list)  # children, on the program page

    @property
    def clock(self) -> str:
        return f"{self.start:%H:%M}"

    @property
    def hours(self) -> str:
        """ "09:00–10:30", with the end's day when it ends on a later day."""
        start, end = self.start, self.end
        until = f"{end.hour:02d}:{end.minute:02d}"
        if end.date() != start.date():
            until = f"{formats.date_format(end, 'MONTH_DAY_FORMAT')} {until}"
        return f"{start.hour:02d}:{start.minute:02d}–{until}"

    @property
    def location(self) -> str:
        """Room, venue and city, most specific first, as an address reads."""
        if self.room is None:
            return self.city.name
        return f"{self.room.name}, {self.room.venue}, {self.city.name}"


def _decode(raw: str) -> tuple[tuple[str, str], ...]:
    return tuple((code, text) for code, text in json.loads(raw).items() if text)


_KEPT_DECODING = 2000
"""Characters of JSON text up to which a decoding is kept: 2,048 of them take at most ~16 MB."""
_decoded_short = functools.lru_cache(maxsize=2048)(_decode)


def _decoded(raw: str) -> tuple[tuple[str, str], ...]:
    """A translated field's JSON text as its non-empty (language, text) pairs, in its order.

    Short ones (titles, names) are kept by the text itself, so they never go stale: after an
    edit the program is read again, but all but the edited titles are the same text, and
    decoding 1,500 of them cost ~4 ms. Long ones (descriptions) would fill a worker's memory."""
    return _decode(raw) if len(raw) > _KEPT_DECODING else _decoded_short(raw)


class _Texts:
    """Translated JSON text in the active language (falling back as TranslatedText does)."""

    def __init__(self) -> None:
        self.chain = TranslatedText().fallback_chain()
        self.seen: dict[str | None, str] = {None: ""}

    def __call__(self, raw: str | None) -> str:
        text = self.seen.get(raw)
        if text is None:
            values = dict(_decoded(raw)) if raw else {}
            first = next(iter(values.values()), "")
            text = next((values[c] for c in self.chain if c in values), first)
            self.seen[raw] = text
        return text

    def english(self, raw: str | None) -> str:
        return dict(_decoded(raw)).get("en", "") if raw else ""

    def picked(self, text: str | None, raw: str | None) -> str:
        """A translated field read as the two columns of `_picked`."""
        return text if text is not None else self(raw)


def _raw(name: str) -> Cast:
    """A translated field as its JSON text: decoded by `_Texts`, not once per row by the field."""
    return Cast(name, TextField())


_NO_TEXT = Value(None, output_field=TextField())


def _picked(name: str, chain: list[str]) -> tuple[Coalesce, Case]:
    """A translated field as two columns: its text in the first language of `chain` it has,
    picked by the database, and only where it has none of them, its JSON text for `_Texts` to
    fall back on. PostgreSQL reads one key of a jsonb value ~10 times faster than it writes the
    whole value out as text (500 titles and descriptions in ten languages: 0.7 ms against 6.6)."""
    text = Coalesce(
        *(NullIf(KeyTextTransform(code, name), Value("")) for code in chain),
        _NO_TEXT,
        output_field=TextField(),
    )
    return text, Case(When(IsNull(text, True), then=_raw(name)), default=_NO_TEXT)


class _UtcText(Func):
    """A datetime column as ISO 8601 text in UTC ("2018-09-11 08:00:00+00:00"), written out by
    the database in a fixed format (never PostgreSQL's DateStyle): read back with
    `_moment`, a C parser, instead of the driver's and Django's conversions (1,500 times in
    the 500-session program: 2–3 ms of CPU a miss)."""

    output_field = TextField()
    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US\"+00:00\"')"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Django stores UTC there as text already: "2018-09-11 08:00:00[.ffffff]".
        return self.as_sql(compiler, connection, template="(%(expressions)s || '+00:00')", **extra)


def _moment(text: str, tz: dt.tzinfo) -> dt.datetime:
    """A `_UtcText` value in the time zone `tz`."""
    return dt.datetime.fromisoformat(text).astimezone(tz)


def program_items(forum: Forum, sessions: QuerySet[Session] | None = None) -> list[ProgramItem]:
    """`sessions` (default: all the forum's) as listings show them, in time order, with text in
    the active language (falling back as TranslatedText does): those of the current release,
    when and where it placed them (queries of the public side never show work in progress)."""
    if sessions is None:
        sessions = Session.objects.filter(forum=forum)
    # Only the values below are read: nothing to join or prefetch.
    sessions = sessions.select_related(None).prefetch_related(None)
    text = _Texts()
    # One reversal each: every session's and speaker's page differs only by the last part.
    pages = reverse("program:session", args=[forum.slug, "-"]).removesuffix("-/")
    people = reverse("program:speaker", args=[forum.slug, "-"]).removesuffix("-/")
    tz = forum.tz
    release = current_release(forum)
    rows = _rows(sessions, release, text.chain)
    cities = {
        pk: CityItem(pk, text(name), text.english(name), country, lat, lon)
        for pk, name, country, lat, lon in City.objects.filter(
            pk__in={row[_CITY_AT] for row in rows}
        ).values_list("pk", _raw("name"), "country", "latitude", "longitude")
    }
    rooms = {
        pk: RoomItem(pk, text(name), text.english(name), text(venue))
        for pk, name, venue in Room.objects.filter(venue__forum=forum).values_list(
            "pk", _raw("name"), _raw("venue__name")
        )
    }
    speakers: dict[int, list[SpeakerItem]] = defaultdict(list)
    listed = {row[0] for row in rows}
    # By the ids just read (filtering `sessions` again would cost the database its joins); for
    # a long listing, all the forum's speakers (the items take their listed sessions'): Django
    # binds 500 ids in ~2 ms, more than the database takes to read every speaker of the forum.
    if len(listed) > _SPEAKERS_BY_ID:
        of_listed = SessionSpeaker.objects.filter(session__forum=forum)
    else:
        of_listed = SessionSpeaker.objects.filter(session_id__in=listed)
    for session_id, public_id, name, latin, role, organization in of_listed.order_by(
        "session_id", "order", "pk"
    ).values_list(
        "session_id",
        "person__public_id",
        "person__name",
        "person__name_latin",
        "role",
        _raw("person__organization__name"),
    ):
        speakers[session_id].append(
            SpeakerItem(public_id, f"{people}{public_id}/", name, latin, role, text(organization))
        )
    return [
        ProgramItem(
            pk=pk,
            slug=slug,
            url=f"{pages}{slug}/",
            kind=kinds.get(kind),
            title=text.picked(title, raw_title),
            description=text.picked(description, raw_description),
            start=_moment(start, tz),
            end=_moment(end, tz),
            city=cities[city_id],
            room=rooms.get(room_id) if room_id is not None else None,
            parent_pk=parent_id,
            parent_slug=parent_slug,
            parent_url=f"{pages}{parent_slug}/" if parent_slug else None,
            parent_title=text.picked(parent_title, raw_parent_title),
            language=language,
            synthetic=synthetic,
            updated_at=_moment(updated_at, dt.UTC),
            speakers=speakers.get(pk, []),
        )
        for (
            pk,
            slug,
            kind,
            title,
            raw_title,
            description,
            raw_description,
            start,
            end,
            city_id,
            room_id,
            parent_id,
            parent_slug,
            parent_title,
            raw_parent_title,
            language,
            synthetic,
            updated_at,
        ) in rows
    ]


_SPEAKERS_BY_ID = 50
"""Up to this many sessions, `program_items` reads their speakers by the sessions' ids."""


# The columns a ProgramItem is built from (after the pk), as the session's fields; a release's
# slot has its own placement (start, end, city, room); translated ones come as the two columns
# of `_picked`, times as ISO text.
_COLUMNS = (
    "slug",
    "kind",
    "title",
    "description",
    "start",
    "end",
    "city_id",
    "room_id",
    "parent_id",
    "parent__slug",
    "parent__title",
    "language",
    "synthetic",
    "updated_at",
)
_PLACEMENT = {"start", "end", "city_id", "room_id"}
_TRANSLATED = {"title", "description", "parent__title"}
_MOMENTS = {"start", "end", "updated_at"}  # as _UtcText
# Where a row of `_rows` holds the city's id: after the pk, each translated column taking two.
_CITY_AT = 1 + sum(1 + (name in _TRANSLATED) for name in _COLUMNS[: _COLUMNS.index("city_id")])


def _rows(
    sessions: QuerySet[Session], release: ScheduleRelease | None, chain: list[str]
) -> list[Any]:
    """One query: the rows of `sessions` (each listed once) in time order, their text in the
    first language of `chain` they have; with a `release`, those it holds, placed where it
    placed them (read from its slots, joined to their sessions).

    The release's slots are joined to `sessions` itself, not asked for by a subquery of it:
    `matching_sessions` has joined them already, and asking again by `pk IN (…)` cost the
    500-session program a third of its database time."""
    # Whichever join to the slots the values below are read from, it is the same slot: a
    # release has one per session (its constraint "one_slot_per_session_row").
    placement = "released_as__" if release is not None else ""
    if release is not None:
        sessions = sessions.filter(released_as__release=release)
    listed: list[Any] = []
    for name in _COLUMNS:
        field = f"{placement}{name}" if name in _PLACEMENT else name
        if name in _TRANSLATED:
            listed.extend(_picked(field, chain))
        else:
            listed.append(_UtcText(field) if name in _MOMENTS else field)
    return list(
        sessions.order_by(f"{placement}start", f"{placement}end", "pk").values_list("pk", *listed)
    )


def place_as_released(forum: Forum, sessions: list[Session]) -> list[Session]:
    """Model objects of the public side (a session page, the API's list) placed as the current
    release placed them; those it does not hold are left out."""
    release = current_release(forum)
    if release is None:
        return sessions
    slots = {
        slot.session_id: slot
        for slot in release.slots.filter(session__in=[s.pk for s in sessions]).select_related(
            "city", "room__venue"
        )
    }
    placed = []
    for session in sessions:
        slot = slots.get(session.pk)
        if slot is not None:
            session.start, session.end = slot.start, slot.end
            session.city, session.room = slot.city, slot.room
            placed.append(session)
    return placed


@dataclass
class ProgramDay:
    day: dt.date
    cities: list[tuple[CityItem, list[ProgramItem]]] = field(default_factory=list)


def program_by_day(forum: Forum, filters: ProgramFilter | None = None) -> list[ProgramDay]:
    """Top-level sessions (children attached as `agenda`) by local day, then by city.

    When a filter matches only a child session, the child is listed on its own.
    """
    items = program_items(forum, matching_sessions(forum, filters))
    listed = {item.pk: item for item in items}
    grouped: dict[dt.date, dict[int, tuple[CityItem, list[ProgramItem]]]] = defaultdict(dict)
    for item in items:
        parent = listed.get(item.parent_pk) if item.parent_pk is not None else None
        if parent is not None:
            parent.agenda.append(item)
            continue
        grouped[item.start.date()].setdefault(item.city.pk, (item.city, []))[1].append(item)
    return [
        ProgramDay(day, sorted(grouped[day].values(), key=lambda pair: pair[0].pk))
        for day in sorted(grouped)
    ]


def session_detail(forum: Forum, slug: str) -> Session:
    """A session as edited, for organisers (the API's writes)."""
    sessions = program_sessions(forum, as_edited=True)
    return sessions.prefetch_related("hosts", "children").get(slug=slug)


def released_session(forum: Forum, slug: str) -> Session:
    """A session as the public sees it: in the current release, placed as it placed it."""
    placed = place_as_released(forum, [session_detail(forum, slug)])
    if not placed:
        raise Session.DoesNotExist
    return placed[0]


def speaker_sessions(forum: Forum, person: Person) -> QuerySet[Session]:
    return matching_sessions(forum).filter(speakers__person=person)


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
    """The organisers' grid: the program as edited, released or not."""
    sessions = list(program_sessions(forum, ProgramFilter(day=day, city=city.pk), as_edited=True))
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


@dataclass(frozen=True)
class ChangeRow:
    """One line of a release's change list, in the reader's language."""

    change: str  # releases.ADDED, REMOVED, MOVED or CHANGED
    label: str
    slug: str
    title: str
    before: str
    after: str
    fields: list[str]


def _field_label(name: str) -> str:
    if name == "speakers":
        return str(SessionSpeaker._meta.verbose_name_plural)
    return str(cast("Field[Any, Any]", Session._meta.get_field(name)).verbose_name)


def change_rows(forum: Forum, changes: list[dict[str, Any]]) -> list[ChangeRow]:
    """A change list (ScheduleRelease.changes, releases.pending_changes) as lines to show."""
    labels = {
        releases.ADDED: _("added"),
        releases.REMOVED: _("removed"),
        releases.MOVED: _("moved"),
        releases.CHANGED: _("changed"),
    }
    placements = [p for item in changes for p in (item.get("before"), item.get("after")) if p]
    cities = {
        c.pk: str(c.name) for c in City.objects.filter(pk__in={p["city"] for p in placements})
    }
    rooms = {r.pk: str(r.name) for r in Room.objects.filter(venue__forum=forum)}

    def where(placement: dict[str, Any] | None) -> str:
        if placement is None:
            return ""
        start = dt.datetime.fromisoformat(placement["start"]).astimezone(forum.tz)
        end = dt.datetime.fromisoformat(placement["end"]).astimezone(forum.tz)
        place = [rooms.get(placement["room"], ""), cities.get(placement["city"], "")]
        day = formats.date_format(start, "MONTH_DAY_FORMAT")
        return f"{day} {start:%H:%M}–{end:%H:%M} · {', '.join(p for p in place if p)}"

    return [
        ChangeRow(
            change=item["change"],
            label=str(labels[item["change"]]),
            slug=item["slug"],
            title=str(TranslatedText(item["title"])),
            before=where(item.get("before")),
            after=where(item.get("after")),
            fields=[_field_label(name) for name in item.get("fields", [])],
        )
        for item in changes
    ]


def release_history(forum: Forum) -> list[tuple[ScheduleRelease, list[ChangeRow]]]:
    """Every release of the forum, newest first, with its change list."""
    return [(r, change_rows(forum, r.changes)) for r in ScheduleRelease.objects.filter(forum=forum)]
