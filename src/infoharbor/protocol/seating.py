"""Seat assignment for a room or a banquet, from precedence, with hard constraints.

Pure rules for the protocol office's seating plans. Seats come with a rank (0 is the best seat:
the head table's middle); guests come in order of precedence. The constraints are hard, never
traded for a better order:

- members of one delegation sit at one table;
- an interpreter sits behind the head of delegation they serve (on a chair of their own, behind
  that seat), never at a table;
- two people who must not sit together never share a table;
- fixed seats (set by hand) never move; everyone else is placed around them.

The method is a deterministic greedy: delegations (and people alone) take, in the order of their
best-placed member (those with someone fixed first), the best table that holds them all and none
they must avoid; within a table the best seats go to the highest in precedence. When no table is
left for a delegation, a repair step moves a smaller, unfixed party elsewhere to make room; if that
fails too, `SeatingProblem` names who could not be seated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

Key = int  # a Person's id


@dataclass(frozen=True, order=True)
class Seat:
    rank: int  # 0 is the best seat of the room
    table: Key
    number: int


@dataclass(frozen=True)
class Guest:
    key: Key
    group: Key | None = None  # the delegation; None for someone on their own
    interpreter_for: Key | None = None  # the head of delegation an interpreter sits behind


@dataclass
class Seating:
    seats: dict[Key, Seat] = field(default_factory=dict)  # guest -> table seat
    behind: dict[Key, Key] = field(default_factory=dict)  # interpreter -> guest they sit behind


class SeatingProblem(Exception):
    """The constraints cannot all hold; `who` are the guests left without a seat."""

    def __init__(self, who: list[Key]) -> None:
        super().__init__(who)
        self.who = who


class _Room:
    def __init__(self, seats: Sequence[Seat], apart: set[frozenset[Key]]) -> None:
        self.free: dict[Key, list[Seat]] = defaultdict(list)
        for seat in sorted(seats):
            self.free[seat.table].append(seat)
        # Tables in the order of their best seat: the head table first.
        self.tables = sorted(self.free, key=lambda t: self.free[t][0])
        self.at: dict[Key, set[Key]] = defaultdict(set)  # table -> guests
        self.apart = apart

    def clashes(self, table: Key, people: Sequence[Key]) -> bool:
        return any(frozenset({p, q}) in self.apart for p in people for q in self.at[table])

    def fits(self, table: Key, people: Sequence[Key]) -> bool:
        return len(self.free[table]) >= len(people) and not self.clashes(table, people)

    def take(self, seat: Seat, person: Key) -> None:
        self.free[seat.table].remove(seat)
        self.at[seat.table].add(person)

    def release(self, seat: Seat, person: Key) -> None:
        self.free[seat.table].append(seat)
        self.free[seat.table].sort()
        self.at[seat.table].discard(person)


def _units(guests: Sequence[Guest]) -> list[list[Key]]:
    """Delegations and people alone, in the order of their first member's precedence."""
    units: dict[tuple[str, Key], list[Key]] = {}
    for guest in guests:
        if guest.interpreter_for is not None:
            continue
        unit = ("group", guest.group) if guest.group is not None else ("alone", guest.key)
        units.setdefault(unit, []).append(guest.key)
    return list(units.values())


def assign(
    seats: Sequence[Seat],
    guests: Sequence[Guest],
    *,
    apart: set[frozenset[Key]] | None = None,
    fixed: dict[Key, Seat] | None = None,
) -> Seating:
    """Seat `guests` (given in order of precedence) on `seats` under the hard constraints."""
    apart = apart or set()
    fixed = fixed or {}
    room = _Room(seats, apart)
    seating = Seating()
    for person, seat in fixed.items():
        room.take(seat, person)
        seating.seats[person] = seat
    placed_units: list[tuple[list[Key], Key]] = []  # unfixed units and their table, for repairs
    left_out: list[Key] = []
    units = _units(guests)
    # Delegations with a fixed member go first: their table must keep room for them.
    units.sort(key=lambda unit: not any(p in fixed for p in unit))
    for unit in units:
        waiting = [p for p in unit if p not in fixed]
        if not waiting:
            continue
        anchored = [fixed[p].table for p in unit if p in fixed]
        tables = anchored[:1] if anchored else room.tables
        table = next((t for t in tables if room.fits(t, waiting)), None)
        if table is None and not anchored:
            table = _make_room(room, seating, placed_units, waiting)
        if table is None:
            left_out.extend(waiting)
            continue
        for person in waiting:
            seat = room.free[table][0]
            room.take(seat, person)
            seating.seats[person] = seat
        if not anchored:
            placed_units.append((waiting, table))
    for guest in guests:
        if guest.interpreter_for is not None:
            if guest.interpreter_for in seating.seats:
                seating.behind[guest.key] = guest.interpreter_for
            else:
                left_out.append(guest.key)
    if left_out:
        raise SeatingProblem(left_out)
    return seating


def _make_room(
    room: _Room,
    seating: Seating,
    placed_units: list[tuple[list[Key], Key]],
    waiting: list[Key],
) -> Key | None:
    """Move one smaller placed party to another table so `waiting` fits; the table, or None."""
    for index in range(len(placed_units) - 1, -1, -1):
        unit, table = placed_units[index]
        if len(unit) >= len(waiting):
            continue
        seats = [seating.seats[p] for p in unit]
        for person, seat in zip(unit, seats, strict=True):
            room.release(seat, person)
        if room.fits(table, waiting):
            elsewhere = next((t for t in room.tables if t != table and room.fits(t, unit)), None)
            if elsewhere is not None:
                for person in unit:
                    seat = room.free[elsewhere][0]
                    room.take(seat, person)
                    seating.seats[person] = seat
                placed_units[index] = (unit, elsewhere)
                return table
        for person, seat in zip(unit, seats, strict=True):
            room.take(seat, person)
    return None
