"""Exact break minimisation (problem A): every meeting placed, fewest idle gaps, fair to all.

For an organiser who must hold every accepted meeting, and for the JAIR-2022 benchmark. A break is
a maximal run of idle slots between two meetings of one participant; the total is minimised while
any two participants' break counts differ by at most `instance.fairness`.

Fairness, as we read the paper: it binds the participants who have meetings (one with none has
no schedule to be fair about), so a schedule is fair when their break counts lie in
`level..level+d` for some `level`. Each level is a SAT problem (`encoding.py`); the total is then
minimised from below (is there a schedule with at most B breaks? B = lower bound, +1, ...), so every
"no" proves a lower bound and the first "yes" is optimal. Level 0 is tried first; a higher level
can only win if its floor (`level` breaks for each participant with meetings) is below the best
found, which never happens on the benchmark. The SAT search runs in worker processes, so that it
can be stopped at the time limit: one climbs from the lower bound (proving it), the other improves
any first schedule by large-neighbourhood search (so a hard instance still gets a good schedule in
time) and, when its neighbourhoods stall, asks whole questions "at most B breaks?" of a fresh
solver, B halfway between the lower bound both share and the best, with the bound counted another
way (the two complete searches then differ; on ticf-13crafc this is what finds the optimum within
30 s). Each question of the climb is put to a fresh solver with its bound as clauses: an
incremental solver asked under assumptions may not simplify the break literals away, and was
several times slower on the hardest instances (at B = 0 ticf-14crafa took over 60 s that way and
about 10 s as units).
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from pysat.card import CardEnc, EncType, ITotalizer
from pysat.solvers import Solver

from infoharbor.matchmaking.scheduler.encoding import BreakEncoding, encode
from infoharbor.matchmaking.scheduler.instance import (
    BreakInstance,
    BreakSolution,
    Progress,
    Session,
    Status,
    no_progress,
)


def infeasibility_reason(instance: BreakInstance) -> str:
    """A reason a person can check why no schedule exists, or "" when none is evident."""
    meetings_of = instance.meetings_of()
    for index, meeting in enumerate(instance.meetings):
        if not instance.allowed_slots(index):
            if meeting.fixed_slot is not None:
                return (
                    f"meeting {index + 1} is fixed to slot {meeting.fixed_slot + 1}, "
                    "which one of its participants cannot attend"
                )
            return f"meeting {index + 1} has no slot that both participants can attend"
    for participant, indices in enumerate(meetings_of):
        for session in (Session.MORNING, Session.AFTERNOON, Session.EITHER):
            bound = [i for i in indices if instance.meetings[i].session in _within(session)]
            free = {slot for i in bound for slot in instance.allowed_slots(i)}
            if len(bound) > len(free):
                where = "" if session is Session.EITHER else f" in the {session.name.lower()}"
                return (
                    f"participant {participant + 1} has {len(bound)} meetings{where} "
                    f"but only {len(free)} slots they can attend"
                )
    for session in (Session.MORNING, Session.AFTERNOON, Session.EITHER):
        count = sum(meeting.session in _within(session) for meeting in instance.meetings)
        capacity = instance.n_tables * len(instance.session_slots(session))
        if count > capacity:
            where = "" if session is Session.EITHER else f" in the {session.name.lower()}"
            return (
                f"{count} meetings{where} need more than the {capacity} places "
                f"({instance.n_tables} tables × {len(instance.session_slots(session))} slots)"
            )
    fixed_per_slot: dict[int, int] = {}
    for meeting in instance.meetings:
        if meeting.fixed_slot is not None:
            fixed_per_slot[meeting.fixed_slot] = fixed_per_slot.get(meeting.fixed_slot, 0) + 1
    for slot, count in sorted(fixed_per_slot.items()):
        if count > instance.n_tables:
            return f"{count} meetings are fixed to slot {slot + 1}, which has {instance.n_tables}"
    return ""


def _within(session: Session) -> tuple[Session, ...]:
    """The meeting sessions that must lie inside the slots of `session`."""
    return (session,) if session is not Session.EITHER else tuple(Session)


def fewest_runs(free: Sequence[bool], meetings: int) -> int:
    """The fewest runs of consecutive slots that hold `meetings` meetings in the `free` slots.

    A lower bound on a participant's runs (so on their breaks plus one) whatever the others do.
    """
    if meetings == 0:
        return 0
    lengths: list[int] = []
    length = 0
    for is_free in [*free, False]:
        if is_free:
            length += 1
        elif length:
            lengths.append(length)
            length = 0
    held = 0
    for runs, size in enumerate(sorted(lengths, reverse=True), start=1):
        held += size
        if held >= meetings:
            return runs
    return len(lengths) + 1


def participant_lower_bounds(instance: BreakInstance) -> list[int]:
    """Per participant, the fewest breaks their free slots allow on their own."""
    bounds: list[int] = []
    for indices in instance.meetings_of():
        free_slots = {slot for index in indices for slot in instance.allowed_slots(index)}
        free = [slot in free_slots for slot in range(instance.n_slots)]
        bounds.append(max(fewest_runs(free, len(indices)) - 1, 0))
    return bounds


def count_breaks(instance: BreakInstance, slots: Sequence[int]) -> list[int]:
    """Per participant, the breaks of the schedule `slots` (one slot per meeting)."""
    taken: list[set[int]] = [set() for _ in range(instance.n_participants)]
    for meeting, slot in zip(instance.meetings, slots, strict=True):
        taken[meeting.first].add(slot)
        taken[meeting.second].add(slot)
    breaks: list[int] = []
    for used in taken:
        runs = sum(1 for slot in used if slot - 1 not in used)
        breaks.append(max(runs - 1, 0))
    return breaks


_SOLVER = "cadical153"
"""CaDiCaL: the fastest of PySAT's solvers on the benchmark by far (it cannot be interrupted,
hence the worker processes)."""


@dataclass(frozen=True)
class _Report:
    """A worker's message about one level: a proven lower bound, a schedule, or infeasibility."""

    level: int
    lower: int
    slots: tuple[int, ...] | None = None
    breaks: int | None = None
    infeasible: bool = False


