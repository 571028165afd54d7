"""Reads of registrations: a participant's link, seats and waiting lists, the review queue."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from infoharbor.core.models import Forum
from infoharbor.program.models import Session
from infoharbor.registration.models import (
    BadgeBatch,
    Category,
    Mailing,
    OutboxEmail,
    Participant,
    Question,
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
        "forum", "person__organization", "category", "delegation"
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
    """Sessions a participant may choose, with their seats (capacity) when limited."""
    return (
        Session.objects.filter(forum=forum)
        .select_related("capacity", "city")
        .order_by("start", "pk")
    )


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
