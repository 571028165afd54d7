"""Weighted placement (problem B): put as much request weight as fits into the forum's slots.

For the matchmaking service: thousands of participants, tens of thousands of weighted requests, a
few dozen slots over several cities and days. Rules: a participant meets at most once per slot,
never in a slot they marked unavailable, and in one city per day; a slot holds at most its tables;
pinned meetings never move; a morning or afternoon wish is kept; of two ordered meetings that
are both placed, the earlier ends before the later starts.

The optimiser first solves the bound's linear relaxation. What it places whole, each request in
one (day, city) group, is then coloured into that group's slots, as in bipartite edge colouring:
a slot free for both sides, else a Kempe-chain swap of two slots along an alternating path, else
the request's neighbourhood taken out and put back around it. The rest of the requests follow
greedily in the relaxation's order (heaviest first among equals), each in the free slot that keeps
the two participants' days compact and the busiest slots open. Then it repairs until the bound is
reached or the time is up: a request left out tries Kempe-chain swaps, moving the meetings in its
way, or pushing out lighter ones when it outweighs them (each push raises the placed weight, so
the repair ends).
Small instances are also solved exactly (time-indexed MIP). A last pass moves single meetings to
shorten idle gaps, never losing weight.

The bound is the linear relaxation indexed by (day, city): each participant meets in a day and
city at most as often as they have usable slots there, once per slot and in one city per day
overall; solved by HiGHS and re-derived from its duals, a valid upper bound on any schedule.
It leaves the orders out: they only forbid schedules, so the best schedule that keeps them places
no more than the relaxation (the exact model, where it runs, keeps them and tightens the bound).
`first_come` is the baseline of booking each request, in the order given, into the earliest slot
both sides have free.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence

from infoharbor.matchmaking.scheduler.instance import (
    Placement,
    PlacementInstance,
    Progress,
    Unplaced,
    Why,
    no_progress,
)


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class _Board:
    """The schedule being built: who meets whom in which slot, with the free slots as bit masks
    so that "a slot both sides can take" is two ANDs."""

    def __init__(self, instance: PlacementInstance) -> None:
        self.instance = instance
        n_slots = len(instance.slots)
        everything = (1 << n_slots) - 1
        self.static = [
            sum(1 << slot for slot in instance.allowed_slots(index))
            for index in range(len(instance.requests))
        ]
        self.free = [
            everything & ~sum(1 << slot for slot in banned) for banned in instance.unavailable
        ]
        self.tables = list(instance.tables)
        self.open = sum(1 << slot for slot in range(n_slots) if self.tables[slot] > 0)
        self.slot_of: list[int | None] = [None] * len(instance.requests)
        self.members: list[set[int]] = [set() for _ in range(n_slots)]
        self.at: list[dict[int, int]] = [{} for _ in range(instance.n_participants)]
        days = sorted({slot.day for slot in instance.slots})
        self.day_of = [days.index(slot.day) for slot in instance.slots]
        self.day_mask = [
            sum(1 << s for s in range(n_slots) if self.day_of[s] == day) for day in range(len(days))
        ]
        self.city_mask = {
            (self.day_of[s], instance.slots[s].city): sum(
                1 << t
                for t in range(n_slots)
                if self.day_of[t] == self.day_of[s] and instance.slots[t].city == slot.city
            )
            for s, slot in enumerate(instance.slots)
        }
        self.city_count: list[dict[tuple[int, str], int]] = [
            defaultdict(int) for _ in range(instance.n_participants)
        ]
        self.other_cities = [0] * instance.n_participants
        # The slot just before each slot in its day and city (-1 for none), for compactness and
        # breaks: a run of meetings starts wherever the previous slot is not taken.
        position = {(slot.day, slot.city, slot.index): s for s, slot in enumerate(instance.slots)}
        self.previous = [
            position.get((slot.day, slot.city, slot.index - 1), -1) for slot in instance.slots
        ]
        self.neighbours = [0] * n_slots
        for s, before in enumerate(self.previous):
            if before >= 0:
                self.neighbours[s] |= 1 << before
                self.neighbours[before] |= 1 << s
        self.pinned = set(instance.pinned)
        # Meeting orders: per ordered request, (other request, whether the other comes first);
        # per slot, the slots over before it starts and those that start after it is over.
        self.orders: dict[int, list[tuple[int, bool]]] = defaultdict(list)
        for earlier, later in instance.precedences:
            self.orders[later].append((earlier, True))
            self.orders[earlier].append((later, False))
        self.before = [0] * n_slots
        self.after = [0] * n_slots
        for s, t in itertools.permutations(range(n_slots) if self.orders else (), 2):
            if instance.precedes(s, t):
                self.after[s] |= 1 << t
                self.before[t] |= 1 << s
        # A meeting that only comes first leans early (1), one that only comes last leans late
        # (-1), so that their partners keep room; one in the middle of a chain leans neither.
        self.lean = {
            index: any(not first for _, first in others) - any(first for _, first in others)
            for index, others in self.orders.items()
        }
        # Every place and remove, as (request, slot, placed), while a trial move may be undone.
        self.journal: list[tuple[int, int, bool]] | None = None

    def undo(self, journal: list[tuple[int, int, bool]]) -> None:
        """Take back the moves in `journal`, newest first."""
        self.journal = None
        for index, slot, placed in reversed(journal):
            if placed:
                self.remove(index)
            else:
                self.place(index, slot)

    def usable(self, participant: int) -> int:
        return self.free[participant] & ~self.other_cities[participant]

    def candidates(self, index: int, *, ordered: bool = True) -> int:
        """The slots request `index` can take now (keeping its orders unless told not to)."""
        request = self.instance.requests[index]
        mask = (
            self.static[index]
            & self.usable(request.first)
            & self.usable(request.second)
            & self.open
        )
        if ordered and index in self.orders:
            mask &= self.in_order(index)
        return mask

    def keeps_order_with(self, other: int, first: bool) -> int:
        """The slots that keep an order with request `other` (all when it is not placed);
        `first` when `other` comes first."""
        slot = self.slot_of[other]
        if slot is None:
            return -1
        return self.after[slot] if first else self.before[slot]

    def in_order(self, index: int) -> int:
        """The slots that keep request `index`'s orders with the meetings placed so far."""
        mask = -1
        for other, first in self.orders.get(index, ()):
            mask &= self.keeps_order_with(other, first)
        return mask

    def _city_changed(self, participant: int) -> None:
        blocked = 0
        for (day, city), count in self.city_count[participant].items():
            if count:
                blocked |= self.day_mask[day] & ~self.city_mask[(day, city)]
        self.other_cities[participant] = blocked

    def place(self, index: int, slot: int) -> None:
        if self.journal is not None:
            self.journal.append((index, slot, True))
        request = self.instance.requests[index]
        key = (self.day_of[slot], self.instance.slots[slot].city)
        for participant in (request.first, request.second):
            self.at[participant][slot] = index
            self.free[participant] &= ~(1 << slot)
            self.city_count[participant][key] += 1
            if self.city_count[participant][key] == 1:
                self._city_changed(participant)
        self.tables[slot] -= 1
        if self.tables[slot] == 0:
            self.open &= ~(1 << slot)
        self.slot_of[index] = slot
        self.members[slot].add(index)

    def remove(self, index: int) -> int:
        slot = self.slot_of[index]
        assert slot is not None
        if self.journal is not None:
            self.journal.append((index, slot, False))
        request = self.instance.requests[index]
        key = (self.day_of[slot], self.instance.slots[slot].city)
        for participant in (request.first, request.second):
            del self.at[participant][slot]
            self.free[participant] |= 1 << slot
            self.city_count[participant][key] -= 1
            if self.city_count[participant][key] == 0:
                self._city_changed(participant)
        self.tables[slot] += 1
        self.open |= 1 << slot
        self.slot_of[index] = None
        self.members[slot].discard(index)
        return slot

    def best_slot(self, index: int, mask: int) -> int:
        """The slot, among `mask`, next to most meetings of the two sides, then with most tables
        left (so that tight slots stay open for requests that have no other choice); among the
        earliest or latest for a meeting that leans so."""
        request = self.instance.requests[index]
        taken = ~(self.free[request.first] & self.free[request.second])
        if self.lean.get(index):
            ranks = {slot: self.lean[index] * self.before[slot].bit_count() for slot in _bits(mask)}
            first = min(ranks.values())
            mask = sum(1 << slot for slot, rank in ranks.items() if rank == first)
        return max(
            _bits(mask),
            key=lambda slot: (
                (self.neighbours[slot] & taken).bit_count(),
                self.tables[slot],
                -slot,
            ),
        )

    def relocate(self, index: int, avoid: int) -> bool:
        """Move a placed meeting to another slot it can take (not `avoid`), if there is one."""
        if index in self.pinned:
            return False
        old = self.remove(index)
        mask = self.candidates(index) & ~(1 << avoid) & ~(1 << old)
        if mask:
            self.place(index, self.best_slot(index, mask))
            return True
        self.place(index, old)
        return False

    def breaks(self, participant: int) -> int:
        """Idle gaps between the participant's meetings within each day and city."""
        slots = self.at[participant]
        runs = sum(1 for slot in slots if self.previous[slot] not in slots)
        groups = {(self.day_of[slot], self.instance.slots[slot].city) for slot in slots}
        return runs - len(groups)

    def in_slot(self, slot: int) -> list[int]:
        """The meetings held in a slot."""
        return sorted(self.members[slot])


