"""The data the scheduler reads and writes: plain frozen data classes, no Django.

Two problems share these words. A *break instance* (problem A) asks to place every requested
meeting and to minimise idle gaps; a *placement instance* (problem B) asks to place as much request
weight as fits. Participants, slots and meetings are numbered from 0 here; readers of 1-based files
(`dzn.py`) and the management command translate at the edge.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[float, str], None]
"""Told the fraction done (0 to 1) and a short message, so a page can show a running solve."""


def no_progress(fraction: float, message: str) -> None:
    """The default progress callback: says nothing."""


class Session(enum.IntEnum):
    """When a meeting may run, with the JAIR files' codes (1 morning, 2 afternoon, 3 either)."""

    MORNING = 1
    AFTERNOON = 2
    EITHER = 3


class Status(enum.StrEnum):
    """How far a break solve got: `optimal` means the lower bound equals the breaks found."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Meeting:
    """One requested meeting between two participants, for the break problem."""

    first: int
    second: int
    session: Session = Session.EITHER
    fixed_slot: int | None = None
    predecessors: frozenset[int] = frozenset()
    """Meetings that must lie in an earlier slot than this one."""

    @property
    def participants(self) -> tuple[int, int]:
        return (self.first, self.second)


@dataclass(frozen=True)
class BreakInstance:
    """Problem A: place every meeting, minimise breaks, keep break counts within `fairness`.

    For the JAIR-2022 benchmark and for an organiser who must hold every accepted meeting.
    """

    n_participants: int
    n_slots: int
    n_morning_slots: int
    n_tables: int
    meetings: tuple[Meeting, ...]
    forbidden: tuple[frozenset[int], ...]
    """Per participant, the slots they cannot attend."""
    fairness: int | None = 2
    """Largest allowed difference between two participants' break counts; None for no bound."""

    def meetings_of(self) -> list[list[int]]:
        """Per participant, the indices of their meetings."""
        result: list[list[int]] = [[] for _ in range(self.n_participants)]
        for index, meeting in enumerate(self.meetings):
            result[meeting.first].append(index)
            result[meeting.second].append(index)
        return result

    def session_slots(self, session: Session) -> range:
        """The slots a meeting of this session may take."""
        if session is Session.MORNING:
            return range(self.n_morning_slots)
        if session is Session.AFTERNOON:
            return range(self.n_morning_slots, self.n_slots)
        return range(self.n_slots)

    def allowed_slots(self, index: int) -> list[int]:
        """The slots meeting `index` may take, before any interaction with other meetings."""
        meeting = self.meetings[index]
        banned = self.forbidden[meeting.first] | self.forbidden[meeting.second]
        if meeting.fixed_slot is not None:
            candidates: range | list[int] = [meeting.fixed_slot]
        else:
            candidates = self.session_slots(meeting.session)
        return [slot for slot in candidates if slot not in banned]


@dataclass(frozen=True)
class BreakSolution:
    """The answer to a break instance. `slots` has one slot per meeting, or is empty."""

    status: Status
    breaks: int | None
    lower_bound: int
    slots: tuple[int, ...] = ()
    reason: str = ""
    """Why the instance is infeasible (a proof a person can check), or why nothing was found."""


@dataclass(frozen=True)
class Slot:
    """A time slot of the placement problem; a participant attends one city per day."""

    city: str
    day: str
    index: int
    half: Half | None = None
    """Morning or afternoon where the caller knows (by the clock); else by `morning_indices`."""
    start: float | None = None
    end: float | None = None
    """When the slot runs (any one unit, such as seconds since the epoch), where the caller
    knows: slots of two cities may overlap. Else a day's slots run in `index` order, one after
    another, and the days in the order of their names (ISO dates)."""


@dataclass(frozen=True)
class Request:
    """A request for a meeting between two participants, worth `weight` if placed."""

    first: int
    second: int
    weight: float

    @property
    def participants(self) -> tuple[int, int]:
        return (self.first, self.second)


class Half(enum.IntEnum):
    """A morning or afternoon wish on a request (within its day)."""

    MORNING = 1
    AFTERNOON = 2


@dataclass(frozen=True)
class PlacementInstance:
    """Problem B: place a subset of weighted requests into slots, maximising placed weight.

    For the forum's matchmaking: thousands of participants, tens of thousands of requests.
    """

    n_participants: int
    slots: tuple[Slot, ...]
    tables: tuple[int, ...]
    """Meetings that fit in each slot."""
    requests: tuple[Request, ...]
    unavailable: tuple[frozenset[int], ...]
    """Per participant, the slots they cannot attend."""
    pinned: dict[int, int] = field(default_factory=dict)
    """Request index to slot: meetings already announced, which never move."""
    halves: dict[int, Half] = field(default_factory=dict)
    """Request index to a morning or afternoon wish, kept as a hard rule."""
    morning_indices: int = 0
    """Slots of a day whose `index` is below this are mornings; 0 when wishes are not used."""
    precedences: tuple[tuple[int, int], ...] = ()
    """(earlier, later) request indices: when both are placed, the earlier one's slot ends
    before the later one's starts (see `precedes`). An order binds only two placed meetings."""

    def allowed_slots(self, index: int) -> list[int]:
        """Slots request `index` may take on its own: both free, and its half-day wish kept."""
        request = self.requests[index]
        banned = self.unavailable[request.first] | self.unavailable[request.second]
        half = self.halves.get(index)
        return [
            slot
            for slot in range(len(self.slots))
            if slot not in banned and (half is None or self.half_of(slot) is half)
        ]

    def half_of(self, slot: int) -> Half:
        """Whether a slot is in the morning or the afternoon of its day."""
        known = self.slots[slot].half
        if known is not None:
            return known
        return Half.MORNING if self.slots[slot].index < self.morning_indices else Half.AFTERNOON

    def precedes(self, first: int, second: int) -> bool:
        """Whether slot `first` is over by the time slot `second` starts."""
        one, other = self.slots[first], self.slots[second]
        if one.end is not None and other.start is not None:
            return one.end <= other.start
        return (one.day, one.index) < (other.day, other.index)


class Why(enum.StrEnum):
    """Why a request was left out, for a page to word in its reader's language."""

    NO_COMMON_SLOT = "no_common_slot"
    CROWDED = "crowded"
    OUTWEIGHED = "outweighed"
    ORDER = "order"


@dataclass(frozen=True)
class Unplaced:
    """A request left out, with a reason fit to show an organiser (English, for the command)
    and the same as data: `why`, for a crowded participant how many requests they have and
    how many free slots, and for an order the request it is ordered with (`other`)."""

    request: int
    reason: str
    why: Why = Why.OUTWEIGHED
    participant: int | None = None
    wanted: int = 0
    free: int = 0
    other: int | None = None


@dataclass(frozen=True)
class Placement:
    """The answer to a placement instance."""

    slots: tuple[int | None, ...]
    placed_weight: float
    upper_bound: float
    unplaced: tuple[Unplaced, ...]
    breaks: tuple[int, ...]
    """Per participant, idle gaps between their meetings on the same day and city."""
