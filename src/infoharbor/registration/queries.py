"""Reads of registrations: a participant's link, seats and waiting lists, the review queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf, TruncDate

from infoharbor.core.models import City, Forum
from infoharbor.program.models import Session
from infoharbor.registration.door.models import CheckIn
from infoharbor.registration.models import (
    Answer,
    BadgeBatch,
    Category,
    Mailing,
    OutboxEmail,
    Participant,
    Question,
    SessionCapacity,
    SessionChoice,
)


def _waiting_ahead(session_id: Any, queue_number: Any) -> QuerySet[SessionChoice]:
    """The places on a session's waiting list up to and including `queue_number`: a place's
    position is their count (1 for the next person to get a seat)."""
    return SessionChoice.objects.filter(
        session_id=session_id,
        status=SessionChoice.Status.WAITING,
        queue_number__lte=queue_number,
    )


def waiting_position(choice: SessionChoice) -> int | None:
    """1 for the next person to get a seat; None for a seat."""
    if choice.queue_number is None:
        return None
    return _waiting_ahead(choice.session_id, choice.queue_number).count()


def waiting_positions(participant: Participant) -> dict[int, int]:
    """The participant's position on each waiting list they are on, by session id (sessions
    where they hold a seat are absent): one query, however many lists."""
    ahead = (
        _waiting_ahead(OuterRef("session_id"), OuterRef("queue_number"))
        .order_by()
        .values("session_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return dict(
        SessionChoice.objects.filter(participant=participant, status=SessionChoice.Status.WAITING)
        .annotate(position=Subquery(ahead))
        .order_by()
        .values_list("session_id", "position")
    )


def participant_by_token(forum: Forum, token: str) -> Participant:
    """The registration behind a private link; raises Participant.DoesNotExist.

    Its `forum` is the `forum` given, not read again: the caller has just read it for the page."""
    participant = Participant.objects.select_related(
        "person__organization", "category", "delegation", "heads_delegation"
    ).get(forum=forum, token=token)
    participant.forum = forum
    return participant


def participant_for_desk(forum: Forum, public_id: str) -> Participant:
    """The registration of the person with this public id; raises Participant.DoesNotExist.

    Organiser pages name registrations this way, never by the private link's token: a token in
    a page or a URL would let every organiser (and every access log) act as the participant.
    Its `forum` is the `forum` given, as for `participant_by_token`.
    """
    participant = Participant.objects.select_related(
        "person__organization", "category", "delegation"
    ).get(forum=forum, person__public_id=public_id)
    participant.forum = forum
    return participant


def form_questions(forum: Forum) -> QuerySet[Question]:
    return Question.objects.filter(forum=forum)


def sessions_open_for_registration(forum: Forum) -> QuerySet[Session]:
    """Sessions a participant may choose, in time order (their seats: `seats_of`)."""
    return Session.objects.filter(forum=forum).select_related("city").order_by("start", "pk")


@dataclass(frozen=True)
class RegistrationOffer:
    """What a registration at a forum may choose from: every category by code (the public ones
    are offered to everyone, the others to organisers), the questions in the form's order and
    the sessions by slug in time order (and by id, for the sessions a registration holds). The
    seats left are not in it (`seats_of`): they change with every registration.

    Its rows are shared by every request that reads the same version: read them, never change
    them.
    """

    version: tuple[int, str]
    categories: Mapping[str, Category]
    questions: tuple[Question, ...]
    sessions: Mapping[str, Session]
    sessions_by_id: Mapping[int, Session]


def registration_offer(forum: Forum) -> RegistrationOffer:
    """The offer at `forum`'s content version (core.content_version, which categories,
    questions and sessions replace), kept in this process: read once per version, so the
    request after an edit, in any process, reads it anew. `forum` must be read in this request
    (a version held longer may be stale); `registration_offer_now` reads it afresh."""
    return _kept_offer(forum, forum.content_version)


@lru_cache(maxsize=64)
def _kept_offer(forum: Forum, version: str) -> RegistrationOffer:
    return registration_offer_now(forum)


def registration_offer_now(forum: Forum) -> RegistrationOffer:
    """The offer as the database holds it at this moment (three queries)."""
    sessions = list(sessions_open_for_registration(forum))
    return RegistrationOffer(
        version=(forum.pk, forum.content_version),
        categories={c.code: c for c in Category.objects.filter(forum=forum)},
        questions=tuple(form_questions(forum)),
        sessions={s.slug: s for s in sessions},
        sessions_by_id={s.pk: s for s in sessions},
    )


def seats_of(forum: Forum) -> dict[int, SessionCapacity]:
    """The seats of the forum's limited sessions as they are now, by session id: one query."""
    return {cap.session_id: cap for cap in SessionCapacity.objects.filter(session__forum=forum)}


