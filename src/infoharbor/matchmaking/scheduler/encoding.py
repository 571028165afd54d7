"""The SAT encoding of a break instance, for `breaks.py`'s search.

Variables are meeting positions `x[m][s]`; per participant, `busy[p][s]` (they meet in slot s),
`before[p][s]` (they met in slot s or earlier) and `resume[p][s]` (a run of meetings starts at s
after an earlier one: exactly one break ends there). A participant's breaks are their `resume`
literals that are true, so the total is a cardinality over all of them.

Two redundant constraints make the difference between minutes and a fraction of a second on the
JAIR instances: each participant is busy in exactly as many slots as they have meetings, and a
slot's tables are counted on the participants' `busy` literals (two per meeting) rather than on the
many `x` literals of the meetings that could go there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pysat.card import CardEnc, EncType
from pysat.formula import IDPool

from infoharbor.matchmaking.scheduler.instance import BreakInstance


@dataclass
class BreakEncoding:
    """The clauses of one fairness level, and the literals that the answer is read from."""

    clauses: list[list[int]] = field(default_factory=list)
    place: list[dict[int, int]] = field(default_factory=list)
    resumes: list[int] = field(default_factory=list)
    pool: IDPool = field(default_factory=IDPool)

    def at_most(self, literals: list[int], bound: int) -> None:
        if len(literals) > bound:
            encoding = EncType.pairwise if bound == 1 and len(literals) <= 6 else EncType.seqcounter
            self.clauses.extend(
                CardEnc.atmost(literals, bound, vpool=self.pool, encoding=encoding).clauses
            )

    def at_least(self, literals: list[int], bound: int) -> None:
        if bound > 0:
            self.clauses.extend(
                CardEnc.atleast(
                    literals, bound, vpool=self.pool, encoding=EncType.seqcounter
                ).clauses
            )

    def slots(self, model: list[int]) -> tuple[int, ...]:
        """The slot of each meeting in a satisfying assignment."""
        true = {literal for literal in model if literal > 0}
        return tuple(
            next(slot for slot, literal in choices.items() if literal in true)
            for choices in self.place
        )


def encode(instance: BreakInstance, level: int) -> BreakEncoding:
    """Clauses for a schedule whose participants (with meetings) each have level..level+d breaks.

    `level` is the fewest breaks any participant has; see `breaks.py` for why levels are solved
    one by one. With no fairness bound, `level` must be 0 and break counts are free.
    """
    encoding = BreakEncoding()
    new = encoding.pool.id
    clauses = encoding.clauses
    for index in range(len(instance.meetings)):
        choices = {slot: new(("x", index, slot)) for slot in instance.allowed_slots(index)}
        clauses.append(list(choices.values()))
        encoding.at_most(list(choices.values()), 1)
        encoding.place.append(choices)
    for index, meeting in enumerate(instance.meetings):
        for before in meeting.predecessors:
            for slot, literal in encoding.place[index].items():
                clauses.extend(
                    [-literal, -other]
                    for other_slot, other in encoding.place[before].items()
                    if other_slot >= slot
                )
    busy_in_slot: list[list[int]] = [[] for _ in range(instance.n_slots)]
    for participant, indices in enumerate(instance.meetings_of()):
        if not indices:
            continue
        busy: list[int | None] = []
        for slot in range(instance.n_slots):
            here = [encoding.place[i][slot] for i in indices if slot in encoding.place[i]]
            if not here:
                busy.append(None)
                continue
            literal = new(("busy", participant, slot))
            encoding.at_most(here, 1)
            clauses.extend([-meeting, literal] for meeting in here)
            clauses.append([-literal, *here])
            busy.append(literal)
            busy_in_slot[slot].append(literal)
        _count_busy(encoding, indices, busy)
        resumes = _resumes(encoding, participant, busy)
        if instance.fairness is not None:
            encoding.at_least(resumes, level)
            encoding.at_most(resumes, level + instance.fairness)
        encoding.resumes.extend(resumes)
    for literals in busy_in_slot:
        encoding.at_most(literals, 2 * instance.n_tables)
    return encoding


def _count_busy(encoding: BreakEncoding, indices: list[int], busy: list[int | None]) -> None:
    """Redundant: a participant is busy in exactly as many slots as they have meetings. (The
    same count per morning and afternoon was tried too: it slowed the hard instances down.)"""
    literals = [literal for literal in busy if literal is not None]
    encoding.at_most(literals, len(indices))
    encoding.at_least(literals, len(indices))


def _resumes(encoding: BreakEncoding, participant: int, busy: list[int | None]) -> list[int]:
    """The literals "a run of meetings starts here after an earlier one", defined exactly (the
    fairness bound needs their count both ways, not only an upper bound)."""
    new = encoding.pool.id
    clauses = encoding.clauses
    resumes: list[int] = []
    met: int | None = None
    for slot, literal in enumerate(busy):
        if literal is None:
            continue
        previous = busy[slot - 1] if slot else None
        if met is not None:
            resume = new(("resume", participant, slot))
            clauses.append([-resume, literal])
            clauses.append([-resume, met])
            if previous is not None:
                clauses.append([-resume, -previous])
                clauses.append([resume, -literal, previous, -met])
            else:
                clauses.append([resume, -literal, -met])
            resumes.append(resume)
            until_now = new(("met", participant, slot))
            clauses.extend([[-met, until_now], [-literal, until_now], [-until_now, met, literal]])
            met = until_now
        else:
            met = literal
    return resumes
