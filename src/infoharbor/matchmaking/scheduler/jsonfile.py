"""Reads a weighted-requests JSON file into a `PlacementInstance`, for `solve_meetings`.

The shape (participants and slots numbered from 0)::

    {"participants": P, "slots": [{"city": "Nanning", "day": "2026-09-12", "index": 0}, ...],
     "tables": T or [T per slot], "unavailable": {"17": [0, 3]}, "requests": [[a, b, weight]],
     "pinned": {"5": 2}, "halves": {"6": "morning"}, "morning_indices": 3,
     "precedences": [[4, 9]]}

`pinned`, `halves`, `morning_indices` and `precedences` are optional. A precedence [i, j] holds
request i's meeting before request j's when both are placed: in an earlier day, or the same day at
a lower `index` (slots of one day and index in two cities run at the same time).

A bad file raises `PlacementFileError` naming the line (for broken JSON) or the field that is
wrong.
"""

from __future__ import annotations

import json
from typing import Any

from infoharbor.matchmaking.scheduler.instance import Half, PlacementInstance, Request, Slot


class PlacementFileError(ValueError):
    """A placement file that cannot be read; the message names the line or the field."""


def _integer(value: Any, where: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlacementFileError(f"{where} must be an integer, not {value!r}")
    if value < low or (high is not None and value > high):
        upper = "" if high is None else f"..{high}"
        raise PlacementFileError(f"{where} is {value}, outside {low}{upper}")
    return value


def _keyed(data: dict[str, Any], name: str, high: int) -> dict[int, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise PlacementFileError(f'"{name}" must be an object keyed by number')
    result: dict[int, Any] = {}
    for key, item in value.items():
        if not key.isdigit():
            raise PlacementFileError(f'"{name}" has the key {key!r}, not a number')
        result[_integer(int(key), f'a key of "{name}"', 0, high)] = item
    return result


def parse_placement_json(text: str) -> PlacementInstance:
    """Build a placement instance from the text of a weighted-requests JSON file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlacementFileError(f"line {error.lineno}: not valid JSON ({error.msg})") from error
    if not isinstance(data, dict):
        raise PlacementFileError("the file must hold one JSON object")
    for name in ("participants", "slots", "tables", "requests"):
        if name not in data:
            raise PlacementFileError(f'"{name}" is missing')
    n_participants = _integer(data["participants"], '"participants"', 1)
    if not isinstance(data["slots"], list) or not data["slots"]:
        raise PlacementFileError('"slots" must be a non-empty list')
    slots = []
    for number, slot in enumerate(data["slots"]):
        if not isinstance(slot, dict) or not {"city", "day", "index"} <= slot.keys():
            raise PlacementFileError(f'slots[{number}] must have "city", "day" and "index"')
        slots.append(
            Slot(
                str(slot["city"]), str(slot["day"]), _integer(slot["index"], f"slots[{number}]", 0)
            )
        )
    last_slot = len(slots) - 1
    tables_value = data["tables"]
    if isinstance(tables_value, list):
        if len(tables_value) != len(slots):
            raise PlacementFileError(f'"tables" must have one number per slot ({len(slots)})')
        tables = tuple(_integer(t, f"tables[{i}]", 0) for i, t in enumerate(tables_value))
    else:
        tables = (_integer(tables_value, '"tables"', 0),) * len(slots)
    unavailable: list[frozenset[int]] = [frozenset()] * n_participants
    for participant, listed in _keyed(data, "unavailable", n_participants - 1).items():
        if not isinstance(listed, list):
            raise PlacementFileError(f'unavailable["{participant}"] must be a list of slots')
        unavailable[participant] = frozenset(
            _integer(slot, f'unavailable["{participant}"]', 0, last_slot) for slot in listed
        )
    if not isinstance(data["requests"], list):
        raise PlacementFileError('"requests" must be a list of [a, b, weight]')
    requests = []
    for number, row in enumerate(data["requests"]):
        if not isinstance(row, list) or len(row) != 3:
            raise PlacementFileError(f"requests[{number}] must be [a, b, weight]")
        first = _integer(row[0], f"requests[{number}][0]", 0, n_participants - 1)
        second = _integer(row[1], f"requests[{number}][1]", 0, n_participants - 1)
        if first == second:
            raise PlacementFileError(f"requests[{number}] pairs participant {first} with itself")
        weight = row[2]
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise PlacementFileError(f"requests[{number}][2] must be a weight of at least 0")
        requests.append(Request(first, second, float(weight)))
    last_request = len(requests) - 1
    pinned = {
        index: _integer(slot, f'pinned["{index}"]', 0, last_slot)
        for index, slot in _keyed(data, "pinned", last_request).items()
    }
    halves: dict[int, Half] = {}
    for index, wish in _keyed(data, "halves", last_request).items():
        if wish not in ("morning", "afternoon"):
            raise PlacementFileError(f'halves["{index}"] must be "morning" or "afternoon"')
        halves[index] = Half.MORNING if wish == "morning" else Half.AFTERNOON
    precedences = data.get("precedences", [])
    if not isinstance(precedences, list):
        raise PlacementFileError('"precedences" must be a list of [earlier, later] requests')
    orders = []
    for number, pair in enumerate(precedences):
        if not isinstance(pair, list) or len(pair) != 2:
            raise PlacementFileError(f"precedences[{number}] must be [earlier, later]")
        earlier, later = (
            _integer(request, f"precedences[{number}][{side}]", 0, last_request)
            for side, request in enumerate(pair)
        )
        if earlier == later:
            raise PlacementFileError(
                f"precedences[{number}] orders request {earlier} before itself"
            )
        orders.append((earlier, later))
    return PlacementInstance(
        n_participants=n_participants,
        slots=tuple(slots),
        tables=tables,
        requests=tuple(requests),
        unavailable=tuple(unavailable),
        pinned=pinned,
        halves=halves,
        morning_indices=_integer(data.get("morning_indices", 0), '"morning_indices"', 0),
        precedences=tuple(orders),
    )
