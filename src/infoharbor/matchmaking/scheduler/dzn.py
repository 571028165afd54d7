"""Reads the MiniZinc data files (.dzn) of the JAIR-2022 B2B benchmark into a `BreakInstance`.

For the benchmark and the `solve_meetings` command. Only the data subset those files use is read:
`name = value;` with integers, arrays of integers, arrays of integer sets and one 2-d array
(`[| a, b, c | ... |]`); `%` starts a comment. A bad file raises `DznError` naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from infoharbor.matchmaking.scheduler.instance import BreakInstance, Meeting, Session

_TOKEN = re.compile(
    r"(%[^\n]*)|(\n)|([ \t\r]+)|(-?\d+)|([A-Za-z_]\w*)|(\[\||\|\]|[=;\[\]{},|])|(.)"
)
_COMMENT, _NEWLINE, _SPACE, _STRAY = 1, 2, 3, 7

Value = int | list[int] | list[frozenset[int]] | list[list[int]]


class DznError(ValueError):
    """A .dzn file that cannot be read, with the line where the problem is (1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class _Token:
    text: str
    line: int


def _tokens(text: str) -> list[_Token]:
    result: list[_Token] = []
    line = 1
    for match in _TOKEN.finditer(text):
        kind = match.lastindex
        if kind == _NEWLINE:
            line += 1
        elif kind == _STRAY:
            raise DznError(line, f"unexpected character {match.group()!r}")
        elif kind not in (_COMMENT, _SPACE):
            result.append(_Token(match.group(), line))
    return result


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.position = 0

    def line(self) -> int:
        if self.position < len(self.tokens):
            return self.tokens[self.position].line
        return self.tokens[-1].line if self.tokens else 1

    def peek(self) -> str:
        return self.tokens[self.position].text if self.position < len(self.tokens) else ""

    def take(self, expected: str | None = None) -> _Token:
        if self.position >= len(self.tokens):
            raise DznError(self.line(), f"file ends where {expected or 'a value'} was expected")
        token = self.tokens[self.position]
        if expected is not None and token.text != expected:
            raise DznError(token.line, f"expected {expected!r}, found {token.text!r}")
        self.position += 1
        return token

    def integer(self) -> int:
        token = self.take()
        if not re.fullmatch(r"-?\d+", token.text):
            raise DznError(token.line, f"expected an integer, found {token.text!r}")
        return int(token.text)

    def items(self, closing: str, item: type[int] | type[frozenset[int]]) -> list:
        values: list = []
        while self.peek() != closing:
            values.append(self.integer() if item is int else self.integer_set())
            if self.peek() != closing:
                self.take(",")
        self.take(closing)
        return values

    def integer_set(self) -> frozenset[int]:
        self.take("{")
        return frozenset(self.items("}", int))

    def value(self) -> Value:
        if self.peek() == "[|":
            self.take("[|")
            rows: list[list[int]] = [[]]
            while self.peek() != "|]":
                if self.peek() == "|":
                    self.take("|")
                    rows.append([])
                    continue
                rows[-1].append(self.integer())
                if self.peek() == ",":
                    self.take(",")
            self.take("|]")
            return [row for row in rows if row]
        if self.peek() == "[":
            self.take("[")
            if self.peek() == "{":
                return self.items("]", frozenset)
            return self.items("]", int)
        return self.integer()

    def assignments(self) -> dict[str, tuple[Value, int]]:
        result: dict[str, tuple[Value, int]] = {}
        while self.position < len(self.tokens):
            name = self.take()
            if not re.fullmatch(r"[A-Za-z_]\w*", name.text):
                raise DznError(name.line, f"expected a parameter name, found {name.text!r}")
            if name.text in result:
                raise DznError(name.line, f"{name.text} is given twice")
            self.take("=")
            result[name.text] = (self.value(), name.line)
            self.take(";")
        return result


class _Fields:
    """Typed access to the parsed parameters, with the line of each for error messages."""

    def __init__(self, values: dict[str, tuple[Value, int]]) -> None:
        self.values = values

    def line(self, name: str) -> int:
        return self.values[name][1]

    def get(self, name: str) -> Value:
        if name not in self.values:
            raise DznError(
                max((line for _, line in self.values.values()), default=1), f"{name} is missing"
            )
        return self.values[name][0]

    def integer(self, name: str, minimum: int) -> int:
        value = self.get(name)
        if not isinstance(value, int) or value < minimum:
            raise DznError(self.line(name), f"{name} must be an integer of at least {minimum}")
        return value

    def array(self, name: str, length: int, kind: type) -> list:
        value = self.get(name)
        if not isinstance(value, list) or len(value) != length:
            size = len(value) if isinstance(value, list) else "no"
            raise DznError(self.line(name), f"{name} must have {length} entries, has {size}")
        if any(not isinstance(entry, kind) for entry in value):
            raise DznError(self.line(name), f"{name} must hold {kind.__name__} entries")
        return value


def parse_dzn(text: str) -> BreakInstance:
    """Build a break instance from the text of a JAIR-2022 .dzn file (1-based numbers inside)."""
    fields = _Fields(_Parser(text).assignments())
    n_participants = fields.integer("nBusiness", 1)
    n_meetings = fields.integer("nMeetings", 0)
    n_tables = fields.integer("nTables", 1)
    n_slots = fields.integer("nTotalSlots", 1)
    n_morning = fields.integer("nMorningSlots", 0)
    if n_morning > n_slots:
        raise DznError(fields.line("nMorningSlots"), "nMorningSlots exceeds nTotalSlots")
    requested = fields.array("requested", n_meetings, list)
    line = fields.line("requested")
    for number, row in enumerate(requested, start=1):
        if len(row) != 3:
            raise DznError(line, f"requested row {number} must be 'a, b, session'")
        first, second, session = row
        if not (1 <= first <= n_participants and 1 <= second <= n_participants):
            raise DznError(line, f"requested row {number} names a participant outside 1..nBusiness")
        if first == second:
            raise DznError(line, f"requested row {number} pairs participant {first} with itself")
        if session not in (1, 2, 3):
            raise DznError(line, f"requested row {number} has session {session}, not 1, 2 or 3")
    counts = fields.array("nMeetingsBusiness", n_participants, int)
    for participant, count in enumerate(counts, start=1):
        real = sum(participant in row[:2] for row in requested)
        if count != real:
            raise DznError(
                fields.line("nMeetingsBusiness"),
                f"participant {participant} has {real} requested meetings, not {count}",
            )
    forbidden = fields.array("forbidden", n_participants, frozenset)
    for participant, slots in enumerate(forbidden, start=1):
        # The files pad sets with 0, which is no slot.
        if any(not 0 <= slot <= n_slots for slot in slots):
            raise DznError(
                fields.line("forbidden"), f"participant {participant} forbids a slot out of range"
            )
    fixed = fields.array("fixed", n_meetings, int)
    for number, slot in enumerate(fixed, start=1):
        if not 0 <= slot <= n_slots:
            raise DznError(fields.line("fixed"), f"meeting {number} is fixed to slot {slot}")
    # Our reading of `precedences[m]`: the meetings that must lie in an earlier slot than m (as in
    # the published models). The 20 benchmark files leave every set empty.
    precedences = fields.array("precedences", n_meetings, frozenset)
    for number, before in enumerate(precedences, start=1):
        if any(not 1 <= other <= n_meetings or other == number for other in before):
            raise DznError(
                fields.line("precedences"), f"meeting {number} has a precedence out of range"
            )
    # `meetingsxBusiness` repeats `requested` (shifted by one, with a dummy 1 in every set in the
    # published files), so it is ignored rather than trusted.
    meetings = tuple(
        Meeting(
            first=row[0] - 1,
            second=row[1] - 1,
            session=Session(row[2]),
            fixed_slot=fixed[index] - 1 if fixed[index] else None,
            predecessors=frozenset(other - 1 for other in precedences[index]),
        )
        for index, row in enumerate(requested)
    )
    return BreakInstance(
        n_participants=n_participants,
        n_slots=n_slots,
        n_morning_slots=n_morning,
        n_tables=n_tables,
        meetings=meetings,
        forbidden=tuple(frozenset(slot - 1 for slot in slots if slot) for slots in forbidden),
    )