class _Floor(Protocol):
    """The lower bound the workers of one level share (a `multiprocessing.Value`): what either
    proved, so neither asks a question the other has answered."""

    value: int

    def get_lock(self) -> AbstractContextManager[object]: ...


def _raise_floor(floor: _Floor, bound: int) -> None:
    """Record the proof that no schedule has fewer than `bound` breaks."""
    with floor.get_lock():
        floor.value = max(floor.value, bound)


def _search_up(instance: BreakInstance, level: int, floor: _Floor, out: queue.Queue) -> None:
    """Worker: ask "at most B breaks?" for B = the floor, the floor + 1, ...; every "no" is a
    lower bound and the first "yes" is optimal. A bound the other worker refuted meanwhile is
    skipped.

    Each bound gets a fresh solver with the bound as clauses, not as an assumption on one
    incremental solver: CaDiCaL may then simplify the break literals away (at B = 0 they are all
    units), which on the hardest JAIR instances is several times faster. The bound is counted
    by `_climb_counter`."""
    encoding = encode(instance, level)
    bound = floor.value
    while True:
        clauses = _at_most(encoding, bound, _climb_counter(bound))
        with Solver(name=_SOLVER, bootstrap_with=clauses) as solver:
            if solver.solve():
                slots = encoding.slots(solver.get_model())
                out.put(_Report(level, bound, slots, sum(count_breaks(instance, slots))))
                return
        if bound >= len(encoding.resumes):
            out.put(_Report(level, bound, infeasible=True))
            return
        _raise_floor(floor, bound + 1)
        bound = floor.value
        out.put(_Report(level, bound))


def _climb_counter(bound: int) -> int:
    """How the climbing worker counts its bound: a totalizer for one break, a sorting network for
    more. Alone on one core, at the bound where each of the hardest JAIR instances turns
    satisfiable, the sorting network answered ticf-13crafb (B = 3) in 5.8 s where the totalizer
    took 18.1 s, forum-13crafb (B = 6) in 7.2 s against 8.4 s and forum-14 (B = 2) in 2.3 s
    against 4.7 s, and proved the bounds below about as fast (3.0 s against 2.6 s, 4.7 s against
    5.2 s); at one break it took 57 s on forum-13crafc, where the totalizer took 17.6 s."""
    return EncType.totalizer if bound == 1 else EncType.sortnetwrk


