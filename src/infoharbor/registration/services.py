"""Every write to registrations: registering, seats and waiting lists, review, cancellation.

Seats are the one thing that must never race. A seat is taken or freed only inside a
transaction holding the session's `SessionCapacity` row (select_for_update on PostgreSQL; on
SQLite the IMMEDIATE transaction already holds the database's write lock from BEGIN). Sessions
are locked in primary-key order so two registrations never wait on each other in a circle.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from infoharbor.core import audit
from infoharbor.core.audit import Actor
from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum, Organization, Person, country_code
from infoharbor.core.photos import discard_replaced, validate_photo
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import Session
from infoharbor.registration import outbox
from infoharbor.registration.imports import ANSWER_PREFIX, ImportRow
from infoharbor.registration.models import (
    Answer,
    Category,
    Delegation,
    OutboxEmail,
    Participant,
    Question,
    SessionCapacity,
    SessionChoice,
)
from infoharbor.registration.queries import waiting_position


class RegistrationError(ValidationError):
    """Input a participant or organiser can fix; `message_dict` names each bad field."""


@dataclass(frozen=True)
class PersonInput:
    name: str
    name_latin: str = ""
    honorific: str = ""
    position: str = ""
    organization: str = ""
    organization_kind: str = Organization.Kind.ENTERPRISE
    country: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class RegistrationInput:
    """What a registration form, the API or an import row asks for."""

    person: PersonInput
    category: str  # the category's code
    language: str
    answers: Mapping[str, str | UploadedFile] = field(default_factory=dict)
    sessions: Sequence[str] = ()  # session slugs
    delegation_name: str = ""  # registers the person as head of a new delegation


@dataclass(frozen=True)
class SessionOutcome:
    session: Session
    status: str  # SessionChoice.Status
    position: int | None  # on the waiting list, from 1


@dataclass(frozen=True)
class Registration:
    participant: Participant
    outcomes: list[SessionOutcome]


# --- validation -----------------------------------------------------------------------------


def _answer_error(question: Question, raw: str | UploadedFile | None) -> str | None:
    empty = raw is None or (isinstance(raw, str) and not raw.strip())
    if empty:
        return _("This question needs an answer.") if question.required else None
    kind = question.kind
    if kind == Question.Kind.FILE:
        if not isinstance(raw, UploadedFile):
            return _("Attach a file.")
        if raw.size is not None and raw.size > settings.INFOHARBOR_MAX_UPLOAD_BYTES:
            return _("The file is larger than %(mb)s MB.") % {
                "mb": settings.INFOHARBOR_MAX_UPLOAD_BYTES // 1_000_000
            }
        return None
    if not isinstance(raw, str):
        return _("Give the answer as text.")
    value = raw.strip()
    if kind == Question.Kind.CHOICE and value not in {o["value"] for o in question.options}:
        return _("Choose one of the options.")
    if kind == Question.Kind.YES_NO and value not in {"yes", "no"}:
        return _("Answer yes or no.")
    if kind == Question.Kind.DATE:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return _("Give a date as YYYY-MM-DD.")
    return None


def _validate(
    forum: Forum, data: RegistrationInput, *, organiser: bool
) -> tuple[Category | None, list[Question], list[Session], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}

    def bad(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    person = data.person
    if not person.name.strip():
        bad("person.name", _("Give the name as written in your own script."))
    if person.email.strip():
        try:
            validate_email(person.email.strip())
        except ValidationError:
            bad("person.email", _("Give a valid email address."))
        else:
            if _active_registration_exists(forum, person.email):
                bad("person.email", _("This email address is already registered at this forum."))
    else:
        bad("person.email", _("Give an email address: we send your private link there."))
    if person.country:
        try:
            country_code(person.country)
        except ValidationError:
            bad("person.country", _("Use an ISO 3166-1 alpha-2 code, e.g. CN or TH."))
    if person.organization and person.organization_kind not in Organization.Kind.values:
        bad("person.organization_kind", _("Choose the kind of organization."))
    if data.language not in {code for code, _name in content_language_choices()}:
        bad("language", _("Unknown language."))

    category = Category.objects.filter(forum=forum, code=data.category).first()
    if category is None or not (category.is_public or organiser):
        bad("category", _("Choose one of the forum's categories."))

    questions = list(Question.objects.filter(forum=forum))
    known = {q.code for q in questions}
    for code in sorted(set(data.answers) - known):
        bad(f"answers.{code}", _("The forum asks no such question."))
    for question in questions:
        message = _answer_error(question, data.answers.get(question.code))
        if message:
            bad(f"answers.{question.code}", message)

    slugs = list(dict.fromkeys(data.sessions))
    sessions = list(Session.objects.filter(forum=forum, slug__in=slugs).order_by("pk"))
    missing = sorted(set(slugs) - {s.slug for s in sessions})
    if missing:
        bad("sessions", _("No such session: %(slugs)s") % {"slugs": ", ".join(missing)})
    return category, questions, sessions, errors


def _active_registration_exists(forum: Forum, email: str) -> bool:
    return (
        Participant.objects.filter(forum=forum, person__email__iexact=email.strip())
        .exclude(status__in=[Participant.Status.REJECTED, Participant.Status.CANCELLED])
        .exists()
    )


# --- seats and waiting lists ------------------------------------------------------------------


def _unsafe_no_lock() -> bool:
    return bool(getattr(settings, "INFOHARBOR_UNSAFE_NO_SEAT_LOCK", False))


def _peek_capacities(sessions: Iterable[Session]) -> dict[int, SessionCapacity]:
    """The control test's deliberately racy path: read seat counts outside any lock."""
    peeked = {c.session_id: c for c in SessionCapacity.objects.filter(session__in=list(sessions))}
    time.sleep(0.005)  # widen the window so the race shows up reliably in the control test
    return peeked


