"""Every write of the protocol office and the rules behind it: precedence, run sheets and their
checks, stage and seating plans, interpretation. Pages, the admin and the seed call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Max, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import formats, translation
from django.utils.translation import gettext as _

from infoharbor.core import audit
from infoharbor.core.audit import Actor
from infoharbor.core.models import Forum, Person, Room
from infoharbor.core.queries import travel_minutes
from infoharbor.core.translated import TranslatedText
from infoharbor.program import kinds
from infoharbor.program.models import Session
from infoharbor.projects.models import Project
from infoharbor.protocol import interpretation, precedence, seating, stage
from infoharbor.protocol.models import (
    Booth,
    Dignitary,
    Interpreter,
    PrecedenceOverride,
    ProtocolSettings,
    Rank,
    RoomLayout,
    RunSheet,
    SeatAssignment,
    SeatingPlan,
    SeatingRule,
    SeatingTable,
    Signatory,
    Signing,
)
from infoharbor.registration.models import Participant


class ProtocolError(ValidationError):
    """A protocol change that breaks a rule; the message says which, fit to show the officer."""


class RowError(ProtocolError):
    """A problem of one row of a row editor: `row` is its index, `field` the field at fault."""

    def __init__(self, row: int, field: str, message: str) -> None:
        super().__init__(message)
        self.row, self.field = row, field


def settings_of(forum: Forum) -> ProtocolSettings:
    """The forum's protocol settings (defaults, unsaved, until the organisers set them)."""
    try:
        return forum.protocol
    except ProtocolSettings.DoesNotExist:
        return ProtocolSettings(forum=forum)


@transaction.atomic
def save_settings(actor: Actor, settings: ProtocolSettings) -> ProtocolSettings:
    before = audit.snapshot(ProtocolSettings.objects.get(pk=settings.pk)) if settings.pk else {}
    settings.full_clean()
    settings.save()
    audit.record(
        actor,
        "protocol.settings_changed",
        settings,
        forum=settings.forum,
        before=before,
        after=audit.snapshot(settings),
    )
    return settings


# --- precedence -------------------------------------------------------------------------------


@transaction.atomic
def save_rank(actor: Actor, rank: Rank) -> Rank:
    creating = rank.pk is None
    before = {} if creating else audit.snapshot(Rank.objects.get(pk=rank.pk))
    rank.full_clean()
    rank.save()
    audit.record(
        actor,
        "rank.created" if creating else "rank.changed",
        rank,
        forum=rank.forum,
        before=before,
        after=audit.snapshot(rank),
    )
    return rank


@transaction.atomic
def move_rank(actor: Actor, rank: Rank, position: int) -> list[Rank]:
    """Put `rank` at `position` (0 first) of its forum's list and renumber the list."""
    ranks = [r for r in Rank.objects.select_for_update().filter(forum=rank.forum) if r != rank]
    ranks.insert(max(0, min(position, len(ranks))), rank)
    for order, item in enumerate(ranks):
        if item.order != order:
            before = audit.snapshot(item)
            item.order = order
            item.save(update_fields=["order"])
            audit.record(
                actor,
                "rank.moved",
                item,
                forum=item.forum,
                before=before,
                after=audit.snapshot(item),
            )
    return ranks


@dataclass(frozen=True)
class RankRow:
    """One rank as the officer edits it, in list order; `rank` is None for a new one."""

    rank: Rank | None
    code: str
    name: TranslatedText
    delete: bool = False


@transaction.atomic
def save_ranks(actor: Actor, forum: Forum, rows: Sequence[RankRow]) -> list[Rank]:
    """The forum's precedence list as edited: ranks added, renamed, removed, in the rows' order.
    A rank someone still holds is not removed."""
    existing = {r.pk: r for r in Rank.objects.select_for_update().filter(forum=forum)}
    codes: dict[str, int] = {}
    for index, row in enumerate(rows):
        if row.rank is not None and row.rank.pk not in existing:
            raise RowError(index, "code", _("This rank belongs to another forum."))
        if row.delete:
            if row.rank is not None and Dignitary.objects.filter(rank=row.rank).exists():
                raise RowError(
                    index,
                    "code",
                    _("“%(rank)s” is still given to someone: give them another rank first.")
                    % {"rank": row.rank.name},
                )
            continue
        if row.code in codes:
            raise RowError(index, "code", _("Code “%(code)s” is used twice.") % {"code": row.code})
        codes[row.code] = index
    for row in rows:
        if row.delete and row.rank is not None:
            audit.record(
                actor, "rank.removed", row.rank, forum=forum, before=audit.snapshot(row.rank)
            )
            row.rank.delete()
    befores = {r.rank.pk: audit.snapshot(r.rank) for r in rows if r.rank and not r.delete}
    # Codes may swap between rows: free the changed ones first, then save each row in its place.
    Rank.objects.filter(
        pk__in=[r.rank.pk for r in rows if r.rank and not r.delete and r.rank.code != r.code]
    ).update(code=Concat(Value("~"), Cast("pk", output_field=CharField())))
    kept = []
    for order, row in enumerate(r for r in rows if not r.delete):
        rank = row.rank or Rank(forum=forum)
        before = befores.get(rank.pk, {})
        rank.code, rank.name, rank.order = row.code, row.name, order
        rank.save()
        audit.record(
            actor,
            "rank.changed" if before else "rank.created",
            rank,
            forum=forum,
            before=before,
            after=audit.snapshot(rank),
        )
        kept.append(rank)
    return kept


