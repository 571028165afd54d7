"""Every write to the projects registry, with its rules: parties, money, status and imports.

The import's file handling and background job are core's (core/imports.py, wired in
projects/imports.py); the rules each row must meet, and the writes, are here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from hmrc_rates import HmrcRatesError, Rates

from infoharbor.core import audit
from infoharbor.core.audit import Actor
from infoharbor.core.imports import ImportRefused, Progress, Row, RowError
from infoharbor.core.models import City, Forum, Organization, Platform, country_code
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import Session
from infoharbor.projects import sheets
from infoharbor.projects.conversion import HMRC_SOURCE
from infoharbor.projects.dac import PURPOSE_CODES
from infoharbor.projects.models import (
    ExchangeRate,
    Project,
    ProjectDocument,
    ProjectParty,
    Sector,
    StatusChange,
)

Status = StatusChange.Status

# Where a project may go from each status; completed and cancelled are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SIGNED: frozenset({Status.PREPARATION, Status.SUSPENDED, Status.CANCELLED}),
    Status.PREPARATION: frozenset({Status.IMPLEMENTATION, Status.SUSPENDED, Status.CANCELLED}),
    Status.IMPLEMENTATION: frozenset({Status.COMPLETED, Status.SUSPENDED, Status.CANCELLED}),
    Status.SUSPENDED: frozenset({Status.PREPARATION, Status.IMPLEMENTATION, Status.CANCELLED}),
    Status.COMPLETED: frozenset(),
    Status.CANCELLED: frozenset(),
}

SHIPPED_CURRENCIES = (
    "CNY",
    "USD",
    "THB",
    "VND",
    "IDR",
    "MYR",
    "PHP",
    "SGD",
    "KHR",
    "LAK",
    "MMK",
    "BND",
)


def _user(actor: Actor) -> Any:
    """The user to attribute a row to: nobody for the seed, commands and anonymous visitors."""
    return actor if actor is not None and actor.is_authenticated else None


class ProjectError(ValidationError):
    """A change to the registry that its rules refuse."""


@dataclass(frozen=True)
class PartySpec:
    organization: Organization
    role: str


# ----------------------------------------------------------------------------------------------
# Rules shared by the forms and the import: each returns a message, or None when the value is fine.


def currency_problem(code: str) -> str | None:
    if code not in list_currencies():
        return _("“%(code)s” is not an ISO 4217 currency code.") % {"code": code}
    return None


def signing_date_problem(forum: Forum, day: dt.date) -> str | None:
    if not forum.start_date <= day <= forum.end_date:
        return _("%(day)s is outside the forum's dates, %(first)s to %(last)s.") % {
            "day": day.isoformat(),
            "first": forum.start_date.isoformat(),
            "last": forum.end_date.isoformat(),
        }
    return None


def signing_session_problem(forum: Forum, session: Session, day: dt.date) -> str | None:
    if session.forum_id != forum.pk:
        return _("The signing session belongs to another forum.")
    local_day = session.start.astimezone(forum.tz).date()
    if local_day != day:
        return _("“%(session)s” took place on %(session_day)s, not on %(day)s.") % {
            "session": session.title,
            "session_day": local_day.isoformat(),
            "day": day.isoformat(),
        }
    return None


def amount_problem(amount: Decimal | None, amount_kind: str) -> str | None:
    if amount_kind == Project.AmountKind.UNDISCLOSED:
        return _("An undisclosed amount has no figure.") if amount is not None else None
    if amount is None:
        return _("Give the amount, or mark it undisclosed.")
    if amount < 0:
        return _("The amount cannot be negative.")
    return None


# ----------------------------------------------------------------------------------------------
# Projects


def _search_text(project: Project, parties: Sequence[PartySpec]) -> str:
    # A new project's untouched description is still the field default, a plain dict.
    texts = [
        TranslatedText(t) if isinstance(t, dict) else t
        for t in (project.title, project.description)
    ]
    parts = [project.reference, *(value for t in texts for value in t.data.values())]
    for party in parties:
        parts += [party.organization.short_name, *party.organization.name.data.values()]
    return " ".join(p for p in parts if p).casefold()


def project_problems(project: Project) -> dict[str, list[str]]:
    """What is wrong with a project's own fields, by field; empty when nothing is."""
    forum = project.forum
    found: dict[str, str | None] = {
        "signed_on": signing_date_problem(forum, project.signed_on) if project.signed_on else None,
        "amount": amount_problem(project.amount, project.amount_kind),
        "currency": currency_problem(project.currency) if project.currency else None,
    }
    if project.signing_session is not None and project.signed_on:
        found["signing_session"] = signing_session_problem(
            forum, project.signing_session, project.signed_on
        )
    if project.amount is not None and not project.currency:
        found["currency"] = _("Give the currency of the amount.")
    return {name: [message] for name, message in found.items() if message}