class PlacementError(ValueError):
    """Input that cannot be scheduled as given (a pinned meeting that breaks a rule)."""


def _pin(board: _Board) -> None:
    for index, slot in sorted(board.instance.pinned.items()):
        if not (board.candidates(index) >> slot) & 1:
            raise PlacementError(
                f"pinned request {index} cannot stay in slot {slot}: one side is unavailable, "
                "already meets then or is in another city that day, the slot is full, or it "
                "breaks an order with another pinned meeting"
            )
        board.place(index, slot)


_CHAIN_LIMIT = 60


def _swap_chain(board: _Board, index: int, side: int, free_slot: int, other_slot: int) -> bool:
    """Kempe-chain move: `side` of the request is busy in `free_slot` (the other side is free
    there); swap `free_slot` and `other_slot` along the chain of meetings that starts there, then
    place the request in `free_slot`. Undone when a meeting on the chain cannot take its new slot.
    """
    requests = board.instance.requests
    chain: list[tuple[int, int]] = []
    participant, slot, target = side, free_slot, other_slot
    while (meeting := board.at[participant].get(slot)) is not None:
        if meeting in board.pinned or len(chain) == _CHAIN_LIMIT or meeting == index:
            return False
        chain.append((meeting, target))
        request = requests[meeting]
        participant = request.second if request.first == participant else request.first
        slot, target = target, slot
    old = {meeting: board.remove(meeting) for meeting, _ in chain}
    moved: list[int] = []
    for meeting, slot in chain:
        if not (board.candidates(meeting) >> slot) & 1:
            break
        board.place(meeting, slot)
        moved.append(meeting)
    else:
        if (board.candidates(index) >> free_slot) & 1:
            board.place(index, free_slot)
            return True
    for meeting in moved:
        board.remove(meeting)
    for meeting, slot in old.items():
        board.place(meeting, slot)
    return False


