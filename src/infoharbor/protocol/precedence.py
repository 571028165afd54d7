"""Order of precedence: who goes before whom among a forum's dignitaries, and why.

Pure rules, for the protocol office's pages and every plan built on precedence (stage, seating).
People are ordered by rank; among equals the forum's tie rules decide: the host country last
(a host yields to its guests), then the alphabetical order of the countries' names in English or
French (as in diplomatic practice), or the date of arrival. A protocol officer may override the
computed order ("place A right before B") with a reason; overrides are applied last, in the order
they were made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import icu
from django.utils.translation import gettext as _

from infoharbor.core.countries import country_name

ALPHABET_EN = "alphabet_en"
ALPHABET_FR = "alphabet_fr"
ARRIVAL = "arrival"
TIE_BREAKS = (ALPHABET_EN, ALPHABET_FR, ARRIVAL)


@dataclass(frozen=True)
class Dignitary:
    """One person as precedence sees them; `key` identifies them (a Person's id)."""

    key: int
    name: str
    rank_order: int  # lower goes first
    rank_name: str
    country: str  # ISO 3166-1 alpha-2, "" when unknown
    arrived_at: dt.datetime | None = None


@dataclass(frozen=True)
class TieRules:
    host_country: str = ""
    host_last: bool = True
    tie_break: str = ALPHABET_EN


@dataclass(frozen=True)
class Override:
    """Place `person` immediately before `before`, whatever the rules say."""

    person: int
    before: int
    reason: str


@dataclass(frozen=True)
class Placed:
    """A dignitary's place, with why they come after the one before them ("" for the first)."""

    position: int
    dignitary: Dignitary
    why: str


class _Keys:
    """Sort keys of the tie rules, with collators made once per ordering."""

    def __init__(self, rules: TieRules) -> None:
        self.rules = rules
        self.language = "fr" if rules.tie_break == ALPHABET_FR else "en"
        self.collator = icu.Collator.createInstance(icu.Locale(self.language))

    def host(self, d: Dignitary) -> int:
        return int(
            self.rules.host_last and bool(d.country) and d.country == self.rules.host_country
        )

    def tie(self, d: Dignitary) -> tuple[object, ...]:
        if self.rules.tie_break == ARRIVAL:
            arrived = d.arrived_at or dt.datetime.max.replace(tzinfo=dt.UTC)
            return (arrived,)
        return (self.collator.getSortKey(country_name(d.country, self.language)),)

    def key(self, d: Dignitary) -> tuple[object, ...]:
        return (d.rank_order, self.host(d), *self.tie(d), self.collator.getSortKey(d.name), d.key)


def describe(d: Dignitary, language: str) -> str:
    """ "minister of Thailand": the rank and the country, as explanations name people."""
    if not d.country:
        return d.rank_name
    return _("%(rank)s of %(country)s") % {
        "rank": d.rank_name,
        "country": country_name(d.country, language),
    }


def _why(first: Dignitary, second: Dignitary, keys: _Keys, language: str) -> str:
    names = {"first": describe(first, language), "second": describe(second, language)}
    if first.rank_order != second.rank_order:
        return _("%(first)s before %(second)s: rank") % names
    if keys.host(first) != keys.host(second):
        return _("%(first)s before %(second)s: the host country comes last among equals") % names
    if keys.tie(first) != keys.tie(second):
        if keys.rules.tie_break == ARRIVAL:
            return _("%(first)s before %(second)s: earlier arrival") % names
        if keys.language == "fr":
            return _("%(first)s before %(second)s: country names in French alphabetical order") % (
                names
            )
        return _("%(first)s before %(second)s: country names in English alphabetical order") % (
            names
        )
    return _("%(first)s before %(second)s: same rank and country, names in alphabetical order") % (
        names
    )


def order(
    dignitaries: Sequence[Dignitary],
    rules: TieRules,
    overrides: Sequence[Override] = (),
    language: str = "en",
) -> list[Placed]:
    """`dignitaries` in order of precedence, each with the reason they follow the one before.

    `language` is the language of the explanations' country names.
    """
    keys = _Keys(rules)
    ordered = sorted(dignitaries, key=keys.key)
    moved: dict[int, str] = {}
    for override in overrides:
        index = {d.key: i for i, d in enumerate(ordered)}
        if override.person not in index or override.before not in index:
            continue
        person = ordered.pop(index[override.person])
        target = next(i for i, d in enumerate(ordered) if d.key == override.before)
        ordered.insert(target, person)
        moved[override.person] = override.reason
        moved[override.before] = override.reason
    placed = []
    for position, dignitary in enumerate(ordered):
        why = ""
        if position:
            previous = ordered[position - 1]
            if (
                previous.key in moved
                and (dignitary.key in moved)
                and keys.key(previous) > keys.key(dignitary)
            ):
                why = _(
                    "%(first)s before %(second)s: placed by the protocol officer (%(reason)s)"
                ) % {
                    "first": describe(previous, language),
                    "second": describe(dignitary, language),
                    "reason": moved[previous.key],
                }
            else:
                why = _why(previous, dignitary, keys, language)
        placed.append(Placed(position + 1, dignitary, why))
    return placed
