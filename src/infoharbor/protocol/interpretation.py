"""Assigning interpreters to booths: nobody in two booths at once, nobody past the day's limit.

Pure rules for the protocol office's interpretation plan. A booth interprets one session from one
language into another (or takes relay from another booth's language); an interpreter works in the
language pairs they list, both ways. Booths are staffed in the order they start, each by the
qualified interpreters who are free then and have worked least that day, so the load spreads.
What cannot be staffed is reported, never silently left empty.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset({a, b})


@dataclass(frozen=True)
class BoothNeed:
    key: int
    languages: frozenset[str]  # the two languages the booth works between
    start: dt.datetime
    end: dt.datetime
    day: dt.date  # the forum's local day, which the per-day limit counts
    needed: int = 2

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class InterpreterSkills:
    key: int
    pairs: frozenset[frozenset[str]]


@dataclass
class InterpretationPlan:
    staff: dict[int, list[int]] = field(default_factory=dict)  # booth key -> interpreter keys
    missing: dict[int, int] = field(default_factory=dict)  # booth key -> interpreters lacking


def overlaps(a: BoothNeed, b: BoothNeed) -> bool:
    return a.start < b.end and b.start < a.end


def assign(
    booths: Sequence[BoothNeed],
    interpreters: Sequence[InterpreterSkills],
    minutes_per_day: int,
    kept: dict[int, list[int]] | None = None,
) -> InterpretationPlan:
    """Staff every booth; `kept` are assignments made by hand, which stay and count."""
    plan = InterpretationPlan()
    by_key = {b.key: b for b in booths}
    worked: dict[tuple[int, dt.date], int] = defaultdict(int)
    busy: dict[int, list[BoothNeed]] = defaultdict(list)
    for booth_key, people in (kept or {}).items():
        booth = by_key[booth_key]
        plan.staff[booth_key] = list(people)
        for person in people:
            worked[person, booth.day] += booth.minutes
            busy[person].append(booth)
    for booth in sorted(booths, key=lambda b: (b.start, b.end, b.key)):
        staff = plan.staff.setdefault(booth.key, [])
        candidates = [
            i
            for i in interpreters
            if booth.languages in i.pairs
            and i.key not in staff
            and not any(overlaps(booth, other) for other in busy[i.key])
            and worked[i.key, booth.day] + booth.minutes <= minutes_per_day
        ]
        candidates.sort(key=lambda i: (worked[i.key, booth.day], i.key))
        for interpreter in candidates[: max(booth.needed - len(staff), 0)]:
            staff.append(interpreter.key)
            worked[interpreter.key, booth.day] += booth.minutes
            busy[interpreter.key].append(booth)
        if len(staff) < booth.needed:
            plan.missing[booth.key] = booth.needed - len(staff)
    return plan