def _insert(board: _Board, index: int) -> bool:
    """Place a request: in a free slot, else by a Kempe-chain swap, else by moving the meetings
    that stand in its way to other slots."""
    mask = board.candidates(index)
    if mask:
        board.place(index, board.best_slot(index, mask))
        return True
    request = board.instance.requests[index]
    first_free = board.static[index] & board.usable(request.first)
    second_free = board.static[index] & board.usable(request.second)
    in_order = board.in_order(index)
    for free, side, other_free in (
        (first_free, request.second, second_free),
        (second_free, request.first, first_free),
    ):
        for free_slot in _bits(free & board.open & in_order):
            for other_slot in _bits(other_free & ~(1 << free_slot)):
                if _swap_chain(board, index, side, free_slot, other_slot):
                    return True
    elsewhere = board.other_cities[request.first] | board.other_cities[request.second]
    for slot in _bits(board.static[index] & ~elsewhere & in_order):
        for participant in (request.first, request.second):
            blocker = board.at[participant].get(slot)
            if blocker is not None and not board.relocate(blocker, avoid=slot):
                break
        else:
            if board.tables[slot] == 0:
                for other in board.in_slot(slot):
                    if board.relocate(other, avoid=slot):
                        break
            if (board.candidates(index) >> slot) & 1:
                board.place(index, slot)
                return True
    return False