def answers_of(participant: Participant) -> QuerySet[Answer]:
    """The participant's answers in the form's order; each reads as `answer.text`."""
    return participant.answers.select_related("question")


def choices_of(participant: Participant) -> list[tuple[SessionChoice, int | None]]:
    """The participant's sessions in time order, each with its waiting-list position.

    The sessions are the forum's kept offer (`registration_offer`), so `participant.forum` must
    be read in this request, as a private page and the desk read it: two queries with a place
    on a waiting list, one without.
    """
    choices = list(SessionChoice.objects.filter(participant=participant).order_by("session_id"))
    offered = registration_offer(participant.forum).sessions_by_id
    # A session the offer lacks (one no longer open for registration) is read here.
    unoffered = {c.session_id for c in choices} - offered.keys()
    read = Session.objects.in_bulk(unoffered) if unoffered else {}
    for choice in choices:
        choice.session = offered.get(choice.session_id) or read[choice.session_id]
    choices.sort(key=lambda c: (c.session.start, c.session_id))
    waiting = any(c.status == SessionChoice.Status.WAITING for c in choices)
    positions = waiting_positions(participant) if waiting else {}
    return [(c, positions.get(c.session_id)) for c in choices]


@dataclass(frozen=True)
class Place:
    """Where (and when) participants were expected or came: a session, a city, a day."""

    session: str | None = None  # a session's slug
    city: int | None = None
    day: dt.date | None = None

    def __bool__(self) -> bool:
        return bool(self.session or self.city or self.day)

    def sessions(self, forum: Forum) -> QuerySet[Session]:
        sessions = Session.objects.filter(forum=forum)
        if self.session:
            sessions = sessions.filter(slug=self.session)
        if self.city:
            sessions = sessions.filter(city_id=self.city)
        if self.day:
            sessions = sessions.annotate(day=TruncDate("start", tzinfo=forum.tz)).filter(
                day=self.day
            )
        return sessions


def review_queue(
    forum: Forum,
    status: str | None = None,
    category: str | None = None,
    search: str = "",
    *,
    by_email: bool = True,
    country: str | None = None,
    place: Place = Place(),
    checked_in: bool = False,
) -> QuerySet[Participant]:
    """Participants for the registration desk, oldest first: of a status, category, country;
    holding a seat at `place`, or with `checked_in` let in there (anywhere without a place).

    `by_email=False` for whoever may not read addresses: a match would tell them whose it is.
    """
    qs = Participant.objects.filter(forum=forum).select_related(
        "person__organization", "category", "delegation"
    )
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category__code=category)
    if country:
        qs = qs.alias(country=country_of()).filter(country=country)
    if checked_in:
        let_in = CheckIn.objects.filter(_let_in(), participant=OuterRef("pk"))
        if place:
            let_in = let_in.filter(session__in=place.sessions(forum))
        qs = qs.filter(Exists(let_in))
    elif place:
        seats = SessionChoice.objects.filter(
            participant=OuterRef("pk"),
            status=SessionChoice.Status.SEAT,
            session__in=place.sessions(forum),
        )
        qs = qs.filter(Exists(seats))
    if search:
        found = Q(person__name__icontains=search) | Q(person__name_latin__icontains=search)
        if by_email:
            found |= Q(person__email__icontains=search)
        qs = qs.filter(found)
    return qs.order_by("created_at", "pk")


def status_counts(forum: Forum) -> dict[str, int]:
    rows = Participant.objects.filter(forum=forum).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def participant_countries(forum: Forum) -> list[str]:
    """The countries (ISO codes) the forum's participants come from."""
    return sorted(
        set(
            Participant.objects.filter(forum=forum)
            .exclude(person__country="")
            .values_list("person__country", flat=True)
        )
    )


def mailings(forum: Forum) -> QuerySet[Mailing]:
    return Mailing.objects.filter(forum=forum).select_related("created_by")