def _locked_capacity(session: Session) -> SessionCapacity | None:
    return SessionCapacity.objects.select_for_update().filter(session=session).first()


def _claim(
    participant: Participant, session: Session, peeked: dict[int, SessionCapacity] | None
) -> SessionOutcome:
    """A seat if one remains, else the next place on the waiting list. Call inside atomic()."""
    cap = peeked.get(session.pk) if peeked is not None else _locked_capacity(session)
    if cap is None:
        SessionChoice.objects.create(
            participant=participant, session=session, status=SessionChoice.Status.SEAT
        )
        return SessionOutcome(session, SessionChoice.Status.SEAT, None)
    has_seat = cap.seats_taken < cap.capacity
    number = None if has_seat else cap.queue_counter + 1
    values: dict[str, Any]
    if peeked is not None:
        # INFOHARBOR_UNSAFE_NO_SEAT_LOCK: read-then-write in Python, what the lock prevents.
        values = {"seats_taken": cap.seats_taken + 1} if has_seat else {"queue_counter": number}
    elif has_seat:
        values = {"seats_taken": F("seats_taken") + 1}
    else:
        values = {"queue_counter": F("queue_counter") + 1}
    SessionCapacity.objects.filter(pk=cap.pk).update(**values)
    status = SessionChoice.Status.SEAT if has_seat else SessionChoice.Status.WAITING
    choice = SessionChoice.objects.create(
        participant=participant, session=session, status=status, queue_number=number
    )
    position = None if has_seat else waiting_position(choice)
    return SessionOutcome(session, status, position)


def _promote_next(session: Session, cap: SessionCapacity) -> None:
    """Give free seats to the waiting list in arrival order, with a notice. Lock held by caller."""
    free = cap.capacity - cap.seats_taken
    if free <= 0:
        return
    waiting = list(
        SessionChoice.objects.filter(session=session, status=SessionChoice.Status.WAITING)
        .select_related("participant__person", "participant__forum")
        .order_by("queue_number")[:free]
    )
    for choice in waiting:
        choice.status = SessionChoice.Status.SEAT
        choice.queue_number = None
        choice.save(update_fields=["status", "queue_number"])
        audit.record(
            None,
            "participant.seat_freed",
            choice.participant,
            forum=session.forum,
            extra={"session": session.slug},
        )
        outbox.queue(choice.participant, OutboxEmail.Kind.SEAT_FREED, sessions=[session])
    if waiting:
        SessionCapacity.objects.filter(pk=cap.pk).update(
            seats_taken=F("seats_taken") + len(waiting)
        )