def _reseat(board: _Board, index: int, depth: int, rng: random.Random) -> bool:
    """Place a request by taking out every movable meeting of the people within `depth` - 1
    meetings of its two sides, placing it first, then putting them back in a random order (by
    chains if need be): kept only when all of them find a slot again, undone otherwise."""
    requests = board.instance.requests
    people = set(requests[index].participants)
    for _ in range(depth - 1):
        people |= {
            other
            for participant in people
            for meeting in board.at[participant].values()
            for other in requests[meeting].participants
        }
    out = sorted(
        {
            meeting
            for participant in people
            for meeting in board.at[participant].values()
            if meeting not in board.pinned
        }
    )
    rng.shuffle(out)
    board.journal = []
    for meeting in out:
        board.remove(meeting)
    if _insert(board, index) and all(_insert(board, meeting) for meeting in out):
        board.journal = None
        return True
    board.undo(board.journal)
    return False


_RESEAT_ROUNDS = 60
"""Rounds of reseating the relaxation's requests that are still out, before the greedy goes on."""


def _colour(board: _Board, chosen: list[int], home: list[int], deadline: float) -> None:
    """Place the requests the relaxation places whole, each kept to the (day, city) group the
    relaxation put it in: there the relaxation's counts say every participant has a slot for each
    of their meetings, so what is left is colouring the group's meetings with its slots, as in
    bipartite edge colouring. Each goes into a slot free for both sides, else by a Kempe-chain
    swap of two slots along an alternating path (`_insert`); one still out then reseats its
    neighbourhood (`_reseat`), growing and reshuffled from round to round."""
    rng = random.Random(0)
    wide = {index: board.static[index] for index in chosen}
    for index in chosen:
        board.static[index] &= home[index]
    for index in chosen:
        _insert(board, index)
    stuck = [index for index in chosen if board.slot_of[index] is None]
    for rounds in range(_RESEAT_ROUNDS):
        if not stuck or time.monotonic() > deadline:
            break
        for index in stuck:
            _reseat(board, index, 1 + rounds % 3, rng)
        stuck = [index for index in stuck if board.slot_of[index] is None]
    for index, mask in wide.items():
        board.static[index] = mask


def _eject(board: _Board, index: int) -> list[int]:
    """Place a request by pushing out lighter meetings, when together they weigh less.

    Returns the meetings pushed out (none when no slot makes the trade worth it)."""
    requests = board.instance.requests
    request = requests[index]
    elsewhere = board.other_cities[request.first] | board.other_cities[request.second]
    best: tuple[float, int, list[int]] | None = None
    for slot in _bits(board.static[index] & ~elsewhere & board.in_order(index)):
        out = {board.at[p][slot] for p in request.participants if slot in board.at[p]}
        if out & board.pinned:
            continue
        if board.tables[slot] == 0 and not out:
            movable = [other for other in board.in_slot(slot) if other not in board.pinned]
            if not movable:
                continue
            out.add(min(movable, key=lambda other: requests[other].weight))
        loss = sum(requests[other].weight for other in out)
        if loss < request.weight and (best is None or loss < best[0]):
            best = (loss, slot, sorted(out))
    if best is None:
        return []
    for other in best[2]:
        board.remove(other)
    board.place(index, best[1])
    return best[2]


