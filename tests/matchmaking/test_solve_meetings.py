"""The `solve_meetings` command: exact JSON shapes for .dzn and .json files, clear errors."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.integration

SMALL_DZN = """\
nBusiness = 3;
nMeetings = 2;
nTables = 1;
nTotalSlots = 3;
nMorningSlots = 2;
requested = [|1, 2, 3,
|2, 3, 2,
|];
meetingsxBusiness = [{1, 2}, {1, 2, 3}, {1, 3}];
nMeetingsBusiness = [1, 2, 1];
forbidden = [{0}, {0, 1}, {0}];
fixed = [0, 0];
precedences = [{}, {}];
"""


def solve(path) -> dict:
    out = io.StringIO()
    call_command("solve_meetings", str(path), "--time-limit", "20", stdout=out)
    return json.loads(out.getvalue())


def test_solve_meetings_dzn_prints_status_breaks_bound_and_slots(tmp_path):
    path = tmp_path / "small.dzn"
    path.write_text(SMALL_DZN)

    # Participant 2 cannot meet in slot 1, and meeting 2 is an afternoon one (slot 3): meeting 1
    # goes to slot 2, next to it.
    assert solve(path) == {"status": "optimal", "breaks": 0, "lower_bound": 0, "slots": [2, 3]}


def test_solve_meetings_dzn_infeasible_prints_the_reason(tmp_path):
    path = tmp_path / "full.dzn"
    path.write_text(
        SMALL_DZN.replace("forbidden = [{0}, {0, 1}, {0}]", "forbidden = [{0}, {1, 2}, {0}]")
    )

    assert solve(path) == {
        "status": "infeasible",
        "breaks": None,
        "lower_bound": 0,
        "slots": [],
        "reason": "participant 2 has 2 meetings but only 1 slots they can attend",
    }


def test_solve_meetings_json_prints_weight_bound_slots_and_reasons(tmp_path):
    path = tmp_path / "requests.json"
    path.write_text(
        json.dumps(
            {
                "participants": 3,
                "slots": [
                    {"city": "Nanning", "day": "d1", "index": 0},
                    {"city": "Nanning", "day": "d1", "index": 1},
                ],
                "tables": 1,
                "unavailable": {"2": [0]},
                "requests": [[0, 1, 5], [0, 2, 3], [1, 2, 1]],
            }
        )
    )

    assert solve(path) == {
        "placed_weight": 8.0,
        "upper_bound": 8.0,
        "slots": [0, 1, None],
        "unplaced": [{"request": 2, "reason": "participant 2 has 2 requests and 1 free slots"}],
        "breaks": 0,
    }


def test_solve_meetings_json_keeps_precedences(tmp_path):
    path = tmp_path / "ordered.json"
    path.write_text(
        json.dumps(
            {
                "participants": 3,
                "slots": [
                    {"city": "Nanning", "day": "d1", "index": 0},
                    {"city": "Nanning", "day": "d1", "index": 1},
                ],
                "tables": 2,
                "requests": [[0, 1, 2], [0, 2, 1], [1, 2, 0.5]],
                "precedences": [[1, 0], [0, 2]],
            }
        )
    )

    # Request 1 before 0 before 2 needs three slots: the lightest is left out, for the order.
    assert solve(path) == {
        "placed_weight": 3.0,
        "upper_bound": 3.0,
        "slots": [1, 0, None],
        "unplaced": [
            {"request": 2, "reason": "could not be placed because of the order with request 0"}
        ],
        "breaks": 0,
    }


@pytest.mark.parametrize(
    ("precedences", "message"),
    [
        ({"0": 1}, '"precedences" must be a list of [earlier, later] requests'),
        ([[0]], "precedences[0] must be [earlier, later]"),
        ([[0, 2]], "precedences[0][1] is 2, outside 0..1"),
        ([[1, 1]], "precedences[0] orders request 1 before itself"),
    ],
)
def test_solve_meetings_json_bad_precedences_name_the_entry(tmp_path, precedences, message):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "participants": 2,
                "slots": [{"city": "N", "day": "d", "index": 0}],
                "tables": 1,
                "requests": [[0, 1, 1], [1, 0, 1]],
                "precedences": precedences,
            }
        )
    )

    with pytest.raises(CommandError) as raised:
        solve(path)

    assert str(raised.value) == f"{path}: {message}"


def test_solve_meetings_malformed_dzn_names_file_and_line(tmp_path):
    path = tmp_path / "bad.dzn"
    path.write_text(SMALL_DZN.replace("nTables = 1;", "nTables = one;"))

    with pytest.raises(CommandError) as raised:
        solve(path)

    assert str(raised.value) == f"{path}: line 3: expected an integer, found 'one'"


def test_solve_meetings_malformed_json_names_the_field(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        '{"participants": 2, "slots": [{"city": "N", "day": "d", "index": 0}],\n'
        '"tables": 1, "requests": [[0, 5, 1]]}'
    )

    with pytest.raises(CommandError) as raised:
        solve(path)

    assert str(raised.value) == f"{path}: requests[0][1] is 5, outside 0..1"
