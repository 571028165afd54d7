"""Every write to registrations: registering, seats and waiting lists, review, cancellation,
badges, categories and delegations.

Seats are the one thing that must never race. A seat is taken or freed only while holding the
sessions' `SessionCapacity` rows through core/locking.py (sorted, with a timeout); a change to
one registration holds its participant row first. A new registration writes its own rows before
it takes its seats, each by one conditional update (`locking.increment`), in the same
transaction, so that every registration of a rush waits only for the few statements that seat
the one before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from infoharbor.core import audit, locking
from infoharbor.core.audit import Actor
from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum, Organization, Person, country_code
from infoharbor.core.photos import discard_replaced, validate_photo
from infoharbor.core.tokens import new_public_token
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import Session
from infoharbor.program.services import attendance_conflicts
from infoharbor.registration import outbox
from infoharbor.registration.models import (
    Answer,
    Category,
    Delegation,
    OutboxEmail,
    Participant,
    Question,
    ReplacedBadge,
    SessionCapacity,
    SessionChoice,
    normalise_email,
)
from infoharbor.registration.queries import (
    RegistrationOffer,
    registration_offer_now,
    waiting_position,
    waiting_positions,
)
from infoharbor.registration.signals import registration_cancelled


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
    # Registers the person as head of a new delegation: its name in their language, or as
    # translated text in the languages it has.
    delegation_name: str | TranslatedText = ""


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
    forum: Forum, data: RegistrationInput, *, organiser: bool, offer: RegistrationOffer | None
) -> tuple[Category | None, list[Question], list[Session], dict[str, list[str]]]:
    """Every error of `data` by field, checked against `offer` (read now when None)."""
    if offer is None:
        offer = registration_offer_now(forum)
    errors: dict[str, list[str]] = {}

    def bad(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    person = data.person
    if not person.name.strip():
        bad("person.name", _("Give the name as written in your own script."))
    email = normalise_email(person.email)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            bad("person.email", _("Give a valid email address."))
        else:
            if _active_registration_exists(forum, email):
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

    category = offer.categories.get(data.category)
    if category is None or not (category.is_public or organiser):
        bad("category", _("Choose one of the forum's categories."))

    questions = list(offer.questions)
    known = {q.code for q in questions}
    for code in sorted(set(data.answers) - known):
        bad(f"answers.{code}", _("The forum asks no such question."))
    for question in questions:
        message = _answer_error(question, data.answers.get(question.code))
        if message:
            bad(f"answers.{question.code}", message)

    slugs = set(data.sessions)
    sessions = sorted(
        (offer.sessions[s] for s in slugs if s in offer.sessions), key=attrgetter("pk")
    )
    missing = sorted(slugs - offer.sessions.keys())
    if missing:
        bad("sessions", _("No such session: %(slugs)s") % {"slugs": ", ".join(missing)})
    for message in attendance_conflicts(sessions):
        bad("sessions", message)
    return category, questions, sessions, errors


def _active_registration_exists(forum: Forum, email: str) -> bool:
    return (
        Participant.objects.filter(forum=forum, email_key=normalise_email(email))
        .exclude(status__in=[Participant.Status.REJECTED, Participant.Status.CANCELLED])
        .exists()
    )


# --- seats and waiting lists ------------------------------------------------------------------


def _capacities(
    session_ids: Iterable[int], *, savepoint: bool = True
) -> AbstractContextManager[dict[Any, SessionCapacity]]:
    """Lock these sessions' `SessionCapacity` rows (sessions without one have no limit)."""
    return locking.lock(SessionCapacity, session_ids, savepoint=savepoint)


