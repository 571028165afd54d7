"""Template filters for money; they call projects.formatting, the one place money is formatted."""

from decimal import Decimal

from django import template

from infoharbor.projects import formatting

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    return "" if amount is None or not currency else formatting.money(amount, currency)


@register.filter
def money_compact(amount: Decimal | None, currency: str) -> str:
    return "" if amount is None or not currency else formatting.money_compact(amount, currency)