def _trade(board: _Board, index: int) -> bool:
    """Place a request by taking one slot from a lighter meeting of one of its sides, then
    fitting the request there (by chains if need be) and the lighter meeting elsewhere if it
    can go: kept only when the placed weight rises, undone otherwise."""
    requests = board.instance.requests
    request = requests[index]
    for participant in request.participants:
        for slot, other in sorted(board.at[participant].items()):
            if other in board.pinned or requests[other].weight >= request.weight:
                continue
            if not (board.static[index] >> slot) & 1:
                continue
            board.journal = []
            board.remove(other)
            if _insert(board, index):
                _insert(board, other)
                board.journal = None
                return True
            board.undo(board.journal)
    return False


def _shorten_breaks(board: _Board, fairness: int, deadline: float) -> None:
    """Move single meetings to slots that leave the two sides fewer idle gaps; a move must lower
    (the larger of their break counts, then their sum), so the worst-off come first and no move
    ever undoes another. Best effort: `fairness` is where a participant stops being a target."""
    for index, slot in enumerate(list(board.slot_of)):
        if time.monotonic() > deadline:
            return
        if slot is None or index in board.pinned:
            continue
        pair = board.instance.requests[index].participants
        before = [board.breaks(p) for p in pair]
        if max(before) == 0 or (max(before) <= fairness and sum(before) == 0):
            continue
        board.remove(index)
        best = (max(before), sum(before), slot)
        for candidate in _bits(board.candidates(index)):
            board.place(index, candidate)
            after = [board.breaks(p) for p in pair]
            board.remove(index)
            if (max(after), sum(after)) < best[:2]:
                best = (max(after), sum(after), candidate)
        board.place(index, best[2])


def _usable_per_group(board: _Board) -> tuple[list[int], list[list[int]]]:
    """The (day, city) groups as slot masks, and per participant the slots of each group that
    some request of theirs could take."""
    groups = sorted(set(board.city_mask.values()))
    usable = [0] * board.instance.n_participants
    for index, request in enumerate(board.instance.requests):
        usable[request.first] |= board.static[index]
        usable[request.second] |= board.static[index]
    return groups, [[(mask & group).bit_count() for group in groups] for mask in usable]


def _capacity(board: _Board) -> list[int]:
    """Per participant, the most meetings they can hold: usable slots, one city per day."""
    groups, usable = _usable_per_group(board)
    days = [board.day_of[(group & -group).bit_length() - 1] for group in groups]
    capacity = []
    for counts in usable:
        per_day: dict[int, int] = defaultdict(int)
        for day, count in zip(days, counts, strict=True):
            per_day[day] = max(per_day[day], count)
        capacity.append(sum(per_day.values()))
    return capacity


def upper_bound(instance: PlacementInstance) -> float:
    """A proven upper bound on the weight any schedule places."""
    return _bound(_Board(instance))[0]


