"""Weighted placement (problem B): every rule holds (meeting orders included), small optima match
brute force, the bound is never below the value, pinned meetings stay, and the optimiser beats
first-come booking."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest

from infoharbor.matchmaking.scheduler import (
    Half,
    Placement,
    PlacementError,
    PlacementInstance,
    Request,
    Slot,
    Unplaced,
    Why,
    first_come,
    optimise,
    upper_bound,
)
from infoharbor.matchmaking.scheduler import placement as placement_module
from tests.matchmaking.checkers import order_violations, placement_violations

pytestmark = pytest.mark.unit

TWO_DAYS = tuple(
    Slot(city, day, index) for day in ("d1", "d2") for city in ("N", "B") for index in range(2)
)


def random_instance(seed: int, participants: int = 5, requests: int = 6) -> PlacementInstance:
    rng = random.Random(seed)
    pairs = rng.sample(list(itertools.combinations(range(participants), 2)), requests)
    return PlacementInstance(
        n_participants=participants,
        slots=TWO_DAYS[:4],
        tables=(rng.choice([1, 2]),) * 4,
        requests=tuple(Request(a, b, float(rng.randint(1, 9))) for a, b in pairs),
        unavailable=tuple(
            frozenset(rng.sample(range(4), rng.choice([0, 1]))) for _ in range(participants)
        ),
    )


def brute_force_weight(instance: PlacementInstance) -> float:
    """The most weight any valid placement holds, by trying every one (tiny instances only)."""
    best = 0.0
    options = [None, *range(len(instance.slots))]
    for slots in itertools.product(options, repeat=len(instance.requests)):
        weight = sum(
            r.weight for r, s in zip(instance.requests, slots, strict=True) if s is not None
        )
        if weight <= best:
            continue
        candidate = Placement(slots, weight, weight, _unplaced_of(slots), ())
        if not placement_violations(instance, candidate):
            best = weight
    return best


def _unplaced_of(slots: tuple[int | None, ...]) -> tuple[Unplaced, ...]:
    return tuple(Unplaced(i, "") for i, slot in enumerate(slots) if slot is None)


@pytest.mark.parametrize("seed", range(8))
def test_optimise_small_instances_equal_brute_force(seed):
    instance = random_instance(seed)

    placement = optimise(instance, time_limit=5)

    assert placement_violations(instance, placement) == []
    assert placement.placed_weight == brute_force_weight(instance)


@pytest.mark.parametrize("seed", range(4))
def test_optimise_bound_is_never_below_the_value(seed):
    instance = skewed_instance(seed, participants=120, requests=900)

    placement = optimise(instance, time_limit=5)

    assert placement_violations(instance, placement) == []
    assert placement.upper_bound >= placement.placed_weight


def skewed_instance(seed: int, participants: int, requests: int) -> PlacementInstance:
    """Buyers and sellers, a few sellers wanted by many (Zipf), two cities over two days."""
    rng = random.Random(seed)
    sellers = participants // 4
    wanted = [1 / (rank + 1) for rank in range(sellers)]
    pairs: dict[tuple[int, int], float] = {}
    while len(pairs) < requests:
        seller = rng.choices(range(sellers), weights=wanted)[0]
        buyer = rng.randrange(sellers, participants)
        pairs.setdefault((buyer, seller), float(rng.randint(1, 10)))
    return PlacementInstance(
        n_participants=participants,
        slots=TWO_DAYS,
        tables=(participants // 6,) * len(TWO_DAYS),
        requests=tuple(Request(a, b, w) for (a, b), w in pairs.items()),
        unavailable=tuple(frozenset(rng.sample(range(8), 1)) for _ in range(participants)),
    )


def test_first_come_is_no_better_than_the_optimiser_on_a_skewed_instance():
    instance = skewed_instance(7, participants=200, requests=2000)

    baseline = first_come(instance)
    placement = optimise(instance, time_limit=5)

    assert placement_violations(instance, baseline) == []
    assert placement_violations(instance, placement) == []
    assert baseline.placed_weight <= placement.placed_weight


def test_optimise_keeps_pinned_meetings_on_a_rerun_with_extra_requests():
    instance = skewed_instance(3, participants=60, requests=300)
    first = optimise(instance, time_limit=5)
    pinned = {index: slot for index, slot in enumerate(first.slots) if slot is not None}
    extra = skewed_instance(4, participants=60, requests=200).requests
    rerun = PlacementInstance(
        n_participants=instance.n_participants,
        slots=instance.slots,
        tables=instance.tables,
        requests=instance.requests + tuple(Request(r.first, r.second, 100.0) for r in extra),
        unavailable=instance.unavailable,
        pinned=pinned,
    )

    second = optimise(rerun, time_limit=5)

    assert placement_violations(rerun, second) == []
    assert {index: second.slots[index] for index in pinned} == pinned


def test_optimise_gives_each_unplaced_request_its_reason():
    slots = TWO_DAYS[:2]
    instance = PlacementInstance(
        n_participants=5,
        slots=slots,
        tables=(5, 5),
        requests=(
            Request(0, 1, 5.0),
            Request(0, 2, 4.0),
            Request(0, 3, 2.5),
            Request(1, 4, 1.0),
            Request(2, 4, 2.0),
        ),
        unavailable=(frozenset(), frozenset(), frozenset({1}), frozenset(), frozenset({0})),
    )

    placement = optimise(instance, time_limit=5)

    assert placement.slots == (1, 0, None, None, None)
    assert [(item.request, item.reason) for item in placement.unplaced] == [
        (2, "participant 0 has 3 requests and 2 free slots"),
        (3, "lost to higher-priority requests"),
        (4, "no common free slot"),
    ]


def test_optimise_keeps_half_day_wishes():
    instance = PlacementInstance(
        n_participants=2,
        slots=TWO_DAYS[:2],
        tables=(1, 1),
        requests=(Request(0, 1, 1.0),),
        unavailable=(frozenset(), frozenset()),
        halves={0: Half.AFTERNOON},
        morning_indices=1,
    )

    assert optimise(instance, time_limit=5).slots == (1,)


def test_optimise_refuses_a_pinned_meeting_in_an_unavailable_slot():
    instance = PlacementInstance(
        n_participants=2,
        slots=TWO_DAYS[:2],
        tables=(1, 1),
        requests=(Request(0, 1, 1.0),),
        unavailable=(frozenset({0}), frozenset()),
        pinned={0: 0},
    )

    with pytest.raises(PlacementError):
        optimise(instance)


# --- meeting orders (precedences) ------------------------------------------------------------


def with_chains(instance: PlacementInstance, seed: int, chains: int, length: int = 3):
    """The instance with `chains` chains of orders, each over `length` random requests (of
    anyone: an order may tie meetings that share no participant)."""
    rng = random.Random(seed)
    orders = []
    for _ in range(chains):
        chain = rng.sample(range(len(instance.requests)), length)
        orders += list(itertools.pairwise(chain))
    return dataclasses.replace(instance, precedences=tuple(orders))


@pytest.mark.parametrize("seed", range(8))
def test_orders_on_small_instances_give_the_brute_force_optimum(seed):
    instance = with_chains(random_instance(seed), seed, chains=2, length=4)

    placement = optimise(instance, time_limit=5)

    assert placement_violations(instance, placement) == []
    assert placement.placed_weight == brute_force_weight(instance)


@pytest.mark.parametrize("seed", range(3))
def test_the_heuristic_alone_keeps_chains_of_orders_under_a_valid_bound(seed, monkeypatch):
    monkeypatch.setattr(placement_module, "EXACT_LIMIT", 0)
    instance = with_chains(skewed_instance(seed, participants=300, requests=600), seed, 80)

    placement = optimise(instance, time_limit=5)
    baseline = first_come(instance)

    assert placement_violations(instance, placement) == []
    assert placement_violations(instance, baseline) == []
    assert order_violations(instance, placement.slots) == []
    both = [
        pair for pair in instance.precedences if None not in map(placement.slots.__getitem__, pair)
    ]
    assert len(both) > 5  # the orders bind
    assert placement.upper_bound >= placement.placed_weight >= baseline.placed_weight
    # The bound leaves the orders out, so it is the bound of the same requests without them.
    assert placement.upper_bound == upper_bound(dataclasses.replace(instance, precedences=()))


@pytest.mark.parametrize("seed", range(3))
def test_the_exact_model_keeps_orders_and_its_bound_is_never_below_the_value(seed):
    instance = with_chains(skewed_instance(seed, participants=40, requests=120), seed, 15)

    placement = optimise(instance, time_limit=5)

    assert placement_violations(instance, placement) == []
    assert placement.upper_bound >= placement.placed_weight


ONE_DAY = tuple(Slot("N", "d1", index) for index in range(3))


@pytest.mark.parametrize("exact_limit", [0, placement_module.EXACT_LIMIT])
def test_a_chain_as_long_as_the_day_fills_it_in_order(exact_limit, monkeypatch):
    """Participant 0 meets 3, then 2, then 1: the only order of three slots that keeps it."""
    monkeypatch.setattr(placement_module, "EXACT_LIMIT", exact_limit)
    instance = PlacementInstance(
        n_participants=4,
        slots=ONE_DAY,
        tables=(1, 1, 1),
        requests=(Request(0, 1, 1.0), Request(0, 2, 1.0), Request(0, 3, 1.0)),
        unavailable=(frozenset(),) * 4,
        precedences=((2, 1), (1, 0)),
    )

    placement = optimise(instance, time_limit=5)

    assert placement.slots == (2, 1, 0)
    assert placement.unplaced == ()


def test_a_request_left_out_for_its_order_names_the_other_request():
    instance = PlacementInstance(
        n_participants=4,
        slots=ONE_DAY,
        tables=(1, 1, 1),
        requests=(Request(0, 1, 1.0), Request(2, 3, 1.0)),
        unavailable=(frozenset(),) * 4,
        pinned={0: 2},
        precedences=((0, 1),),
    )

    placement = optimise(instance, time_limit=5)

    assert placement.slots == (2, None)
    assert placement.unplaced == (
        Unplaced(
            1,
            "could not be placed because of the order with request 0",
            Why.ORDER,
            other=0,
        ),
    )
    assert placement.upper_bound == 1.0


def test_orders_go_by_the_slots_times_across_cities():
    """Slots 0 and 1 in N (0-30, 30-60), 2 and 3 in B (30-60, 60-90); the second request can
    only meet in slot 2. Before it, the first fits only in slot 0; after it, nowhere in N."""
    timed = (
        Slot("N", "d1", 0, start=0, end=30),
        Slot("N", "d1", 1, start=30, end=60),
        Slot("B", "d1", 0, start=30, end=60),
        Slot("B", "d1", 1, start=60, end=90),
    )
    away = frozenset({0, 1, 3})
    instance = PlacementInstance(
        n_participants=4,
        slots=timed,
        tables=(1,) * 4,
        requests=(Request(0, 1, 1.0), Request(2, 3, 2.0)),
        unavailable=(frozenset({2, 3}), frozenset(), away, away),
        precedences=((0, 1),),
    )
    reverse = dataclasses.replace(instance, precedences=((1, 0),))

    assert optimise(instance, time_limit=5).slots == (0, 2)
    assert optimise(reverse, time_limit=5).slots == (None, 2)
    assert [item.why for item in optimise(reverse, time_limit=5).unplaced] == [Why.ORDER]


def test_optimise_refuses_pinned_meetings_out_of_order():
    instance = PlacementInstance(
        n_participants=4,
        slots=ONE_DAY,
        tables=(1, 1, 1),
        requests=(Request(0, 1, 1.0), Request(2, 3, 1.0)),
        unavailable=(frozenset(),) * 4,
        pinned={0: 1, 1: 0},
        precedences=((0, 1),),
    )

    with pytest.raises(PlacementError, match="pinned request 1 cannot stay in slot 0"):
        optimise(instance)


FORUM_SLOTS = tuple(
    Slot(city, day, index) for day in ("d1", "d2") for city in ("N", "B") for index in range(5)
)


def forum_instance(seed: int, participants: int, requests: int, tables: int) -> PlacementInstance:
    """The scale benchmark's shape in small: Zipf-popular sellers, five slots per city and day,
    each participant in one city per day and away for two more slots, every request a priority
    from 1 to 10. More is requested than fits, so the relaxation must choose."""
    rng = random.Random(seed)
    sellers = participants // 3
    wanted = [1 / (rank + 1) for rank in range(sellers)]
    pairs: dict[tuple[int, int], float] = {}
    while len(pairs) < requests:
        seller = rng.choices(range(sellers), weights=wanted)[0]
        pairs.setdefault((rng.randrange(sellers, participants), seller), rng.randint(1, 10))
    unavailable = []
    for _ in range(participants):
        cities = {day: rng.choice("NB") for day in ("d1", "d2")}
        away = set(rng.sample(range(len(FORUM_SLOTS)), 2))
        away.update(s for s, slot in enumerate(FORUM_SLOTS) if slot.city != cities[slot.day])
        unavailable.append(frozenset(away))
    return PlacementInstance(
        n_participants=participants,
        slots=FORUM_SLOTS,
        tables=(tables,) * len(FORUM_SLOTS),
        requests=tuple(Request(a, b, float(w)) for (a, b), w in pairs.items()),
        unavailable=tuple(unavailable),
    )


@pytest.mark.parametrize("seed", range(3))
def test_the_relaxations_choice_is_coloured_into_slots_up_to_the_bound(seed):
    """Where the relaxation's choice fits the slots, the schedule reaches the proven bound."""
    instance = forum_instance(seed, participants=400, requests=3000, tables=1000)

    placement = optimise(instance, time_limit=60)

    assert placement_violations(instance, placement) == []
    assert placement.placed_weight == placement.upper_bound


