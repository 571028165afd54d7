"""The organiser's scheduler runs: the forum's accepted requests as the solver's placement
instance (matchmaking/scheduler/, pure Python), and its answer as the run keeps it.

Slots are the forum's negotiation slots in time order (a day's index counts from its first slot);
a participant cannot meet in a slot they keep free, are not accredited for, or spend at a session
(travel counted); pinned meetings stay where they are; a morning or afternoon wish is kept (by the
slot's local clock). Weights are the requests' priorities.

The organiser's meeting orders (one meeting before another) are kept here, after the solver:
the placement solver takes no precedences, so `keep_order` moves the later meeting to a later
free slot (or the earlier one to an earlier slot) and, when neither fits, leaves the lighter
of the two out with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    orders: tuple[tuple[int, int], ...] = ()
    """(earlier, later) request indices: the meeting orders among these requests."""


# Why a request was left out when the solver's answer broke a meeting order.
ORDER = "order"


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
            SolverSlot(str(city.pk if city else ""), day, per_day.get(day, 0), half)
        )
        per_day[day] = per_day.get(day, 0) + 1
    unavailable = tuple(
        frozenset(slot_number[pk] for pk in queries.unavailability(p, slots)) for p in participants
    )
    pinned = {
        m.request_id: slot_number[m.slot_id]
        for m in Meeting.objects.filter(request__in=requests, pinned=True)
    }
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
    )
    index = {r.pk: i for i, r in enumerate(requests)}
    orders = tuple(
        (index[earlier], index[later])
        for earlier, later in MeetingPrecedence.objects.filter(forum=forum).values_list(
            "earlier_id", "later_id"
        )
        if earlier in index and later in index
    )
    return Problem(instance, requests, slots, participants, orders)


class _Schedule:
    """The solver's slots, repaired move by move under the placement rules."""

    def __init__(self, problem: Problem, slots: Sequence[int | None]) -> None:
        self.problem = problem
        self.slots = list(slots)
        self.pinned = problem.instance.pinned

    def _fits(self, index: int, slot: int) -> bool:
        instance = self.problem.instance
        if slot not in instance.allowed_slots(index):
            return False
        times, target = self.problem.slots, self.problem.slots[slot]
        taken = sum(1 for i, s in enumerate(self.slots) if s == slot and i != index)
        if taken >= instance.tables[slot]:
            return False
        sides = set(instance.requests[index].participants)
        for other, placed in enumerate(self.slots):
            if other == index or placed is None:
                continue
            if not sides & set(instance.requests[other].participants):
                continue
            there = times[placed]
            if there.start < target.end and target.start < there.end:
                return False  # one of the two is busy then
            same_day = instance.slots[placed].day == instance.slots[slot].day
            if same_day and instance.slots[placed].city != instance.slots[slot].city:
                return False  # one city a day
        return self._in_order(index, slot)

    def _in_order(self, index: int, slot: int) -> bool:
        times, here = self.problem.slots, self.problem.slots[slot]
        for earlier, later in self.problem.orders:
            first, second = self.slots[earlier], self.slots[later]
            if later == index and first is not None and times[first].end > here.start:
                return False
            if earlier == index and second is not None and here.end > times[second].start:
                return False
        return True

    def _move(self, index: int, candidates: Sequence[int]) -> bool:
        if index in self.pinned:
            return False
        for slot in candidates:
            if self._fits(index, slot):
                self.slots[index] = slot
                return True
        return False

    def keep_order(self) -> list[int]:
        """Repair every broken order; the requests left out."""
        times = self.problem.slots
        dropped = []
        for earlier, later in self.problem.orders:
            first, second = self.slots[earlier], self.slots[later]
            if first is None or second is None or times[first].end <= times[second].start:
                continue
            later_slots = [s for s in range(len(times)) if times[s].start >= times[first].end]
            earlier_slots = [
                s for s in reversed(range(len(times))) if times[s].end <= times[second].start
            ]
            if self._move(later, later_slots) or self._move(earlier, earlier_slots):
                continue
            weights = self.problem.instance.requests
            lighter = later if weights[later].weight <= weights[earlier].weight else earlier
            if lighter in self.pinned:
                lighter = earlier if lighter == later else later
            self.slots[lighter] = None
            dropped.append(lighter)
        return dropped

    def breaks(self) -> int:
        """Idle gaps between a participant's meetings on one day in one city."""
        instance = self.problem.instance
        busy: dict[tuple[int, str, str], list[int]] = {}
        for index, slot in enumerate(self.slots):
            if slot is None:
                continue
            where = instance.slots[slot]
            for side in instance.requests[index].participants:
                busy.setdefault((side, where.day, where.city), []).append(where.index)
        return sum(
            sum(1 for a, b in zip(sorted(v), sorted(v)[1:], strict=False) if b - a > 1)
            for v in busy.values()
        )


def solve(problem: Problem, time_limit: float, progress: Progress) -> dict[str, Any]:
    """Run the solver; its answer as a run keeps it (ids of requests and slots, JSON)."""
    placement = optimise(problem.instance, time_limit=time_limit, progress=progress)
    schedule = _Schedule(problem, placement.slots)
    dropped = schedule.keep_order()
    unplaced: list[dict[str, Any]] = [
        {"request": problem.requests[i].pk, "why": ORDER, "after": _order_partner(problem, i)}
        for i in dropped
    ]
    for left in placement.unplaced:
        entry: dict[str, Any] = {"request": problem.requests[left.request].pk, "why": left.why}
        if left.participant is not None:
            entry |= {
                "participant": problem.participants[left.participant].pk,
                "wanted": left.wanted,
                "free": left.free,
            }
        unplaced.append(entry)
    lost = sum(problem.instance.requests[i].weight for i in dropped)
    return {
        "placements": {
            str(problem.requests[i].pk): problem.slots[s].pk
            for i, s in enumerate(schedule.slots)
            if s is not None
        },
        "unplaced": unplaced,
        "placed_weight": placement.placed_weight - lost,
        "upper_bound": placement.upper_bound,
        "requests": len(problem.requests),
        "breaks": schedule.breaks()
        if schedule.slots != list(placement.slots)
        else sum(placement.breaks),
    }


def _order_partner(problem: Problem, index: int) -> int:
    """The other request of the order that left `index` out."""
    for earlier, later in problem.orders:
        if index in (earlier, later):
            return problem.requests[later if index == earlier else earlier].pk
    raise ValueError(index)


def reason_text(
    entry: dict[str, Any], names: dict[int, str], meetings: dict[int, str] | None = None
) -> str:
    """An unplaced request's reason in the reader's language (`names` of participants and
    `meetings` of requests, by id)."""
    if entry["why"] == Why.NO_COMMON_SLOT:
        return _("the two have no free slot in common")
    if entry["why"] == ORDER:
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
