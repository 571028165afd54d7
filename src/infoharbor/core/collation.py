"""Sorting names the way each language sorts them, in Python and in the database, through ICU.

Only ICU puts Thai names with leading vowels (เ แ โ ใ ไ) in their place, Vietnamese Đ after D and
Ơ after O, Chinese by pinyin and Filipino Ñ and Ng after N. PostgreSQL ships ICU collations named
`<language>-x-icu`; on SQLite the same names are registered on every connection from PyICU, so
`order_by_name` works the same on both databases.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

import icu
from django.db.backends.signals import connection_created
from django.db.models import Model, QuerySet
from django.db.models.functions import Collate

M = TypeVar("M", bound=Model)

# Django language code -> (ICU locale, PostgreSQL collation); Chinese sorts by pinyin by default.
COLLATIONS = {
    "zh-hans": ("zh", "zh-x-icu"),
    "en": ("en", "en-x-icu"),
    "th": ("th", "th-x-icu"),
    "vi": ("vi", "vi-x-icu"),
    "id": ("id", "id-x-icu"),
    "ms": ("ms", "ms-x-icu"),
    "km": ("km", "km-x-icu"),
    "lo": ("lo", "lo-x-icu"),
    "my": ("my", "my-x-icu"),
    "fil": ("fil", "fil-x-icu"),
}
FALLBACK = "en"


@cache
def collator(language: str) -> icu.Collator:
    icu_locale, _name = COLLATIONS.get(language, COLLATIONS[FALLBACK])
    return icu.Collator.createInstance(icu.Locale(icu_locale))


def sort_key(language: str) -> Callable[[str], bytes]:
    """A key for `sorted(names, key=sort_key("th"))`."""
    return collator(language).getSortKey


def collation_name(language: str) -> str:
    return COLLATIONS.get(language, COLLATIONS[FALLBACK])[1]


def order_by_name(qs: QuerySet[M], field: str, language: str) -> QuerySet[M]:
    """`qs` ordered by `field` as `language` sorts it (then by primary key, for a stable order)."""
    return qs.order_by(Collate(field, collation_name(language)), "pk")


def _comparer(language: str) -> Callable[[str, str], int]:
    compare = collator(language).compare

    def sqlite_compare(a: str, b: str) -> int:
        return int(compare(a, b))

    return sqlite_compare


def register_sqlite_collations(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: give a SQLite connection the PostgreSQL collation names."""
    if connection.vendor != "sqlite":
        return
    for language, (_icu_locale, name) in COLLATIONS.items():
        connection.connection.create_collation(name, _comparer(language))


def connect() -> None:
    connection_created.connect(register_sqlite_collations, dispatch_uid="infoharbor-icu-collations")
