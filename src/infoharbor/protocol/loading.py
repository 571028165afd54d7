"""Loading a forum's protocol office from data (the seed's `protocol.toml`): settings, ranks,
signatories and witnesses (ranks given to synthetic, approved participants), the signing
ceremonies' run sheets, interpreters and booths, room layouts (tables and seats) and a seating
plan on its room's layout. Idempotent: what exists is kept.

The forum loader's `protocol` section (core/forum_loader.py) reads `protocol.toml`; rows are made
through the services, so every rule holds for the seed too. It runs after the participants and
the projects are loaded.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from infoharbor.core.forum_loader import Loader, forum_section
from infoharbor.core.models import Forum, Organization, Person, Room
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import Session
from infoharbor.projects.models import Project, ProjectParty
from infoharbor.protocol import services
from infoharbor.protocol.models import (
    Dignitary,
    Interpreter,
    ProtocolSettings,
    Rank,
    RoomLayout,
    SeatingPlan,
    SeatingRule,
    Signatory,
    Signing,
)
from infoharbor.protocol.services import SignatorySpec, TableRow
from infoharbor.registration.models import Participant


def _settings(forum: Forum, data: dict[str, Any]) -> None:
    settings = services.settings_of(forum)
    for field, value in data.items():
        setattr(settings, field, value)
    services.save_settings(None, settings)


def _ranks(forum: Forum, rows: list[dict[str, Any]]) -> dict[str, Rank]:
    ranks = {}
    for order, row in enumerate(rows):
        rank = Rank.objects.filter(forum=forum, code=row["code"]).first() or Rank(
            forum=forum, code=row["code"]
        )
        rank.name = TranslatedText(row["name"])
        rank.order = order
        ranks[row["code"]] = services.save_rank(None, rank)
    return ranks


def _pick(forum: Forum, country: str, used: set[int]) -> Person:
    """A synthetic, approved participant from `country` (anyone approved when none is), not
    chosen before: the seed's people take the protocol's parts, so they are registered."""
    approved = Person.objects.filter(
        registrations__forum=forum,
        registrations__status=Participant.Status.APPROVED,
        synthetic=True,
    ).exclude(pk__in=used)
    person = (
        approved.filter(country=country).order_by("pk").first() or approved.order_by("pk").first()
    )
    if person is None:
        raise ValueError("the protocol's seed needs approved participants")
    used.add(person.pk)
    return person


def _plain_person(forum: Forum, row: dict[str, Any]) -> Person:
    """An invented person who works at the forum without registering (an interpreter), found
    again by an email address made from their Latin name (participants may share the name)."""
    email = row["name_latin"].lower().replace(" ", ".") + "@interpreters.example.org"
    person, _created = Person.objects.get_or_create(
        forum=forum,
        email=email,
        defaults={"name": row["name"], "name_latin": row["name_latin"], "synthetic": True},
    )
    return person


def _signings(
    run_sheet_data: dict[str, Any],
    forum: Forum,
    by_organization: dict[int, Person],
    witnesses: dict[str, Person],
    announcements: dict[str, dict[str, str]],
) -> int:
    session = Session.objects.get(forum=forum, slug=run_sheet_data["session"])
    run_sheet = services.run_sheet_of(session)
    run_sheet.opening_minutes = run_sheet_data["opening_minutes"]
    run_sheet.closing_minutes = run_sheet_data["closing_minutes"]
    run_sheet.save(update_fields=["opening_minutes", "closing_minutes"])
    done = set(Signing.objects.filter(run_sheet=run_sheet).values_list("project_id", flat=True))
    # The projects the seed names come first, then the invented ones, each in reference order.
    projects = Project.objects.filter(signing_session=session).order_by("synthetic", "reference")
    added = 0
    for project in projects:
        if project.pk in done:
            continue
        named = not project.synthetic
        specs: list[SignatorySpec] = []
        for party in ProjectParty.objects.filter(project=project).order_by("id"):
            person = by_organization[party.organization_id]
            if any(s.person == person for s in specs):
                continue
            side = (
                Signatory.Side.HOST
                if party.role == ProjectParty.Role.HOST
                else Signatory.Side.GUEST
            )
            specs.append(SignatorySpec(person, side=side))
        if named:
            specs += [
                SignatorySpec(witnesses[key], Signatory.Role.WITNESS)
                for key in run_sheet_data["witnesses"]
            ]
        services.add_signing(
            None,
            run_sheet,
            project,
            specs,
            minutes=run_sheet_data["named_minutes" if named else "minutes"],
            exchange_minutes=run_sheet_data[
                "named_exchange_minutes" if named else "exchange_minutes"
            ],
            announcement=TranslatedText(announcements.get(project.reference, {})),
        )
        added += 1
    return added


def _layout(room: Room, data: dict[str, Any]) -> RoomLayout:
    """The room's tables: single ones, and blocks of `rows` × `per_row` numbered tables."""
    layout = RoomLayout.objects.filter(room=room).first()
    if layout is not None:
        return layout
    rows: list[TableRow] = []
    for table in data["tables"]:
        if "rows" not in table:
            rows.append(
                TableRow(
                    None,
                    table["label"],
                    table["shape"],
                    table["seats"],
                    table["x"],
                    table["y"],
                    len(rows),
                )
            )
            continue
        for row in range(table["rows"]):
            for column in range(table["per_row"]):
                rows.append(
                    TableRow(
                        None,
                        str(len(rows)),
                        table["shape"],
                        table["seats"],
                        table["first_x"] + column * table["step_x"],
                        table["first_y"] + row * table["step_y"],
                        len(rows),
                    )
                )
    return services.save_layout(None, room, data["width"], data["depth"], rows)