def _release(choice: SessionChoice) -> None:
    """Drop a participant's choice; a freed seat goes to the next on the waiting list."""
    session = choice.session
    cap = _locked_capacity(session)
    was_seat = choice.status == SessionChoice.Status.SEAT
    choice.delete()
    if cap is None or not was_seat:
        return
    SessionCapacity.objects.filter(pk=cap.pk).update(seats_taken=F("seats_taken") - 1)
    cap.refresh_from_db()
    _promote_next(session, cap)


def _release_all(participant: Participant) -> list[str]:
    choices = list(
        SessionChoice.objects.filter(participant=participant)
        .select_related("session__forum")
        .order_by("session_id")
    )
    for choice in choices:
        _release(choice)
    return [c.session.slug for c in choices]


# --- registering ------------------------------------------------------------------------------


def _organization(forum: Forum, person: PersonInput, language: str) -> Organization | None:
    name = person.organization.strip()
    if not name:
        return None
    found = Organization.objects.filter(forum=forum, **{f"name__{language}": name}).first()
    if found is not None:
        return found
    return Organization.objects.create(
        forum=forum,
        name=TranslatedText({language: name}),
        kind=person.organization_kind,
        country=person.country or "",
    )


def _save_answers(
    participant: Participant, questions: list[Question], answers: Mapping[str, str | UploadedFile]
) -> None:
    for question in questions:
        raw = answers.get(question.code)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        answer = Answer(participant=participant, question=question)
        if isinstance(raw, UploadedFile):
            answer.value = raw.name or ""
            answer.file.save(raw.name or "upload", raw, save=False)
        else:
            answer.value = raw.strip()
        answer.save()


def register(
    forum: Forum,
    data: RegistrationInput,
    *,
    source: str = Participant.Source.WEB,
    actor: Actor = None,
    delegation: Delegation | None = None,
) -> Registration:
    """Register a person: a seat or a waiting-list place per chosen session, and an email.

    Raises RegistrationError naming every bad field. Categories that need no approval are
    approved at once.
    """
    organiser = source in {Participant.Source.IMPORT, Participant.Source.SEED}
    category, questions, sessions, errors = _validate(forum, data, organiser=organiser)
    if errors or category is None:
        raise RegistrationError(errors)
    peeked = _peek_capacities(sessions) if _unsafe_no_lock() else None
    try:
        with transaction.atomic():
            return _register_locked(
                forum, data, category, questions, sessions, source, actor, delegation, peeked
            )
    except IntegrityError:
        # Another registration with this email committed after our check above.
        if _active_registration_exists(forum, data.person.email):
            raise RegistrationError(
                {"person.email": [_("This email address is already registered at this forum.")]}
            ) from None
        raise


def _register_locked(
    forum: Forum,
    data: RegistrationInput,
    category: Category,
    questions: list[Question],
    sessions: list[Session],
    source: str,
    actor: Actor,
    delegation: Delegation | None,
    peeked: dict[int, SessionCapacity] | None,
) -> Registration:
    p = data.person
    lang = data.language
    person = Person.objects.create(
        forum=forum,
        name=p.name.strip(),
        name_latin=p.name_latin.strip(),
        honorific=TranslatedText({lang: p.honorific.strip()}),
        position=TranslatedText({lang: p.position.strip()}),
        organization=_organization(forum, p, lang),
        country=p.country,
        email=p.email.strip(),
        # The seed's participants are invented (forum files generate them), never real people.
        synthetic=source == Participant.Source.SEED,
    )
    status = Participant.Status.PENDING if category.needs_approval else Participant.Status.APPROVED
    participant = Participant.objects.create(
        forum=forum,
        person=person,
        category=category,
        status=status,
        delegation=delegation,
        language=lang,
        source=source,
        phone=p.phone.strip(),
        email_key=p.email.strip().casefold(),
    )
    if data.delegation_name.strip():
        Delegation.objects.create(
            forum=forum, name=data.delegation_name.strip(), country=p.country, head=participant
        )
    _save_answers(participant, questions, data.answers)
    outcomes = [_claim(participant, session, peeked) for session in sessions]
    audit.record(
        actor,
        "participant.registered",
        participant,
        forum=forum,
        after=audit.snapshot(participant),
        extra={"sessions": {o.session.slug: o.status for o in outcomes}},
    )
    kind = OutboxEmail.Kind.RECEIVED if category.needs_approval else OutboxEmail.Kind.APPROVED
    outbox.queue(participant, kind, sessions=[o.session for o in outcomes])
    waiting = [o.session for o in outcomes if o.status == SessionChoice.Status.WAITING]
    if waiting:
        outbox.queue(participant, OutboxEmail.Kind.WAITLISTED, sessions=waiting)
    return Registration(participant, outcomes)


