"""The registry of outcome figures: what each app contributes to dashboards and outcome reports.

core cannot import the apps built on it, and the reports app may not be imported by them, so each
app declares its report sections in its own leaf `outcomes.py` (discovered by the reports app when
it is ready). A section reads its app's queries and returns figures: a value with its trace, the
filters behind it and the page that lists the rows behind it. A section whose data is absent
returns nothing, so a report never shows a figure it could not count.

    from infoharbor.core.figures import Figure, Trace, report_section

    @report_section("projects", _("Signed projects"), order=30)
    def projects(forum: Forum) -> list[Figure]: ...

Sections run in the language the report is written in (texts in figures are in that language)
and with the forum's reporting currency, which `reporting_currency()` gives them (totals are
converted into it).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from infoharbor.core.models import Forum

# What a figure's value is, so each language can write it: a count ("35"), an attendance
# (rounded as a press office would), an amount of money, a date, a span of days, a list of names,
# or a text (a title, a name).
COUNT = "count"
ATTENDANCE = "attendance"
MONEY = "money"
DATE = "date"
DATE_RANGE = "date_range"
NAMES = "names"
TEXT = "text"

# The currency totals are given in when a forum has chosen none (the seed forum's, the yuan).
DEFAULT_CURRENCY = "CNY"

_currency: contextvars.ContextVar[str] = contextvars.ContextVar(
    "reporting_currency", default=DEFAULT_CURRENCY
)


@contextlib.contextmanager
def reporting(currency: str) -> Iterator[None]:
    """Within this block, sections give their totals in `currency`."""
    token = _currency.set(currency)
    try:
        yield
    finally:
        _currency.reset(token)


def reporting_currency() -> str:
    """The currency the report being written gives its totals in."""
    return _currency.get()


@dataclass(frozen=True)
class Trace:
    """Where a figure comes from: the read and its filters, and the page listing its rows."""

    source: str  # the app's query, e.g. "projects.registry"
    filters: dict[str, Any] = field(default_factory=dict)
    url: str = ""  # a page of the site (with its filters in the query string)

    def as_data(self) -> dict[str, Any]:
        return {"source": self.source, "filters": dict(self.filters), "url": self.url}


@dataclass(frozen=True)
class Rate:
    """An exchange rate a total was converted with: one `currency` was worth `rate` of the
    total's currency, as `source` published it for `date`."""

    currency: str
    rate: Decimal
    date: dt.date
    source: str

    def as_data(self) -> dict[str, str]:
        return {
            "currency": self.currency,
            "rate": str(self.rate),
            "date": self.date.isoformat(),
            "source": self.source,
        }

    @classmethod
    def from_data(cls, data: dict[str, str]) -> Rate:
        return cls(
            data["currency"],
            Decimal(data["rate"]),
            dt.date.fromisoformat(data["date"]),
            data["source"],
        )


@dataclass(frozen=True)
class Figure:
    """One figure: a value of a kind above, its label in the report's language, its trace.

    `value` is an int (count, attendance), a Decimal (money, with `currency`), a date, a pair of
    dates, a list of texts, or a text; `rates` are the exchange rates a total of money was
    converted with, `note` says what else needs saying about how it was computed (what a total
    had to leave out).
    """

    key: str
    kind: str
    label: str
    value: Any
    trace: Trace
    currency: str = ""
    note: str = ""
    rates: tuple[Rate, ...] = ()

    def as_data(self) -> dict[str, Any]:
        """The figure as JSON: what a published release keeps and the API returns."""
        return {
            "key": self.key,
            "kind": self.kind,
            "label": self.label,
            "value": encode_value(self.kind, self.value),
            "currency": self.currency,
            "note": self.note,
            "rates": [r.as_data() for r in self.rates],
            "trace": self.trace.as_data(),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Figure:
        trace = data["trace"]
        return cls(
            key=data["key"],
            kind=data["kind"],
            label=data["label"],
            value=decode_value(data["kind"], data["value"]),
            trace=Trace(trace["source"], trace["filters"], trace["url"]),
            currency=data.get("currency", ""),
            note=data.get("note", ""),
            rates=tuple(Rate.from_data(r) for r in data.get("rates", [])),
        )


def encode_value(kind: str, value: Any) -> Any:
    if kind == MONEY:
        return str(value)
    if kind == DATE:
        return value.isoformat()
    if kind == DATE_RANGE:
        return [value[0].isoformat(), value[1].isoformat()]
    return value


def decode_value(kind: str, value: Any) -> Any:
    if kind == MONEY:
        return Decimal(value)
    if kind == DATE:
        return dt.date.fromisoformat(value)
    if kind == DATE_RANGE:
        return (dt.date.fromisoformat(value[0]), dt.date.fromisoformat(value[1]))
    return value


SectionFunc = Callable[[Forum], list[Figure]]


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str | Promise
    order: int
    figures: SectionFunc


_sections: dict[str, ReportSection] = {}


def report_section(
    key: str, title: str | Promise, *, order: int
) -> Callable[[SectionFunc], SectionFunc]:
    """Declare a section of dashboards and outcome reports, computed by the decorated function."""

    def register(func: SectionFunc) -> SectionFunc:
        _sections[key] = ReportSection(key, title, order, func)
        return func

    return register


def sections() -> list[ReportSection]:
    """Every declared section, in order."""
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
