"""Seat assignment: every hard constraint holds on generated 200-seat plans; fixed seats stay."""

import random

import pytest

from infoharbor.protocol.seating import Guest, Seat, SeatingProblem, assign

pytestmark = pytest.mark.unit


def room(tables, seats_per_table):
    return [
        Seat(rank=t * 100 + n, table=t, number=n + 1)
        for t in range(tables)
        for n in range(seats_per_table)
    ]


def generated(seed):
    """20 tables of 10 (200 seats); ~150 guests in delegations of 1-6, 10 interpreters, 15 pairs
    who must sit apart."""
    rng = random.Random(seed)
    guests, heads = [], []
    key = 0
    for group in range(40):
        size = rng.randint(1, 6)
        members = list(range(key, key + size))
        key += size
        heads.append(members[0])
        guests.extend(Guest(m, group) for m in members)
    alone = [Guest(k) for k in range(key, key + 10)]
    key += 10
    guests.extend(alone)
    rng.shuffle(guests)  # precedence order mixes delegations
    interpreters = [Guest(key + i, None, head) for i, head in enumerate(rng.sample(heads, 10))]
    group_of = {g.key: g.group for g in guests}
    apart = set()
    while len(apart) < 15:
        a, b = rng.sample([g.key for g in guests], 2)
        if group_of[a] is None or group_of[a] != group_of[b]:
            apart.add(frozenset({a, b}))
    return guests + interpreters, apart


def check(result, guests, apart, seats):
    seat_set = set(seats)
    taken = list(result.seats.values())
    assert len(taken) == len(set(taken))
    assert set(taken) <= seat_set
    tables = {}
    for guest in guests:
        if guest.interpreter_for is not None:
            assert result.behind[guest.key] == guest.interpreter_for
            assert guest.key not in result.seats
            continue
        tables.setdefault(guest.group, set())
        if guest.group is not None:
            tables[guest.group].add(result.seats[guest.key].table)
    for group, at in tables.items():
        if group is not None:
            assert len(at) == 1, group
    for pair in apart:
        a, b = tuple(pair)
        assert result.seats[a].table != result.seats[b].table


@pytest.mark.parametrize("seed", range(5))
def test_assign_honours_every_constraint_on_200_seats(seed):
    guests, apart = generated(seed)
    seats = room(20, 10)
    result = assign(seats, guests, apart=apart)
    check(result, guests, apart, seats)


def test_assign_gives_the_best_seats_by_precedence():
    result = assign(room(2, 3), [Guest(1), Guest(2), Guest(3), Guest(4)])
    assert [result.seats[k] for k in [1, 2, 3, 4]] == [
        Seat(0, 0, 1),
        Seat(1, 0, 2),
        Seat(2, 0, 3),
        Seat(100, 1, 1),
    ]


def test_assign_keeps_fixed_seats_on_recomputation():
    guests, apart = generated(7)
    seats = room(20, 10)
    first = assign(seats, guests, apart=apart)
    rng = random.Random(7)
    seated = [g.key for g in guests if g.interpreter_for is None]
    fixed = {key: first.seats[key] for key in rng.sample(seated, 25)}
    # Move five of them by hand to free seats at other tables (their delegation follows them).
    again = assign(seats, guests, apart=apart, fixed=fixed)
    check(again, guests, apart, seats)
    for key, seat in fixed.items():
        assert again.seats[key] == seat
    reversed_guests = list(reversed(guests))  # a new precedence order changes the rest, not them
    third = assign(seats, reversed_guests, apart=apart, fixed=fixed)
    for key, seat in fixed.items():
        assert third.seats[key] == seat


def test_assign_refuses_what_cannot_hold():
    with pytest.raises(SeatingProblem) as problem:
        assign(room(2, 2), [Guest(1, 1), Guest(2, 1), Guest(3, 1)])
    assert problem.value.who == [1, 2, 3]


def test_assign_seats_apart_pairs_at_different_tables():
    result = assign(room(2, 4), [Guest(1), Guest(2)], apart={frozenset({1, 2})})
    assert result.seats[1].table == 0
    assert result.seats[2].table == 1


def test_assign_repairs_by_moving_a_smaller_party():
    # Tables of 3, 4 and 1 seats. "a" (alone) takes the head table, the delegation x (3) the
    # second; the delegation y (3) then fits nowhere until "a" moves to the second table.
    seats = room(1, 3) + [Seat(100 + n, 1, n + 1) for n in range(4)] + [Seat(200, 2, 1)]
    guests = [Guest(1)] + [Guest(10 + i, 10) for i in range(3)]
    guests += [Guest(20 + i, 20) for i in range(3)]
    result = assign(seats, guests)
    assert {result.seats[20 + i].table for i in range(3)} == {0}
    assert {result.seats[10 + i].table for i in range(3)} == {1}
    assert result.seats[1] == Seat(103, 1, 4)
