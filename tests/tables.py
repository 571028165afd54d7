"""Searching every table of the test database for a value: what the privacy tests assert on."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection


def _texts(value: Any) -> list[str]:
    """The column value as text, and JSON as it reads (SQLite stores "王" as "\\u738b")."""
    if isinstance(value, memoryview | bytes):
        return [bytes(value).decode("utf-8", errors="ignore")]
    if isinstance(value, dict | list):
        return [json.dumps(value, ensure_ascii=False, default=str)]
    text = str(value)
    if text[:1] in '{["':
        try:
            return [text, json.dumps(json.loads(text), ensure_ascii=False)]
        except ValueError:
            pass
    return [text]


def cells_containing(needle: str) -> set[tuple[str, str, Any]]:
    """(table, column, row id) of every cell of every table (all columns, text and JSON,
    Django's own tables and the search index's included) that contains `needle`."""
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                cells = dict(zip(columns, row, strict=True))
                row_id = cells.get("id", row[0])
                for column, value in cells.items():
                    if value is not None and any(needle in t for t in _texts(value)):
                        found.add((table, column, row_id))
    return found