def change_sessions(participant: Participant, slugs: Sequence[str]) -> Registration:
    """Keep the chosen sessions that stay, release the dropped ones, claim the new ones."""
    forum = participant.forum
    if not participant.is_active:
        raise RegistrationError(_("This registration is no longer active."))
    wanted = list(
        Session.objects.filter(forum=forum, slug__in=list(dict.fromkeys(slugs))).order_by("pk")
    )
    missing = sorted(set(slugs) - {s.slug for s in wanted})
    if missing:
        raise RegistrationError(
            {"sessions": [_("No such session: %(slugs)s") % {"slugs": ", ".join(missing)}]}
        )
    with transaction.atomic():
        current = {
            c.session_id: c
            for c in SessionChoice.objects.filter(participant=participant).select_related(
                "session__forum"
            )
        }
        wanted_ids = {s.pk for s in wanted}
        dropped = [c for sid, c in sorted(current.items()) if sid not in wanted_ids]
        for choice in dropped:
            _release(choice)
        added = [_claim(participant, s, None) for s in wanted if s.pk not in current]
        audit.record(
            None,  # through the private link: no user account behind it
            "participant.sessions_changed",
            participant,
            forum=forum,
            extra={
                "added": [o.session.slug for o in added],
                "dropped": [c.session.slug for c in dropped],
            },
        )
        if added or dropped:
            outbox.queue(participant, OutboxEmail.Kind.SESSIONS_CHANGED, sessions=wanted)
        waiting = [o.session for o in added if o.status == SessionChoice.Status.WAITING]
        if waiting:
            outbox.queue(participant, OutboxEmail.Kind.WAITLISTED, sessions=waiting)
    return Registration(participant, _outcomes(participant))


def _outcomes(participant: Participant) -> list[SessionOutcome]:
    return [
        SessionOutcome(c.session, c.status, waiting_position(c) if c.queue_number else None)
        for c in SessionChoice.objects.filter(participant=participant)
        .select_related("session")
        .order_by("session__start", "session_id")
    ]


def cancel(participant: Participant) -> None:
    """The participant withdraws; their seats go to the waiting lists."""
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status == Participant.Status.CANCELLED:
            return
        before = audit.snapshot(participant)
        participant.status = Participant.Status.CANCELLED
        participant.save(update_fields=["status", "updated_at"])
        released = _release_all(participant)
        audit.record(
            None,  # through the private link: no user account behind it
            "participant.cancelled",
            participant,
            forum=participant.forum,
            before=before,
            after=audit.snapshot(participant),
            extra={"released": released},
        )
        outbox.queue(participant, OutboxEmail.Kind.CANCELLED)


# --- review by the registration desk ----------------------------------------------------------


def _decide(
    actor: Actor,
    participant: Participant,
    status: str,
    allowed_from: AbstractSet[str],
    action: str,
    emails: Sequence[str],
    info_request: str = "",
) -> Participant:
    """Move a registration to `status`, with its audit entry and emails in one transaction."""
    with transaction.atomic():
        participant = (
            Participant.objects.select_for_update()
            .select_related("forum", "person", "category")
            .get(pk=participant.pk)
        )
        if participant.status not in allowed_from:
            raise RegistrationError(
                _("A registration that is “%(status)s” cannot be changed this way.")
                % {"status": participant.get_status_display()}
            )
        before = audit.snapshot(participant)
        participant.status = status
        participant.info_request = info_request
        participant.save(update_fields=["status", "info_request", "updated_at"])
        released = _release_all(participant) if status == Participant.Status.REJECTED else []
        audit.record(
            actor,
            action,
            participant,
            forum=participant.forum,
            before=before,
            after=audit.snapshot(participant),
            extra={"released": released} if released else None,
        )
        for kind in emails:
            outbox.queue(participant, kind)
    return participant


