"""The one check of text where it enters: no NUL character (U+0000), in any field, at any depth.

PostgreSQL cannot hold NUL in text or JSON, nor compare with it in a query; SQLite can. Unchecked,
the same input is stored on one database and a server error on the other. Every way in checks
it once: the API's parser (api/urls.py) every JSON body and query string, the forms through
`core.forms.CheckedInputMixin`, and every URL path through `core.middleware.NulInPathMiddleware`.
Lengths are the model's: each API schema field and form field takes `max_length_of` its column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Model

NUL = "\x00"


def nul_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Where `value` (text, or lists and mappings of them, as JSON decodes) holds a NUL: the
    path of each string, key or value, that has one."""
    if isinstance(value, str):
        if NUL in value:
            yield path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str) and NUL in key:
                yield (*path, key)
            else:
                yield from nul_paths(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from nul_paths(item, (*path, index))
    elif (data := getattr(value, "data", None)) is not None and isinstance(data, Mapping):
        yield from nul_paths(data, path)  # a TranslatedText


def nul_message() -> str:
    """Django's own message, the one its text form fields give, translated in every language."""
    return str(ProhibitNullCharactersValidator.message)


def max_length_of(model: type[Model], field: str) -> int | None:
    """The model field's max_length: what a schema, form or import column may accept."""
    return getattr(model._meta.get_field(field), "max_length", None)