@dataclass(frozen=True)
class DignitaryRow:
    person: Person
    rank: Rank
    arrived_at: dt.datetime | None = None
    delete: bool = False


@transaction.atomic
def save_dignitaries(actor: Actor, forum: Forum, rows: Sequence[DignitaryRow]) -> None:
    """Give people their ranks (and arrivals), or take a rank away from someone."""
    seen: set[int] = set()
    for index, row in enumerate(rows):
        if row.person.pk in seen:
            raise RowError(
                index, "person", _("%(person)s is listed twice.") % {"person": row.person}
            )
        seen.add(row.person.pk)
        if row.person.forum_id != forum.pk or row.rank.forum_id != forum.pk:
            raise RowError(index, "person", _("Both the person and the rank must be this forum's."))
    for row in rows:
        if row.delete:
            remove_dignitary(actor, row.person)
        else:
            set_dignitary(actor, row.person, row.rank, row.arrived_at)


@transaction.atomic
def remove_dignitary(actor: Actor, person: Person) -> None:
    dignitary = Dignitary.objects.filter(person=person).first()
    if dignitary is None:
        return
    audit.record(
        actor,
        "dignitary.removed",
        dignitary,
        forum=dignitary.forum,
        before=audit.snapshot(dignitary),
    )
    dignitary.delete()


@transaction.atomic
def set_dignitary(
    actor: Actor, person: Person, rank: Rank, arrived_at: dt.datetime | None = None
) -> Dignitary:
    """Give a person a rank (and their arrival, which some tie rules use)."""
    if rank.forum_id != person.forum_id:
        raise ProtocolError(_("The rank belongs to another forum."))
    dignitary = Dignitary.objects.filter(person=person).first()
    before = audit.snapshot(dignitary) if dignitary else {}
    if dignitary is None:
        dignitary = Dignitary(forum_id=person.forum_id, person=person)
    dignitary.rank = rank
    dignitary.arrived_at = arrived_at
    dignitary.save()
    audit.record(
        actor,
        "dignitary.changed" if before else "dignitary.created",
        dignitary,
        forum=dignitary.forum,
        before=before,
        after=audit.snapshot(dignitary),
    )
    return dignitary


def person_country(person: Person) -> str:
    """The country a person represents: their own, else their organization's."""
    if person.country:
        return person.country
    return person.organization.country if person.organization else ""


# People without a rank come after every rank.
UNRANKED = 10_000


def _as_dignitary(person: Person, dignitary: Dignitary | None) -> precedence.Dignitary:
    return precedence.Dignitary(
        key=person.pk,
        name=person.name_latin or person.name,
        rank_order=dignitary.rank.order if dignitary else UNRANKED,
        rank_name=str(dignitary.rank.name) if dignitary else _("no rank"),
        country=person_country(person),
        arrived_at=dignitary.arrived_at if dignitary else None,
    )


def tie_rules(forum: Forum) -> precedence.TieRules:
    protocol = settings_of(forum)
    return precedence.TieRules(protocol.host_country, protocol.host_last, protocol.tie_break)


@dataclass(frozen=True)
class PlacedPerson:
    position: int
    person: Person
    dignitary: Dignitary | None
    why: str


def precedence_order(forum: Forum, people: Iterable[Person] | None = None) -> list[PlacedPerson]:
    """`people` (the forum's dignitaries when None) in order of precedence, each explained."""
    if people is None:
        chosen = list(
            Person.objects.filter(dignitary__isnull=False, forum=forum).select_related(
                "organization", "dignitary__rank"
            )
        )
    else:
        chosen = list(people)
    dignitaries = {
        d.person_id: d for d in Dignitary.objects.filter(person__in=chosen).select_related("rank")
    }
    by_key = {p.pk: p for p in chosen}
    overrides = [
        precedence.Override(o.person_id, o.before_id, o.reason)
        for o in PrecedenceOverride.objects.filter(forum=forum)
    ]
    placed = precedence.order(
        [_as_dignitary(p, dignitaries.get(p.pk)) for p in chosen],
        tie_rules(forum),
        overrides,
        language=translation.get_language() or "en",
    )
    return [
        PlacedPerson(p.position, by_key[p.dignitary.key], dignitaries.get(p.dignitary.key), p.why)
        for p in placed
    ]


@transaction.atomic
def override_precedence(
    actor: Actor, forum: Forum, person: Person, before: Person, reason: str
) -> PrecedenceOverride:
    """Place `person` right before `before` wherever both appear; the reason is kept."""
    if person == before:
        raise ProtocolError(_("A person cannot be placed before themselves."))
    if not reason.strip():
        raise ProtocolError(_("Give the reason for changing the order of precedence."))
    if person.forum_id != forum.pk or before.forum_id != forum.pk:
        raise ProtocolError(_("Both people must belong to this forum."))
    user: Any = actor if actor is not None and actor.is_authenticated else None
    override = PrecedenceOverride.objects.create(
        forum=forum, person=person, before=before, reason=reason.strip(), created_by=user
    )
    audit.record(
        actor, "precedence.overridden", override, forum=forum, after=audit.snapshot(override)
    )
    return override


