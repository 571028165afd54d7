"""The organiser's scheduler runs: the forum's accepted requests as the solver's placement
instance (matchmaking/scheduler/, pure Python), and its answer as the run keeps it.

Slots are the forum's negotiation slots in time order (a day's index counts from its first slot);
a participant cannot meet in a slot they keep free, are not accredited for, or spend at a session
(travel counted); pinned meetings stay where they are; a morning or afternoon wish is kept (by the
slot's local clock); the organiser's meeting orders (one meeting before another) go to the solver
as precedences, with the slots' times, and it keeps them. Weights are the requests' priorities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from infoharbor.core.models import Forum
from infoharbor.matchmaking import queries
from infoharbor.matchmaking.models import Meeting, MeetingPrecedence, MeetingRequest, Slot
from infoharbor.matchmaking.scheduler import (
    Half,
    PlacementInstance,
    Progress,
    Request,
    Why,
    optimise,
)
from infoharbor.matchmaking.scheduler import Slot as SolverSlot
from infoharbor.registration.models import Participant

HALVES: dict[str, Half] = {
    MeetingRequest.TimeOfDay.MORNING: Half.MORNING,
    MeetingRequest.TimeOfDay.AFTERNOON: Half.AFTERNOON,
}


@dataclass(frozen=True)
class Problem:
    """A placement instance and the rows its numbers stand for."""

    instance: PlacementInstance
    requests: list[MeetingRequest]
    slots: list[Slot]
    participants: list[Participant]


def problem_of(forum: Forum) -> Problem:
    """The forum's accepted requests over all its slots, pinned meetings kept in theirs."""
    slots = list(
        Slot.objects.filter(block__session__forum=forum)
        .select_related("block__session__city")
        .order_by("start", "pk")
    )
    requests = list(
        MeetingRequest.objects.filter(forum=forum, status=MeetingRequest.Status.ACCEPTED)
        .select_related(
            "requester__category",
            "requester__forum",
            "requester__person",
            "invitee__category",
            "invitee__forum",
            "invitee__person",
        )
        .order_by("pk")
    )
    people: dict[int, Participant] = {}
    for request in requests:
        people.setdefault(request.requester_id, request.requester)
        people.setdefault(request.invitee_id, request.invitee)
    participants = list(people.values())
    number = {p.pk: i for i, p in enumerate(participants)}
    slot_number = {s.pk: i for i, s in enumerate(slots)}
    per_day: dict[str, int] = {}
    solver_slots = []
    for slot in slots:
        day = slot.start.astimezone(forum.tz).date().isoformat()
        city = slot.block.session.city
        half = HALVES[slot.time_of_day(forum.tz)]
        solver_slots.append(
            SolverSlot(
                str(city.pk if city else ""),
                day,
                per_day.get(day, 0),
                half,
                slot.start.timestamp(),
                slot.end.timestamp(),
            )
        )
        per_day[day] = per_day.get(day, 0) + 1
    unavailable = tuple(
        frozenset(slot_number[pk] for pk in queries.unavailability(p, slots)) for p in participants
    )
    pinned = {
        m.request_id: slot_number[m.slot_id]
        for m in Meeting.objects.filter(request__in=requests, pinned=True)
    }
    index = {r.pk: i for i, r in enumerate(requests)}
    orders = MeetingPrecedence.objects.filter(forum=forum).values_list("earlier_id", "later_id")
    instance = PlacementInstance(
        n_participants=len(participants),
        slots=tuple(solver_slots),
        tables=tuple(slot.block.tables for slot in slots),
        requests=tuple(
            Request(number[r.requester_id], number[r.invitee_id], float(r.priority))
            for r in requests
        ),
        unavailable=unavailable,
        pinned={i: pinned[r.pk] for i, r in enumerate(requests) if r.pk in pinned},
        halves={i: HALVES[r.time_of_day] for i, r in enumerate(requests) if r.time_of_day},
        precedences=tuple(
            (index[earlier], index[later])
            for earlier, later in orders
            if earlier in index and later in index
        ),
    )
    return Problem(instance, requests, slots, participants)


def solve(problem: Problem, time_limit: float, progress: Progress) -> dict[str, Any]:
    """Run the solver; its answer as a run keeps it (ids of requests and slots, JSON)."""
    placement = optimise(problem.instance, time_limit=time_limit, progress=progress)
    unplaced: list[dict[str, Any]] = []
    for left in placement.unplaced:
        entry: dict[str, Any] = {"request": problem.requests[left.request].pk, "why": left.why}
        if left.participant is not None:
            entry |= {
                "participant": problem.participants[left.participant].pk,
                "wanted": left.wanted,
                "free": left.free,
            }
        if left.other is not None:
            entry["after"] = problem.requests[left.other].pk
        unplaced.append(entry)
    return {
        "placements": {
            str(problem.requests[i].pk): problem.slots[s].pk
            for i, s in enumerate(placement.slots)
            if s is not None
        },
        "unplaced": unplaced,
        "placed_weight": placement.placed_weight,
        "upper_bound": placement.upper_bound,
        "requests": len(problem.requests),
        "breaks": sum(placement.breaks),
    }


def reason_text(
    entry: dict[str, Any], names: dict[int, str], meetings: dict[int, str] | None = None
) -> str:
    """An unplaced request's reason in the reader's language (`names` of participants and
    `meetings` of requests, by id)."""
    if entry["why"] == Why.NO_COMMON_SLOT:
        return _("the two have no free slot in common")
    if entry["why"] == Why.ORDER:
        return _("it could not be kept in order with the meeting %(other)s") % {
            "other": (meetings or {}).get(entry["after"], "?")
        }
    if entry["why"] == Why.CROWDED:
        return _("%(name)s has %(wanted)s requests and %(free)s free slots") % {
            "name": names.get(entry["participant"], "?"),
            "wanted": entry["wanted"],
            "free": entry["free"],
        }
    return _("lost to requests of higher priority")