def _seating(
    forum: Forum, data: dict[str, Any], people: list[Person], by_organization: dict[str, Person]
) -> SeatingPlan:
    session = Session.objects.get(forum=forum, slug=data["session"])
    plan = SeatingPlan.objects.filter(forum=forum, session=session).first()
    if plan is not None:
        return plan
    plan = services.save_plan(
        None, SeatingPlan(forum=forum, session=session, name=TranslatedText(data["name"]))
    )
    guests = list(people)
    approved = Participant.objects.filter(
        forum=forum, status=Participant.Status.APPROVED, delegation__isnull=False
    ).select_related("person", "delegation__head")
    members: dict[int, list[Person]] = {}
    for participant in approved.order_by("delegation_id", "id"):
        delegation = participant.delegation
        assert delegation is not None
        group = members.setdefault(delegation.pk, [])
        if delegation.head_id == participant.pk:
            group.insert(0, participant.person)
        elif len(group) < data["delegation_members"]:
            group.append(participant.person)
    guests += [person for group in members.values() for person in group]
    for row in data.get("interpreters", []):
        interpreter = _plain_person(forum, row)
        services.add_seating_rule(
            None, plan, SeatingRule.Kind.INTERPRETER, interpreter, by_organization[row["behind"]]
        )
    for row in data.get("apart", []):
        services.add_seating_rule(
            None,
            plan,
            SeatingRule.Kind.APART,
            by_organization[row["person"]],
            by_organization[row["other"]],
        )
    services.compute_seating(None, plan, guests)
    return plan


@transaction.atomic
@forum_section("protocol", after=("registration", "projects"))
def load(forum: Forum, data: dict[str, Any], loader: Loader) -> str:
    """Create the forum's protocol rows from `protocol.toml`; returns a one-line summary."""
    _settings(forum, data["settings"])
    ranks = _ranks(forum, data["ranks"])
    organizations = {o.short_name: o for o in Organization.objects.filter(forum=forum)}
    by_organization: dict[int, Person] = {}
    dignitaries: list[Person] = []
    used = set(Dignitary.objects.filter(forum=forum).values_list("person_id", flat=True))
    for row in data["signatories"]:
        organization = organizations[row["organization"]]
        dignitary = Dignitary.objects.filter(
            forum=forum, person__organization=organization, rank=ranks[row["rank"]]
        ).first()
        person = dignitary.person if dignitary else _pick(forum, organization.country, used)
        if person.organization_id != organization.pk:
            person.organization = organization
            person.save(update_fields=["organization"])
        services.set_dignitary(None, person, ranks[row["rank"]])
        by_organization[organization.pk] = person
        dignitaries.append(person)
    witnesses = {}
    for row in data["witnesses"]:
        dignitary = Dignitary.objects.filter(
            forum=forum,
            person__organization__isnull=True,
            person__country=row["country"],
            rank=ranks[row["rank"]],
        ).first()
        person = dignitary.person if dignitary else _pick(forum, row["country"], used)
        if person.organization_id is not None:
            person.organization = None
            person.save(update_fields=["organization"])
        services.set_dignitary(None, person, ranks[row["rank"]])
        witnesses[row["key"]] = person
        dignitaries.append(person)
    for row in data.get("room_layouts", []):
        _layout(loader.get("room", row["room"], "room"), row)
    signings = sum(
        _signings(sheet, forum, by_organization, witnesses, data.get("announcements", {}))
        for sheet in data["run_sheets"]
    )
    for row in data["interpreters"]:
        person = _plain_person(forum, row)
        Interpreter.objects.update_or_create(
            forum=forum, person=person, defaults={"pairs": row["pairs"]}
        )
    for session in Session.objects.filter(forum=forum, slug__in=data["booths"]):
        if not session.booths.exists():
            services.set_booths(None, session, session.interpretation)
    plan = services.assign_interpreters(None, forum)
    by_short_name = {
        o.short_name: by_organization[o.pk]
        for o in organizations.values()
        if o.pk in by_organization
    }
    seating = _seating(forum, data["seating"], dignitaries, by_short_name)
    seated = seating.assignments.count()
    protocol = ProtocolSettings.objects.get(forum=forum)
    return (
        f"{len(ranks)} ranks, {len(dignitaries)} dignitaries, {signings} signings added, "
        f"{sum(plan.missing.values())} interpreter places unfilled, {seated} seats in "
        f"“{seating.name}” (host {protocol.host_country})"
    )
