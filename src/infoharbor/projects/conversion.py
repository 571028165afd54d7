"""Converting amounts between currencies with the stored, dated exchange rates.

The rate used for a figure is the latest one on or before the figure's date (the signing date).
A rate is found directly (A→B or B→A) or across a pivot currency both are quoted against (the
shipped HMRC rates are all against GBP). Every conversion says which rate, of which date and
from which source it used, so a total can be recomputed later exactly.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from babel.dates import format_skeleton
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from infoharbor.core.formatting import babel_locale, local_list
from infoharbor.core.models import Forum
from infoharbor.projects.models import ExchangeRate

# The source the shipped rates are stored with, and how a cross rate names its two sources.
HMRC_SOURCE = "HMRC monthly exchange rates {month} (hmrc-rates)"
_HMRC = re.compile(re.escape(HMRC_SOURCE).replace(re.escape("{month}"), r"(\d{4})-(\d{2})"))
CROSS = " + "


def explained_sources(source: str, language: str) -> str:
    """A conversion's sources for a reader of `language`: the shipped HMRC rates said in words
    with their month, an organiser's own source as they wrote it, a cross rate's two listed as
    the language lists ("英国税务海关总署月度汇率（2018年9月）和…")."""
    parts = []
    for part in source.split(CROSS):
        match = _HMRC.fullmatch(part)
        if match is None:
            parts.append(part)
            continue
        month = dt.date(int(match[1]), int(match[2]), 1)
        words = format_skeleton("yMMMM", month, locale=babel_locale(language))
        with translation.override(language):
            hmrc = _("HM Revenue & Customs (UK) monthly exchange rates, %(month)s")
        parts.append(hmrc % {"month": words})
    return local_list(parts, language)


@dataclass(frozen=True)
class Conversion:
    """How one currency turned into another on a date: amount × rate."""

    source_currency: str
    target_currency: str
    rate: Decimal
    rate_date: dt.date | None  # None: no conversion was needed
    source: str

    def apply(self, amount: Decimal) -> Decimal:
        return amount * self.rate


@dataclass(frozen=True)
class _Quote:
    date: dt.date
    rate: Decimal  # units of the quoted currency per unit of the base
    source: str
    own: bool  # entered by the forum's organisers


class RateBook:
    """Every rate a forum may use, held in memory for fast repeated look-ups."""

    def __init__(self, rates: Iterable[ExchangeRate]) -> None:
        quotes: dict[tuple[str, str], list[_Quote]] = defaultdict(list)
        for r in rates:
            quotes[(r.base, r.currency)].append(
                _Quote(r.date, r.rate, r.source, r.forum_id is not None)
            )
        # Within a day the organisers' own rate wins over a shipped one.
        self._quotes = {
            pair: sorted(items, key=lambda q: (q.date, q.own)) for pair, items in quotes.items()
        }
        self._dates = {pair: [q.date for q in items] for pair, items in self._quotes.items()}
        self._pivots = sorted({base for base, _currency in self._quotes})
        self._cache: dict[tuple[str, str, dt.date], Conversion | None] = {}

    @classmethod
    def for_forum(cls, forum: Forum) -> RateBook:
        return cls(ExchangeRate.objects.filter(Q(forum__isnull=True) | Q(forum=forum)))

    def _latest(self, base: str, currency: str, on: dt.date) -> _Quote | None:
        dates = self._dates.get((base, currency))
        if not dates:
            return None
        index = bisect.bisect_right(dates, on)
        return self._quotes[(base, currency)][index - 1] if index else None

    def _leg(self, start: str, end: str, on: dt.date) -> tuple[Decimal, _Quote] | None:
        """One step from `start` to `end` with a quote either way round."""
        direct = self._latest(start, end, on)
        inverse = self._latest(end, start, on)
        if direct and (not inverse or direct.date >= inverse.date):
            return direct.rate, direct
        if inverse:
            return Decimal(1) / inverse.rate, inverse
        return None

    def conversion(self, source: str, target: str, on: dt.date) -> Conversion | None:
        """The conversion of `source` into `target` on `on`, or None when no rate reaches."""
        if source == target:
            return Conversion(source, target, Decimal(1), None, "")
        key = (source, target, on)
        if key not in self._cache:
            self._cache[key] = self._find(source, target, on)
        return self._cache[key]

    def _find(self, source: str, target: str, on: dt.date) -> Conversion | None:
        candidates: list[tuple[dt.date, int, Conversion]] = []
        leg = self._leg(source, target, on)
        if leg:
            rate, quote = leg
            candidates.append(
                (quote.date, 1, Conversion(source, target, rate, quote.date, quote.source))
            )
        for pivot in self._pivots:
            if pivot in (source, target):
                continue
            first, second = self._leg(source, pivot, on), self._leg(pivot, target, on)
            if first and second:
                oldest = min(first[1].date, second[1].date)
                sources = CROSS.join(dict.fromkeys([first[1].source, second[1].source]))
                candidates.append(
                    (oldest, 0, Conversion(source, target, first[0] * second[0], oldest, sources))
                )
        if not candidates:
            return None
        # The freshest rate wins; on equal dates a direct rate beats a cross rate.
        return max(candidates, key=lambda c: (c[0], c[1]))[2]
