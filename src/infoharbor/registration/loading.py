"""Registration's section of a forum folder: `registration.toml`.

Read by `core.forum_loader`. It gives the participant categories, the registration form's
questions, and optionally [synthetic]: how many invented participants to register, with the
names, countries, answers and choices they are drawn from (deterministically, from
`random_seed`). Sessions get their room's seats as capacity. Synthetic participants register
through `registration.services` like anyone else (seats, waiting lists, audit, outbox), then the
registration desk's decision is applied through the same services; the emails they would get
stay in the outbox, marked as not to be sent (the addresses are invented).

The number of synthetic participants is capped by the INFOHARBOR_SEED_PARTICIPANTS setting
(tests lower it). A forum that already has synthetic participants gets no more, so a second load
changes nothing.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from infoharbor.core.countries import country_name
from infoharbor.core.forum_loader import Loader, forum_section
from infoharbor.core.models import Forum, Organization, Person
from infoharbor.core.translated import TranslatedText
from infoharbor.program import services as program_services
from infoharbor.program.models import Session
from infoharbor.registration import queries, services
from infoharbor.registration.models import (
    Category,
    Delegation,
    OutboxEmail,
    Participant,
    Question,
    SessionCapacity,
)
from infoharbor.registration.services import PersonInput, RegistrationInput

Path = list[str | int]


def _categories(forum: Forum, data: dict[str, Any], loader: Loader) -> dict[str, int]:
    """Save the categories; returns each one's share of the synthetic participants."""
    shares = {}
    for path, table in loader.items(data, "category"):
        with loader.entry(*path):
            code = loader.value(table, "code", path, str)
            category = Category.objects.filter(forum=forum, code=code).first() or Category(
                forum=forum, code=code
            )
            category.name = loader.text(table, "name", path)
            category.needs_approval = loader.value(
                table, "needs_approval", path, bool, default=True
            )
            category.colour = loader.value(table, "colour", path, str, default="#1F6FB2")
            category.is_public = loader.value(table, "is_public", path, bool, default=True)
            category.order = int(path[-1])
            category.full_clean()
            category.save()
            loader.add("category", code, category)
            shares[code] = loader.value(table, "share", path, int, default=1)
    return shares


def _questions(forum: Forum, data: dict[str, Any], loader: Loader) -> None:
    for path, table in loader.items(data, "question"):
        with loader.entry(*path):
            code = loader.value(table, "code", path, str)
            question = Question.objects.filter(forum=forum, code=code).first() or Question(
                forum=forum, code=code
            )
            question.kind = loader.choice(table, "kind", path, list(Question.Kind.values))
            question.label = loader.text(table, "label", path)
            question.help_text = loader.text(table, "help_text", path, required=False)
            question.options = [
                {
                    "value": loader.value(option, "value", p, str),
                    "label": loader.text(option, "label", p).data,
                }
                for p, option in loader.items(table, "option", path)
            ]
            question.required = loader.value(table, "required", path, bool, default=False)
            question.order = int(path[-1])
            question.full_clean()
            question.save()


def _capacities(forum: Forum, visit_seats: int | None) -> None:
    """Sessions get their room's seats (the main hall's 2,200); visits get coach seats."""
    limited = set(
        SessionCapacity.objects.filter(session__forum=forum).values_list("session_id", flat=True)
    )
    for session in Session.objects.filter(forum=forum).select_related("room").order_by("pk"):
        seats = session.room.capacity if session.room else visit_seats
        if seats is not None and session.pk not in limited:
            services.set_capacity(None, session, seats)


def _latin(text: str) -> str:
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
        if not unicodedata.combining(c)
    )


@dataclass
class Country:
    code: str
    language: str
    given: list[tuple[str, str]]  # (in own script, Latin); Latin empty where the script is Latin
    family: list[tuple[str, str]]
    family_first: bool
    separator: str

    def name(self, rng: random.Random) -> tuple[str, str]:
        given, given_latin = rng.choice(self.given)
        family, family_latin = rng.choice(self.family) if self.family else ("", "")
        given_latin, family_latin = given_latin or _latin(given), family_latin or _latin(family)
        if self.family_first:
            own, latin = f"{family}{self.separator}{given}", f"{family_latin} {given_latin}"
        else:
            own, latin = f"{given}{self.separator}{family}", f"{given_latin} {family_latin}"
        return own.strip(), latin.strip()


def _names(loader: Loader, table: dict[str, Any], key: str, path: Path) -> list[tuple[str, str]]:
    names = []
    for name in loader.value(table, key, path, list):
        pair = (name, "") if isinstance(name, str) else tuple(name)
        if len(pair) != 2 or not all(isinstance(p, str) for p in pair):
            raise loader.fail([*path, key], _('Give each name as "name" or ["name", "Latin"].'))
        names.append(pair)
    return names


def _countries(
    forum: Forum, loader: Loader, syn: dict[str, Any]
) -> tuple[list[Country], list[int]]:
    countries, weights = [], []
    for path, table in loader.items(syn, "country", ["synthetic"]):
        with loader.entry(*path):
            countries.append(
                Country(
                    code=loader.value(table, "code", path, str),
                    language=loader.choice(table, "language", path, list(forum.languages)),
                    given=_names(loader, table, "given_names", path),
                    family=_names(loader, table, "family_names", path),
                    family_first=loader.value(table, "family_name_first", path, bool),
                    separator=loader.value(table, "separator", path, str, default=" "),
                )
            )
            weights.append(loader.value(table, "weight", path, int))
    return countries, weights


