"""Every write to the program, with its checks: room, people and travel, forum dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from infoharbor.core import audit, locking
from infoharbor.core.audit import Actor
from infoharbor.core.models import Forum, Organization, Person, Platform, Room, TravelTime
from infoharbor.core.queries import travel_minutes
from infoharbor.program import kinds
from infoharbor.program.models import Session, SessionSpeaker


class ProgramConflict(ValidationError):
    """The program change would put a room or a person in two places at once.

    Each message's `code` names the field it is about (`start`, `room`, `speakers`), so an
    editor can show it next to that field.
    """

    def by_field(self) -> dict[str, list[str]]:
        fields: dict[str, list[str]] = {}
        for error in self.error_list:
            fields.setdefault(error.code or "start", []).extend(error.messages)
        return fields


def _problem(field: str, message: str) -> ValidationError:
    return ValidationError(message, code=field)


class SessionInUse(ValidationError):
    """The session cannot be deleted: people are registered for it or were scanned at its door."""


@dataclass(frozen=True)
class SpeakerSpec:
    person: Person
    role: str = SessionSpeaker.Role.SPEAKER


def _local(forum: Forum, moment: dt.datetime) -> str:
    return formats.date_format(moment.astimezone(forum.tz), "DATETIME_FORMAT")


def _family_ids(session: Session) -> set[int]:
    """The session's ancestors and descendants: being in both is not a conflict."""
    ids: set[int] = set()
    parent = session.parent
    while parent is not None:
        ids.add(parent.pk)
        parent = parent.parent
    if session.pk:
        frontier = {session.pk}
        while frontier:
            frontier = set(
                Session.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            ids |= frontier
    return ids


def _check_dates(session: Session) -> list[ValidationError]:
    forum = session.forum
    errors = []
    if session.end <= session.start:
        errors.append(_problem("end", _("A session must end after it starts.")))
    first = session.start.astimezone(forum.tz).date()
    last = session.end.astimezone(forum.tz).date()
    if first < forum.start_date or last > forum.end_date:
        message = _(
            "“%(session)s” must take place within the forum's dates, %(first)s to %(last)s."
        )
        errors.append(
            _problem(
                "start",
                message
                % {
                    "session": session.title,
                    "first": formats.date_format(forum.start_date),
                    "last": formats.date_format(forum.end_date),
                },
            )
        )
    parent = session.parent
    if parent is not None and (session.start < parent.start or session.end > parent.end):
        message = _("“%(session)s” must take place within “%(parent)s” (%(start)s – %(end)s).")
        errors.append(
            _problem(
                "start",
                message
                % {
                    "session": session.title,
                    "parent": parent.title,
                    "start": _local(forum, parent.start),
                    "end": _local(forum, parent.end),
                },
            )
        )
    if session.room_id and session.room and session.room.venue.city_id != session.city_id:
        message = _("Room “%(room)s” is in %(room_city)s, not in %(city)s.")
        errors.append(
            _problem(
                "room",
                message
                % {
                    "room": session.room,
                    "room_city": session.room.venue.city,
                    "city": session.city,
                },
            )
        )
    return errors


def _overlapping(session: Session, extra_minutes: int = 0) -> Q:
    margin = dt.timedelta(minutes=extra_minutes)
    return Q(start__lt=session.end + margin, end__gt=session.start - margin)


def _check_room(session: Session, family: set[int]) -> list[ValidationError]:
    if not session.room_id:
        return []
    clashes = (
        Session.objects.filter(room_id=session.room_id)
        .filter(_overlapping(session))
        .exclude(pk__in=family | ({session.pk} if session.pk else set()))
    )
    message = _("Room “%(room)s” is already used by “%(other)s” (%(start)s – %(end)s).")
    return [
        _problem(
            "room",
            message
            % {
                "room": session.room,
                "other": other.title,
                "start": _local(session.forum, other.start),
                "end": _local(session.forum, other.end),
            },
        )
        for other in clashes
    ]


def travel_needed(a: Session, b: Session) -> int | None:
    """None when one person can be at both sessions; else the minutes of travel between their
    cities that the gap lacks (0 within a city, or when no travel time is recorded)."""
    minutes = travel_minutes(a.city, b.city) or 0
    gap = max(b.start - a.end, a.start - b.end)
    return None if gap >= dt.timedelta(minutes=minutes) else minutes


def _cannot_attend_both(who: str, session: Session, other: Session, minutes: int) -> str:
    """Why `who` (a name, or "" for the reader) cannot be at both sessions, in the reader's
    language."""
    forum = session.forum
    if minutes:
        values = {
            "person": who,
            "session": session.title,
            "city": session.city,
            "start": _local(forum, session.start),
            "other": other.title,
            "other_city": other.city,
            "other_start": _local(forum, other.start),
            "minutes": minutes,
        }
        if who:
            return (
                _(
                    "%(person)s cannot be at “%(session)s” in %(city)s (%(start)s) and at "
                    "“%(other)s” in %(other_city)s (%(other_start)s): travel between the two "
                    "cities takes %(minutes)s minutes."
                )
                % values
            )
        return (
            _(
                "You cannot be at “%(session)s” in %(city)s (%(start)s) and at “%(other)s” in "
                "%(other_city)s (%(other_start)s): travel between the two cities takes "
                "%(minutes)s minutes."
            )
            % values
        )
    if who:
        return _("%(person)s is already at “%(other)s” (%(start)s – %(end)s).") % {
            "person": who,
            "other": other.title,
            "start": _local(forum, other.start),
            "end": _local(forum, other.end),
        }
    return _(
        "“%(session)s” (%(start)s – %(end)s) and “%(other)s” (%(other_start)s – "
        "%(other_end)s) overlap: choose one of them."
    ) % {
        "session": session.title,
        "start": _local(forum, session.start),
        "end": _local(forum, session.end),
        "other": other.title,
        "other_start": _local(forum, other.start),
        "other_end": _local(forum, other.end),
    }


def _check_people(
    session: Session, people: Iterable[Person], family: set[int]
) -> list[ValidationError]:
    errors: list[str] = []
    longest_trip = max(TravelTime.objects.values_list("minutes", flat=True), default=0)
    for person in people:
        others = (
            Session.objects.filter(speakers__person=person)
            .filter(_overlapping(session, longest_trip))
            .exclude(pk__in=family | ({session.pk} if session.pk else set()))
            .select_related("city")
        )
        for other in others:
            minutes = travel_needed(session, other)
            if minutes is not None:
                errors.append(_cannot_attend_both(str(person), session, other, minutes))
    return [_problem("speakers", message) for message in errors]


def collisions(sessions: Sequence[Session]) -> list[tuple[Session, Session, int]]:
    """The pairs of `sessions` one participant cannot both attend, in time order, with the
    minutes of travel between them (0 when they overlap in time). Drop-in sessions (an
    exhibition) and a session with its parent or child sessions do not collide."""
    ordered = sorted(
        (s for s in sessions if not kinds.get(s.kind).drop_in), key=lambda s: (s.start, s.end, s.pk)
    )
    pairs = []
    for i, session in enumerate(ordered):
        others = ordered[i + 1 :]
        family = _family_ids(session) if others else set()  # a query: only when it is needed
        for other in others:
            minutes = None if other.pk in family else travel_needed(session, other)
            if minutes is not None:
                pairs.append((session, other, minutes))
    return pairs


def attendance_conflicts(sessions: Sequence[Session]) -> list[str]:
    """Why one participant cannot attend all of `sessions`: one message per colliding pair
    (`collisions`) naming both, in the reader's language."""
    return [_cannot_attend_both("", a, b, minutes) for a, b, minutes in collisions(sessions)]


def check_session(session: Session, people: Iterable[Person]) -> None:
    """Raise ProgramConflict naming every problem with placing `session` with `people`."""
    family = _family_ids(session)
    errors = _check_dates(session)
    if not errors:
        errors += _check_room(session, family) + _check_people(session, people, family)
    if errors:
        raise ProgramConflict(errors)


def save_session(
    actor: Actor,
    session: Session,
    *,
    speakers: Sequence[SpeakerSpec] | None = None,
    platforms: Iterable[Platform] | None = None,
    hosts: Iterable[Organization] | None = None,
) -> Session:
    """Create or change a session after checking it.

    `None` for speakers, platforms or hosts keeps them as they are.

    The forum row is locked for the check and the write, so two editors cannot both place the
    same room or person at once.
    """
    with locking.lock(Forum, [session.forum_id]):
        return _save_session(session, actor, speakers, platforms, hosts)


def _save_session(
    session: Session,
    actor: Actor,
    speakers: Sequence[SpeakerSpec] | None,
    platforms: Iterable[Platform] | None,
    hosts: Iterable[Organization] | None,
) -> Session:
    creating = session.pk is None
    before = {} if creating else audit.snapshot(Session.objects.get(pk=session.pk))
    if speakers is None:
        people = list(Person.objects.filter(session_roles__session=session)) if session.pk else []
    else:
        people = [s.person for s in speakers]
    session.full_clean(exclude=["platforms", "hosts"])
    check_session(session, people)
    session.save()
    if speakers is not None:
        before["speakers"] = list(session.speakers.values_list("person_id", "role"))
        session.speakers.all().delete()
        SessionSpeaker.objects.bulk_create(
            SessionSpeaker(session=session, person=s.person, role=s.role, order=i)
            for i, s in enumerate(speakers)
        )
    if platforms is not None:
        session.platforms.set(platforms)
    if hosts is not None:
        session.hosts.set(hosts)
    after = audit.snapshot(session)
    if speakers is not None:
        after["speakers"] = [[s.person.pk, s.role] for s in speakers]
        before["speakers"] = [list(pair) for pair in before["speakers"]]
    audit.record(
        actor,
        "session.created" if creating else "session.changed",
        session,
        forum=session.forum,
        before=before,
        after=after,
    )
    return session


def moved(session: Session, start: dt.datetime, room: Room | None) -> Session:
    """A copy of `session` (not saved) starting at `start` in `room`, as long as before.

    A room in another host city takes the session there; no room keeps its city.
    """
    copy = Session.objects.select_related("forum", "parent", "room__venue__city").get(pk=session.pk)
    copy.end = start + (session.end - session.start)
    copy.start = start
    copy.room = room
    if room is not None:
        copy.city = room.venue.city
    return copy


def move_problems(
    session: Session, start: dt.datetime, room: Room | None
) -> ProgramConflict | None:
    """What moving `session` would run into, found by the checks a save makes, saving nothing:
    the timetable's move dialog shows it before the editor saves."""
    people = Person.objects.filter(session_roles__session=session)
    try:
        check_session(moved(session, start, room), people)
    except ProgramConflict as conflict:
        return conflict
    return None


def move_session(actor: Actor, session: Session, start: dt.datetime, room: Room | None) -> Session:
    """Move `session` to `start` in `room` (its length kept), after the checks of any save."""
    return save_session(actor, moved(session, start, room))


def _records_in(session_ids: set[int]) -> tuple[int, int]:
    """Registrations (seats and waiting places) and door scans in these sessions."""
    # Through the reverse relations registration declares on Session: program may not import
    # registration (ARCHITECTURE.md), which builds on it.
    counts = Session.objects.filter(pk__in=session_ids).aggregate(
        registrations=Count("choices", distinct=True), scans=Count("check_ins", distinct=True)
    )
    return counts["registrations"], counts["scans"]


def deletion_problem(session: Session) -> str | None:
    """Why the session may not be deleted, with how many and what to do; None when it may."""
    registrations, scans = _records_in({session.pk} | _family_ids(session))
    if registrations:
        return ngettext(
            "“%(session)s” has %(count)s registration. Move it to another session or "
            "cancel it, then delete the session.",
            "“%(session)s” has %(count)s registrations. Move them to other sessions or "
            "cancel them, then delete the session.",
            registrations,
        ) % {"session": session.title, "count": registrations}
    if scans:
        return ngettext(
            "“%(session)s” has %(count)s door record, which is kept: the session cannot "
            "be deleted. Change its time or room instead.",
            "“%(session)s” has %(count)s door records, which are kept: the session cannot "
            "be deleted. Change its time or room instead.",
            scans,
        ) % {"session": session.title, "count": scans}
    return None


def delete_session(actor: Actor, session: Session) -> None:
    """Delete a session and its agenda, unless people are registered or were scanned there.

    Raises SessionInUse saying how many and what to do (`deletion_problem`): registrations are
    moved or cancelled first; door records are kept, so a session that has them stays.
    """
    with locking.lock(Forum, [session.forum_id]):
        if problem := deletion_problem(session):
            raise SessionInUse(problem)
        audit.record(
            actor, "session.deleted", session, forum=session.forum, before=audit.snapshot(session)
        )
        session.delete()
