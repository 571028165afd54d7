"""The exact break scheduler (problem A): every rule holds, optima match brute force and the
published figures, infeasibility comes with the right reason."""

from __future__ import annotations

import itertools
import multiprocessing
import queue
import random

import pytest

from infoharbor.matchmaking.scheduler import (
    BreakInstance,
    DznError,
    Meeting,
    Session,
    Status,
    breaks,
    minimise_breaks,
    parse_dzn,
)
from infoharbor.matchmaking.scheduler.breaks import (
    _STALL_STEPS,
    _Neighbourhood,
    _Question,
    _question_bound,
    _raise_floor,
    _search_down,
    _search_up,
    meetings_in_window,
)
from infoharbor.matchmaking.scheduler.encoding import encode
from tests.conftest import shared_path
from tests.matchmaking.checkers import break_counts, break_violations, schedule_violations

pytestmark = pytest.mark.unit


def random_instance(seed: int) -> BreakInstance:
    rng = random.Random(seed)
    n_participants, n_slots = 5, 5
    pairs = rng.sample(list(itertools.combinations(range(n_participants), 2)), 6)
    meetings = tuple(
        Meeting(a, b, session=rng.choice([Session.EITHER, Session.EITHER, Session.MORNING]))
        for a, b in pairs
    )
    forbidden = tuple(
        frozenset(rng.sample(range(n_slots), rng.choice([0, 0, 1]))) for _ in range(n_participants)
    )
    return BreakInstance(n_participants, n_slots, 3, 2, meetings, forbidden)


def brute_force_breaks(instance: BreakInstance) -> int | None:
    """The fewest breaks of any valid schedule, by trying them all (tiny instances only)."""
    valid = (
        sum(break_counts(instance, slots))
        for slots in itertools.product(range(instance.n_slots), repeat=len(instance.meetings))
        if not schedule_violations(instance, slots)
    )
    return min(valid, default=None)


@pytest.mark.parametrize("seed", range(6))
def test_minimise_breaks_random_instances_equal_brute_force(seed):
    instance = random_instance(seed)

    solution = minimise_breaks(instance, time_limit=20)

    best = brute_force_breaks(instance)
    if best is None:
        assert solution.status is Status.INFEASIBLE
    else:
        assert solution.status is Status.OPTIMAL
        assert solution.breaks == best
        assert solution.lower_bound == best
        assert break_violations(instance, solution) == []


def test_minimise_breaks_keeps_fixed_slots_and_precedences():
    meetings = (
        Meeting(0, 1, fixed_slot=3),
        Meeting(0, 2, predecessors=frozenset({2})),
        Meeting(1, 2),
    )
    instance = BreakInstance(3, 4, 4, 1, meetings, (frozenset(),) * 3)

    solution = minimise_breaks(instance, time_limit=20)

    assert solution.status is Status.OPTIMAL
    assert solution.slots[0] == 3
    assert solution.slots[2] < solution.slots[1]
    assert break_violations(instance, solution) == []


@pytest.mark.parametrize(("name", "optimum"), [("tic-12", 0), ("tic-12crafc", 0), ("tic-13", 0)])
def test_minimise_breaks_real_instances_reach_published_optimum(name, optimum):
    instance = parse_dzn(
        shared_path("benchmarks", "b2b-jair2022", f"{name}.original.dzn").read_text()
    )

    solution = minimise_breaks(instance, time_limit=30)

    assert (solution.status, solution.breaks, solution.lower_bound) == (
        Status.OPTIMAL,
        optimum,
        optimum,
    )
    assert break_violations(instance, solution) == []


def test_minimise_breaks_hard_instance_cut_short_keeps_a_valid_schedule_above_its_bound():
    # forum-13crafc is one the neighbourhood search works on (its optimum, 1, takes longer):
    # whatever it reached when the time ran out is a valid schedule, never below the bound.
    instance = parse_dzn(
        shared_path("benchmarks", "b2b-jair2022", "forum-13crafc.original.dzn").read_text()
    )

    solution = minimise_breaks(instance, time_limit=5)

    assert solution.status in (Status.FEASIBLE, Status.OPTIMAL)
    assert break_violations(instance, solution) == []


