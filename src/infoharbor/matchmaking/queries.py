"""Reads of the B2B matchmaking: a participant's requests and meetings, free common slots, and
the figures organisers and the outcome report show."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from infoharbor.core import collation
from infoharbor.core.countries import country_name
from infoharbor.core.models import Forum
from infoharbor.core.queries import travel_minutes
from infoharbor.matchmaking.models import (
    BlockedSlot,
    MatchmakingSettings,
    Meeting,
    MeetingPrecedence,
    MeetingRequest,
    Opportunity,
    SchedulerRun,
    Slot,
    Topic,
)
from infoharbor.program import kinds
from infoharbor.program.models import Session, SessionSpeaker
from infoharbor.registration.models import Participant, SessionChoice

_PEOPLE = (
    "requester__person__organization",
    "invitee__person__organization",
    "opportunity",
)


def _commitments(participant: Participant) -> list[Session]:
    """Sessions the participant must be at: where they speak or hold a seat."""
    speaking = SessionSpeaker.objects.filter(person_id=participant.person_id).values("session")
    seated = SessionChoice.objects.filter(
        participant=participant, status=SessionChoice.Status.SEAT
    ).values("session")
    return list(
        Session.objects.filter(Q(pk__in=speaking) | Q(pk__in=seated)).select_related("city")
    )


def unavailability(participant: Participant, slots: Sequence[Slot]) -> dict[int, str]:
    """Slot id → why the participant cannot meet then (blocked, not accredited that day, at a
    session, or unable to travel between the session's city and the slot's)."""
    reasons: dict[int, str] = {}
    blocked = set(
        BlockedSlot.objects.filter(participant=participant).values_list("slot_id", flat=True)
    )
    commitments = _commitments(participant)
    tz = participant.forum.tz
    for slot in slots:
        city = slot.block.session.city
        if slot.pk in blocked:
            reasons[slot.pk] = _("kept free")
        elif not participant.category.grants_day(slot.start.astimezone(tz).date().isoformat()):
            reasons[slot.pk] = _("not accredited that day")
        else:
            for session in commitments:
                gap = travel_minutes(session.city, city) if session.city and city else 0
                margin = dt.timedelta(minutes=gap or 0)
                if session.start - margin < slot.end and slot.start < session.end + margin:
                    reasons[slot.pk] = _("at %(session)s") % {"session": session.title}
                    break
    return reasons


def settings_of(forum: Forum) -> MatchmakingSettings:
    """The forum's request deadlines: its own, or the defaults (unsaved; by id, so that the
    forum object does not cache the unsaved row as its own)."""
    return MatchmakingSettings.objects.filter(forum=forum).first() or MatchmakingSettings(
        forum_id=forum.pk
    )


@dataclass(frozen=True)
class OrderBounds:
    """When a request's meeting may be, given the meetings it must follow or precede that are
    already scheduled: it starts at or after `not_before` and ends by `not_after`."""

    not_before: dt.datetime | None
    after_meeting: Meeting | None
    not_after: dt.datetime | None
    before_meeting: Meeting | None

    def allows(self, slot: Slot) -> bool:
        return (self.not_before is None or slot.start >= self.not_before) and (
            self.not_after is None or slot.end <= self.not_after
        )


def order_bounds(request: MeetingRequest) -> OrderBounds:
    """The bounds the forum's meeting orders put on `request` (see OrderBounds)."""
    orders = MeetingPrecedence.objects.filter(Q(earlier=request) | Q(later=request))
    earlier = [o.earlier_id for o in orders if o.later_id == request.pk]
    later = [o.later_id for o in orders if o.earlier_id == request.pk]
    placed = Meeting.objects.filter(request__in=earlier + later).select_related(
        "slot", "request__requester__person", "request__invitee__person"
    )
    first = max(
        (m for m in placed if m.request_id in earlier), key=lambda m: m.slot.end, default=None
    )
    last = min(
        (m for m in placed if m.request_id in later), key=lambda m: m.slot.start, default=None
    )
    return OrderBounds(
        first.slot.end if first else None, first, last.slot.start if last else None, last
    )


