"""Template filters for the registry's money: `{{ amount|money:currency }}` in full for tables,
`{{ amount|money_compact:currency }}` for headlines, in the reader's language (core.formatting)."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language

from infoharbor.core import formatting
from infoharbor.projects.conversion import explained_sources

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    if amount is None or not currency:
        return ""
    return formatting.exact_money(amount, currency, get_language() or "en")


@register.filter
def money_compact(amount: Decimal | None, currency: str) -> str:
    if amount is None or not currency:
        return ""
    return formatting.compact_money(amount, currency, get_language() or "en")


@register.filter
def rate_sources(source: str) -> str:
    """`{{ conversion.source|rate_sources }}`: where the rates came from, in the reader's words."""
    return explained_sources(source, get_language() or "en")