_OPEN = {Participant.Status.PENDING, Participant.Status.NEEDS_INFO}


def approve(actor: Actor, participant: Participant) -> Participant:
    """Accredit the participant: their badge becomes valid and they are told so."""
    return _decide(
        actor,
        participant,
        Participant.Status.APPROVED,
        _OPEN | {Participant.Status.REJECTED},
        "participant.approved",
        [OutboxEmail.Kind.APPROVED, OutboxEmail.Kind.BADGE_READY],
    )


def reject(actor: Actor, participant: Participant) -> Participant:
    """Refuse the registration; its seats go to the waiting lists."""
    return _decide(
        actor,
        participant,
        Participant.Status.REJECTED,
        _OPEN | {Participant.Status.APPROVED},
        "participant.rejected",
        [OutboxEmail.Kind.REJECTED],
    )


def request_info(actor: Actor, participant: Participant, message: str) -> Participant:
    """Ask the participant to add something; they answer through their private link."""
    if not message.strip():
        raise RegistrationError({"message": [_("Say what information is missing.")]})
    return _decide(
        actor,
        participant,
        Participant.Status.NEEDS_INFO,
        _OPEN,
        "participant.info_requested",
        [OutboxEmail.Kind.INFO_REQUESTED],
        info_request=message.strip(),
    )


def provide_info(participant: Participant, answers: Mapping[str, str | UploadedFile]) -> None:
    """The participant's reply to a request for information: new answers, back to review."""
    if participant.status != Participant.Status.NEEDS_INFO:
        raise RegistrationError(_("Nothing was asked of this registration."))
    questions = list(Question.objects.filter(forum=participant.forum))
    errors: dict[str, list[str]] = {}
    for question in questions:
        message = _answer_error(question, answers.get(question.code))
        if message:
            errors[f"answers.{question.code}"] = [message]
    if errors:
        raise RegistrationError(errors)
    with transaction.atomic():
        before = audit.snapshot(participant)
        Answer.objects.filter(participant=participant).delete()
        _save_answers(participant, questions, answers)
        participant.status = Participant.Status.PENDING
        participant.save(update_fields=["status", "updated_at"])
        audit.record(
            None,  # through the private link: no user account behind it
            "participant.info_provided",
            participant,
            forum=participant.forum,
            before=before,
            after=audit.snapshot(participant),
        )


def change_photo(participant: Participant, photo: UploadedFile) -> Person:
    """The participant adds or replaces their photo through the private link; the old file goes."""
    try:
        validate_photo(photo)
    except ValidationError as error:
        raise RegistrationError({"photo": error.messages}) from None
    person = participant.person
    with transaction.atomic():
        old = person.photo.name or ""
        person.photo = photo
        person.save(update_fields=["photo"])
        audit.record(
            None,  # through the private link: no user account behind it
            "participant.photo_changed",
            participant,
            forum=participant.forum,
            extra={"photo": [old, person.photo.name]},
        )
        discard_replaced(old)
    return person


# --- capacity set by organisers ---------------------------------------------------------------


def set_capacity(actor: Actor, session: Session, capacity: int | None) -> None:
    """Limit a session's seats (None removes the limit); added seats go to the waiting list."""
    with transaction.atomic():
        cap = _locked_capacity(session)
        seats = SessionChoice.objects.filter(session=session, status=SessionChoice.Status.SEAT)
        taken = seats.count()
        if capacity is not None and capacity < taken:
            raise RegistrationError(
                {
                    "capacity": [
                        _("%(taken)s seats are already given; the capacity cannot be lower.")
                        % {"taken": taken}
                    ]
                }
            )
        before = {"capacity": cap.capacity if cap else None}
        if capacity is None:
            if cap is not None:
                cap.delete()
            for choice in SessionChoice.objects.filter(
                session=session, status=SessionChoice.Status.WAITING
            ).select_related("participant__person", "participant__forum"):
                choice.status, choice.queue_number = SessionChoice.Status.SEAT, None
                choice.save(update_fields=["status", "queue_number"])
                outbox.queue(choice.participant, OutboxEmail.Kind.SEAT_FREED, sessions=[session])
        else:
            if cap is None:
                cap = SessionCapacity.objects.create(
                    session=session, capacity=capacity, seats_taken=taken
                )
            else:
                SessionCapacity.objects.filter(pk=cap.pk).update(capacity=capacity)
                cap.refresh_from_db()
            _promote_next(session, cap)
        audit.record(
            actor,
            "session.capacity_changed",
            session,
            forum=session.forum,
            before=before,
            after={"capacity": capacity},
        )