def test_minimise_breaks_participant_with_too_many_meetings_is_infeasible():
    meetings = (Meeting(0, 1), Meeting(0, 2), Meeting(0, 3))
    instance = BreakInstance(4, 3, 3, 5, meetings, (frozenset({1}),) + (frozenset(),) * 3)

    solution = minimise_breaks(instance)

    assert solution.status is Status.INFEASIBLE
    assert solution.reason == "participant 1 has 3 meetings but only 2 slots they can attend"


def test_minimise_breaks_fixed_meeting_in_forbidden_slot_is_infeasible():
    meetings = (Meeting(0, 1, fixed_slot=2), Meeting(1, 2))
    instance = BreakInstance(3, 4, 4, 2, meetings, (frozenset(), frozenset({2}), frozenset()))

    solution = minimise_breaks(instance)

    assert solution.status is Status.INFEASIBLE
    assert solution.reason == (
        "meeting 1 is fixed to slot 3, which one of its participants cannot attend"
    )


def test_minimise_breaks_more_meetings_than_places_is_infeasible():
    meetings = tuple(Meeting(2 * i, 2 * i + 1) for i in range(5))
    instance = BreakInstance(10, 2, 2, 2, meetings, (frozenset(),) * 10)

    solution = minimise_breaks(instance)

    assert solution.status is Status.INFEASIBLE
    assert solution.reason == "5 meetings need more than the 4 places (2 tables × 2 slots)"


def test_minimise_breaks_solver_proves_infeasible_without_evident_reason():
    # A triangle needs three slots; two slots and one table each give room for two meetings
    # only per participant pair, which the counting checks do not see.
    meetings = (Meeting(0, 1), Meeting(1, 2), Meeting(0, 2))
    instance = BreakInstance(3, 2, 2, 2, meetings, (frozenset(),) * 3)

    solution = minimise_breaks(instance)

    assert solution.status is Status.INFEASIBLE
    assert "SAT solver proved" in solution.reason


def test_parse_dzn_reads_the_published_file():
    instance = parse_dzn(
        shared_path("benchmarks", "b2b-jair2022", "tic-12.original.dzn").read_text()
    )

    assert (instance.n_participants, len(instance.meetings), instance.n_tables) == (42, 125, 21)
    assert (instance.n_slots, instance.n_morning_slots) == (8, 8)
    assert instance.meetings[0] == Meeting(0, 7, Session.EITHER)


def test_parse_dzn_names_the_line_of_a_bad_value():
    text = "nBusiness = 2;\nnMeetings = 1;\nnTables = 1;\nnTotalSlots = 2;\nnMorningSlots = 1;\n"
    text += "requested = [| 1, 3, 3 |];\n"

    with pytest.raises(DznError) as raised:
        parse_dzn(text)

    assert str(raised.value) == "line 6: requested row 1 names a participant outside 1..nBusiness"


def test_minimise_breaks_out_of_time_is_unknown_not_infeasible():
    instance = parse_dzn(
        shared_path("benchmarks", "b2b-jair2022", "forum-14.original.dzn").read_text()
    )

    solution = minimise_breaks(instance, time_limit=0)

    assert (solution.status, solution.breaks, solution.slots) == (Status.UNKNOWN, None, ())
    assert solution.reason == "time ran out"


def test_meetings_in_window_frees_exactly_the_meetings_placed_there():
    slots = (0, 3, 4, 5, 6, 2, 4)

    assert meetings_in_window(slots, range(3, 6)) == {1, 2, 3, 6}