def precedences(forum: Forum) -> QuerySet[MeetingPrecedence]:
    return (
        MeetingPrecedence.objects.filter(forum=forum)
        .select_related(
            "earlier__requester__person",
            "earlier__invitee__person",
            "later__requester__person",
            "later__invitee__person",
        )
        .order_by("pk")
    )


@dataclass(frozen=True)
class Availability:
    """One slot as the participant sees it: kept free by them, or busy for another reason."""

    slot: Slot
    kept_free: bool
    reason: str


def availability(participant: Participant) -> list[Availability]:
    """Every negotiation slot of the forum and whether the participant can meet then."""
    slots = list(
        Slot.objects.filter(block__session__forum_id=participant.forum_id)
        .select_related("block__session__city")
        .order_by("start", "pk")
    )
    reasons = unavailability(participant, slots)
    blocked = set(
        BlockedSlot.objects.filter(participant=participant).values_list("slot_id", flat=True)
    )
    return [
        Availability(
            slot, slot.pk in blocked, "" if slot.pk in blocked else reasons.get(slot.pk, "")
        )
        for slot in slots
    ]


def received(participant: Participant) -> QuerySet[MeetingRequest]:
    return (
        MeetingRequest.objects.filter(invitee=participant, status=MeetingRequest.Status.REQUESTED)
        .select_related(*_PEOPLE)
        .order_by("-priority", "created_at")
    )


def sent(participant: Participant) -> QuerySet[MeetingRequest]:
    return (
        MeetingRequest.objects.filter(requester=participant)
        .select_related(*_PEOPLE)
        .order_by("-created_at")
    )


def agenda(participant: Participant) -> QuerySet[Meeting]:
    """The participant's meetings in time order, with where they take place."""
    return (
        Meeting.objects.filter(Q(request__requester=participant) | Q(request__invitee=participant))
        .select_related(
            "request__requester__person__organization",
            "request__invitee__person__organization",
            "slot__block__session__city",
            "slot__block__session__room__venue",
        )
        .order_by("slot__start", "table")
    )


def placed_meetings(forum: Forum) -> QuerySet[Meeting]:
    """Every meeting with a slot and table, by slot and table, with both sides and the place."""
    return (
        Meeting.objects.filter(request__forum=forum)
        .select_related(
            "request__requester__person__organization",
            "request__invitee__person__organization",
            "slot__block__session__city",
            "slot__block__session__room",
        )
        .order_by("slot__start", "slot__block_id", "slot__index", "table")
    )


def accepted_unplaced(forum: Forum) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.filter(
        forum=forum, status=MeetingRequest.Status.ACCEPTED, meeting__isnull=True
    )


def free_slots(request: MeetingRequest, limit: int = 40) -> list[Slot]:
    """Slots where both sides of `request` are free and a table is left, earliest first."""
    slots = list(
        Slot.objects.filter(block__session__forum_id=request.forum_id)
        .select_related("block__session__city")
        .order_by("start")
    )
    busy: set[int] = set()
    sides = [request.requester, request.invitee]
    for side in sides:
        busy |= set(unavailability(side, slots))
    booked = Meeting.objects.filter(slot__in=slots)
    taken = Counter(booked.values_list("slot_id", flat=True))
    theirs = list(
        booked.filter(Q(request__requester__in=sides) | Q(request__invitee__in=sides)).values_list(
            "slot__start", "slot__end"
        )
    )
    free = []
    tz = request.forum.tz
    bounds = order_bounds(request)
    for slot in slots:
        if slot.pk in busy or taken[slot.pk] >= slot.block.tables:
            continue
        if not (slot.suits(request, tz) and bounds.allows(slot)):
            continue
        if any(start < slot.end and slot.start < end for start, end in theirs):
            continue
        free.append(slot)
        if len(free) == limit:
            break
    return free