@transaction.atomic
def remove_override(actor: Actor, override: PrecedenceOverride) -> None:
    audit.record(
        actor,
        "precedence.override_removed",
        override,
        forum=override.forum,
        before=audit.snapshot(override),
    )
    override.delete()


# --- run sheets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatorySpec:
    person: Person
    role: str = Signatory.Role.SIGNATORY
    side: str = Signatory.Side.HOST


def run_sheet_of(session: Session) -> RunSheet:
    """The signing ceremony's run sheet, made empty on first use."""
    if session.kind != kinds.SIGNING.code:
        raise ProtocolError(_("Only a signing ceremony has a run sheet."))
    run_sheet, _created = RunSheet.objects.get_or_create(session=session)
    return run_sheet


def _check_project(run_sheet: RunSheet, project: Project) -> None:
    session = run_sheet.session
    if project.forum_id != session.forum_id:
        raise ProtocolError(_("The project belongs to another forum."))
    elsewhere = Signing.objects.filter(project=project).exclude(run_sheet=run_sheet).first()
    other = elsewhere.run_sheet.session if elsewhere else None
    if other is None and project.signing_session_id not in (None, session.pk):
        other = project.signing_session
    if other is not None:
        raise ProtocolError(
            _("“%(project)s” is already signed at “%(other)s”; a project is signed once.")
            % {"project": project.title, "other": other.title}
        )
    if Signing.objects.filter(project=project, run_sheet=run_sheet).exists():
        raise ProtocolError(
            _("“%(project)s” is already on this run sheet.") % {"project": project.title}
        )


@transaction.atomic
def add_signing(
    actor: Actor,
    run_sheet: RunSheet,
    project: Project,
    signatories: Sequence[SignatorySpec],
    *,
    minutes: int = 2,
    exchange_minutes: int = 1,
    announcement: TranslatedText | None = None,
) -> Signing:
    """Add a project's signing at the end of the run sheet.

    The project's row is locked, so two officers cannot put it on two ceremonies at once.
    """
    Project.objects.select_for_update().filter(pk=project.pk).first()
    _check_project(run_sheet, project)
    last = run_sheet.signings.aggregate(last=Max("order"))["last"]
    signing = Signing.objects.create(
        run_sheet=run_sheet,
        project=project,
        order=0 if last is None else last + 1,
        minutes=minutes,
        exchange_minutes=exchange_minutes,
        announcement=announcement or TranslatedText(),
    )
    Signatory.objects.bulk_create(
        Signatory(signing=signing, person=s.person, role=s.role, side=s.side, order=i)
        for i, s in enumerate(signatories)
    )
    audit.record(
        actor,
        "signing.added",
        signing,
        forum=run_sheet.session.forum,
        after={
            **audit.snapshot(signing),
            "signatories": [[s.person.pk, s.role, s.side] for s in signatories],
        },
    )
    return signing


@transaction.atomic
def move_signing(actor: Actor, signing: Signing, position: int) -> list[Signing]:
    """Put the signing at `position` (0 first) of its run sheet and renumber the rest."""
    run_sheet = RunSheet.objects.select_for_update().get(pk=signing.run_sheet_id)
    signings = [s for s in run_sheet.signings.all() if s.pk != signing.pk]
    position = max(0, min(position, len(signings)))
    signings.insert(position, signing)
    before = {"order": [s.pk for s in run_sheet.signings.all()]}
    for order, item in enumerate(signings):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])
    audit.record(
        actor,
        "run_sheet.reordered",
        run_sheet,
        forum=run_sheet.session.forum,
        before=before,
        after={"order": [s.pk for s in signings]},
    )
    return signings


@transaction.atomic
def set_signing_minutes(
    actor: Actor, signing: Signing, minutes: int, exchange_minutes: int
) -> Signing:
    """Change how long a signing and its exchange of documents take on stage."""
    if minutes < 1 or exchange_minutes < 0:
        raise ProtocolError(_("A signing takes at least a minute."))
    before = audit.snapshot(signing)
    signing.minutes, signing.exchange_minutes = minutes, exchange_minutes
    signing.save(update_fields=["minutes", "exchange_minutes"])
    audit.record(
        actor,
        "signing.timed",
        signing,
        forum=signing.run_sheet.session.forum,
        before=before,
        after=audit.snapshot(signing),
    )
    return signing


@transaction.atomic
def set_run_sheet_times(
    actor: Actor, run_sheet: RunSheet, opening_minutes: int, closing_minutes: int
) -> RunSheet:
    """How long the opening (welcome, speeches) and the close (group photo) take."""
    before = audit.snapshot(run_sheet)
    run_sheet.opening_minutes, run_sheet.closing_minutes = opening_minutes, closing_minutes
    run_sheet.save(update_fields=["opening_minutes", "closing_minutes"])
    audit.record(
        actor,
        "run_sheet.timed",
        run_sheet,
        forum=run_sheet.session.forum,
        before=before,
        after=audit.snapshot(run_sheet),
    )
    return run_sheet