def mailing_emails(mailing: Mailing) -> QuerySet[OutboxEmail]:
    """Who a message went to, in which language, and how far each email got."""
    return mailing.emails.select_related("participant__person").order_by("participant__pk")


def delegation_members(participant: Participant) -> QuerySet[Participant]:
    """Members of the delegation this participant heads (empty when they head none)."""
    return (
        Participant.objects.filter(delegation__head=participant)
        .select_related("person", "category")
        .order_by("created_at", "pk")
    )


# --- what the organiser console counts (registration/console.py) ------------------------------


def awaiting_review(forum: Forum) -> int:
    return Participant.objects.filter(
        forum=forum, status__in=[Participant.Status.PENDING, Participant.Status.NEEDS_INFO]
    ).count()


def sessions_with_waiting_list(forum: Forum) -> int:
    return (
        SessionChoice.objects.filter(session__forum=forum, status=SessionChoice.Status.WAITING)
        .values("session")
        .distinct()
        .count()
    )


def failed_emails(forum: Forum) -> int:
    return OutboxEmail.objects.filter(forum=forum, status=OutboxEmail.Status.FAILED).count()


def failed_badge_batches(forum: Forum) -> int:
    return BadgeBatch.objects.filter(forum=forum, status=BadgeBatch.Status.FAILED).count()


# --- what outcome reports count (registration/outcomes.py) -------------------------------------

# Registrations that still stand: the desk has not refused them and their holders did not cancel.
INACTIVE = [Participant.Status.REJECTED, Participant.Status.CANCELLED]
STANDING = ~Q(status__in=INACTIVE)


def standing_registrations(forum: Forum) -> int:
    """Who is registered and still expected: every registration neither rejected nor cancelled."""
    return Participant.objects.filter(STANDING, forum=forum).count()


def approved_registrations(forum: Forum) -> int:
    return Participant.objects.filter(forum=forum, status=Participant.Status.APPROVED).count()