def _claim(
    participant: Participant,
    session: Session,
    capacities: Mapping[int, SessionCapacity] | None = None,
) -> SessionOutcome:
    """A seat if one remains, else the next place on the waiting list.

    With `capacities` (locked by the caller) it decides on them. Without, a free seat is taken
    by one conditional update, and only a session that is full (or has no limit) is locked to
    decide.
    """
    if capacities is None:
        seats = SessionCapacity.objects.filter(session=session)
        if locking.increment(seats, "seats_taken", below="capacity"):
            SessionChoice.objects.create(
                participant=participant, session=session, status=SessionChoice.Status.SEAT
            )
            return SessionOutcome(session, SessionChoice.Status.SEAT, None)
        with _capacities([session.pk], savepoint=False) as capacities:
            return _claim(participant, session, capacities)
    cap = capacities.get(session.pk)
    if cap is None:
        SessionChoice.objects.create(
            participant=participant, session=session, status=SessionChoice.Status.SEAT
        )
        return SessionOutcome(session, SessionChoice.Status.SEAT, None)
    has_seat = cap.seats_taken < cap.capacity
    if has_seat:
        cap.seats_taken += 1
    else:
        cap.queue_counter += 1
    cap.save(update_fields=["seats_taken", "queue_counter"])
    status = SessionChoice.Status.SEAT if has_seat else SessionChoice.Status.WAITING
    choice = SessionChoice.objects.create(
        participant=participant,
        session=session,
        status=status,
        queue_number=None if has_seat else cap.queue_counter,
    )
    position = None if has_seat else waiting_position(choice)
    return SessionOutcome(session, status, position)


def _promote(session: Session, cap: SessionCapacity | None) -> None:
    """Give free seats (all of them without a limit) to the waiting list in arrival order.

    Every promotion is audited and told by email, whatever freed the seat. `cap` is locked.
    """
    waiting = SessionChoice.objects.filter(
        session=session, status=SessionChoice.Status.WAITING
    ).select_related("participant__person", "participant__forum")
    if cap is not None:
        free = cap.capacity - cap.seats_taken
        if free <= 0:
            return
        waiting = waiting.order_by("queue_number")[:free]
    promoted = list(waiting)
    for choice in promoted:
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
    if cap is not None and promoted:
        cap.seats_taken += len(promoted)
        cap.save(update_fields=["seats_taken"])


def _release(choice: SessionChoice, capacities: Mapping[int, SessionCapacity]) -> None:
    """Drop a participant's choice; a freed seat goes to the next on the waiting list."""
    cap = capacities.get(choice.session_id)
    was_seat = choice.status == SessionChoice.Status.SEAT
    choice.delete()
    if cap is None or not was_seat:
        return
    cap.seats_taken -= 1
    cap.save(update_fields=["seats_taken"])
    _promote(choice.session, cap)


@contextmanager
def _holding(participant: Participant) -> Iterator[Participant]:
    """The participant's row, locked and read afresh; taken before any capacities (the order
    core/locking.py keeps)."""
    rows = Participant.objects.select_related("forum", "person", "category", "delegation")
    with locking.lock(rows, [participant.pk]) as locked:
        yield locked[participant.pk]


def _release_all(participant: Participant) -> list[str]:
    choices = list(
        SessionChoice.objects.filter(participant=participant)
        .select_related("session__forum")
        .order_by("session_id")
    )
    with _capacities(c.session_id for c in choices) as capacities:
        for choice in choices:
            _release(choice, capacities)
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
    offer: RegistrationOffer | None = None,
) -> Registration:
    """Register a person: a seat or a waiting-list place per chosen session, and an email.

    Raises RegistrationError naming every bad field. Categories that need no approval are
    approved at once. `offer` is what the request read of the forum's categories, questions
    and sessions (queries.registration_offer); without it they are read now.
    """
    organiser = source in {Participant.Source.IMPORT, Participant.Source.SEED}
    category, questions, sessions, errors = _validate(forum, data, organiser=organiser, offer=offer)
    if errors or category is None:
        raise RegistrationError(errors)
    try:
        with locking.atomic():
            # The rows no one else waits for first: the seats are held only to seat.
            participant = _new_participant(forum, data, category, questions, source, delegation)
            return _seat(participant, sessions, actor)
    except IntegrityError:
        # Another registration with this email committed after our check above.
        if _active_registration_exists(forum, data.person.email):
            raise RegistrationError(
                {"person.email": [_("This email address is already registered at this forum.")]}
            ) from None
        raise