# --- bulk import of a delegation --------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportResult:
    errors: list[RowError]
    created: int
    delegation: Delegation | None = None


@dataclass(frozen=True)
class ImportStep:
    """Progress (`label`, `done` of `total`) while importing; the last step carries the result."""

    label: str
    done: int
    total: int
    result: ImportResult | None = None


PROGRESS_EVERY = 25


def _row_input(row: ImportRow, default_language: str) -> RegistrationInput:
    v = row.values
    return RegistrationInput(
        person=PersonInput(
            name=v.get("name", ""),
            name_latin=v.get("name_latin", ""),
            honorific=v.get("honorific", ""),
            position=v.get("position", ""),
            organization=v.get("organization", ""),
            organization_kind=v.get("organization_kind") or Organization.Kind.GOVERNMENT,
            country=v.get("country", "").upper(),
            email=v.get("email", ""),
            phone=v.get("phone", ""),
        ),
        category=v.get("category", ""),
        language=v.get("language") or default_language,
        answers={
            k.removeprefix(ANSWER_PREFIX): val
            for k, val in v.items()
            if k.startswith(ANSWER_PREFIX) and val
        },
        sessions=[s for s in v.get("sessions", "").replace(",", " ").split() if s],
    )


def _column(error_key: str) -> str:
    if error_key.startswith("answers."):
        return ANSWER_PREFIX + error_key.removeprefix("answers.")
    return error_key.removeprefix("person.")


def import_delegation(
    actor: Actor, forum: Forum, name: str, country: str, rows: Sequence[ImportRow]
) -> Iterator[ImportStep]:
    """Check every row, then register them all as one delegation, or none at all.

    A generator so that pages can show progress; the database changes only in the saving phase,
    inside one transaction, and only when no row has an error.
    """
    total = len(rows)
    errors: list[RowError] = []
    checked: list[tuple[ImportRow, RegistrationInput, Category, list[Question], list[Session]]] = []
    emails: dict[str, int] = {}
    heads = [r.number for r in rows if r.values.get("head", "").lower() in {"yes", "y", "1", "x"}]
    if len(heads) > 1:
        errors += [RowError(n, "head", _("Only one head of delegation per file.")) for n in heads]
    for done, row in enumerate(rows, start=1):
        data = _row_input(row, forum.default_language)
        category, questions, sessions, row_errors = _validate(forum, data, organiser=True)
        email = data.person.email.strip().lower()
        if email and email in emails:
            row_errors.setdefault("person.email", []).append(
                _("The same email address is on row %(row)s.") % {"row": emails[email]}
            )
        emails.setdefault(email, row.number)
        errors += [
            RowError(row.number, _column(key), message)
            for key, messages in row_errors.items()
            for message in messages
        ]
        if category is not None and not row_errors:
            checked.append((row, data, category, questions, sessions))
        if done % PROGRESS_EVERY == 0 or done == total:
            yield ImportStep(_("Checked"), done, total)
    if errors:
        yield ImportStep("", total, total, ImportResult(errors, 0))
        return
    with transaction.atomic():
        delegation = Delegation.objects.create(forum=forum, name=name.strip(), country=country)
        for done, (row, data, category, questions, sessions) in enumerate(checked, start=1):
            registration = _register_locked(
                forum,
                data,
                category,
                questions,
                sessions,
                Participant.Source.IMPORT,
                actor,
                delegation,
                None,
            )
            if row.number in heads:
                delegation.head = registration.participant
                delegation.save(update_fields=["head"])
            if done % PROGRESS_EVERY == 0 or done == total:
                yield ImportStep(_("Saved"), done, total)
        audit.record(
            actor,
            "delegation.imported",
            delegation,
            forum=forum,
            after=audit.snapshot(delegation),
            extra={"participants": total},
        )
    yield ImportStep("", total, total, ImportResult([], total, delegation))
