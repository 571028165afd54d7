"""The organisers' messages to a group of participants, each recipient in their language.

For the registration desk and owners. A message has one version per forum language (subject
and body, with the placeholders every participant email has: {name}, {forum}, {link}); each
recipient gets the version in their own language, else the one the forum falls back to, as
for any translated content. Sending records the message (`Mailing`) at once and leaves the
writing of its emails to the task path (`write_emails`); those emails go through the outbox
like every other, so the message page can say, per recipient, whether theirs went.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from infoharbor.core import audit, tasks
from infoharbor.core.models import Forum
from infoharbor.core.translated import TranslatedText, forum_fallback
from infoharbor.registration import email_templates
from infoharbor.registration.models import Mailing, OutboxEmail, Participant

PLACEHOLDERS = email_templates.EVERY_EMAIL
WRITE_BATCH = 500


@dataclass(frozen=True)
class Audience:
    """Who a message goes to; each list narrows the group, an empty list does not.

    Without statuses, every registration still active (not rejected or cancelled).
    """

    categories: list[int] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    sessions: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    delegations: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, list[Any]]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, list[Any]]) -> Audience:
        return cls(**data)


def recipients(forum: Forum, audience: Audience) -> QuerySet[Participant]:
    """The participants `audience` names at `forum` who have an address to write to."""
    statuses = audience.statuses or [
        s for s in Participant.Status.values if s not in {"rejected", "cancelled"}
    ]
    found = Participant.objects.filter(forum=forum, status__in=statuses).exclude(person__email="")
    if audience.categories:
        found = found.filter(category_id__in=audience.categories)
    if audience.countries:
        found = found.filter(person__country__in=audience.countries)
    if audience.delegations:
        found = found.filter(delegation_id__in=audience.delegations)
    if audience.sessions:
        chose = Participant.objects.filter(session_choices__session_id__in=audience.sessions)
        found = found.filter(pk__in=chose.values("pk"))
    return found.order_by("pk")


def version_language(forum: Forum, subject: TranslatedText, language: str) -> str:
    """Which version a reader of `language` gets: theirs, else the forum's fallback."""
    with forum_fallback(forum):
        chain = subject.fallback_chain(language)
    return next((code for code in chain if subject.has(code)), forum.default_language)


@dataclass(frozen=True)
class LanguageCount:
    language: str  # the recipients' language
    version: str  # the version they get
    count: int


def counts_by_language(
    forum: Forum, subject: TranslatedText, found: QuerySet[Participant]
) -> list[LanguageCount]:
    """How many recipients read each language, and which version each of them gets."""
    counts = Counter(found.values_list("language", flat=True))
    order = forum.content_languages()
    return [
        LanguageCount(language, version_language(forum, subject, language), counts[language])
        for language in sorted(counts, key=lambda c: (order.index(c) if c in order else 99, c))
    ]


def check(texts: Iterable[str]) -> None:
    """Refuse (ValidationError) a version using a placeholder that is not every email's."""
    for text in texts:
        email_templates.check(text, PLACEHOLDERS)


def send(
    actor: audit.Actor,
    forum: Forum,
    *,
    subject: TranslatedText,
    body: TranslatedText,
    audience: Audience,
    submission: str,
) -> Mailing:
    """Record the message and have its emails written; the same `submission` sends once.

    A form posted twice (a double click, a reload) carries the same `submission` and gets the
    mailing the first post made.
    """
    check([*dict(subject.items()).values(), *dict(body.items()).values()])
    try:
        with transaction.atomic():
            mailing = Mailing.objects.create(
                forum=forum,
                subject=subject,
                body=body,
                audience=audience.as_json(),
                recipients=recipients(forum, audience).count(),
                submission=submission,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,  # type: ignore[misc]
            )
            audit.record(actor, "mailing.sent", mailing, forum=forum, after=audit.snapshot(mailing))
            tasks.enqueue("registration.write_mailing", mailing.pk)
    except IntegrityError:
        return Mailing.objects.get(forum=forum, submission=submission)
    return mailing


def write_emails(mailing_id: int) -> None:
    """Queue one outbox email per recipient (the task behind `send`; safe to run again)."""
    mailing = Mailing.objects.select_related("forum").get(pk=mailing_id)
    forum = mailing.forum
    done = set(mailing.emails.values_list("participant_id", flat=True))
    found = recipients(forum, Audience.from_json(mailing.audience)).select_related("person")
    batch: list[OutboxEmail] = []
    for participant in found.iterator(chunk_size=WRITE_BATCH):
        if participant.pk in done:
            continue
        batch.append(
            OutboxEmail(
                forum=forum,
                participant=participant,
                mailing=mailing,
                kind=OutboxEmail.Kind.MESSAGE,
                to=participant.person.email,
                language=version_language(forum, mailing.subject, participant.language),
            )
        )
        if len(batch) == WRITE_BATCH:
            OutboxEmail.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    OutboxEmail.objects.bulk_create(batch, ignore_conflicts=True)
    with transaction.atomic():
        before = audit.snapshot(mailing)
        mailing.status = Mailing.Status.WRITTEN
        mailing.recipients = mailing.emails.count()
        mailing.save(update_fields=["status", "recipients"])
        audit.record(
            None,
            "mailing.written",
            mailing,
            forum=forum,
            before=before,
            after=audit.snapshot(mailing),
        )
        tasks.enqueue("registration.deliver_outbox")


@dataclass(frozen=True)
class Progress:
    recipients: int
    written: int
    sent: int
    pending: int
    failed: int

    @property
    def finished(self) -> bool:
        return self.written >= self.recipients and not self.pending


def progress(mailing: Mailing) -> Progress:
    """How far the message has gone: emails written, sent, waiting and given up."""
    statuses = Counter(mailing.emails.values_list("status", flat=True))
    written = sum(statuses.values())
    total = written if mailing.status == Mailing.Status.WRITTEN else mailing.recipients
    return Progress(
        total,
        written,
        statuses[OutboxEmail.Status.SENT],
        statuses[OutboxEmail.Status.PENDING],
        statuses[OutboxEmail.Status.FAILED],
    )
