"""Who a participant should meet: profiles ranked by how their offers meet one's requests and the
reverse, each explained in a sentence in the reader's language.

Offers and requests are compared through the forum's shared vocabulary (topics, cooperation
platforms, countries), so a Thai offer and a Chinese request meet when they name the same topic,
or when their free text holds words of the same topic in any language (a topic's keywords); free
text also counts by the overlap of its search tokens (characters and pairs in unspaced scripts,
folded words otherwise — the shared search's tokens), which finds what the vocabulary lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from infoharbor.core.countries import country_name
from infoharbor.core.formatting import local_list
from infoharbor.core.search import fold, index_tokens
from infoharbor.matchmaking.models import BusinessProfile, Opportunity, Topic
from infoharbor.registration.models import Participant

TOPIC_WEIGHT = 3.0  # the same named topic on both sides
PLATFORM_WEIGHT = 1.5
COUNTRY_WEIGHT = 1.0  # the request targets the offering side's country
TEXT_WEIGHT = 2.0  # times the overlap (Jaccard) of the free texts' search tokens


@dataclass(frozen=True)
class Side:
    """What one opportunity says, reduced to comparable sets."""

    opportunity: Opportunity
    topics: frozenset[int]
    platform: int | None
    countries: frozenset[str]
    tokens: frozenset[str]


@dataclass(frozen=True)
class Match:
    """One ranked candidate, the pair of opportunities that made the score, and why."""

    profile: BusinessProfile
    score: float
    offer: Opportunity | None  # the candidate's offer that meets one's request
    request: Opportunity | None  # the candidate's request that one's offer meets
    explanation: str


def topics_in_text(text: str, topics: Iterable[Topic]) -> set[int]:
    """Topics whose keywords (in any language) or names appear in `text`."""
    folded = fold(text)
    found = set()
    for topic in topics:
        words = [w for words in topic.keywords.values() for w in words]
        words += [name for _language, name in topic.name.items()]
        if any(fold(word) in folded for word in words if word):
            found.add(topic.pk)
    return found


def _side(opportunity: Opportunity, topics: list[Topic]) -> Side:
    text = f"{opportunity.products}\n{opportunity.text}"
    named = {t.pk for t in opportunity.topics.all()}
    return Side(
        opportunity=opportunity,
        topics=frozenset(named | topics_in_text(text, topics)),
        platform=opportunity.platform_id,
        countries=frozenset(opportunity.countries),
        tokens=frozenset(index_tokens(text).split()),
    )


def _fit(offer: Side, request: Side, offering_country: str) -> float:
    """How well an offer meets a request."""
    score = TOPIC_WEIGHT * len(offer.topics & request.topics)
    if offer.platform is not None and offer.platform == request.platform:
        score += PLATFORM_WEIGHT
    if offering_country and offering_country in request.countries:
        score += COUNTRY_WEIGHT
    if offer.tokens and request.tokens:
        shared = len(offer.tokens & request.tokens)
        score += TEXT_WEIGHT * shared / len(offer.tokens | request.tokens)
    return score


def _country(profile: BusinessProfile) -> str:
    person = profile.participant.person
    organization = person.organization
    return organization.country if organization is not None else person.country


def _best(
    offers: list[Side], requests: list[Side], offering_country: str
) -> tuple[float, Side | None, Side | None]:
    best: tuple[float, Side | None, Side | None] = (0.0, None, None)
    for offer in offers:
        for request in requests:
            fit = _fit(offer, request, offering_country)
            if fit > best[0]:
                best = (fit, offer, request)
    return best


def _describe(side: Side, topic_names: dict[int, str], language: str) -> str:
    """What an opportunity is about, readable by the reader: the products as written when the
    profile is in the reader's language, else the shared vocabulary's names in that language."""
    opportunity = side.opportunity
    names = sorted(topic_names[t] for t in side.topics if t in topic_names)
    if opportunity.products and (opportunity.profile.language == language or not names):
        return opportunity.products
    if names:
        return local_list(names, language)
    return opportunity.text[:80]


def _places(countries: Iterable[str], language: str) -> str:
    return local_list([country_name(c, language) for c in sorted(countries)], language)


def explain(
    offer: Side | None, request: Side | None, topic_names: dict[int, str], language: str
) -> str:
    """ "offers smart-city sensors; seeks logistics in Cambodia" for a candidate's best pair."""
    parts = []
    if offer is not None:
        parts.append(_("offers %(what)s") % {"what": _describe(offer, topic_names, language)})
    if request is not None:
        what = _describe(request, topic_names, language)
        if what and request.countries:
            where = _places(request.countries, language)
            parts.append(_("seeks %(what)s in %(countries)s") % {"what": what, "countries": where})
        elif what:
            parts.append(_("seeks %(what)s") % {"what": what})
        else:
            where = _places(request.countries, language)
            parts.append(_("seeks partners in %(countries)s") % {"countries": where})
    return "; ".join(parts)


def _profiles(forum_id: int) -> list[BusinessProfile]:
    opportunities = Opportunity.objects.select_related("platform").prefetch_related("topics")
    return list(
        BusinessProfile.objects.filter(
            participant__forum_id=forum_id,
            participant__status=Participant.Status.APPROVED,
            open_to_meetings=True,
        )
        .select_related("participant__person__organization")
        .prefetch_related(Prefetch("opportunities", queryset=opportunities))
    )


def recommend(participant: Participant, language: str, limit: int = 10) -> list[Match]:
    """The best `limit` partners for `participant`, best first, explained in `language`."""
    with translation.override(language):
        return _recommend(participant, language, limit)


def _recommend(participant: Participant, language: str, limit: int) -> list[Match]:
    topics = list(Topic.objects.filter(forum_id=participant.forum_id))
    topic_names = {t.pk: str(t.name.get(language)) for t in topics}
    profiles = _profiles(participant.forum_id)
    mine = next((p for p in profiles if p.participant_id == participant.pk), None)
    if mine is None:
        return []
    sides = {p.pk: [_side(o, topics) for o in p.opportunities.all()] for p in profiles}

    def split(profile: BusinessProfile) -> tuple[list[Side], list[Side]]:
        all_sides = sides[profile.pk]
        return (
            [s for s in all_sides if s.opportunity.kind == Opportunity.Kind.OFFER],
            [s for s in all_sides if s.opportunity.kind == Opportunity.Kind.REQUEST],
        )

    my_offers, my_requests = split(mine)
    my_country = _country(mine)
    ranked: list[Match] = []
    for profile in profiles:
        if profile.pk == mine.pk:
            continue
        offers, requests = split(profile)
        they_offer, their_offer, _my_request = _best(offers, my_requests, _country(profile))
        i_offer, _my_offer, their_request = _best(my_offers, requests, my_country)
        score = they_offer + i_offer
        if score <= 0:
            continue
        ranked.append(
            Match(
                profile,
                score,
                their_offer.opportunity if their_offer else None,
                their_request.opportunity if their_request else None,
                explain(their_offer, their_request, topic_names, language),
            )
        )
    ranked.sort(key=lambda m: (-m.score, m.profile.pk))
    return ranked[:limit]