def _new_participant(
    forum: Forum,
    data: RegistrationInput,
    category: Category,
    questions: list[Question],
    source: str,
    delegation: Delegation | None,
) -> Participant:
    """The person, their registration, the delegation they head and their answers."""
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
        email=normalise_email(p.email),
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
        email_key=normalise_email(p.email),
    )
    name = data.delegation_name
    if not isinstance(name, TranslatedText):
        name = TranslatedText({lang: name.strip()})
    if name:
        Delegation.objects.create(forum=forum, name=name, country=p.country, head=participant)
    _save_answers(participant, questions, data.answers)
    return participant


def _seat(
    participant: Participant,
    sessions: list[Session],
    actor: Actor,
    capacities: Mapping[int, SessionCapacity] | None = None,
) -> Registration:
    """A new participant's seats or waiting places (on `capacities`, if the caller locked them;
    see `_claim`), the audit entry and the emails, in the registration's transaction."""
    approved = participant.status == Participant.Status.APPROVED
    kind = OutboxEmail.Kind.APPROVED if approved else OutboxEmail.Kind.RECEIVED
    # Queued before the seats are taken: it names the sessions, not yet their outcome (that is
    # read when it is sent), so the seats are held only for the statements that need them.
    outbox.queue(participant, kind, sessions=sessions)
    outcomes = [_claim(participant, session, capacities) for session in sessions]
    audit.record(
        actor,
        "participant.registered",
        participant,
        forum=participant.forum,
        after=audit.snapshot(participant),
        extra={"sessions": {o.session.slug: o.status for o in outcomes}},
    )
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
        Session.objects.filter(forum=forum, slug__in=list(dict.fromkeys(slugs)))
        .select_related("city", "forum")
        .order_by("pk")
    )
    missing = sorted(set(slugs) - {s.slug for s in wanted})
    if missing:
        raise RegistrationError(
            {"sessions": [_("No such session: %(slugs)s") % {"slugs": ", ".join(missing)}]}
        )
    conflicts = attendance_conflicts(wanted)
    if conflicts:
        raise RegistrationError({"sessions": conflicts})
    with _holding(participant) as participant:
        current = {
            c.session_id: c
            for c in SessionChoice.objects.filter(participant=participant).select_related(
                "session__forum"
            )
        }
        wanted_ids = {s.pk for s in wanted}
        dropped = [c for sid, c in sorted(current.items()) if sid not in wanted_ids]
        with _capacities(current.keys() | wanted_ids) as capacities:
            for choice in dropped:
                _release(choice, capacities)
            added = [_claim(participant, s, capacities) for s in wanted if s.pk not in current]
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
    positions = waiting_positions(participant)
    return [
        SessionOutcome(c.session, c.status, positions.get(c.session_id))
        for c in SessionChoice.objects.filter(participant=participant)
        .select_related("session")
        .order_by("session__start", "session_id")
    ]


def cancel(participant: Participant, actor: Actor = None) -> None:
    """The registration ends (the participant withdraws, or the desk cancels it); its seats go
    to the waiting lists."""
    with _holding(participant) as participant:
        if participant.status == Participant.Status.CANCELLED:
            return
        before = audit.snapshot(participant)
        participant.status = Participant.Status.CANCELLED
        participant.save(update_fields=["status", "updated_at"])
        released = _release_all(participant)
        audit.record(
            actor,  # None through the private link: no user account behind it
            "participant.cancelled",
            participant,
            forum=participant.forum,
            before=before,
            after=audit.snapshot(participant),
            extra={"released": released},
        )
        outbox.queue(participant, OutboxEmail.Kind.CANCELLED)
        registration_cancelled.send(Participant, participant=participant)


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
    with _holding(participant) as participant:
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


# --- badge, category and delegation, changed by the registration desk -------------------------


def _change(
    actor: Actor,
    participant: Participant,
    action: str,
    change: Callable[[Participant], Iterable[str]],
) -> Participant:
    """Apply `change` (it returns the fields it set) to the locked row, save it, audit it."""
    with _holding(participant) as participant:
        before = audit.snapshot(participant)
        fields = list(change(participant))
        participant.save(update_fields=[*fields, "updated_at"])
        audit.record(
            actor,
            action,
            participant,
            forum=participant.forum,
            before=before,
            after=audit.snapshot(participant),
        )
    return participant