def _synthetic(forum: Forum, syn: dict[str, Any], shares: dict[str, int], loader: Loader) -> str:
    """Register the synthetic participants through the registration services."""
    p: Path = ["synthetic"]
    count = min(loader.value(syn, "participants", p, int), settings.INFOHARBOR_SEED_PARTICIPANTS)
    rng = random.Random(loader.value(syn, "random_seed", p, int))
    email = loader.value(syn, "email", p, str)
    low, high = loader.value(syn, "sessions_per_participant", p, list)
    status_weights = loader.value(syn, "status_weights", p, dict)
    answers = loader.value(syn, "answers", p, dict)
    info_request = loader.text(syn, "info_request", p)
    delegation_category = loader.value(syn, "delegation_category", p, str)
    host_country = loader.value(syn, "host_country", p, str, default="")
    delegation_name = loader.text(syn, "delegation_name", p)
    organization_share = loader.value(syn, "organization_share", p, float)
    countries, country_weights = _countries(forum, loader, syn)
    if loader.problems:
        return ""
    program = list(
        Session.objects.filter(forum=forum).select_related("city", "forum").order_by("start", "pk")
    )
    sessions = [s.slug for s in program]
    colliding = {
        frozenset((a.slug, b.slug)) for a, b, _minutes in program_services.collisions(program)
    }
    orgs: dict[str, list[Organization]] = {}
    for organization in Organization.objects.filter(forum=forum).order_by("pk"):
        orgs.setdefault(organization.country, []).append(organization)
    categories = {code: loader.get("category", code, ["category"]) for code in shares}
    # The forum's named people are found by their Latin name: never invent a namesake.
    taken = set(Person.objects.filter(forum=forum).values_list("name_latin", flat=True))
    decisions: dict[str, Callable[[Participant], object]] = {
        Participant.Status.APPROVED: lambda participant: services.approve(None, participant),
        Participant.Status.NEEDS_INFO: lambda participant: services.request_info(
            None, participant, info_request.get(participant.language)
        ),
        Participant.Status.REJECTED: lambda participant: services.reject(None, participant),
        Participant.Status.CANCELLED: services.cancel,
    }
    inactive = {Participant.Status.REJECTED, Participant.Status.CANCELLED}
    delegations: dict[str, Delegation] = {}
    offer = queries.registration_offer_now(forum)  # the loop adds no category nor session
    for n in range(count):
        country = rng.choices(countries, weights=country_weights)[0]
        own, latin = country.name(rng)
        while latin in taken:
            own, latin = country.name(rng)
        pool = orgs.get(country.code, [])
        org = rng.choice(pool) if pool and rng.random() < organization_share else None
        category = categories[rng.choices(list(shares), weights=list(shares.values()))[0]]
        status = (
            rng.choices(list(status_weights), weights=list(status_weights.values()))[0]
            if category.needs_approval
            else Participant.Status.APPROVED
        )
        chosen: list[str] = []
        if status not in inactive:
            # A participant keeps the first of two sessions they could not both attend.
            for slug in rng.sample(sessions, k=min(len(sessions), rng.randint(low, high))):
                if not any(frozenset((slug, kept)) in colliding for kept in chosen):
                    chosen.append(slug)
        heads = category.code == delegation_category and country.code != host_country
        data = RegistrationInput(
            person=PersonInput(
                name=own,
                name_latin=latin if latin != own else "",
                organization=org.name.data.get(country.language, "") if org else "",
                organization_kind=org.kind if org else Organization.Kind.ENTERPRISE,
                country=country.code,
                email=email.format(number=n + 1),
            ),
            category=category.code,
            language=country.language,
            answers={code: rng.choice(values) for code, values in answers.items()},
            sessions=chosen,
            delegation_name=(
                TranslatedText(
                    {
                        code: pattern.format(country=country_name(country.code, code))
                        for code, pattern in delegation_name.items()
                    }
                )
                if heads and country.code not in delegations
                else ""
            ),
        )
        registration = services.register(
            forum,
            data,
            source=Participant.Source.SEED,
            delegation=delegations.get(country.code) if heads else None,
            offer=offer,
        )
        participant = registration.participant
        if data.delegation_name:
            delegations[country.code] = Delegation.objects.get(head=participant)
        if participant.status != status:
            decisions[status](participant)
    OutboxEmail.objects.filter(
        participant__forum=forum,
        participant__source=Participant.Source.SEED,
        status=OutboxEmail.Status.PENDING,
    ).update(status=OutboxEmail.Status.SKIPPED)
    return f"{count} synthetic participants, {len(delegations)} delegations"


@forum_section("registration", after=("sessions", "organizations"))
def load(forum: Forum, data: dict[str, Any], loader: Loader) -> str:
    shares = _categories(forum, data, loader)
    _questions(forum, data, loader)
    syn = data.get("synthetic")
    if not isinstance(syn, dict) or loader.problems:
        return f"{len(shares)} categories"
    with loader.entry("synthetic"):
        _capacities(forum, loader.value(syn, "visit_seats", ["synthetic"], int, default=0) or None)
    existing = Participant.objects.filter(forum=forum, source=Participant.Source.SEED).count()
    if existing:
        return f"{len(shares)} categories, {existing} synthetic participants (already there)"
    with loader.entry("synthetic"):
        return f"{len(shares)} categories, " + _synthetic(forum, syn, shares, loader)
    return f"{len(shares)} categories"