def _bound(board: _Board) -> tuple[float, list[float], list[int]]:
    """The linear relaxation indexed by (day, city) group: a request is placed at most once, in a
    group where it has a slot; a participant meets in a group at most as often as they have usable
    slots there, and once per slot overall; a group holds at most its tables. Solved by HiGHS,
    then recomputed from the duals (weak duality), so solver tolerances cannot make it too low.

    Also returns, per request, how much of it the relaxation places: the greedy's guide."""
    # Imported here, not at the top: SciPy holds 74 MB in each process that imports it, and the
    # web workers, which import this package for its types, never solve.
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    instance = board.instance
    requests = instance.requests
    placed = [0.0] * len(requests)
    home = [0] * len(requests)
    if not requests:
        return 0.0, placed, home
    groups, usable = _usable_per_group(board)
    n_groups = len(groups)
    capacity = _capacity(board)
    columns: list[tuple[int, int]] = [
        (index, group)
        for index in range(len(requests))
        for group in range(n_groups)
        if board.static[index] & groups[group]
    ]
    if not columns:
        return 0.0, placed, home
    index_of = np.array([index for index, _ in columns])
    group_of = np.array([group for _, group in columns])
    first = np.array([r.first for r in requests])[index_of]
    second = np.array([r.second for r in requests])[index_of]
    n_people = instance.n_participants
    # Rows: participant and group; participant overall; request; group tables.
    offsets = np.cumsum([0, n_people * n_groups, n_people, len(requests)])
    rows = np.concatenate(
        [
            first * n_groups + group_of,
            second * n_groups + group_of,
            offsets[1] + first,
            offsets[1] + second,
            offsets[2] + index_of,
            offsets[3] + group_of,
        ]
    )
    positions = np.tile(np.arange(len(columns)), 6)
    matrix = csr_matrix(
        (np.ones(len(rows)), (rows, positions)), shape=(offsets[3] + n_groups, len(columns))
    )
    tables = [sum(instance.tables[slot] for slot in _bits(group)) for group in groups]
    limits = np.array(
        [count for counts in usable for count in counts] + capacity + [1] * len(requests) + tables,
        dtype=float,
    )
    weights = np.array([requests[index].weight for index in index_of])
    result = linprog(-weights, A_ub=matrix, b_ub=limits, bounds=(0, 1), method="highs")
    if result.status != 0:
        everything = sum(request.weight for i, request in enumerate(requests) if board.static[i])
        return float(everything), placed, home
    for index, group, value in zip(index_of, group_of, result.x, strict=True):
        placed[index] += float(value)
        if value > 0.5:
            home[index] = groups[group]
    prices = np.maximum(-result.ineqlin.marginals, 0.0)
    reduced = np.maximum(weights - matrix.T @ prices, 0.0)
    return float(np.dot(limits, prices) + reduced.sum()), placed, home


# Up to this many (request, slot) pairs the exact model is tried (HiGHS solves such a MIP in
# well under a second); above it, the heuristic alone, whose gap the bound reports.
EXACT_LIMIT = 5_000