def _set_revoked(participant: Participant, revoked: bool) -> list[str]:
    participant.badge_revoked = revoked
    return ["badge_revoked"]


def revoke_badge(actor: Actor, participant: Participant) -> Participant:
    """Doors refuse the participant's badge from now on, whichever code it carries."""
    return _change(actor, participant, "participant.badge_revoked", lambda p: _set_revoked(p, True))


def restore_badge(actor: Actor, participant: Participant) -> Participant:
    """Undo a revocation: the badge lets its holder in again."""
    return _change(
        actor, participant, "participant.badge_restored", lambda p: _set_revoked(p, False)
    )


def _new_badge_code(participant: Participant) -> list[str]:
    ReplacedBadge.objects.create(participant=participant, badge_code=participant.badge_code)
    participant.badge_code = new_public_token()
    if participant.has_valid_badge:
        outbox.queue(participant, OutboxEmail.Kind.BADGE_READY)
    return ["badge_code"]


def reissue_badge(actor: Actor, participant: Participant) -> Participant:
    """A lost badge: a new badge code; doors refuse the old one as replaced."""
    return _change(actor, participant, "participant.badge_reissued", _new_badge_code)


def change_category(actor: Actor, participant: Participant, category: Category) -> Participant:
    """Move the participant to another of the forum's categories (what their badge grants)."""
    if category.forum_id != participant.forum_id:
        raise RegistrationError({"category": [_("Choose one of the forum's categories.")]})

    def move(p: Participant) -> list[str]:
        p.category = category
        return ["category"]

    return _change(actor, participant, "participant.category_changed", move)


def change_delegation(
    actor: Actor, participant: Participant, delegation: Delegation | None
) -> Participant:
    """Put the participant into a delegation of the forum, or (None) take them out of theirs."""
    if delegation is not None and delegation.forum_id != participant.forum_id:
        raise RegistrationError({"delegation": [_("Choose one of the forum's delegations.")]})

    def move(p: Participant) -> list[str]:
        p.delegation = delegation
        return ["delegation"]

    return _change(actor, participant, "participant.delegation_changed", move)


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
    with _capacities([session.pk]) as capacities:
        cap = capacities.get(session.pk)
        taken = SessionChoice.objects.filter(
            session=session, status=SessionChoice.Status.SEAT
        ).count()
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
                cap = None
        elif cap is None:
            cap = SessionCapacity.objects.create(
                session=session, capacity=capacity, seats_taken=taken
            )
        else:
            cap.capacity = capacity
            cap.save(update_fields=["capacity"])
        _promote(session, cap)
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
class CheckedRegistration:
    """A registration that passed every check, ready for `register_delegation`."""

    data: RegistrationInput
    category: Category
    questions: list[Question]
    sessions: list[Session]


def check_registration(
    forum: Forum, data: RegistrationInput, offer: RegistrationOffer | None = None
) -> tuple[CheckedRegistration | None, dict[str, list[str]]]:
    """Check an organiser's registration, writing nothing; errors by field as `register` has
    (`offer` as `register` takes it)."""
    category, questions, sessions, errors = _validate(forum, data, organiser=True, offer=offer)
    if category is None or errors:
        return None, errors
    return CheckedRegistration(data, category, questions, sessions), {}


def register_delegation(
    actor: Actor,
    forum: Forum,
    name: TranslatedText,
    country: str,
    members: Sequence[CheckedRegistration],
    head: int | None = None,
) -> Delegation:
    """Register checked members as one imported delegation, all or none; `head` indexes members."""
    session_ids = {s.pk for member in members for s in member.sessions}
    with _capacities(session_ids) as capacities:
        delegation = Delegation.objects.create(forum=forum, name=name, country=country)
        for index, member in enumerate(members):
            participant = _new_participant(
                forum,
                member.data,
                member.category,
                member.questions,
                Participant.Source.IMPORT,
                delegation,
            )
            registration = _seat(participant, member.sessions, actor, capacities)
            if index == head:
                delegation.head = registration.participant
                delegation.save(update_fields=["head"])
        audit.record(
            actor,
            "delegation.imported",
            delegation,
            forum=forum,
            after=audit.snapshot(delegation),
            extra={"participants": len(members)},
        )
    return delegation