@dataclass(frozen=True)
class Figures:
    requested: int
    accepted: int
    declined: int
    expired: int
    scheduled: int
    held: int
    not_held: int
    outcomes: dict[str, int]


def _tally(requests: Iterable[MeetingRequest]) -> Figures:
    """The figures of `requests`, each loaded with its meeting (or none)."""
    statuses: Counter[str] = Counter()
    attendance: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    scheduled = 0
    for request in requests:
        statuses[request.status] += 1
        meeting = getattr(request, "meeting", None)
        if meeting is not None:
            scheduled += 1
            attendance[meeting.attendance] += 1
            if meeting.outcome:
                outcomes[meeting.outcome] += 1
    return Figures(
        requested=sum(statuses.values()),
        accepted=statuses[MeetingRequest.Status.ACCEPTED],
        declined=statuses[MeetingRequest.Status.DECLINED],
        expired=statuses[MeetingRequest.Status.EXPIRED],
        scheduled=scheduled,
        held=attendance[Meeting.Attendance.HELD],
        not_held=attendance[Meeting.Attendance.NOT_HELD],
        outcomes=dict(outcomes),
    )


def _requests_with_meetings(forum: Forum) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.filter(forum=forum).select_related("meeting")


def figures(forum: Forum) -> Figures:
    """How many requests were made and answered, meetings scheduled, held and what came of them."""
    return _tally(_requests_with_meetings(forum))


# How the figures can be broken down; a request counts under each group it belongs to, so the
# groups of one breakdown may add up to more than the forum's figures.
DIMENSIONS = ("country", "sector")


@dataclass(frozen=True)
class FigureGroup:
    key: str  # an ISO 3166-1 code or a topic code; "" for requests with none
    label: str
    figures: Figures


def _keys_by_request(forum: Forum, dimension: str) -> dict[int, set[str]]:
    """Request id → its groups: the countries of its two sides, or the sectors (topics) of the
    opportunity it is about — of both sides' opportunities when it names none."""
    keys: dict[int, set[str]] = {}
    requests = MeetingRequest.objects.filter(forum=forum)
    if dimension == "country":
        rows = requests.values_list("pk", "requester__person__country", "invitee__person__country")
        for pk, *countries in rows:
            keys[pk] = {c for c in countries if c}
        return keys
    topics_of: dict[int, set[str]] = {}
    profile_topics: dict[int, set[str]] = {}
    for opportunity, participant, code in Opportunity.objects.filter(
        profile__participant__forum=forum, topics__isnull=False
    ).values_list("pk", "profile__participant_id", "topics__code"):
        topics_of.setdefault(opportunity, set()).add(code)
        profile_topics.setdefault(participant, set()).add(code)
    for pk, opportunity, requester, invitee in requests.values_list(
        "pk", "opportunity_id", "requester_id", "invitee_id"
    ):
        if opportunity is not None:
            keys[pk] = set(topics_of.get(opportunity, ()))
        else:
            keys[pk] = profile_topics.get(requester, set()) | profile_topics.get(invitee, set())
    return keys


