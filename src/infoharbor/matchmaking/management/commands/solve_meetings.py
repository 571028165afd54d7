"""Solve a meeting-scheduling file and print the answer as JSON on stdout.

A `.dzn` file (the JAIR-2022 break-minimisation format) gets the exact break scheduler; a `.json`
file of weighted requests gets the weighted placement. Slots are printed 1-based for `.dzn` (as in
the file) and 0-based for `.json` (as in the file).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from infoharbor.matchmaking.scheduler import (
    DznError,
    PlacementError,
    minimise_breaks,
    optimise,
    parse_dzn,
)
from infoharbor.matchmaking.scheduler.jsonfile import PlacementFileError, parse_placement_json


class Command(BaseCommand):
    help = "Schedule B2B meetings from a .dzn (fewest breaks) or .json (most weight) file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="a .dzn or .json file")
        parser.add_argument(
            "--time-limit", type=float, default=30.0, help="seconds the solver may use"
        )

    def handle(self, *args: Any, file: str, time_limit: float, **options: Any) -> None:
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot be read ({error})") from error
        if path.suffix == ".dzn":
            answer = self._breaks(file, text, time_limit)
        elif path.suffix == ".json":
            answer = self._placement(file, text, time_limit)
        else:
            raise CommandError(f"{file}: give a .dzn or a .json file")
        self.stdout.write(json.dumps(answer))

    def _breaks(self, file: str, text: str, time_limit: float) -> dict[str, Any]:
        try:
            instance = parse_dzn(text)
        except DznError as error:
            raise CommandError(f"{file}: {error}") from error
        solution = minimise_breaks(instance, time_limit=time_limit)
        answer: dict[str, Any] = {
            "status": solution.status.value,
            "breaks": solution.breaks,
            "lower_bound": solution.lower_bound,
            "slots": [slot + 1 for slot in solution.slots],
        }
        if solution.reason:
            answer["reason"] = solution.reason
        return answer

    def _placement(self, file: str, text: str, time_limit: float) -> dict[str, Any]:
        try:
            placement = optimise(parse_placement_json(text), time_limit=time_limit)
        except (PlacementFileError, PlacementError) as error:
            raise CommandError(f"{file}: {error}") from error
        return {
            "placed_weight": placement.placed_weight,
            "upper_bound": placement.upper_bound,
            "slots": list(placement.slots),
            "unplaced": [
                {"request": item.request, "reason": item.reason} for item in placement.unplaced
            ],
            "breaks": sum(placement.breaks),
        }