def _at_most(encoding: BreakEncoding, bound: int, kind: int) -> list[list[int]]:
    """The clauses of a schedule with at most `bound` breaks, the bound counted by `kind`."""
    clauses = list(encoding.clauses)
    if bound < len(encoding.resumes):
        clauses.extend(
            CardEnc.atmost(encoding.resumes, bound, top_id=encoding.pool.top, encoding=kind).clauses
        )
    return clauses


class _Question:
    """The whole question "a schedule with at most `bound` breaks?" on a fresh solver, for the
    improving worker once its neighbourhoods stall, answered in slices of a doubling conflict
    budget between runs of neighbourhood steps. Its bound halves the gap between the floor and
    the best schedule (`_question_bound`).

    Its bound is counted differently from the climbing worker's, so the two complete searches do
    not search alike (`_climb_counter`): one break is a ladder (an at-most-one), which on
    ticf-13crafc answered in 9 s where the totalizer took 27 s; on forum-13crafc the totalizer is
    the faster, and the climbing worker keeps it; more breaks are a totalizer. A question
    replaced by the next is freed with it (pysat's `Solver.__del__`)."""

    def __init__(self, encoding: BreakEncoding, bound: int) -> None:
        self.bound = bound
        kind = EncType.ladder if bound == 1 else EncType.totalizer
        self.solver = Solver(name=_SOLVER, bootstrap_with=_at_most(encoding, bound, kind))
        self.budget = _QUESTION_CONFLICTS

    def ask(self) -> bool | None:
        self.solver.conf_budget(self.budget)
        self.budget *= 2
        return self.solver.solve_limited()


def _question_bound(floor: int, best: int) -> int:
    """The bound of the next whole question: halfway from the floor to one below the best.

    A "yes" then at least halves the gap, a "no" raises the floor past the middle; asking for
    one break fewer each time took ticf-13crafc from 3 breaks to its optimum of 1 by two hard
    questions (4.7 s, then 13.6 s), where one question for 1 does."""
    return (floor + best - 1) // 2


def _search_down(instance: BreakInstance, level: int, floor: _Floor, out: queue.Queue) -> None:
    """Worker: find any schedule, then improve it by large-neighbourhood search, reporting each
    better schedule so a hard instance still gets a good one before the time limit.

    A step frees the meetings of a few participants (some who have breaks, and people they meet)
    and keeps every other meeting where it is, as assumptions, asking one incremental solver for
    a schedule with fewer breaks than the best (a totalizer over the break literals). Such a
    question is small, so it gets a conflict budget; the neighbourhood grows after a run of "no"
    answers and shrinks when the budget runs out; after a stall, span steps join in (see
    `_Neighbourhood`). A "no" whose core holds no kept meeting proves the best optimal. After
    `_QUESTION_AFTER` steps without a better schedule the whole question is put (`_Question`), a
    slice at a time; its "no" raises the floor. On the
    four hardest JAIR instances this reached 3 to 10 breaks in 30 s of one core, where halving
    the gap with fresh solvers from the last schedule stayed at 10 to 20.
    """
    encoding = encode(instance, level)
    with Solver(name=_SOLVER, bootstrap_with=encoding.clauses) as solver:
        if not solver.solve():
            out.put(_Report(level, floor.value, infeasible=True))
            return
        slots = encoding.slots(solver.get_model())
        best = sum(count_breaks(instance, slots))
        out.put(_Report(level, floor.value, slots, best))
        if best <= floor.value:
            return
        totalizer = ITotalizer(lits=encoding.resumes, ubound=best, top_id=encoding.pool.top)
        solver.append_formula(totalizer.cnf.clauses)
        neighbourhood = _Neighbourhood(instance, seed=level)
        question: _Question | None = None
        ask_at = _QUESTION_AFTER
        while best > floor.value:
            if neighbourhood.idle >= ask_at:
                if question is None or not floor.value <= question.bound < best:
                    question = _Question(encoding, _question_bound(floor.value, best))
                answer = question.ask()
                if answer is False:
                    _raise_floor(floor, question.bound + 1)
                    out.put(_Report(level, floor.value))
                    question = None
                    continue
                if answer:
                    slots = encoding.slots(question.solver.get_model())
                    best = sum(count_breaks(instance, slots))
                    out.put(_Report(level, floor.value, slots, best))
                    neighbourhood.idle = 0
                ask_at = neighbourhood.idle + _QUESTION_AFTER
                continue
            free = neighbourhood.meetings(slots)
            kept = {encoding.place[i][slot] for i, slot in enumerate(slots) if i not in free}
            bound = -totalizer.rhs[best - 1]
            solver.conf_budget(_STEP_CONFLICTS)
            answer = solver.solve_limited(assumptions=[*kept, bound])
            neighbourhood.learn(answer)
            if answer:
                slots = encoding.slots(solver.get_model())
                best = sum(count_breaks(instance, slots))
                out.put(_Report(level, floor.value, slots, best))
                ask_at = _QUESTION_AFTER
            elif answer is False and not kept.intersection(solver.get_core() or ()):
                _raise_floor(floor, best)
                out.put(_Report(level, best))
                return