def _exact(board: _Board, deadline: float) -> tuple[list[int | None], float] | None:
    """Solve the time-indexed model exactly (small instances): the placement and HiGHS's proven
    bound, or None when it found nothing before the deadline."""
    # Imported here, not at the top: see _bound.
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix

    instance = board.instance
    pairs = [(i, slot) for i in range(len(instance.requests)) for slot in _bits(board.static[i])]
    groups = sorted(board.city_mask)
    n_x = len(pairs)
    # One "attends this city that day" variable per participant and (day, city).
    city_var = {
        (p, key): n_x + p * len(groups) + g
        for p in range(instance.n_participants)
        for g, key in enumerate(groups)
    }
    n_vars = n_x + len(city_var)
    rows: list[list[tuple[int, float]]] = []
    upper: list[float] = []
    per_request: dict[int, list[int]] = defaultdict(list)
    per_person_slot: dict[tuple[int, int], list[int]] = defaultdict(list)
    per_slot: dict[int, list[int]] = defaultdict(list)
    for column, (index, slot) in enumerate(pairs):
        request = instance.requests[index]
        per_request[index].append(column)
        per_slot[slot].append(column)
        key = (board.day_of[slot], instance.slots[slot].city)
        for participant in request.participants:
            per_person_slot[(participant, slot)].append(column)
            rows.append([(column, 1.0), (city_var[(participant, key)], -1.0)])
            upper.append(0.0)
    for columns in [*per_request.values(), *per_person_slot.values()]:
        rows.append([(column, 1.0) for column in columns])
        upper.append(1.0)
    for slot, columns in per_slot.items():
        rows.append([(column, 1.0) for column in columns])
        upper.append(float(instance.tables[slot]))
    for p in range(instance.n_participants):
        for day in {day for day, _city in groups}:
            rows.append([(city_var[(p, key)], 1.0) for key in groups if key[0] == day])
            upper.append(1.0)
    # An order: the later request in slot t excludes the earlier one from every slot not over
    # by then (the earlier one takes one slot at most, so one row per slot of the later one).
    for earlier, later in instance.precedences:
        for column in per_request[later]:
            slot = pairs[column][1]
            clash = [c for c in per_request[earlier] if not (board.before[slot] >> pairs[c][1]) & 1]
            if clash:
                rows.append([(column, 1.0)] + [(c, 1.0) for c in clash])
                upper.append(1.0)
    data = [(r, c, v) for r, row in enumerate(rows) for c, v in row]
    matrix = csr_matrix(
        ([v for _, _, v in data], ([r for r, _, _ in data], [c for _, c, _ in data])),
        shape=(len(rows), n_vars),
    )
    lower = np.zeros(n_vars)
    for column, (index, slot) in enumerate(pairs):
        if instance.pinned.get(index) == slot:
            lower[column] = 1.0
    costs = np.zeros(n_vars)
    costs[:n_x] = [-instance.requests[index].weight for index, _ in pairs]
    result = milp(
        costs,
        constraints=LinearConstraint(matrix, -np.inf, np.array(upper)),
        integrality=np.ones(n_vars),
        bounds=Bounds(lower, np.ones(n_vars)),
        options={"time_limit": max(deadline - time.monotonic(), 0.1), "mip_rel_gap": 0.0},
    )
    if result.x is None:
        return None
    slots: list[int | None] = [None] * len(instance.requests)
    for column, (index, slot) in enumerate(pairs):
        if result.x[column] > 0.5:
            slots[index] = slot
    # HiGHS may stop (time limit) with a schedule but no dual bound: then it proves nothing.
    dual = getattr(result, "mip_dual_bound", None)
    return slots, math.inf if dual is None else -float(dual)


def _order_in_the_way(board: _Board, index: int) -> int | None:
    """The placed request whose order leaves request `index` no slot, or none of its free ones."""
    free = board.candidates(index, ordered=False)
    for other, first in board.orders.get(index, ()):
        keep = board.keeps_order_with(other, first)
        if not board.static[index] & keep or (free and not free & keep):
            return other
    return None


def _reasons(instance: PlacementInstance, board: _Board) -> tuple[Unplaced, ...]:
    capacity = _capacity(board)
    # Requests with no common slot are explained by that; they do not crowd anyone.
    wanted = [0] * instance.n_participants
    for index, request in enumerate(instance.requests):
        if board.static[index]:
            wanted[request.first] += 1
            wanted[request.second] += 1
    unplaced = []
    for index, slot in enumerate(board.slot_of):
        if slot is not None:
            continue
        request = instance.requests[index]
        crowded = [p for p in request.participants if wanted[p] > capacity[p]]
        if not board.static[index]:
            half = instance.halves.get(index)
            reason = "no common free slot" + (f" in the {half.name.lower()}" if half else "")
            unplaced.append(Unplaced(index, reason, Why.NO_COMMON_SLOT))
        elif (other := _order_in_the_way(board, index)) is not None:
            reason = f"could not be placed because of the order with request {other}"
            unplaced.append(Unplaced(index, reason, Why.ORDER, other=other))
        elif crowded:
            p = crowded[0]
            reason = f"participant {p} has {wanted[p]} requests and {capacity[p]} free slots"
            unplaced.append(Unplaced(index, reason, Why.CROWDED, p, wanted[p], capacity[p]))
        else:
            unplaced.append(Unplaced(index, "lost to higher-priority requests"))
    return tuple(unplaced)


