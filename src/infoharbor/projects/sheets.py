"""Reading and writing the projects spreadsheet (XLSX or CSV): its columns and the template."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from infoharbor.core.models import Forum

PARTY_COLUMNS = {
    "funder": "funders",
    "implementer": "implementers",
    "host": "hosts",
    "partner": "partners",
}


class UnreadableFile(ValueError):
    """The upload is neither a readable XLSX workbook nor a UTF-8 CSV file."""


def columns(forum: Forum) -> list[str]:
    """The import columns, one title and description column per forum language."""
    languages = forum.content_languages()
    return [
        "reference",
        *[f"title_{code}" for code in languages],
        *[f"description_{code}" for code in languages],
        "kind",
        "platforms",
        "sector",
        *PARTY_COLUMNS.values(),
        "location_city",
        "location_country",
        "signing_session",
        "signed_on",
        "signing_city",
        "amount",
        "currency",
        "amount_kind",
    ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_rows(name: str, stream: IO[bytes]) -> list[dict[str, str]]:
    """The file's data rows as column → text; the first row names the columns."""
    data = stream.read()
    if name.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise UnreadableFile(str(exc)) from exc
        raw: Iterable[Sequence[Any]] = sheet.iter_rows(values_only=True)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(str(exc)) from exc
        raw = csv.reader(io.StringIO(text))
    rows = [[_cell(v) for v in row] for row in raw]
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(cell for cell in row)]


def write_xlsx(header: list[str], rows: Iterable[list[Any]], title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def template_example(forum: Forum) -> list[str]:
    """One filled-in row that shows every column's format, with names from the forum's data."""
    platform = forum.platforms.first()
    organization = forum.organizations.exclude(short_name="").first()
    session = forum.sessions.filter(kind="signing").first()
    city = forum.cities.first()
    example = {
        "reference": "NN-001",
        "title_en": "Smart city cooperation project",
        "kind": "contract",
        "platforms": platform.code if platform else "",
        "sector": "22040",
        "funders": organization.short_name if organization else "",
        "location_city": city.name.get("en") if city else "",
        "location_country": city.country if city else "",
        "signing_session": session.slug if session else "",
        "signed_on": (
            session.start.astimezone(forum.tz).date() if session else forum.start_date
        ).isoformat(),
        "signing_city": session.city.name.get("en") if session else "",
        "amount": "1500000000.00",
        "currency": "CNY",
        "amount_kind": "total_investment",
    }
    return [example.get(column, "") for column in columns(forum)]
