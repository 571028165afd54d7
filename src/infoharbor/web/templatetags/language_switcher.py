"""The language switcher: one plain link per UI language to the same page under its prefix.

Links, not a form: a form would need a CSRF cookie on every public page, and a cookie makes a
page uncacheable for a CDN.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import get_script_prefix
from django.utils.translation import get_language, get_language_info

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in the language's own script
    url: str
    current: bool


@functools.cache
def _names() -> tuple[tuple[str, str], ...]:
    return tuple((code, get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[LanguageLink]:
    """The page's own path and query under each language's prefix (the home page if the page
    has no prefix)."""
    current = get_language() or settings.LANGUAGE_CODE
    request = context.get("request")
    path, query = (request.path_info, request.GET.urlencode()) if request is not None else ("", "")
    prefix = f"/{current}/"
    rest = path[len(prefix) :] if path.startswith(prefix) else ""
    base = get_script_prefix()
    tail = f"{rest}?{query}" if query else rest
    return [
        LanguageLink(code, name, f"{base}{code}/{tail}", code == current) for code, name in _names()
    ]