def _weight(instance: PlacementInstance, slots: Sequence[int | None]) -> float:
    return sum(
        request.weight
        for request, slot in zip(instance.requests, slots, strict=True)
        if slot is not None
    )


def _result(instance: PlacementInstance, board: _Board, bound: float) -> Placement:
    placed = _weight(instance, board.slot_of)
    return Placement(
        slots=tuple(board.slot_of),
        placed_weight=placed,
        upper_bound=max(bound, placed),
        unplaced=_reasons(instance, board),
        breaks=tuple(board.breaks(p) for p in range(instance.n_participants)),
    )


def optimise(
    instance: PlacementInstance,
    *,
    time_limit: float = 10.0,
    fairness: int = 2,
    progress: Progress = no_progress,
) -> Placement:
    """Place the most request weight the time allows, with a proven bound and reasons."""
    started = time.monotonic()
    # The breaks pass gets the last tenth of the time; the repair stops before it.
    deadline = started + time_limit
    repair_deadline = started + 0.9 * time_limit
    board = _Board(instance)
    _pin(board)
    progress(0.0, "computing the bound")
    bound, relaxed, home = _bound(board)
    requests = instance.requests
    # Requests the relaxation places whole come first: among equal weights (common: weights are
    # priorities) it knows which of a crowded participant's requests the others need least.
    order = sorted(
        (index for index in range(len(requests)) if index not in board.pinned),
        key=lambda index: (-round(relaxed[index], 6), -requests[index].weight, index),
    )
    progress(0.1, "placing what the relaxation places, in its day and city")
    _colour(board, [index for index in order if home[index]], home, repair_deadline)
    for done, index in enumerate(order):
        mask = board.candidates(index) if board.slot_of[index] is None else 0
        if mask:
            board.place(index, board.best_slot(index, mask))
        if done % 5000 == 0:
            progress(0.2 + 0.2 * done / max(len(order), 1), "placing requests by weight")
    progress(0.4, "repairing")
    # Once the placed weight reaches the bound no repair can add to it.
    improved = _weight(instance, board.slot_of) < bound
    while improved and time.monotonic() < repair_deadline:
        improved = False
        for index in order:
            if board.slot_of[index] is not None or not board.static[index]:
                continue
            if time.monotonic() > repair_deadline:
                break
            if _insert(board, index):
                improved = True
                continue
            if _trade(board, index):
                improved = True
                continue
            pushed = _eject(board, index)
            improved = improved or bool(pushed)
            for other in pushed:
                _insert(board, other)
        improved = improved and _weight(instance, board.slot_of) < bound
    if sum(mask.bit_count() for mask in board.static) <= EXACT_LIMIT:
        progress(0.5, "solving exactly")
        exact = _exact(board, repair_deadline)
        if exact is not None:
            bound = min(bound, exact[1])
        if exact is not None and _weight(instance, exact[0]) > _weight(instance, board.slot_of):
            for index, slot in enumerate(board.slot_of):
                if slot is not None:
                    board.remove(index)
            for index, slot in enumerate(exact[0]):
                if slot is not None:
                    board.place(index, slot)
    progress(0.7, "shortening breaks")
    _shorten_breaks(board, fairness, deadline)
    progress(1.0, "done")
    return _result(instance, board, bound)


def first_come(instance: PlacementInstance) -> Placement:
    """The baseline: each request, in the order given, booked into the earliest slot both sides
    have free (what booking meetings as they are accepted gives)."""
    board = _Board(instance)
    _pin(board)
    for index in range(len(instance.requests)):
        if index in board.pinned:
            continue
        mask = board.candidates(index)
        if mask:
            board.place(index, (mask & -mask).bit_length() - 1)
    return _result(instance, board, _bound(board)[0])