def parties_problem(forum: Forum, parties: Sequence[PartySpec]) -> str | None:
    if not parties:
        return _("A project needs at least one party.")
    if any(p.organization.forum_id != forum.pk for p in parties):
        return _("Every party must be an organization of this forum.")
    return None


@transaction.atomic
def save_project(
    actor: Actor,
    project: Project,
    *,
    parties: Sequence[PartySpec],
    platforms: Iterable[Platform] = (),
) -> Project:
    """Create or change a project with its parties and platforms; its history starts as signed."""
    problems = project_problems(project)
    if message := parties_problem(project.forum, parties):
        problems["parties"] = [message]
    if problems:
        raise ProjectError(problems)
    if project.signing_session is not None and project.signing_city is None:
        project.signing_city = project.signing_session.city
    created = project.pk is None
    before = {} if created else audit.snapshot(Project.objects.get(pk=project.pk))
    before_parties = [] if created else _party_rows(project)
    project.search_text = _search_text(project, parties)
    project.full_clean(exclude=["search_text"])
    project.save()
    project.platforms.set(platforms)
    project.parties.all().delete()
    ProjectParty.objects.bulk_create(
        ProjectParty(project=project, organization=p.organization, role=p.role)
        for p in dict.fromkeys(parties)
    )
    after_parties = _party_rows(project)
    extra = (
        {"parties": [before_parties, after_parties]} if before_parties != after_parties else None
    )
    audit.record(
        actor,
        "project.created" if created else "project.changed",
        project,
        forum=project.forum,
        before=before,
        after=audit.snapshot(project),
        extra=extra,
    )
    if not project.history.exists():
        StatusChange.objects.create(
            project=project,
            status=Status.SIGNED,
            date=project.signed_on,
            recorded_by=_user(actor),
        )
    return project


def _party_rows(project: Project) -> list[list[object]]:
    return [
        [organization_id, role]
        for organization_id, role in project.parties.order_by(
            "organization_id", "role"
        ).values_list("organization_id", "role")
    ]


def current_status(project: Project) -> StatusChange | None:
    return project.history.order_by("-date", "-id").first()


@transaction.atomic
def record_status_change(
    actor: Actor,
    project: Project,
    status: str,
    date: dt.date,
    *,
    source_url: str = "",
    document: ProjectDocument | None = None,
    note: str = "",
) -> StatusChange:
    """Move a project on in its life; the change must be allowed, dated and sourced."""
    # Lock the project so two organisers cannot both move it on from the same status.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    latest = current_status(project)
    errors: dict[str, list[str]] = {}
    if status not in Status.values:
        raise ProjectError({"status": [_("Unknown status “%(value)s”.") % {"value": status}]})
    if latest is not None and status not in TRANSITIONS[latest.status]:
        errors["status"] = [
            _("A project that is %(current)s cannot become %(next)s.")
            % {"current": latest.get_status_display(), "next": Status(status).label}
        ]
    if latest is not None and date < latest.date:
        errors["date"] = [
            _("The change cannot be dated before the last one (%(date)s).")
            % {"date": formats.date_format(latest.date)}
        ]
    if not source_url and document is None:
        errors["source_url"] = [_("Give a source: a link or one of the project's documents.")]
    if document is not None and document.project_id != project.pk:
        errors["document"] = [_("The document belongs to another project.")]
    if errors:
        raise ProjectError(errors)
    change = StatusChange(
        project=project,
        status=status,
        date=date,
        source_url=source_url,
        document=document,
        note=note,
        recorded_by=_user(actor),
    )
    change.full_clean()
    change.save()
    audit.record(
        actor,
        "project.status_changed",
        project,
        forum=project.forum,
        extra={"status": [latest.status if latest else None, status], "date": date.isoformat()},
    )
    return change


@transaction.atomic
def attach_document(actor: Actor, project: Project, title: str, upload: File) -> ProjectDocument:
    document = ProjectDocument(project=project, title=title, uploaded_by=None)
    if actor is not None and actor.is_authenticated:
        document.uploaded_by = actor  # type: ignore[assignment]
    document.file.save(upload.name or "document", upload, save=False)
    document.full_clean()
    document.save()
    audit.record(
        actor,
        "project.document_attached",
        project,
        forum=project.forum,
        extra={"document": [None, document.file.name]},
    )
    return document


# ----------------------------------------------------------------------------------------------
# Exchange rates


