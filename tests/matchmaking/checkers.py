"""Checkers that verify a schedule against every rule, written apart from the solver's code so that
a bug there cannot hide here. Each returns the list of broken rules (empty when all hold)."""

from __future__ import annotations

import itertools

from infoharbor.matchmaking.scheduler import (
    BreakInstance,
    BreakSolution,
    Placement,
    PlacementInstance,
)


def break_counts(instance: BreakInstance, slots: tuple[int, ...]) -> list[int]:
    """Per participant, maximal runs of idle slots between two of their meetings."""
    counts = []
    for participant in range(instance.n_participants):
        used = sorted(
            slot
            for meeting, slot in zip(instance.meetings, slots, strict=True)
            if participant in (meeting.first, meeting.second)
        )
        counts.append(sum(1 for a, b in itertools.pairwise(used) if b - a > 1))
    return counts


def schedule_violations(instance: BreakInstance, slots: tuple[int, ...]) -> list[str]:
    """Every rule of the break problem, fairness included, for one slot per meeting."""
    problems = []
    if len(slots) != len(instance.meetings):
        return [f"{len(slots)} slots for {len(instance.meetings)} meetings"]
    seen: dict[tuple[int, int], int] = {}
    per_slot = [0] * instance.n_slots
    for index, (meeting, slot) in enumerate(zip(instance.meetings, slots, strict=True)):
        if not 0 <= slot < instance.n_slots:
            problems.append(f"meeting {index} in slot {slot}")
            continue
        per_slot[slot] += 1
        for participant in (meeting.first, meeting.second):
            if (participant, slot) in seen:
                problems.append(f"participant {participant} twice in slot {slot}")
            seen[(participant, slot)] = index
            if slot in instance.forbidden[participant]:
                problems.append(f"participant {participant} forbidden in slot {slot}")
        if meeting.session == 1 and slot >= instance.n_morning_slots:
            problems.append(f"morning meeting {index} in slot {slot}")
        if meeting.session == 2 and slot < instance.n_morning_slots:
            problems.append(f"afternoon meeting {index} in slot {slot}")
        if meeting.fixed_slot is not None and slot != meeting.fixed_slot:
            problems.append(f"fixed meeting {index} moved to slot {slot}")
        for before in meeting.predecessors:
            if slots[before] >= slot:
                problems.append(f"meeting {before} not before meeting {index}")
    problems += [
        f"slot {s} holds {n} meetings" for s, n in enumerate(per_slot) if n > instance.n_tables
    ]
    counts = break_counts(instance, slots)
    meeting_people = {p for meeting in instance.meetings for p in (meeting.first, meeting.second)}
    fair = [counts[p] for p in meeting_people]
    if instance.fairness is not None and fair and max(fair) - min(fair) > instance.fairness:
        problems.append(f"break counts range {min(fair)}..{max(fair)}")
    return problems


def break_violations(instance: BreakInstance, solution: BreakSolution) -> list[str]:
    """The rules, plus the reported breaks recounted and the lower bound not above them."""
    problems = schedule_violations(instance, solution.slots)
    counts = break_counts(instance, solution.slots)
    if solution.breaks != sum(counts):
        problems.append(f"reported {solution.breaks} breaks, recounted {sum(counts)}")
    if solution.lower_bound > sum(counts):
        problems.append(f"lower bound {solution.lower_bound} above {sum(counts)} breaks")
    return problems


def placement_violations(instance: PlacementInstance, placement: Placement) -> list[str]:
    problems = []
    per_slot = [0] * len(instance.slots)
    busy: set[tuple[int, int]] = set()
    city_of_day: dict[tuple[int, str], str] = {}
    weight = 0.0
    for index, (request, slot) in enumerate(zip(instance.requests, placement.slots, strict=True)):
        if index in instance.pinned and slot != instance.pinned[index]:
            problems.append(f"pinned request {index} moved to {slot}")
        if slot is None:
            continue
        weight += request.weight
        per_slot[slot] += 1
        place = instance.slots[slot]
        wish = instance.halves.get(index)
        if wish is not None and (place.index < instance.morning_indices) != (wish == 1):
            problems.append(f"request {index} outside its half-day wish")
        for participant in (request.first, request.second):
            if (participant, slot) in busy:
                problems.append(f"participant {participant} twice in slot {slot}")
            busy.add((participant, slot))
            if slot in instance.unavailable[participant]:
                problems.append(f"participant {participant} unavailable in slot {slot}")
            city = city_of_day.setdefault((participant, place.day), place.city)
            if city != place.city:
                problems.append(f"participant {participant} in two cities on {place.day}")
    problems += [
        f"slot {s} holds {n} meetings" for s, n in enumerate(per_slot) if n > instance.tables[s]
    ]
    problems += order_violations(instance, placement.slots)
    if abs(weight - placement.placed_weight) > 1e-9:
        problems.append(f"reported weight {placement.placed_weight}, recounted {weight}")
    if placement.upper_bound < weight - 1e-9:
        problems.append(f"bound {placement.upper_bound} below placed weight {weight}")
    unplaced = {item.request for item in placement.unplaced}
    if unplaced != {i for i, slot in enumerate(placement.slots) if slot is None}:
        problems.append("the unplaced list does not match the unplaced requests")
    return problems


def order_violations(instance: PlacementInstance, slots: tuple[int | None, ...]) -> list[str]:
    """Each order whose two meetings are both placed, the earlier not over before the later."""
    problems = []
    for earlier, later in instance.precedences:
        first, second = slots[earlier], slots[later]
        if first is None or second is None:
            continue
        one, other = instance.slots[first], instance.slots[second]
        if one.end is not None and other.start is not None:
            kept = one.end <= other.start
        else:
            kept = (one.day, one.index) < (other.day, other.index)
        if not kept:
            problems.append(f"request {earlier} (slot {first}) not before {later} (slot {second})")
    return problems
