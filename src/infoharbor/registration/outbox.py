"""The email outbox: emails are written with the change they report and sent afterwards.

Writing the email as a row in the same transaction means a registration is never lost because
mail is slow or down, and never announced when it rolled back. `queue` has the task path send
it after the commit (registration/tasks.py); `deliver_due` sends what is due; a failed send is
retried with exponential backoff until MAX_ATTEMPTS, then shown as "gave up".

Delivery is at least once: a process killed between handing an email to the mail server and
recording it as sent leaves it claimed, and it is sent again once the claim lapses. Every
attempt carries the same Message-ID (`message_id`), so the second copy is recognisably the same
email, and mail systems that keep Message-IDs deliver it once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import DNS_NAME, EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from infoharbor.core import tasks
from infoharbor.program.models import Session
from infoharbor.registration import email_templates
from infoharbor.registration.models import OutboxEmail, Participant, SessionChoice
from infoharbor.registration.queries import waiting_positions

MAX_ATTEMPTS = 6
FIRST_RETRY = dt.timedelta(minutes=1)
# A claimed email is not offered to another worker for this long (a crashed worker's claim lapses).
CLAIM_LEASE = dt.timedelta(minutes=5)

Kind = OutboxEmail.Kind
# An empty placeholder (no sessions, nothing asked) leaves no gap wider than one blank line.
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")


def manage_url(participant: Participant) -> str:
    """The participant's private link, absolute, in their language."""
    with translation.override(participant.language):
        path = reverse(
            "registration:manage",
            kwargs={"slug": participant.forum.slug, "token": participant.token},
        )
    return settings.INFOHARBOR_BASE_URL.rstrip("/") + path


def _session_lines(participant: Participant, sessions: Sequence[Session]) -> list[str]:
    tz = participant.forum.tz
    choices = {
        c.session_id: c
        for c in SessionChoice.objects.filter(participant=participant, session__in=sessions)
    }
    waiting = any(c.status == SessionChoice.Status.WAITING for c in choices.values())
    positions = waiting_positions(participant) if waiting else {}
    lines = []
    for session in sessions:
        when = formats.date_format(session.start.astimezone(tz), "DATETIME_FORMAT")
        choice = choices.get(session.pk)
        if choice is None:
            state = ""
        elif choice.status == SessionChoice.Status.SEAT:
            state = str(_("seat"))
        else:
            state = str(_("waiting list, position %(position)s")) % {
                "position": positions[session.pk]
            }
        lines.append(f"{when} · {session.title}" + (f" — {state}" if state else ""))
    return lines


Placeholder = Callable[[OutboxEmail], str]
# Placeholders that later apps fill from an email's `details` (matchmaking's "{meetings}"),
# registered from their AppConfig.ready: registration cannot import them.
_placeholders: dict[str, Placeholder] = {}


def placeholder(name: str) -> Callable[[Placeholder], Placeholder]:
    """Declare how `name` is filled, in the email's language (active while it runs)."""

    def declare(function: Placeholder) -> Placeholder:
        _placeholders[name] = function
        return function

    return declare


def queue(
    participant: Participant,
    kind: str,
    *,
    sessions: Sequence[Session] | None = None,
    details: Mapping[str, Any] | None = None,
    reference: str = "",
) -> OutboxEmail:
    """Queue an email to the participant; it is written and sent after the transaction commits.

    With a `reference` (the change it reports, such as "run:12") a second call for the same
    participant, kind and reference returns the email already queued instead of another.
    """
    fields = {
        "forum_id": participant.forum_id,
        "to": participant.person.email,
        "language": participant.language,
        "sessions": [s.pk for s in sessions or []],
        "details": dict(details or {}),
    }
    if reference:
        email, created = OutboxEmail.objects.get_or_create(
            participant=participant, kind=kind, reference=reference, defaults=fields
        )
        if not created:
            return email
    else:
        email = OutboxEmail.objects.create(participant=participant, kind=kind, **fields)
    # A broker that is down does not turn the committed registration into an error: the email
    # stays pending for the next delivery or `infoharbor send_outbox`.
    tasks.enqueue("registration.deliver_outbox")
    return email