@transaction.atomic
def add_exchange_rate(
    actor: Actor,
    forum: Forum,
    *,
    base: str,
    currency: str,
    date: dt.date,
    rate: Decimal,
    source: str,
) -> ExchangeRate:
    """An organiser's own rate: `rate` units of `currency` per unit of `base`, from `date`."""
    errors = {
        name: [message]
        for name, message in (
            ("base", currency_problem(base)),
            ("currency", currency_problem(currency)),
        )
        if message
    }
    if base == currency:
        errors["currency"] = [_("A rate needs two different currencies.")]
    if rate <= 0:
        errors["rate"] = [_("A rate must be greater than zero.")]
    if errors:
        raise ProjectError(errors)
    row = ExchangeRate(
        forum=forum, base=base, currency=currency, date=date, rate=rate, source=source
    )
    row.full_clean()
    row.save()
    audit.record(actor, "exchange_rate.added", row, forum=forum, after=audit.snapshot(row))
    return row


def hmrc_months(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from `first`'s to `last`'s."""
    months = []
    day = first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


@transaction.atomic
def load_hmrc_rates(
    actor: Actor, months: Iterable[dt.date], currencies: Sequence[str] = SHIPPED_CURRENCIES
) -> int:
    """Store HMRC's monthly rates (units per GBP) shipped in hmrc-rates; returns how many are new.

    A month HMRC never published is skipped; running it twice stores nothing new.
    """
    rates = Rates()
    created = 0
    for month in months:
        for code in currencies:
            try:
                rate = rates.monthly_rate(code, f"{month:%Y-%m}")
            except HmrcRatesError:
                continue
            row, new = ExchangeRate.objects.get_or_create(
                forum=None,
                base="GBP",
                currency=code,
                date=month,
                source=HMRC_SOURCE.format(month=f"{month:%Y-%m}"),
                defaults={"rate": rate.units_per_gbp},
            )
            if new:
                created += 1
                audit.record(
                    actor, "exchange_rate.loaded", row, forum=None, after=audit.snapshot(row)
                )
    return created


# ----------------------------------------------------------------------------------------------
# Import


@dataclass
class ImportedRow:
    """A checked row of a projects file, ready for `save_imported`."""

    number: int
    project: Project
    parties: list[PartySpec] = field(default_factory=list)
    platforms: list[Platform] = field(default_factory=list)


class _Lookups:
    """The forum's platforms, sectors, organizations, cities and sessions by what a file names."""

    def __init__(self, forum: Forum) -> None:
        self.platforms = {p.code.casefold(): p for p in Platform.objects.filter(forum=forum)}
        self.sectors = {s.code.casefold(): s for s in Sector.objects.filter(forum=forum)}
        self.sessions = {s.slug.casefold(): s for s in Session.objects.filter(forum=forum)}
        self.organizations: dict[str, list[Organization]] = {}
        for org in Organization.objects.filter(forum=forum):
            for name in {org.short_name, *org.name.data.values()} - {""}:
                self.organizations.setdefault(name.casefold(), []).append(org)
        self.cities: dict[str, City] = {}
        for city in City.objects.all():
            for name in city.name.data.values():
                self.cities.setdefault(name.casefold(), city)
        self.references = set(
            Project.objects.filter(forum=forum).values_list("reference", flat=True)
        )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _parse_row(
    forum: Forum, number: int, raw: dict[str, str], look: _Lookups, seen: set[str]
) -> tuple[ImportedRow | None, list[RowError]]:
    problems: list[RowError] = []

    def bad(column: str, message: str) -> None:
        problems.append(RowError(number, column, message))

    project = Project(forum=forum)
    reference = raw.get("reference", "")
    if not reference:
        bad("reference", _("A reference is required."))
    elif reference in look.references or reference in seen:
        bad("reference", _("Reference “%(value)s” is already used.") % {"value": reference})
    seen.add(reference)
    project.reference = reference
    languages = forum.content_languages()
    project.title = TranslatedText({c: raw.get(f"title_{c}", "") for c in languages})
    project.description = TranslatedText({c: raw.get(f"description_{c}", "") for c in languages})
    if not any(raw.get(f"title_{c}") for c in languages):
        bad("title_" + forum.default_language, _("Give a title in at least one language."))
    kind = raw.get("kind", "").lower()
    if kind not in Project.Kind.values:
        bad(
            "kind",
            _("Unknown kind “%(value)s”; use one of %(choices)s.")
            % {"value": kind, "choices": ", ".join(Project.Kind.values)},
        )
    project.kind = kind
    platforms = []
    for code in _split(raw.get("platforms", "")):
        if code.casefold() in look.platforms:
            platforms.append(look.platforms[code.casefold()])
        else:
            bad("platforms", _("Unknown platform “%(value)s”.") % {"value": code})
    if sector := raw.get("sector", ""):
        project.sector = look.sectors.get(sector.casefold())
        if project.sector is None:
            bad("sector", _("Unknown sector “%(value)s”.") % {"value": sector})
    parties = []
    for role, column in sheets.PARTY_COLUMNS.items():
        for name in _split(raw.get(column, "")):
            matches = look.organizations.get(name.casefold(), [])
            if len(matches) == 1:
                parties.append(PartySpec(matches[0], role))
            elif matches:
                bad(column, _("“%(value)s” matches several organizations.") % {"value": name})
            else:
                bad(column, _("“%(value)s” matches no organization.") % {"value": name})
    if not any(raw.get(c) for c in sheets.PARTY_COLUMNS.values()):
        bad("funders", _("A project needs at least one party."))
    for column, attr in (("location_city", "city"), ("signing_city", "signing_city")):
        if name := raw.get(column, ""):
            found = look.cities.get(name.casefold())
            if found is None:
                bad(column, _("Unknown city “%(value)s”.") % {"value": name})
            setattr(project, attr, found)
    if country := raw.get("location_country", "").strip().upper():
        try:
            country_code(country)
        except ValidationError:
            bad(
                "location_country",
                _("“%(value)s” is not an ISO 3166-1 country code.") % {"value": country},
            )
        project.country = country
    try:
        project.signed_on = dt.date.fromisoformat(raw.get("signed_on", ""))
    except ValueError:
        bad(
            "signed_on",
            _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": raw.get("signed_on", "")},
        )
    else:
        if message := signing_date_problem(forum, project.signed_on):
            bad("signed_on", message)
    if slug := raw.get("signing_session", ""):
        session = look.sessions.get(slug.casefold())
        if session is None:
            bad("signing_session", _("Unknown session “%(value)s”.") % {"value": slug})
        elif project.signed_on and (
            message := signing_session_problem(forum, session, project.signed_on)
        ):
            bad("signing_session", message)
        project.signing_session = session
        if session is not None and project.signing_city is None:
            project.signing_city = session.city
    project.amount_kind = raw.get("amount_kind", "").lower() or Project.AmountKind.TOTAL_INVESTMENT
    if project.amount_kind not in Project.AmountKind.values:
        bad(
            "amount_kind",
            _("Unknown amount kind “%(value)s”; use one of %(choices)s.")
            % {"value": project.amount_kind, "choices": ", ".join(Project.AmountKind.values)},
        )
    if text := raw.get("amount", "").replace(",", ""):
        try:
            project.amount = Decimal(text)
        except InvalidOperation:
            bad("amount", _("“%(value)s” is not a number.") % {"value": raw.get("amount")})
    if project.amount is not None and not project.amount.is_finite():
        bad("amount", _("“%(value)s” is not a number.") % {"value": raw.get("amount")})
        project.amount = None
    if project.amount_kind in Project.AmountKind.values and (
        message := amount_problem(project.amount, project.amount_kind)
    ):
        bad("amount", message)
    project.currency = raw.get("currency", "").strip().upper()
    if project.currency and (message := currency_problem(project.currency)):
        bad("currency", message)
    elif project.amount is not None and not project.currency:
        bad("currency", _("Give the currency of the amount."))
    if problems:
        return None, problems
    return ImportedRow(number, project, parties, platforms), []


def check_import(
    forum: Forum, raws: Sequence[Row], progress: Progress
) -> tuple[list[ImportedRow], list[RowError]]:
    """Check every row of a projects file against the registry's rules; write nothing."""
    look = _Lookups(forum)
    seen: set[str] = set()
    rows: list[ImportedRow] = []
    problems: list[RowError] = []
    for done, raw in enumerate(raws, start=1):
        row, found = _parse_row(forum, raw.number, raw.values, look, seen)
        problems += found
        if row is not None:
            rows.append(row)
        progress(done, len(raws))
    return rows, problems


def save_imported(actor: Actor, rows: Sequence[ImportedRow]) -> list[Project]:
    """Save checked rows, all or none: a row the save refuses rolls back the whole file."""
    saved = []
    problems: list[RowError] = []
    with transaction.atomic():
        for row in rows:
            try:
                saved.append(
                    save_project(actor, row.project, parties=row.parties, platforms=row.platforms)
                )
            except ValidationError as exc:
                problems += [
                    RowError(row.number, column, message)
                    for column, messages in exc.message_dict.items()
                    for message in messages
                ]
        if problems:
            raise ImportRefused(problems)
    return saved


@transaction.atomic
def add_dac_sectors(actor: Actor, forum: Forum) -> int:
    """Give a forum the shipped OECD DAC purpose codes; returns how many were new."""
    created = 0
    for code, name in PURPOSE_CODES.items():
        sector, new = Sector.objects.get_or_create(
            forum=forum, vocabulary=Sector.Vocabulary.DAC, code=code, defaults={"name": name}
        )
        if new:
            created += 1
            audit.record(actor, "sector.added", sector, forum=forum, after=audit.snapshot(sector))
    return created
