"""Reads of registrations: a participant's link, seats and waiting lists, the review queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from infoharbor.core.models import Forum
from infoharbor.program.models import Session
from infoharbor.registration.door.models import CheckIn
from infoharbor.registration.models import (
    BadgeBatch,
    Category,
    Mailing,
    OutboxEmail,
    Participant,
    Question,
    SessionCapacity,
    SessionChoice,
)


def waiting_position(choice: SessionChoice) -> int | None:
    """1 for the next person to get a seat; None for a seat."""
    if choice.queue_number is None:
        return None
    return SessionChoice.objects.filter(
        session_id=choice.session_id,
        status=SessionChoice.Status.WAITING,
        queue_number__lte=choice.queue_number,
    ).count()


def participant_by_token(forum: Forum, token: str) -> Participant:
    """The registration behind a private link; raises Participant.DoesNotExist."""
    return Participant.objects.select_related(
        "forum", "person__organization", "category", "delegation", "heads_delegation"
    ).get(forum=forum, token=token)


def participant_for_desk(forum: Forum, public_id: str) -> Participant:
    """The registration of the person with this public id; raises Participant.DoesNotExist.

    Organiser pages name registrations this way, never by the private link's token: a token in
    a page or a URL would let every organiser (and every access log) act as the participant.
    """
    return Participant.objects.select_related(
        "forum", "person__organization", "category", "delegation"
    ).get(forum=forum, person__public_id=public_id)


def public_categories(forum: Forum) -> QuerySet[Category]:
    return Category.objects.filter(forum=forum, is_public=True)


def form_questions(forum: Forum) -> QuerySet[Question]:
    return Question.objects.filter(forum=forum)


def sessions_open_for_registration(forum: Forum) -> QuerySet[Session]:
    """Sessions a participant may choose, in time order (their seats: `seats_of`)."""
    return Session.objects.filter(forum=forum).select_related("city").order_by("start", "pk")


def seats_of(forum: Forum) -> dict[int, SessionCapacity]:
    """The seats of the forum's limited sessions as they are now, by session id: one query."""
    return {cap.session_id: cap for cap in SessionCapacity.objects.filter(session__forum=forum)}


def choices_of(participant: Participant) -> list[tuple[SessionChoice, int | None]]:
    """The participant's sessions in time order, each with its waiting-list position."""
    choices = (
        SessionChoice.objects.filter(participant=participant)
        .select_related("session__city", "session__room__venue")
        .order_by("session__start", "session_id")
    )
    return [(c, waiting_position(c)) for c in choices]


def review_queue(
    forum: Forum,
    status: str | None = None,
    category: str | None = None,
    search: str = "",
    *,
    by_email: bool = True,
) -> QuerySet[Participant]:
    """Participants for the registration desk, oldest first.

    `by_email=False` for whoever may not read addresses: a match would tell them whose it is.
    """
    qs = Participant.objects.filter(forum=forum).select_related(
        "person__organization", "category", "delegation"
    )
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category__code=category)
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


def standing_by_category(forum: Forum) -> list[tuple[Category, int, int]]:
    """Each category with its standing registrations and how many of them are approved."""
    rows = Category.objects.filter(forum=forum).annotate(
        standing=Count("participants", filter=~Q(participants__status__in=INACTIVE)),
        approved=Count("participants", filter=Q(participants__status=Participant.Status.APPROVED)),
    )
    return [(c, c.standing, c.approved) for c in rows]


def standing_by_country(forum: Forum) -> list[tuple[str, int]]:
    """Standing registrations per country of the person (or their organization), most first."""
    rows = (
        Participant.objects.filter(STANDING, forum=forum)
        .values("person__country", "person__organization__country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, int] = {}
    for row in rows:
        code = row["person__country"] or row["person__organization__country"] or ""
        counts[code] = counts.get(code, 0) + row["n"]
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def check_ins_by_day(forum: Forum) -> list[tuple[dt.date, int]]:
    """Distinct participants let in on each forum day."""
    rows = (
        CheckIn.objects.filter(forum=forum, result=CheckIn.Result.ALLOWED)
        .values("day")
        .annotate(n=Count("participant", distinct=True))
        .order_by("day")
    )
    return [(row["day"], row["n"]) for row in rows]


@dataclass(frozen=True)
class SessionAttendance:
    session: Session
    seats: int | None
    confirmed: int  # participants holding a seat
    checked_in: int  # distinct participants let in
    no_shows: int  # holding a seat, never let in

    @property
    def fill(self) -> float | None:
        """Who came, as a share of the seats."""
        return self.checked_in / self.seats if self.seats else None


def session_attendance(forum: Forum) -> list[SessionAttendance]:
    """Every session with a seat choice or a check-in: seats, confirmed, came, no-shows."""
    seat = SessionChoice.Status.SEAT
    allowed = CheckIn.Result.ALLOWED
    seats = SessionChoice.objects.filter(session__forum=forum, status=seat)
    confirmed = dict(seats.values("session").annotate(n=Count("pk")).values_list("session", "n"))
    # Who came to which session, as pairs: a set difference is far cheaper than a correlated
    # NOT EXISTS per seat (tens of thousands of seats, no index on session and participant).
    came = set(
        CheckIn.objects.filter(forum=forum, result=allowed, session__isnull=False)
        .values_list("session", "participant")
        .distinct()
    )
    no_shows: dict[int, int] = {}
    for pair in seats.values_list("session", "participant").iterator(chunk_size=10_000):
        if pair not in came:
            no_shows[pair[0]] = no_shows.get(pair[0], 0) + 1
    checked_in = dict(
        CheckIn.objects.filter(forum=forum, result=allowed, session__isnull=False)
        .values("session")
        .annotate(n=Count("participant", distinct=True))
        .values_list("session", "n")
    )
    sessions = (
        Session.objects.filter(forum=forum, pk__in={*confirmed, *checked_in})
        .select_related("capacity", "city")
        .order_by("start", "pk")
    )
    return [
        SessionAttendance(
            s,
            s.capacity.capacity if hasattr(s, "capacity") else None,
            confirmed.get(s.pk, 0),
            checked_in.get(s.pk, 0),
            no_shows.get(s.pk, 0),
        )
        for s in sessions
    ]