@transaction.atomic
def edit_signing(
    actor: Actor,
    signing: Signing,
    *,
    minutes: int,
    exchange_minutes: int,
    announcement: TranslatedText,
    signatories: Sequence[SignatorySpec],
) -> Signing:
    """A signing as the officer edits it: its times, the MC's announcement in each language, and
    who signs for each side or witnesses, in order."""
    forum = signing.run_sheet.session.forum
    seen: set[int] = set()
    for index, spec in enumerate(signatories):
        if spec.person.forum_id != forum.pk:
            raise RowError(index, "person", _("This person belongs to another forum."))
        if spec.person.pk in seen:
            raise RowError(
                index, "person", _("%(person)s is listed twice.") % {"person": spec.person}
            )
        seen.add(spec.person.pk)
    set_signing_minutes(actor, signing, minutes, exchange_minutes)
    before = {
        "announcement": signing.announcement.data,
        "signatories": [[s.person_id, s.role, s.side] for s in signing.signatories.all()],
    }
    signing.announcement = announcement
    signing.save(update_fields=["announcement"])
    signing.signatories.all().delete()
    Signatory.objects.bulk_create(
        Signatory(signing=signing, person=s.person, role=s.role, side=s.side, order=i)
        for i, s in enumerate(signatories)
    )
    audit.record(
        actor,
        "signing.changed",
        signing,
        forum=forum,
        before=before,
        after={
            "announcement": announcement.data,
            "signatories": [[s.person.pk, s.role, s.side] for s in signatories],
        },
    )
    return signing


@transaction.atomic
def remove_signing(actor: Actor, signing: Signing) -> None:
    audit.record(
        actor,
        "signing.removed",
        signing,
        forum=signing.run_sheet.session.forum,
        before=audit.snapshot(signing),
    )
    signing.delete()