def figures_by(forum: Forum, dimension: str, language: str) -> list[FigureGroup]:
    """The figures per country or per sector, largest first, then by name in `language`."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"Unknown breakdown {dimension!r}.")
    keys = _keys_by_request(forum, dimension)
    groups: dict[str, list[MeetingRequest]] = {}
    for request in _requests_with_meetings(forum):
        for key in keys.get(request.pk) or {""}:
            groups.setdefault(key, []).append(request)
    if dimension == "country":
        labels = {key: country_name(key, language) for key in groups if key}
    else:
        labels = {t.code: str(t.name) for t in Topic.objects.filter(forum=forum, code__in=groups)}
    key_of = collation.sort_key(language)
    result = [
        FigureGroup(key, labels.get(key) or _("not given"), _tally(rows))
        for key, rows in groups.items()
    ]
    return sorted(result, key=lambda g: (-g.figures.requested, not g.key, key_of(g.label)))


@dataclass(frozen=True)
class PlatformMeetings:
    figures: Figures
    countries: Counter[str]  # ISO 3166-1 code: scheduled meetings with a side from it


def platform_meetings(forum: Forum, code: str) -> PlatformMeetings:
    """The B2B meetings about an opportunity under the cooperation platform `code`: the figures
    of their requests, and the countries of the two sides of those scheduled."""
    requests = _requests_with_meetings(forum).filter(opportunity__platform__code=code)
    countries: Counter[str] = Counter()
    for sides in Meeting.objects.filter(request__in=requests).values_list(
        "request__requester__person__country", "request__invitee__person__country"
    ):
        countries.update({c for c in sides if c})
    return PlatformMeetings(_tally(requests), countries)


def negotiation_sessions(forum: Forum) -> QuerySet[Session]:
    """The forum's trade-negotiation sessions, which hold the meeting slots, in time order."""
    return (
        Session.objects.filter(forum=forum, kind=kinds.NEGOTIATION.code)
        .select_related("city", "negotiation_block")
        .order_by("start", "pk")
    )


def block_initial(session: Session) -> dict[str, int]:
    block = getattr(session, "negotiation_block", None)
    if block is None:
        return {"slot_minutes": 30, "tables": 20}
    return {"slot_minutes": block.slot_minutes, "tables": block.tables}


@dataclass(frozen=True)
class BoardSlot:
    slot: Slot
    meetings: list[Meeting]


def board(forum: Forum) -> list[BoardSlot]:
    """Every slot with its meetings, for the live board of meetings held and missed."""
    meetings: dict[int, list[Meeting]] = {}
    rows = Meeting.objects.filter(request__forum=forum).select_related(
        "request__requester__person", "request__invitee__person"
    )
    for meeting in rows.order_by("table"):
        meetings.setdefault(meeting.slot_id, []).append(meeting)
    slots = Slot.objects.filter(block__session__forum=forum).select_related("block__session__city")
    return [BoardSlot(slot, meetings.get(slot.pk, [])) for slot in slots.order_by("start", "pk")]


@dataclass(frozen=True)
class Change:
    """One participant's meetings before and after a scheduler run (slot starts)."""

    participant: Participant
    before: list[dt.datetime]
    after: list[dt.datetime]


def run_changes(run: SchedulerRun) -> list[Change]:
    """What publishing `run` changes, per participant whose meetings would change."""
    placements = {int(k): v for k, v in run.result.get("placements", {}).items()}
    requests = MeetingRequest.objects.filter(forum=run.forum, pk__in=placements).select_related(
        "requester__person", "invitee__person"
    )
    starts = dict(Slot.objects.filter(pk__in=set(placements.values())).values_list("pk", "start"))
    current = list(
        Meeting.objects.filter(request__forum=run.forum).select_related("slot", "request")
    )
    pinned = {m.request_id for m in current if m.pinned}
    before: dict[int, list[dt.datetime]] = {}
    after: dict[int, list[dt.datetime]] = {}
    people: dict[int, Participant] = {}
    for meeting in current:
        for side_id in (meeting.request.requester_id, meeting.request.invitee_id):
            before.setdefault(side_id, []).append(meeting.slot.start)
            if meeting.pinned:
                after.setdefault(side_id, []).append(meeting.slot.start)
    for request in requests:
        for person in (request.requester, request.invitee):
            people[person.pk] = person
            if request.pk not in pinned:
                after.setdefault(person.pk, []).append(starts[placements[request.pk]])
    changes = []
    for key in sorted(people):
        old, new = sorted(before.get(key, [])), sorted(after.get(key, []))
        if old != new:
            changes.append(Change(people[key], old, new))
    return changes


def runs_of(forum: Forum) -> QuerySet[SchedulerRun]:
    return SchedulerRun.objects.filter(forum=forum).order_by("-created_at", "-pk")[:10]
