"""Template tags for numbers, money and dates in the reader's language: `{% load infoharbor %}`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import template
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from infoharbor.core import countries, formatting
from infoharbor.core.languages import NAME_LOCAL

register = template.Library()


def _forum_clock(context: template.Context) -> dict[str, str]:
    """The forum's time zone and the reader's era, as the date tags show moments in them."""
    forum = context.get("forum")
    return {
        "timezone": forum.timezone if forum is not None else "UTC",
        "era": formatting.reader_era(context.get("request"), forum),
    }


@register.simple_tag(takes_context=True)
def local_date(context: template.Context, value: dt.date | dt.datetime, style: str = "full") -> str:
    """`{% local_date session.start "full" %}`: the day in the forum's zone and the reader's era."""
    return formatting.local_date(
        value, get_language() or "en", style=style, **_forum_clock(context)
    )


@register.simple_tag(takes_context=True)
def local_span(context: template.Context, start: dt.datetime, end: dt.datetime) -> str:
    """`{% local_span session.start session.end %}`: the day and hours, with the last day too
    when it ends on a later one, in the forum's zone and the reader's era."""
    return formatting.local_span(start, end, get_language() or "en", **_forum_clock(context))


@register.simple_tag(takes_context=True)
def local_date_range(context: template.Context, start: dt.date, end: dt.date) -> str:
    """`{% local_date_range forum.start_date forum.end_date %}` → "2018年9月11日至18日", in the
    reader's era."""
    era = formatting.reader_era(context.get("request"), context.get("forum"))
    return formatting.local_date_range(start, end, get_language() or "en", era=era)


@register.simple_tag(takes_context=True)
def era_choice(context: template.Context) -> SafeString:
    """For Thai readers, links to see years in the Buddhist or the Gregorian era (kept in a cookie).

    Other languages have one era only, so nothing is shown to them.
    """
    if get_language() != "th":
        return SafeString("")
    request = context.get("request")
    current = formatting.reader_era(request, context.get("forum"))
    links = []
    for era in formatting.ERAS:
        params = request.GET.copy() if request is not None else QueryDict(mutable=True)
        params[formatting.ERA_PARAMETER] = era
        current_attr = ' aria-current="true"' if era == current else ""
        links.append((params.urlencode(), SafeString(current_attr), formatting.era_name("th", era)))
    return format_html(
        '<span class="era-choice">{}</span>',
        format_html_join(" · ", '<a href="?{}"{}>{}</a>', links),
    )


@register.filter
def compact_money(amount: Decimal | int, currency: str) -> str:
    """`{{ project.amount|compact_money:project.currency }}` → "CNY 20 billion"."""
    return formatting.compact_money(amount, currency, get_language() or "en")


@register.filter
def exact_money(amount: Decimal | int, currency: str) -> str:
    """`{{ project.amount|exact_money:project.currency }}` → "CN¥20,000,000,000.00"."""
    return formatting.exact_money(amount, currency, get_language() or "en")


@register.filter
def number(value: Decimal | int | None) -> str:
    """`{{ registered|number }}` → "1,740" in Thai and Chinese, "1.740" in Lao; nothing for
    no value."""
    return "" if value is None else formatting.local_number(value, get_language() or "en")


@register.filter
def compact_number(value: Decimal | int) -> str:
    """`{{ participants|compact_number }}` → "2.5 thousand"."""
    return formatting.compact_number(value, get_language() or "en")


@register.simple_tag
def label_suffix() -> str:
    """`{% translate "Status" %}{% label_suffix %}{{ status }}` → "状态：已确认",
    "Status: confirmed": a label before its value, ended as the page's language ends one."""
    return formatting.label_suffix(value_follows=True)


@register.filter
def local_list(items: Iterable[Any]) -> str:
    """`{{ roles|local_list }}` → "owner, viewer, and door staff" in the page's language."""
    return formatting.local_list([str(i) for i in items], get_language() or "en")


@register.filter
def country_name(code: str) -> str:
    """`{{ organization.country|country_name }}` → "ចិន": the country's CLDR name in the page's
    language, never its ISO code."""
    return countries.country_name(code, get_language() or "en") if code else ""


@register.filter
def language_name(code: str) -> str:
    """`{{ email.language|language_name }}` → "ខ្មែរ": a content language in its own script."""
    return NAME_LOCAL.get(code, code)


@register.filter
def language_names(codes: Iterable[str] | str) -> str:
    """`{{ session.interpretation|language_names }}` → "ภาษาจีน ภาษาอังกฤษ และภาษาไทย": each
    language's name in the page's language (CLDR), joined as that language joins a list."""
    reader = get_language() or "en"
    items = [codes] if isinstance(codes, str) else list(codes)
    return formatting.local_list([formatting.language_name(c, reader) for c in items], reader)
