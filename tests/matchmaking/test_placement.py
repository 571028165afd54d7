"""Weighted placement (problem B): every rule holds, small optima match brute force, the bound is
never below the value, pinned meetings stay, and the optimiser beats first-come booking."""

from __future__ import annotations

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
    first_come,
    optimise,
)
from tests.matchmaking.checkers import placement_violations

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