def checked_in_participants(forum: Forum) -> int:
    """Participants let in at least once by a door."""
    return (
        CheckIn.objects.filter(
            forum=forum, result=CheckIn.Result.ALLOWED, participant__isnull=False
        )
        .values("participant")
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class Participation:
    """Who registered (and still stands), was approved and came in, under one key of a split."""

    key: Any  # a category's pk, a country code, a city's pk, a day, a session's pk
    registered: int
    approved: int
    checked_in: int

    @property
    def columns(self) -> tuple[int, int, int]:
        return (self.registered, self.approved, self.checked_in)


def _let_in() -> Q:
    return Q(result=CheckIn.Result.ALLOWED, participant__isnull=False)


def _by_participant(forum: Forum, key: Any) -> list[Participation]:
    """Participants grouped by `key` (an expression over the participant): standing, approved,
    and let in at least once by a door."""
    came = Exists(CheckIn.objects.filter(_let_in(), participant=OuterRef("pk")))
    rows = (
        Participant.objects.filter(forum=forum)
        .annotate(key=key, came=came)
        .values("key")
        .annotate(
            registered=Count("pk", filter=STANDING),
            approved=Count("pk", filter=Q(status=Participant.Status.APPROVED)),
            checked_in=Count("pk", filter=Q(came=True)),
        )
        .order_by()
    )
    return [
        Participation(row["key"], row["registered"], row["approved"], row["checked_in"])
        for row in rows
    ]


def _seats(forum: Forum) -> QuerySet[SessionChoice]:
    """Seats held by standing registrations in the forum's sessions."""
    return SessionChoice.objects.filter(
        session__forum=forum, status=SessionChoice.Status.SEAT
    ).exclude(participant__status__in=INACTIVE)


def _seat_counts(seats: QuerySet[Any]) -> QuerySet[Any]:
    return seats.annotate(
        registered=Count("participant", distinct=True),
        approved=Count(
            "participant",
            distinct=True,
            filter=Q(participant__status=Participant.Status.APPROVED),
        ),
    )


def _by_seat(forum: Forum, seat_key: Any, entry_key: Any) -> list[Participation]:
    """Participants grouped by a session's `seat_key` (who holds a seat there: standing and
    approved) and by a check-in's `entry_key` (who was let in there)."""
    seated = {
        row["key"]: row
        for row in _seat_counts(_seats(forum).annotate(key=seat_key).values("key")).order_by()
    }
    came = dict(
        CheckIn.objects.filter(_let_in(), forum=forum)
        .annotate(key=entry_key)
        .exclude(key=None)
        .values("key")
        .annotate(n=Count("participant", distinct=True))
        .order_by()
        .values_list("key", "n")
    )
    return [
        Participation(
            key,
            seated[key]["registered"] if key in seated else 0,
            seated[key]["approved"] if key in seated else 0,
            came.get(key, 0),
        )
        for key in {*seated, *came}
    ]


def participation_by_category(forum: Forum) -> list[tuple[Category, Participation]]:
    """Every category of the forum with its participation, in the categories' order."""
    found = {p.key: p for p in _by_participant(forum, F("category"))}
    return [
        (c, found.get(c.pk, Participation(c.pk, 0, 0, 0)))
        for c in Category.objects.filter(forum=forum).order_by("pk")
    ]


def country_of() -> Coalesce:
    """A participant's country: the person's, else their organization's ("" when neither says)."""
    return Coalesce(
        NullIf("person__country", Value("")), "person__organization__country", Value("")
    )


def participation_by_country(forum: Forum) -> list[Participation]:
    """Participation per country of the participant, most registered first."""
    rows = [p for p in _by_participant(forum, country_of()) if p.registered or p.checked_in]
    return sorted(rows, key=lambda p: (-p.registered, p.key))


def participation_by_city(forum: Forum) -> list[tuple[City, Participation]]:
    """Participation per host city: seats held in its sessions, and who came in to them."""
    rows = {p.key: p for p in _by_seat(forum, F("session__city"), F("session__city"))}
    cities = City.objects.filter(pk__in=rows)
    return sorted(
        ((c, rows[c.pk]) for c in cities), key=lambda pair: (-pair[1].registered, pair[0].pk)
    )


def participation_by_day(forum: Forum) -> list[Participation]:
    """Participation per forum day: seats held in that day's sessions, and who came in."""
    # Each session's day in the forum's time zone, worked out once per session rather than per
    # seat (SQLite converts time zones in Python, row by row).
    days: dict[dt.date, list[int]] = {}
    for pk, start in Session.objects.filter(forum=forum).values_list("pk", "start"):
        days.setdefault(start.astimezone(forum.tz).date(), []).append(pk)
    if not days:
        return []
    day_of_session = Case(
        *(When(session__in=pks, then=Value(day)) for day, pks in days.items()),
        output_field=DateField(),
    )
    return sorted(_by_seat(forum, day_of_session, F("day")), key=lambda p: p.key)


@dataclass(frozen=True)
class SessionAttendance:
    session: Session
    seats: int | None
    confirmed: int  # standing registrations holding a seat
    approved: int  # approved registrations holding a seat
    checked_in: int  # distinct participants let in
    no_shows: int  # holding a seat, never let in

    @property
    def fill(self) -> float | None:
        """Who came, as a share of the seats."""
        return self.checked_in / self.seats if self.seats else None


def session_attendance(forum: Forum) -> list[SessionAttendance]:
    """Every session with a seat held or a check-in: capacity, seats held (and approved), who
    came and the no-shows, in the program's order."""
    # Seat holders who were let in to that very session: a join on the holder's check-ins, which
    # both databases plan well (a correlated NOT EXISTS per seat is planned badly by SQLite).
    holders_in = Q(
        participant__check_ins__session=F("session"),
        participant__check_ins__result=CheckIn.Result.ALLOWED,
    )
    seated = {
        row["session"]: row
        for row in _seat_counts(_seats(forum).values("session"))
        .annotate(came=Count("participant", distinct=True, filter=holders_in))
        .order_by()
    }
    came = dict(
        CheckIn.objects.filter(_let_in(), forum=forum, session__isnull=False)
        .values("session")
        .annotate(n=Count("participant", distinct=True))
        .order_by()
        .values_list("session", "n")
    )
    sessions = (
        Session.objects.filter(forum=forum, pk__in={*seated, *came})
        .select_related("capacity", "city")
        .order_by("start", "pk")
    )
    empty = {"registered": 0, "approved": 0, "came": 0}
    rows = []
    for s in sessions:
        seat = seated.get(s.pk, empty)
        rows.append(
            SessionAttendance(
                s,
                s.capacity.capacity if hasattr(s, "capacity") else None,
                seat["registered"],
                seat["approved"],
                came.get(s.pk, 0),
                seat["registered"] - seat["came"],
            )
        )
    return rows
