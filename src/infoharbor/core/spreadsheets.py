"""Spreadsheets in and out: the one reader and writer of XLSX and CSV files, for every app.

`read_table` turns an uploaded XLSX (openpyxl, read-only) or UTF-8 CSV file into rows of text,
refusing with a message an organiser can act on what is not a spreadsheet we should open: no
sheet, damaged XML, a cell longer than Excel allows, more rows than the operator allows, or a
workbook that unpacks to far more than it weighs (a zip bomb). `write_xlsx` and `write_csv` are
the exports' side, so a file we write is a file we read.

Every export goes through `write_xlsx` or `write_csv`, and so through the one rule against formula
injection (OWASP's "CSV Injection"): text that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return is a string cell in XLSX, never a formula, and is written to CSV after an apostrophe, which
spreadsheets read as "this is text" (`read_table` takes it off again, so exports import back
unchanged). Numbers given as numbers (int, float, Decimal) stay numbers: a negative amount is a
numeric cell in XLSX and a bare `-5` in CSV, which every spreadsheet reads as the number it is and
which cannot hold a formula, since we wrote it from a number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

# Excel's own limit for the text of one cell.
MAX_CELL_CHARS = 32_767
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# What makes a spreadsheet read a typed-in cell as a formula, and what marks it as text instead.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message says why, in the user's language."""


def is_spreadsheet(name: str) -> bool:
    return name.lower().endswith((".xlsx", ".csv"))


def cell_text(value: object) -> str:
    """A cell as the text a person would type: dates in ISO form, 3.0 as 3."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f}"


def _check_unpacked_size(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise SpreadsheetError(_("This is not a readable XLSX file.")) from exc
    unpacked = sum(member.file_size for member in archive.infolist())
    limit = settings.INFOHARBOR_IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise SpreadsheetError(
            _(
                "The workbook unpacks to %(size)s MB, more than the %(limit)s MB allowed; "
                "it may be a zip bomb."
            )
            % {"size": _megabytes(unpacked), "limit": _megabytes(limit)}
        )


def _xlsx_rows(data: bytes) -> Iterator[Sequence[object]]:
    _check_unpacked_size(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SpreadsheetError(_("This is not a readable XLSX file.")) from exc
    except ParseError as exc:
        raise SpreadsheetError(
            _("The workbook's XML is damaged: %(error)s") % {"error": exc}
        ) from exc
    if not book.worksheets:
        raise SpreadsheetError(_("The workbook has no sheet."))
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    except ParseError as exc:  # read-only mode parses the sheet as it goes
        raise SpreadsheetError(
            _("The workbook's XML is damaged: %(error)s") % {"error": exc}
        ) from exc
    finally:
        book.close()


def _csv_text(value: str) -> str:
    """Text as a CSV cell: marked as text where a spreadsheet would take it for a formula."""
    return TEXT_MARK + value if value.startswith(FORMULA_STARTS) else value


def _unmarked(cell: str) -> str:
    """A CSV cell as it was before `_csv_text` marked it."""
    marked = cell.startswith(TEXT_MARK) and cell[1:].startswith(FORMULA_STARTS)
    return cell[1:] if marked else cell


def _csv_rows(data: bytes) -> Iterator[Sequence[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(_("Save the CSV file as UTF-8.")) from exc
    reader = csv.reader(io.StringIO(text))
    try:
        for cells in reader:
            yield [_unmarked(cell) for cell in cells]
    except csv.Error as exc:
        # Python's csv refuses a field over its own limit (131,072 characters) before we see it.
        if "field limit" in str(exc):
            raise SpreadsheetError(
                _("Row %(row)s holds a cell longer than %(limit)s characters.")
                % {"row": reader.line_num, "limit": f"{MAX_CELL_CHARS:,}"}
            ) from exc
        raise SpreadsheetError(
            _("Row %(row)s cannot be read: %(error)s") % {"row": reader.line_num, "error": exc}
        ) from exc


def read_table(name: str, stream: IO[bytes]) -> list[tuple[int, list[str]]]:
    """The file's first sheet as (row number, cells as text), the header first; blank rows are
    left out, so numbers may skip, as they do in the spreadsheet the organiser sees.

    Raises SpreadsheetError for a file that is not a spreadsheet we should read.
    """
    lowered = name.lower()
    if not is_spreadsheet(lowered):
        raise SpreadsheetError(_("Upload an XLSX or CSV file."))
    data = stream.read()
    raw = _xlsx_rows(data) if lowered.endswith(".xlsx") else _csv_rows(data)
    max_rows = settings.INFOHARBOR_IMPORT_MAX_ROWS
    table: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(raw, start=1):
        row = [cell_text(value) for value in cells]
        for index, text in enumerate(row):
            if len(text) > MAX_CELL_CHARS:
                raise SpreadsheetError(
                    _(
                        "Row %(row)s, column %(column)s holds %(length)s characters; "
                        "a cell may hold at most %(limit)s."
                    )
                    % {
                        "row": number,
                        "column": get_column_letter(index + 1),
                        "length": f"{len(text):,}",
                        "limit": f"{MAX_CELL_CHARS:,}",
                    }
                )
        if not any(row):
            continue
        if len(table) > max_rows:  # the header and max_rows data rows are in already
            raise SpreadsheetError(
                _("The file has more than %(limit)s rows; split it into smaller files.")
                % {"limit": f"{max_rows:,}"}
            )
        table.append((number, row))
    return table


def header_key(title: str) -> str:
    """A column title as the key it maps to: what people type differs only in case and spaces."""
    return title.strip().lower()


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    # XML cannot hold most control characters; openpyxl refuses a cell that has one.
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"  # openpyxl makes "=…" a formula
    return cell


def _with_header(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    yield header
    yield from rows


# A sheet to write: its title, its header and its rows.
Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def write_workbook(*sheets: Sheet) -> bytes:
    """An XLSX workbook of these sheets: text as string cells, numbers as numbers."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for row in _with_header(header, rows):
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    """A workbook of one sheet called `title`."""
    return write_workbook((title, header, rows))


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 CSV (with the BOM spreadsheets look for); text marked where it looks like a formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _with_header(header, rows):
        writer.writerow([_csv_text(v) if isinstance(v, str) else v for v in row])
    return out.getvalue().encode("utf-8-sig")
