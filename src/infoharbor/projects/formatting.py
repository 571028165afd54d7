"""Money as people read it, per the active language (Babel/CLDR).

Every money figure on a page goes through here, so the shared core formatting can replace these
two functions in one place.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_compact_currency, format_currency
from django.utils.translation import get_language, to_locale


def _locale() -> str:
    return to_locale(get_language() or "en")


def money(amount: Decimal, currency: str) -> str:
    """`amount` in full, e.g. CN¥20,000,000,000.00 or 20.000.000.000,00 CN¥."""
    return format_currency(amount, currency, locale=_locale())


def money_compact(amount: Decimal, currency: str) -> str:
    """`amount` in the short form, e.g. CN¥200亿 or CN¥ 2 หมื่นล้าน."""
    return format_compact_currency(amount, currency, locale=_locale(), fraction_digits=1)