_STEP_CONFLICTS = 20_000
"""Conflicts one neighbourhood question may take before it counts as too big."""

_STALL_STEPS = 20
"""Steps in a row without a better schedule after which span steps join the participant steps."""

_QUESTION_AFTER = 50
"""Steps in a row without a better schedule after which the whole question is put (again)."""

_QUESTION_CONFLICTS = 200_000
"""Conflicts the whole question may take the first time it is put (doubled each time after)."""

_SPAN_WIDTHS = (6, 10)
"""The fewest and most consecutive slots a span step frees."""


def meetings_in_window(slots: Sequence[int], window: range) -> set[int]:
    """The meetings that the schedule `slots` places in one of the `window` slots."""
    return {index for index, slot in enumerate(slots) if slot in window}


class _Neighbourhood:
    """Which meetings a search step frees: all meetings of `size` participants, half of them
    chosen among those with breaks, the rest met by those already chosen.

    Once `_STALL_STEPS` steps in a row have not improved the schedule, every other step is a span
    step instead: it frees every meeting in a random window of consecutive slots, so that the
    meetings of many people can trade slots at once, which a few people's meetings cannot. Before
    a stall the participant steps run exactly as they did alone, while they still make progress.
    """

    def __init__(self, instance: BreakInstance, seed: int) -> None:
        self.instance = instance
        self.meetings_of = instance.meetings_of()
        self.random = random.Random(seed)
        self.size = 8
        self.refusals = 0
        self.idle = 0
        self.span = False

    def meetings(self, slots: Sequence[int]) -> set[int]:
        self.span = self.idle >= _STALL_STEPS and not self.span
        if self.span:
            return self.span_meetings(slots)
        return self.participant_meetings(slots)

    def span_meetings(self, slots: Sequence[int]) -> set[int]:
        width = min(self.random.randint(*_SPAN_WIDTHS), self.instance.n_slots)
        first = self.random.randint(0, self.instance.n_slots - width)
        return meetings_in_window(slots, range(first, first + width))

    def participant_meetings(self, slots: Sequence[int]) -> set[int]:
        breaks = count_breaks(self.instance, slots)
        waiting = [p for p, count in enumerate(breaks) if count > 0]
        chosen = set(self.random.sample(waiting, min(len(waiting), self.size // 2)))
        met = [p for p, indices in enumerate(self.meetings_of) if indices]
        if not chosen:
            chosen.add(self.random.choice(met))
        while len(chosen) < min(self.size, len(met)):
            partners = sorted(
                {
                    q
                    for p in chosen
                    for i in self.meetings_of[p]
                    for q in self.instance.meetings[i].participants
                }
                - chosen
            )
            chosen.add(self.random.choice(partners or sorted(set(met) - chosen)))
        return {index for participant in chosen for index in self.meetings_of[participant]}

    def learn(self, answer: bool | None) -> None:
        """Count the steps since the last better schedule; after a participant step, shrink
        after it ran out of budget and grow after a run of "no" answers."""
        self.idle = 0 if answer else self.idle + 1
        if self.span:
            return
        if answer is None:
            self.size = max(4, self.size - 1)
            self.refusals = 0
        elif answer:
            self.refusals = 0
        else:
            self.refusals += 1
            if self.refusals >= 20:
                self.size += 1
                self.refusals = 0


def _solve_level(
    instance: BreakInstance, level: int, start: int, deadline: float, workers: int
) -> _Report:
    """What the workers proved about one level before the deadline: the best lower bound, and
    the best schedule found (optimal when its breaks equal that bound)."""
    # Fork, not spawn: a spawned worker re-imports the caller's main module (a benchmark script,
    # manage.py), and the workers need nothing but the instance, which they inherit.
    context = multiprocessing.get_context("fork")
    out: multiprocessing.Queue = context.Queue()
    floor = context.Value("i", start)
    searches = (_search_up, _search_down)[: max(workers, 1)]
    processes = [
        context.Process(target=search, args=(instance, level, floor, out), daemon=True)
        for search in searches
    ]
    for process in processes:
        process.start()
    lower = start
    best: _Report | None = None
    try:
        while best is None or best.breaks is None or best.breaks > lower:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                report: _Report = out.get(timeout=remaining)
            except queue.Empty:
                break
            if report.infeasible:
                return report
            lower = max(lower, report.lower)
            if report.breaks is not None and (best is None or report.breaks < (best.breaks or 0)):
                best = report
    finally:
        for process in processes:
            process.kill()
            process.join()
    if best is None:
        return _Report(level, lower)
    return _Report(level, lower, best.slots, best.breaks)


def minimise_breaks(
    instance: BreakInstance,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    progress: Progress = no_progress,
) -> BreakSolution:
    """Place every meeting with the fewest breaks, proving optimality when the time allows."""
    deadline = time.monotonic() + time_limit
    reason = infeasibility_reason(instance)
    if reason:
        return BreakSolution(Status.INFEASIBLE, None, 0, reason=reason)
    own_bound = sum(participant_lower_bounds(instance))
    counts = [len(indices) for indices in instance.meetings_of() if indices]
    # A participant with one meeting never has a break, so no level above 0 can hold them.
    top_level = 0 if instance.fairness is None or min(counts, default=0) <= 1 else min(counts) - 1
    best: tuple[int, tuple[int, ...]] | None = None
    lower_bounds: list[int] = []
    for level in range(top_level + 1):
        floor = max(own_bound, level * len(counts))
        if (best is not None and floor >= best[0]) or time.monotonic() >= deadline:
            lower_bounds.append(floor)
            break
        progress(level / (top_level + 1), f"searching schedules at fairness level {level}")
        report = _solve_level(instance, level, floor, deadline, workers)
        if report.infeasible:
            continue
        lower_bounds.append(report.lower)
        if (
            report.slots is not None
            and report.breaks is not None
            and (best is None or report.breaks < best[0])
        ):
            best = (report.breaks, report.slots)
        if report.breaks is None or report.lower < report.breaks:
            # Time ran out inside this level: the levels above it are unexplored.
            lower_bounds.append(max(own_bound, (level + 1) * len(counts)))
            break
    progress(1.0, "done")
    if best is None and not lower_bounds:
        return BreakSolution(
            Status.INFEASIBLE,
            None,
            own_bound,
            reason=(
                "the SAT solver proved that no schedule meets every constraint with every two "
                f"participants' break counts within {instance.fairness} of each other"
            ),
        )
    lower = min(lower_bounds) if lower_bounds else own_bound
    if best is None:
        return BreakSolution(Status.UNKNOWN, None, lower, reason="time ran out")
    breaks = sum(count_breaks(instance, best[1]))
    lower = min(lower, breaks)
    status = Status.OPTIMAL if lower == breaks else Status.FEASIBLE
    return BreakSolution(status, breaks, lower, best[1])