def _message_wording(email: OutboxEmail) -> tuple[str, str]:
    mailing = email.mailing
    assert mailing is not None, "a message email belongs to its mailing"
    return mailing.subject.get(email.language), mailing.body.get(email.language)


def render(email: OutboxEmail) -> tuple[str, str]:
    """Subject and body in the email's language, with the participant's sessions as they are now.

    The wording is the organisers' message for a message, else the forum's template for the
    kind in that language, else the catalogues' default (email_templates.py).
    """
    participant = email.participant
    forum = participant.forum
    if email.kind == Kind.MESSAGE:
        subject, body = _message_wording(email)
    else:
        subject, body = email_templates.wording(
            forum, email_templates.KINDS[email.kind], email.language
        )
    sessions = list(Session.objects.filter(pk__in=email.sessions).order_by("start", "pk"))
    with translation.override(email.language):
        values = {
            "name": participant.person.name,
            "forum": forum.name.get(email.language),
            "link": manage_url(participant),
            "info_request": participant.info_request,
            "sessions": "\n".join(f"- {line}" for line in _session_lines(participant, sessions)),
        }
        kind = email_templates.KINDS.get(email.kind)
        for name in kind.placeholders if kind else ():
            if name in _placeholders:
                values[name] = _placeholders[name](email)
    subject = " ".join(email_templates.fill(subject, values).split())
    body = _BLANK_LINES.sub("\n\n", email_templates.fill(body, values)).strip() + "\n"
    return subject[:300], body


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    retrying: int
    failed: int

    @property
    def tried(self) -> int:
        return self.sent + self.retrying + self.failed


def seconds_until_due() -> float | None:
    """How long until the next pending email is due (0 if one is); None when none is pending."""
    first = (
        OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if first is None:
        return None
    return max(0.0, (first - timezone.now()).total_seconds())


def _claim_due(limit: int) -> list[OutboxEmail]:
    now = timezone.now()
    with transaction.atomic():
        due = list(
            OutboxEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("participant__forum", "participant__person")
            .filter(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")[:limit]
        )
        OutboxEmail.objects.filter(pk__in=[e.pk for e in due]).update(
            next_attempt_at=now + CLAIM_LEASE
        )
    return due


def message_id(email: OutboxEmail) -> str:
    """The same Message-ID for every attempt to send `email` (RFC 5322 section 3.6.4)."""
    created = int(email.created_at.timestamp())
    return f"<outbox.{email.pk}.{created}@{DNS_NAME}>"


def deliver_due(limit: int = 200) -> DeliveryReport:
    """Send every email that is due; record failures with their next retry."""
    sent = retrying = failed = 0
    for email in _claim_due(limit):
        email.subject, email.body = render(email)
        message = EmailMessage(
            email.subject,
            email.body,
            settings.DEFAULT_FROM_EMAIL,
            [email.to],
            headers={"Content-Language": email.language, "Message-ID": message_id(email)},
        )
        attempts = email.attempts + 1
        try:
            message.send()
        except Exception as exc:  # any backend failure: keep the email and retry later
            gave_up = attempts >= MAX_ATTEMPTS
            OutboxEmail.objects.filter(pk=email.pk).update(
                attempts=attempts,
                last_error=f"{type(exc).__name__}: {exc}"[:2000],
                status=OutboxEmail.Status.FAILED if gave_up else OutboxEmail.Status.PENDING,
                next_attempt_at=timezone.now() + FIRST_RETRY * 2 ** (attempts - 1),
            )
            failed += gave_up
            retrying += not gave_up
            continue
        OutboxEmail.objects.filter(pk=email.pk).update(
            attempts=attempts,
            status=OutboxEmail.Status.SENT,
            sent_at=timezone.now(),
            subject=email.subject,
            body=email.body,
        )
        sent += 1
    return DeliveryReport(sent, retrying, failed)