def test_neighbourhood_takes_span_steps_only_after_a_stall_and_every_other_step():
    instance = parse_dzn(
        shared_path("benchmarks", "b2b-jair2022", "tic-12.original.dzn").read_text()
    )
    slots = tuple(index % instance.n_slots for index in range(len(instance.meetings)))
    neighbourhood = _Neighbourhood(instance, seed=0)
    kinds, sizes = [], []
    for answer in [False] * _STALL_STEPS + [None, None, False, True, False]:
        neighbourhood.meetings(slots)
        kinds.append(neighbourhood.span)
        neighbourhood.learn(answer)
        sizes.append(neighbourhood.size)

    assert kinds == [False] * _STALL_STEPS + [True, False, True, False, False]
    # Out of budget, the span step leaves the participants' size alone; the participant step
    # after it shrinks it by one.
    stalled = sizes[_STALL_STEPS - 1]
    assert sizes[_STALL_STEPS:] == [stalled, stalled - 1, stalled - 1, stalled - 1, stalled - 1]


def test_question_with_one_break_is_answered_both_ways():
    # Participant 1 meets 2 only in the first slot and 3 only in the last: one break, forced.
    meetings = (Meeting(0, 1), Meeting(0, 2))
    forbidden = (frozenset(), frozenset({1, 2}), frozenset({0, 1}))
    instance = BreakInstance(3, 3, 3, 2, meetings, forbidden)
    encoding = encode(instance, 0)

    none = _Question(encoding, 0)
    one = _Question(encoding, 1)

    assert none.ask() is False
    assert one.ask() is True
    assert encoding.slots(one.solver.get_model()) == (0, 2)


def test_question_on_a_published_instance_proves_its_optimum():
    instance = parse_dzn(
        shared_path("benchmarks", "b2b-jair2022", "forumt-14crafd.original.dzn").read_text()
    )
    encoding = encode(instance, 0)

    below, at = _Question(encoding, 3), _Question(encoding, 4)

    assert below.ask() is False
    assert at.ask() is True
    slots = encoding.slots(at.solver.get_model())
    assert sum(break_counts(instance, slots)) == 4
    assert schedule_violations(instance, slots) == []


def test_improving_worker_proves_the_optimum_by_the_whole_question(monkeypatch):
    # With no patience for neighbourhood steps, every step is the whole question: it must end
    # at the published optimum (4) with the proof that nothing lower exists.
    monkeypatch.setattr(breaks, "_QUESTION_AFTER", 0)
    instance = parse_dzn(
        shared_path("benchmarks", "b2b-jair2022", "forumt-14crafd.original.dzn").read_text()
    )
    reports: queue.Queue = queue.Queue()
    floor = multiprocessing.Value("i", 0)

    _search_down(instance, 0, floor, reports)

    found = [reports.get_nowait() for _ in range(reports.qsize())]
    schedules = [report for report in found if report.slots is not None]
    assert [report.breaks for report in schedules] == sorted(
        (report.breaks for report in schedules), reverse=True
    )
    assert schedules[-1].breaks == 4
    assert schedule_violations(instance, schedules[-1].slots) == []
    assert (found[-1].lower, found[-1].slots) == (4, None)
    assert floor.value == 4
    # Every "no" raised the floor, and no report ever claimed a bound above the optimum.
    lowers = [report.lower for report in found]
    assert lowers == sorted(lowers) and max(lowers) == 4


def test_climbing_worker_starts_at_the_shared_floor_and_raises_it():
    instance = parse_dzn(
        shared_path("benchmarks", "b2b-jair2022", "forumt-14crafd.original.dzn").read_text()
    )
    reports: queue.Queue = queue.Queue()
    floor = multiprocessing.Value("i", 3)  # what the other worker would have proved

    _search_up(instance, 0, floor, reports)

    found = [reports.get_nowait() for _ in range(reports.qsize())]
    assert [(report.lower, report.breaks) for report in found] == [(4, None), (4, 4)]
    assert schedule_violations(instance, found[-1].slots) == []
    assert floor.value == 4


def test_floor_only_rises():
    floor = multiprocessing.Value("i", 5)

    _raise_floor(floor, 3)
    assert floor.value == 5
    _raise_floor(floor, 7)
    assert floor.value == 7


@pytest.mark.parametrize(("floor", "best", "bound"), [(1, 3, 1), (0, 10, 4), (4, 5, 4), (3, 10, 6)])
def test_whole_question_halves_the_gap_from_the_floor_to_below_the_best(floor, best, bound):
    assert _question_bound(floor, best) == bound
