"""Filters of the outcome pages: a figure's value by key, its filters as text, absolute links."""

from __future__ import annotations

import json
from typing import Any

from django import template

from infoharbor.projects.queries import DIMENSIONS

register = template.Library()


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")


@register.filter
def filters(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


@register.filter
def absolute(url: str, make_absolute: Any) -> str:
    """`url` made absolute by `make_absolute` (in PDFs), or as it is (on pages)."""
    return make_absolute(url) if callable(make_absolute) else url


@register.filter
def split(value: str) -> list[str]:
    return value.split()


@register.filter
def dimension_label(statistics: Any) -> str:
    """The label of the dimension a registry statistics groups by ("signing session")."""
    return str(DIMENSIONS[statistics.dimension].label)