@pytest.mark.parametrize("seed", range(3))
def test_the_colouring_keeps_tables_pins_and_orders_under_a_valid_bound(seed, monkeypatch):
    """Tight tables, pinned meetings and chains of orders: every rule holds after the
    colouring's chains and reseats, the pins stay and the bound is never below the value."""
    monkeypatch.setattr(placement_module, "EXACT_LIMIT", 0)
    instance = with_chains(forum_instance(seed, 300, 2000, tables=25), seed, chains=150)
    ordered = {index for pair in instance.precedences for index in pair}
    booked = first_come(dataclasses.replace(instance, precedences=()))
    free = [(i, s) for i, s in enumerate(booked.slots) if s is not None and i not in ordered]
    rerun = dataclasses.replace(instance, pinned=dict(free[::7]))

    placement = optimise(rerun, time_limit=60)

    assert placement_violations(rerun, placement) == []
    assert {index: placement.slots[index] for index in rerun.pinned} == rerun.pinned
    assert len(rerun.pinned) > 20
    assert {placement.slots.count(slot) for slot in range(len(FORUM_SLOTS))} == {25}
    both = [
        pair for pair in instance.precedences if None not in map(placement.slots.__getitem__, pair)
    ]
    assert len(both) > 10  # the orders bind
    assert placement.upper_bound >= placement.placed_weight > booked.placed_weight