@dataclass(frozen=True)
class SigningTime:
    signing: Signing
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Timing:
    start: dt.datetime
    opening_end: dt.datetime
    signings: list[SigningTime]
    end: dt.datetime
    slot_end: dt.datetime

    @property
    def closing_start(self) -> dt.datetime:
        return self.signings[-1].end if self.signings else self.opening_end

    @property
    def overrun_minutes(self) -> int:
        """Minutes past the session's slot (0 when the run sheet fits)."""
        return max(0, int((self.end - self.slot_end).total_seconds() // 60))

    @property
    def fits(self) -> bool:
        return self.end <= self.slot_end


def timing(run_sheet: RunSheet) -> Timing:
    """When each signing starts and ends, and whether the run sheet ends within its slot."""
    session = run_sheet.session
    clock = session.start + dt.timedelta(minutes=run_sheet.opening_minutes)
    opening_end = clock
    rows = []
    for signing in run_sheet.signings.select_related("project").order_by("order", "id"):
        end = clock + dt.timedelta(minutes=signing.minutes + signing.exchange_minutes)
        rows.append(SigningTime(signing, clock, end))
        clock = end
    end = clock + dt.timedelta(minutes=run_sheet.closing_minutes)
    return Timing(session.start, opening_end, rows, end, session.end)


def standard_announcement(signing: Signing, language: str) -> str:
    """The MC's words for a signing when the officer wrote none, in `language`."""
    with translation.override(language):
        parties = [str(p.organization.name) for p in signing.project.parties.all()]
        return _(
            "Ladies and gentlemen, please welcome to the stage the signatories of “%(project)s”: "
            "%(parties)s."
        ) % {"project": signing.project.title.get(language), "parties": ", ".join(parties)}


def announcement(signing: Signing, language: str) -> str:
    return signing.announcement.data.get(language) or standard_announcement(signing, language)


@dataclass(frozen=True)
class Flag:
    """A problem found before the day: `kind` is one of the codes below, `message` says it."""

    person: Person
    kind: str
    message: str


NOT_REGISTERED = "not_registered"
NOT_APPROVED = "not_approved"
NOT_IN_CITY = "not_in_city"
BOOKED_ELSEWHERE = "booked_elsewhere"


def _local(forum: Forum, moment: dt.datetime) -> str:
    return formats.date_format(moment.astimezone(forum.tz), "DATETIME_FORMAT")


def _ancestors(session: Session) -> set[int]:
    ids = set()
    parent = session.parent
    while parent is not None:
        ids.add(parent.pk)
        parent = parent.parent
    return ids


def _commitments(person: Person, session: Session) -> list[Session]:
    """Other sessions the person is expected at on the same day: speaking, or signing."""
    day = session.start.astimezone(session.forum.tz).date()
    around = dt.timedelta(days=1)
    others = (
        Session.objects.filter(
            Q(speakers__person=person) | Q(run_sheet__signings__signatories__person=person)
        )
        .filter(start__lt=session.end + around, end__gt=session.start - around)
        .exclude(pk__in={session.pk} | _ancestors(session))
        .exclude(parent=session)
        .select_related("city")
        .distinct()
    )
    return [s for s in others if s.start.astimezone(session.forum.tz).date() == day]


def _person_flags(person: Person, session: Session) -> list[Flag]:
    forum = session.forum
    flags = []
    participant = Participant.objects.filter(forum=forum, person=person).first()
    if participant is None:
        flags.append(
            Flag(person, NOT_REGISTERED, _("%(person)s is not registered.") % {"person": person})
        )
    elif participant.status != Participant.Status.APPROVED:
        flags.append(
            Flag(
                person,
                NOT_APPROVED,
                _("%(person)s is not approved (%(status)s).")
                % {"person": person, "status": participant.get_status_display()},
            )
        )
    dignitary = Dignitary.objects.filter(person=person).first()
    if dignitary and dignitary.arrived_at and dignitary.arrived_at > session.start:
        flags.append(
            Flag(
                person,
                NOT_IN_CITY,
                _("%(person)s arrives only at %(arrival)s.")
                % {"person": person, "arrival": _local(forum, dignitary.arrived_at)},
            )
        )
    for other in _commitments(person, session):
        minutes = travel_minutes(session.city, other.city)
        gap = max(other.start - session.end, session.start - other.end)
        if minutes == 0:
            if gap < dt.timedelta(0):
                flags.append(
                    Flag(
                        person,
                        BOOKED_ELSEWHERE,
                        _("%(person)s is booked at “%(other)s” at the same time (%(start)s).")
                        % {
                            "person": person,
                            "other": other.title,
                            "start": _local(forum, other.start),
                        },
                    )
                )
        elif minutes is None or gap < dt.timedelta(minutes=minutes):
            flags.append(
                Flag(
                    person,
                    NOT_IN_CITY,
                    _(
                        "%(person)s is at “%(other)s” in %(other_city)s (%(start)s) that day: "
                        "travel to %(city)s takes %(minutes)s minutes."
                    )
                    % {
                        "person": person,
                        "other": other.title,
                        "other_city": other.city,
                        "start": _local(forum, other.start),
                        "city": session.city,
                        "minutes": minutes if minutes is not None else "?",
                    },
                )
            )
    return flags


def pre_day_checks(run_sheet: RunSheet) -> list[Flag]:
    """Every signatory and witness who may not be there: unregistered, unapproved, in another
    city (travel time counted) or booked elsewhere at the time."""
    people = Person.objects.filter(
        pk__in=Signatory.objects.filter(signing__run_sheet=run_sheet).values("person")
    ).order_by("pk")
    return [flag for person in people for flag in _person_flags(person, run_sheet.session)]


@dataclass(frozen=True)
class StagePlan:
    table: list[Signatory]
    standing: list[Signatory]


def stage_of(signing: Signing) -> StagePlan:
    """The signing table and the witnesses behind it, from precedence and the forum's sides."""
    forum = signing.run_sheet.session.forum
    people = list(signing.signatories.select_related("person__organization"))
    order = {p.person.pk: p.position for p in precedence_order(forum, [s.person for s in people])}
    people.sort(key=lambda s: order[s.person.pk])
    signing_people = [s for s in people if s.role == Signatory.Role.SIGNATORY]
    plan = stage.signing_stage(
        [s for s in signing_people if s.side == Signatory.Side.HOST],
        [s for s in signing_people if s.side == Signatory.Side.GUEST],
        [s for s in people if s.role == Signatory.Role.WITNESS],
        settings_of(forum).guest_side,
    )
    return StagePlan(table=plan.table, standing=plan.standing)  # type: ignore[arg-type]


# --- room layouts and seating plans -----------------------------------------------------------


def layout_of(plan: SeatingPlan) -> RoomLayout | None:
    """The layout of the plan's room, when the room has one."""
    if plan.room_id is None:
        return None
    return RoomLayout.objects.filter(room_id=plan.room_id).first()


def tables_of(plan: SeatingPlan) -> list[SeatingTable]:
    """The plan's tables: its room's, where the plan's own tables (same label) replace them or
    add to them; most important first."""
    own = list(plan.own_tables.all())
    labels = {t.label for t in own}
    layout = layout_of(plan)
    room = [t for t in layout.tables.all() if t.label not in labels] if layout else []
    return sorted(room + own, key=lambda t: (t.order, t.label, t.pk))


def plan_size(plan: SeatingPlan) -> tuple[float, float]:
    """The room's width and depth in metres: its layout's, else the plan's own."""
    layout = layout_of(plan)
    return (layout.width, layout.depth) if layout else (plan.width, plan.depth)


@dataclass(frozen=True)
class TableRow:
    """One table as the officer edits it; `table` is None for a new one."""

    table: SeatingTable | None
    label: str
    shape: str
    seats: int
    x: float
    y: float
    order: int
    delete: bool = False


def _save_tables(
    actor: Actor,
    forum: Forum,
    rows: Sequence[TableRow],
    owner: dict[str, Any],
    existing: Iterable[SeatingTable],
) -> list[SeatingTable]:
    labels: dict[str, int] = {}
    for index, row in enumerate(rows):
        if row.delete:
            continue
        if row.label in labels:
            raise RowError(
                index, "label", _("Label “%(label)s” is used twice.") % {"label": row.label}
            )
        labels[row.label] = index
    mine = {t.pk: t for t in existing}
    kept = []
    for index, row in enumerate(rows):
        table = row.table
        if table is not None and table.pk not in mine:
            raise RowError(index, "label", _("This table belongs elsewhere."))
        if row.delete:
            if table is not None:
                audit.record(
                    actor, "table.removed", table, forum=forum, before=audit.snapshot(table)
                )
                table.delete()
            continue
        before = audit.snapshot(table) if table is not None else {}
        table = table or SeatingTable(**owner)
        table.label, table.shape, table.seats = row.label, row.shape, row.seats
        table.x, table.y, table.order = row.x, row.y, row.order
        try:
            table.full_clean(exclude=["layout", "plan"], validate_constraints=False)
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise RowError(index, field, messages[0]) from None
        table.save()
        # Seats that no longer exist lose their guests; re-computing seats them again.
        SeatAssignment.objects.filter(table=table, number__gt=table.seats).delete()
        audit.record(
            actor,
            "table.changed" if before else "table.added",
            table,
            forum=forum,
            before=before,
            after=audit.snapshot(table),
        )
        kept.append(table)
    return kept


@transaction.atomic
def save_layout(
    actor: Actor, room: Room, width: float, depth: float, rows: Sequence[TableRow]
) -> RoomLayout:
    """Furnish a room: its size and tables, which every seating plan in the room starts from."""
    layout = RoomLayout.objects.select_for_update().filter(room=room).first()
    before = audit.snapshot(layout) if layout else {}
    layout = layout or RoomLayout(room=room)
    layout.width, layout.depth = width, depth
    layout.full_clean()
    layout.save()
    forum = room.venue.forum
    audit.record(
        actor,
        "room_layout.changed" if before else "room_layout.created",
        layout,
        forum=forum,
        before=before,
        after=audit.snapshot(layout),
    )
    _save_tables(actor, forum, rows, {"layout": layout}, layout.tables.all())
    return layout


@transaction.atomic
def save_plan(
    actor: Actor,
    plan: SeatingPlan,
    rows: Sequence[TableRow] = (),
    guests: Iterable[Person] | None = None,
) -> SeatingPlan:
    """Save a plan's name, session and room, its guests (None keeps them), and its own tables
    (added to its room's, or in place of the room's table with the same label)."""
    creating = plan.pk is None
    before = {} if creating else audit.snapshot(SeatingPlan.objects.get(pk=plan.pk))
    if plan.session is not None and plan.room_id is None:
        plan.room_id = plan.session.room_id
    plan.full_clean()
    plan.save()
    if guests is not None:
        plan.guests.set(guests)
    audit.record(
        actor,
        "seating_plan.created" if creating else "seating_plan.changed",
        plan,
        forum=plan.forum,
        before=before,
        after=audit.snapshot(plan),
    )
    _save_tables(actor, plan.forum, rows, {"plan": plan}, plan.own_tables.all())
    # Seats on tables the plan no longer has (another room, a removed table) are cleared.
    plan.assignments.exclude(table__in=tables_of(plan)).delete()
    return plan


@transaction.atomic
def remove_plan(actor: Actor, plan: SeatingPlan) -> None:
    audit.record(actor, "seating_plan.removed", plan, forum=plan.forum, before=audit.snapshot(plan))
    plan.delete()


def table_seat_ranks(table: SeatingTable) -> dict[int, int]:
    """Seat number -> its rank at the table (0 best). Round tables: seat 1 is the host's, then
    their right and left in turn; head and long tables number seats left to right as the room
    sees them and the middle is best."""
    if table.shape == SeatingTable.Shape.ROUND:
        return {number: number - 1 for number in range(1, table.seats + 1)}
    return {position + 1: rank for rank, position in enumerate(stage.centre_out(table.seats))}


def _seats(plan: SeatingPlan) -> list[seating.Seat]:
    return [
        seating.Seat(rank=position * 1000 + rank, table=table.pk, number=number)
        for position, table in enumerate(tables_of(plan))
        for number, rank in table_seat_ranks(table).items()
    ]


@transaction.atomic
def compute_seating(actor: Actor, plan: SeatingPlan, guests: Iterable[Person] | None = None) -> int:
    """(Re)assign the plan's seats by precedence around the fixed ones; the number seated.

    `guests` replaces the guest list; None keeps the people already on the plan.
    """
    plan = SeatingPlan.objects.select_for_update().get(pk=plan.pk)
    fixed_rows = list(plan.assignments.filter(fixed=True, behind=False).select_related("person"))
    rules = list(plan.rules.all())
    interpreters = {
        r.person_id: r.other_id for r in rules if r.kind == SeatingRule.Kind.INTERPRETER
    }
    if guests is not None:
        plan.guests.set(guests)
    people = list(plan.guests.all())
    people += [a.person for a in fixed_rows if a.person not in people]
    known = {p.pk for p in people}
    people += [p for p in Person.objects.filter(pk__in=interpreters) if p.pk not in known]
    groups = dict(
        Participant.objects.filter(
            forum=plan.forum, person__in=people, delegation__isnull=False
        ).values_list("person_id", "delegation_id")
    )
    ordered = precedence_order(plan.forum, [p for p in people if p.pk not in interpreters])
    guests_in_order = [
        seating.Guest(placed.person.pk, groups.get(placed.person.pk)) for placed in ordered
    ] + [
        seating.Guest(pk, None, head)
        for pk, head in interpreters.items()
        if pk in {p.pk for p in people}
    ]
    seats = _seats(plan)
    by_place = {(s.table, s.number): s for s in seats}
    fixed = {a.person_id: by_place[a.table_id, a.number] for a in fixed_rows}
    apart = {
        frozenset({r.person_id, r.other_id}) for r in rules if r.kind == SeatingRule.Kind.APART
    }
    try:
        result = seating.assign(seats, guests_in_order, apart=apart, fixed=fixed)
    except seating.SeatingProblem as problem:
        names = ", ".join(str(p) for p in Person.objects.filter(pk__in=problem.who))
        raise ProtocolError(
            _("No seat keeps every rule for: %(people)s.") % {"people": names}
        ) from None
    plan.assignments.filter(fixed=False).delete()
    plan.assignments.filter(behind=True).delete()
    rows = [
        SeatAssignment(plan=plan, table_id=seat.table, number=seat.number, person_id=person)
        for person, seat in result.seats.items()
        if person not in fixed
    ]
    rows += [
        SeatAssignment(
            plan=plan,
            table_id=result.seats[head].table,
            number=result.seats[head].number,
            person_id=person,
            behind=True,
        )
        for person, head in result.behind.items()
    ]
    SeatAssignment.objects.bulk_create(rows)
    audit.record(
        actor,
        "seating.computed",
        plan,
        forum=plan.forum,
        extra={"seated": len(result.seats) + len(result.behind), "fixed": len(fixed)},
    )
    return len(result.seats) + len(result.behind)


@transaction.atomic
def fix_seat(
    actor: Actor, plan: SeatingPlan, person: Person, table: SeatingTable, number: int
) -> SeatAssignment:
    """Seat `person` at `table`, seat `number`, by hand; re-computing never moves them."""
    if table not in tables_of(plan) or not 1 <= number <= table.seats:
        raise ProtocolError(_("There is no such seat on this plan."))
    taken = (
        plan.assignments.filter(table=table, number=number, behind=False)
        .exclude(person=person)
        .first()
    )
    if taken is not None and taken.fixed:
        raise ProtocolError(
            _("Seat %(seat)s is already fixed for %(person)s.")
            % {"seat": f"{table.label}-{number}", "person": taken.person}
        )
    if taken is not None:
        taken.delete()  # they get a new seat when the plan is re-computed
    assignment, _created = SeatAssignment.objects.update_or_create(
        plan=plan,
        person=person,
        defaults={"table": table, "number": number, "fixed": True, "behind": False},
    )
    audit.record(
        actor, "seating.fixed", assignment, forum=plan.forum, after=audit.snapshot(assignment)
    )
    return assignment


@transaction.atomic
def add_seating_rule(
    actor: Actor, plan: SeatingPlan, kind: str, person: Person, other: Person
) -> SeatingRule:
    if person == other:
        raise ProtocolError(_("A rule needs two different people."))
    rule = SeatingRule.objects.create(plan=plan, kind=kind, person=person, other=other)
    audit.record(actor, "seating.rule_added", rule, forum=plan.forum, after=audit.snapshot(rule))
    return rule


@dataclass(frozen=True)
class RuleRow:
    kind: str
    person: Person
    other: Person


@transaction.atomic
def save_seating_rules(actor: Actor, plan: SeatingPlan, rows: Sequence[RuleRow]) -> None:
    """Replace the plan's constraints (apart, interpreter behind) with `rows`; the seats follow
    when the plan is re-computed."""
    for index, row in enumerate(rows):
        if row.person == row.other:
            raise RowError(index, "other", _("A rule needs two different people."))
        if row.person.forum_id != plan.forum_id or row.other.forum_id != plan.forum_id:
            raise RowError(index, "person", _("This person belongs to another forum."))
    interpreters = [r.person.pk for r in rows if r.kind == SeatingRule.Kind.INTERPRETER]
    for index, row in enumerate(rows):
        if row.kind == SeatingRule.Kind.INTERPRETER and interpreters.count(row.person.pk) > 1:
            raise RowError(
                index,
                "person",
                _("%(person)s can sit behind one person only.") % {"person": row.person},
            )
    before = {"rules": [[r.kind, r.person_id, r.other_id] for r in plan.rules.all()]}
    plan.rules.all().delete()
    SeatingRule.objects.bulk_create(
        SeatingRule(plan=plan, kind=r.kind, person=r.person, other=r.other) for r in rows
    )
    audit.record(
        actor,
        "seating.rules_changed",
        plan,
        forum=plan.forum,
        before=before,
        after={"rules": [[r.kind, r.person.pk, r.other.pk] for r in rows]},
    )


# --- interpretation ---------------------------------------------------------------------------


def _need(booth: Booth) -> interpretation.BoothNeed:
    session = booth.session
    return interpretation.BoothNeed(
        key=booth.pk,
        languages=interpretation.pair(booth.source, booth.language),
        start=session.start,
        end=session.end,
        day=session.start.astimezone(session.forum.tz).date(),
        needed=booth.needed,
    )


def _skills(interpreter: Interpreter) -> interpretation.InterpreterSkills:
    return interpretation.InterpreterSkills(
        interpreter.pk, frozenset(interpretation.pair(a, b) for a, b in interpreter.pairs)
    )


@transaction.atomic
def set_booths(
    actor: Actor, session: Session, languages: Sequence[str], relay: dict[str, str] | None = None
) -> list[Booth]:
    """The session's booths: one per language it is interpreted into, numbered as channels."""
    relay = relay or {}
    keep = [code for code in languages if code != session.language]
    session.booths.exclude(language__in=keep).delete()
    booths = []
    for channel, code in enumerate(keep, start=1):
        booth, _created = Booth.objects.update_or_create(
            session=session,
            language=code,
            defaults={"channel": 100 + channel, "relay_from": relay.get(code, "")},
        )
        booths.append(booth)
    for booth in booths:  # channels free of clashes once every booth exists
        booth.channel = keep.index(booth.language) + 1
        booth.save(update_fields=["channel"])
    audit.record(
        actor, "booths.set", session, forum=session.forum, extra={"booths": keep, "relay": relay}
    )
    return booths


@transaction.atomic
def assign_interpreters(actor: Actor, forum: Forum) -> interpretation.InterpretationPlan:
    """Staff every booth of the forum, keeping what was assigned; what is lacking is reported."""
    Forum.objects.select_for_update().filter(pk=forum.pk).first()
    booths = list(
        Booth.objects.filter(session__forum=forum)
        .select_related("session__forum")
        .prefetch_related("interpreters")
    )
    kept = {b.pk: [i.pk for i in b.interpreters.all()] for b in booths}
    plan = interpretation.assign(
        [_need(b) for b in booths],
        [_skills(i) for i in Interpreter.objects.filter(forum=forum)],
        settings_of(forum).interpreter_minutes_per_day,
        kept,
    )
    for booth in booths:
        booth.interpreters.set(plan.staff.get(booth.pk, []))
    audit.record(
        actor,
        "interpreters.assigned",
        forum,
        forum=forum,
        before={str(k): sorted(v) for k, v in kept.items()},
        after={str(k): sorted(plan.staff.get(k, [])) for k in kept},
    )
    return plan


@transaction.atomic
def assign_interpreter(actor: Actor, booth: Booth, interpreter: Interpreter) -> None:
    """Put an interpreter in a booth by hand, refusing a double booking or a day past the limit."""
    forum = booth.session.forum
    Forum.objects.select_for_update().filter(pk=forum.pk).first()
    need = _need(booth)
    if need.languages not in _skills(interpreter).pairs:
        raise ProtocolError(
            _("%(person)s does not interpret between these languages.") % {"person": interpreter}
        )
    others = [
        _need(b) for b in interpreter.booths.select_related("session__forum").exclude(pk=booth.pk)
    ]
    if any(interpretation.overlaps(need, other) for other in others):
        raise ProtocolError(
            _("%(person)s is already in another booth at that time.") % {"person": interpreter}
        )
    worked = sum(o.minutes for o in others if o.day == need.day) + need.minutes
    limit = settings_of(forum).interpreter_minutes_per_day
    if worked > limit:
        raise ProtocolError(
            _("%(person)s would interpret %(minutes)s minutes that day; the limit is %(limit)s.")
            % {"person": interpreter, "minutes": worked, "limit": limit}
        )
    booth.interpreters.add(interpreter)
    audit.record(
        actor, "interpreter.assigned", booth, forum=forum, extra={"interpreter": interpreter.pk}
    )


@transaction.atomic
def unassign_interpreter(actor: Actor, booth: Booth, interpreter: Interpreter) -> None:
    """Take an interpreter out of a booth."""
    booth.interpreters.remove(interpreter)
    audit.record(
        actor,
        "interpreter.unassigned",
        booth,
        forum=booth.session.forum,
        extra={"interpreter": interpreter.pk},
    )


@dataclass(frozen=True)
class InterpreterRow:
    person: Person
    pairs: list[list[str]]
    delete: bool = False


@transaction.atomic
def save_interpreters(actor: Actor, forum: Forum, rows: Sequence[InterpreterRow]) -> None:
    """The forum's interpreters and their language pairs; one removed leaves their booths."""
    seen: set[int] = set()
    for index, row in enumerate(rows):
        if row.person.forum_id != forum.pk:
            raise RowError(index, "person", _("This person belongs to another forum."))
        if row.person.pk in seen:
            message = _("%(person)s is listed twice.") % {"person": row.person}
            raise RowError(index, "person", message)
        seen.add(row.person.pk)
    for row in rows:
        interpreter = Interpreter.objects.filter(forum=forum, person=row.person).first()
        if row.delete:
            if interpreter is not None:
                before = audit.snapshot(interpreter)
                audit.record(actor, "interpreter.removed", interpreter, forum=forum, before=before)
                interpreter.delete()
            continue
        before = audit.snapshot(interpreter) if interpreter else {}
        interpreter = interpreter or Interpreter(forum=forum, person=row.person)
        interpreter.pairs = row.pairs
        interpreter.save()
        audit.record(
            actor,
            "interpreter.changed" if before else "interpreter.added",
            interpreter,
            forum=forum,
            before=before,
            after=audit.snapshot(interpreter),
        )
