"""The stage: where people stand or sit in a line, from precedence, as the audience sees it.

Pure rules for the protocol office's stage plans and signing tables. In a line the highest in
precedence takes the middle, the second stands at their right, the third at their left, and so
on outwards. "Right" is the right of the people on the stage, facing the audience: the audience's
left. Lists returned here run left to right as the audience sees the stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

# Sides of a signing table, as the host sees them: the forum chooses where its guests sit.
RIGHT = "right"
LEFT = "left"


def centre_out(count: int) -> list[int]:
    """Positions (0 = the audience's leftmost) taken by the 1st, 2nd, 3rd … in precedence."""
    if count == 0:
        return []
    centre = count // 2
    positions = [centre]
    step = 1
    while len(positions) < count:
        positions.append(centre - step)  # at the right of the centre person: the audience's left
        if len(positions) < count:
            positions.append(centre + step)
        step += 1
    return positions


def line_up(ordered: Sequence[T]) -> list[T]:
    """People given in order of precedence, placed left to right as the audience sees them."""
    line: list[T | None] = [None] * len(ordered)
    for person, position in zip(ordered, centre_out(len(ordered)), strict=True):
        line[position] = person
    return [person for person in line if person is not None]


@dataclass(frozen=True)
class SigningStage:
    """One signing on stage: the table's chairs and the witnesses standing behind them."""

    table: list[object]  # signatories, left to right as the audience sees them
    standing: list[object]  # witnesses, left to right


def signing_stage(
    hosts: Sequence[T], guests: Sequence[T], witnesses: Sequence[T], guest_side: str = RIGHT
) -> SigningStage:
    """Each side's signatories in order of precedence sit with the highest nearest the middle;
    the guests sit at the host's `guest_side`; witnesses stand behind, lined up from the middle."""
    host_seats = list(hosts)
    guest_seats = list(guests)
    if guest_side == RIGHT:  # the host's right is the audience's left
        table: list[object] = [*reversed(guest_seats), *host_seats]
    else:
        table = [*reversed(host_seats), *guest_seats]
    return SigningStage(table=table, standing=list(line_up(witnesses)))
