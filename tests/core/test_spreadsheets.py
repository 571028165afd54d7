"""The exports' one rule against formula injection (core/spreadsheets.py), and reading it back."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from infoharbor.core import spreadsheets
from tests.spreadsheets import HOSTILE, csv_rows, xlsx_cells

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("value", HOSTILE)
def test_csv_marks_text_that_a_spreadsheet_would_take_for_a_formula(value):
    content = spreadsheets.write_csv(["name", "note"], [[value, "plain"]])

    assert csv_rows(content) == [["name", "note"], ["'" + value, "plain"]]


@pytest.mark.parametrize("value", HOSTILE)
def test_csv_marked_text_reads_back_as_it_was_written(value):
    content = spreadsheets.write_csv(["name"], [[value]])

    assert spreadsheets.read_table("p.csv", io.BytesIO(content)) == [
        (1, ["name"]),
        (2, [value.strip()]),  # read_table strips cells, as it always has
    ]


def test_csv_keeps_an_apostrophe_that_marks_nothing():
    content = spreadsheets.write_csv(["city"], [["'s-Hertogenbosch"]])

    assert csv_rows(content)[1] == ["'s-Hertogenbosch"]
    assert spreadsheets.read_table("p.csv", io.BytesIO(content))[1] == (2, ["'s-Hertogenbosch"])


@pytest.mark.parametrize("value", HOSTILE)
def test_xlsx_writes_formula_like_text_as_a_string_cell(value):
    content = spreadsheets.write_xlsx(["name"], [[value]], "people")

    assert xlsx_cells(content) == [[("s", "name")], [("s", value)]]


def test_numbers_stay_numbers_negative_ones_too():
    rows = [[Decimal("-1500000.25"), -3, 2.5, "-3"]]

    content = spreadsheets.write_xlsx(["a", "b", "c", "d"], rows, "figures")

    assert xlsx_cells(content)[1] == [("n", -1500000.25), ("n", -3), ("n", 2.5), ("s", "-3")]
    assert csv_rows(spreadsheets.write_csv(["a", "b", "c", "d"], rows))[1] == [
        "-1500000.25",
        "-3",
        "2.5",
        "'-3",
    ]


def test_xlsx_leaves_out_control_characters_xml_cannot_hold():
    content = spreadsheets.write_xlsx(["name"], [["Somchai\x01\x0b Jaidee"]], "people")

    assert xlsx_cells(content)[1] == [("s", "Somchai Jaidee")]


def test_a_workbook_of_several_sheets_escapes_each():
    content = spreadsheets.write_workbook(("first", ["a"], [["=1"]]), ("second", ["b"], [["@2"]]))

    assert xlsx_cells(content, 0) == [[("s", "a")], [("s", "=1")]]
    assert xlsx_cells(content, 1) == [[("s", "b")], [("s", "@2")]]
