"""Reading delegation lists from XLSX or CSV, and the template organisers fill in.

This module only turns a file into rows of text; `services.import_delegation` checks and saves.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from infoharbor.core.models import Forum
from infoharbor.registration import queries

# The file's columns, by header. Answers to the forum's questions follow as "answer:<code>".
COLUMNS = [
    "name",
    "name_latin",
    "honorific",
    "position",
    "organization",
    "organization_kind",
    "country",
    "email",
    "phone",
    "category",
    "language",
    "sessions",
    "head",
]
REQUIRED_COLUMNS = {"name", "email", "category"}
ANSWER_PREFIX = "answer:"


class ImportFileError(ValidationError):
    """The file as a whole cannot be read (not its rows: those are checked one by one)."""


@dataclass(frozen=True)
class ImportRow:
    number: int  # the row number as the spreadsheet shows it (the header is row 1)
    values: dict[str, str]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(upload: UploadedFile) -> list[list[object]]:
    name = (upload.name or "").lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(_("This is not a readable XLSX file.")) from exc
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("Save the CSV file as UTF-8.")) from exc
        return [list(row) for row in csv.reader(io.StringIO(text))]
    raise ImportFileError(_("Upload an XLSX or CSV file."))


def read_rows(upload: UploadedFile) -> list[ImportRow]:
    """The file's data rows keyed by column header; blank rows are skipped."""
    table = _table(upload)
    if not table:
        raise ImportFileError(_("The file is empty."))
    headers = [_text(h) for h in table[0]]
    missing = sorted(REQUIRED_COLUMNS - set(headers))
    if missing:
        raise ImportFileError(_("Columns missing: %(columns)s") % {"columns": ", ".join(missing)})
    unknown = [h for h in headers if h and h not in COLUMNS and not h.startswith(ANSWER_PREFIX)]
    if unknown:
        raise ImportFileError(_("Unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {h: _text(c) for h, c in zip(headers, cells, strict=False) if h}
        if any(values.values()):
            rows.append(ImportRow(number, values))
    if not rows:
        raise ImportFileError(_("The file has no rows to import."))
    return rows


def template_xlsx(forum: Forum) -> bytes:
    """An empty delegation list with the forum's columns, and a sheet of allowed values."""
    book = Workbook()
    sheet = book.active
    sheet.title = "participants"
    questions = list(queries.form_questions(forum))
    sheet.append([*COLUMNS, *(ANSWER_PREFIX + q.code for q in questions)])
    values = book.create_sheet("values")
    values.append(["column", "value", "meaning"])
    for category in forum.categories.all():
        values.append(["category", category.code, str(category.name)])
    for session in queries.sessions_open_for_registration(forum):
        values.append(["sessions", session.slug, str(session.title)])
    for code in forum.content_languages():
        values.append(["language", code, ""])
    values.append(["head", "yes", _("head of delegation (one row at most)")])
    for question in questions:
        options = ", ".join(o["value"] for o in question.options)
        values.append(
            [ANSWER_PREFIX + question.code, options or question.kind, str(question.label)]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
