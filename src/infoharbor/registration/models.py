"""Participants and their registration: categories, delegations, the form builder's questions,
session seats and waiting lists, door check-ins and the email outbox."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from infoharbor.core import formatting
from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum, Person, country_code
from infoharbor.core.tokens import new_public_token
from infoharbor.core.translated import TranslatedField, TranslatedText
from infoharbor.program.models import Session

colour_code = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Use a colour such as #1F6FB2."))


class Category(models.Model):
    """A kind of participant at one forum (official delegate, enterprise, media …)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("code"), max_length=50)
    name = TranslatedField(_("name"))
    needs_approval = models.BooleanField(
        _("needs approval"),
        default=True,
        help_text=_("Registrations in this category wait for the registration desk."),
    )
    colour = models.CharField(
        _("badge colour"), max_length=7, default="#1F6FB2", validators=[colour_code]
    )
    days = models.JSONField(
        _("days it grants"),
        default=list,
        blank=True,
        help_text=_("ISO dates (YYYY-MM-DD) this category may enter; empty means every day."),
    )
    is_public = models.BooleanField(
        _("open to public registration"),
        default=True,
        help_text=_("Otherwise only organisers and imports can use it (e.g. staff)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participant category")
        verbose_name_plural = _("participant categories")
        ordering = ["forum_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "code"], name="category_code_per_forum")
        ]

    def __str__(self) -> str:
        return str(self.name)

    def grants_day(self, day_iso: str) -> bool:
        return not self.days or day_iso in self.days


class Delegation(models.Model):
    """A group registered together, led by a head of delegation."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="delegations")
    # In every language it is known in: its head names it in theirs, organisers add the others.
    name = TranslatedField(_("name"))
    NAME_LENGTH = 200  # what a form or an import accepts as its name in one language
    country = models.CharField(_("country"), max_length=2, blank=True, validators=[country_code])
    head = models.OneToOneField(
        "Participant",
        verbose_name=_("head of delegation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="heads_delegation",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["forum_id", "id"]

    def __str__(self) -> str:
        return str(self.name)


def normalise_email(address: str) -> str:
    """The one form of an email address that is stored, compared and kept unique per forum.

    NFKC turns full-width letters (typed with a Chinese or Japanese input method) into ASCII,
    surrounding whitespace goes, and casefolding makes Same@Example.org and same@example.org one.
    """
    return unicodedata.normalize("NFKC", address).strip().casefold()


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def with_valid_badge(self) -> ParticipantQuerySet:
        """Participants whose badge lets them in (the rule is `Participant.VALID_BADGE`)."""
        return self.filter(**Participant.VALID_BADGE)


class Participant(models.Model):
    """A person's registration at one forum."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        NEEDS_INFO = "needs_info", _("more information requested")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        CANCELLED = "cancelled", _("cancelled")

    class Source(models.TextChoices):
        WEB = "web", _("registration form")
        API = "api", _("API")
        IMPORT = "import", _("import")
        DELEGATION = "delegation", _("registered by the head of delegation")
        SEED = "seed", _("seed")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="registrations")
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="participants"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    language = models.CharField(
        _("language for messages"), max_length=10, choices=content_language_choices, default="en"
    )
    source = models.CharField(_("registered through"), max_length=20, choices=Source.choices)
    # The private link's secret: whoever holds it manages this registration.
    token = models.CharField(
        _("private link"), max_length=32, unique=True, default=new_public_token, editable=False
    )
    # What the badge's QR code carries (signed by the badge code); revoking makes doors refuse it.
    badge_code = models.CharField(
        _("badge code"), max_length=32, unique=True, default=new_public_token, editable=False
    )
    badge_revoked = models.BooleanField(_("badge revoked"), default=False)
    info_request = models.TextField(
        _("information requested"),
        blank=True,
        help_text=_("What the registration desk asked the participant to add."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The contact email as `normalise_email` gives it: the database refuses two active
    # registrations with it at one forum, even when both arrive at the same moment.
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    # Who holds a valid badge: accredited, and the badge not revoked. The one statement of the
    # rule, read by `has_valid_badge` in Python and `with_valid_badge()` in queries.
    VALID_BADGE = {"status": Status.APPROVED, "badge_revoked": False}

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["forum_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "person"], name="one_registration_per_person"),
            models.UniqueConstraint(
                fields=["forum", "email_key"],
                condition=~models.Q(email_key="") & ~models.Q(status__in=["rejected", "cancelled"]),
                name="one_active_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["forum", "status"])]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def has_valid_badge(self) -> bool:
        """Whether the badge may be printed, downloaded and let in at doors."""
        return all(getattr(self, name) == value for name, value in self.VALID_BADGE.items())

    @property
    def is_active(self) -> bool:
        """Still holding or queueing for seats (not rejected or cancelled)."""
        return self.status not in {self.Status.REJECTED, self.Status.CANCELLED}


class ReplacedBadge(models.Model):
    """A badge code given up for a new badge (a lost badge): doors refuse it as replaced."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="replaced_badges"
    )
    badge_code = models.CharField(_("badge code"), max_length=32, unique=True)
    replaced_at = models.DateTimeField(_("replaced at"), default=timezone.now)

    class Meta:
        verbose_name = _("replaced badge")
        verbose_name_plural = _("replaced badges")
        ordering = ["-replaced_at", "-id"]

    def __str__(self) -> str:
        # Never the code: this names the replaced badge in the audit log (core/audit.py).
        return str(self.participant)


class Question(models.Model):
    """One question of the forum's registration form (the form builder)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        CHOICE = "choice", _("choice")
        YES_NO = "yes_no", _("yes or no")
        DATE = "date", _("date")
        FILE = "file", _("file")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("The answer's key in the API and in imports.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = TranslatedField(_("question"))
    help_text = TranslatedField(_("help text"), blank=True)
    options = models.JSONField(
        _("options"),
        default=list,
        blank=True,
        help_text=_('For choice questions: [{"value": "veg", "label": {"en": "Vegetarian"}}, …]'),
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["forum_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "code"], name="question_code_per_forum")
        ]

    def __str__(self) -> str:
        return str(self.label)

    def answer_text(self, value: str) -> str:
        """An answer as a reader reads it: a choice by its option's label, yes or no in words, a
        date in the reader's language; text and file names as given."""
        if self.kind == self.Kind.CHOICE:
            option = next((o for o in self.options if o["value"] == value), None)
            return option_label(option) if option is not None else value
        if self.kind == self.Kind.YES_NO and value in YES_NO:
            return str(YES_NO[value])
        if self.kind == self.Kind.DATE and value:
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                return value
            return formatting.local_date(day, get_language() or "en", style="long")
        return value


YES_NO = {"yes": _("Yes"), "no": _("No")}


def option_label(option: dict[str, Any]) -> str:
    """A choice question's option in the page's language, through the forum's fallback order."""
    labels = option.get("label") or {}
    return str(TranslatedText(labels) or option["value"])


def answer_upload_path(answer: Answer, filename: str) -> str:
    # A random folder keeps uploaded files unguessable even when MEDIA is served.
    return f"registration/answers/{new_public_token()}/{filename}"


class Answer(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # text, the chosen option's value, "yes"/"no", or an ISO date; the file's name for files.
    value = models.TextField(_("answer"), blank=True)
    file = models.FileField(_("file"), upload_to=answer_upload_path, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "question"], name="one_answer")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"

    @property
    def text(self) -> str:
        """The answer as a reader reads it (`Question.answer_text`)."""
        return self.question.answer_text(self.value)


class SessionCapacity(models.Model):
    """How many seats a session gives; the one row locked when a seat is taken or freed.

    A session without this row has no limit. `queue_counter` numbers waiting-list entries in
    the order they arrive.
    """

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, primary_key=True, related_name="capacity"
    )
    capacity = models.PositiveIntegerField(_("seats"))
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0)
    queue_counter = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("session capacity")
        verbose_name_plural = _("session capacities")

    def __str__(self) -> str:
        return f"{self.session}: {self.seats_taken}/{self.capacity}"

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)


class SessionChoice(models.Model):
    """A participant's chosen session: a seat, or a place on its waiting list."""

    class Status(models.TextChoices):
        SEAT = "seat", _("seat")
        WAITING = "waiting", _("waiting list")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="session_choices"
    )
    # RESTRICT: a session with registrations is not deleted by accident (program/services.py
    # says how many and what to do); deleting the whole forum still takes them along.
    session = models.ForeignKey(Session, on_delete=models.RESTRICT, related_name="choices")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # Arrival number on the session's waiting list (from SessionCapacity.queue_counter).
    queue_number = models.PositiveIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session choice")
        verbose_name_plural = _("session choices")
        ordering = ["session_id", "status", "queue_number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "session"], name="one_choice_per_session"
            ),
            models.UniqueConstraint(
                fields=["session", "queue_number"],
                condition=models.Q(queue_number__isnull=False),
                name="one_queue_number_per_session",
            ),
            models.CheckConstraint(
                condition=models.Q(status="seat", queue_number__isnull=True)
                | models.Q(status="waiting", queue_number__isnull=False),
                name="waiting_choices_have_queue_number",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "queue_number"])]

    def __str__(self) -> str:
        return f"{self.participant} · {self.session} · {self.get_status_display()}"


class OutboxEmail(models.Model):
    """An email queued in the same transaction as the change it reports, sent afterwards.

    Subject and body are rendered when it is sent, in `language`, so the transaction that
    queues it (and holds a seat lock) does no template work.
    """

    class Kind(models.TextChoices):
        RECEIVED = "received", _("registration received")
        APPROVED = "approved", _("registration approved")
        REJECTED = "rejected", _("registration rejected")
        INFO_REQUESTED = "info_requested", _("more information requested")
        WAITLISTED = "waitlisted", _("on the waiting list")
        SEAT_FREED = "seat_freed", _("seat freed")
        SESSIONS_CHANGED = "sessions_changed", _("sessions changed")
        CANCELLED = "cancelled", _("registration cancelled")
        BADGE_READY = "badge_ready", _("badge ready")
        MEETINGS_CHANGED = "meetings_changed", _("B2B meetings changed")
        MEETING_REMINDER = "meeting_reminder", _("B2B meeting request waiting")
        MESSAGE = "message", _("message from the organisers")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("gave up")
        # Never tried: the address was invented with the synthetic participant it belongs to.
        SKIPPED = "skipped", _("not sent: synthetic participant")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="outbox")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The organisers' message this email carries (kind "message"); its text is the mailing's.
    mailing = models.ForeignKey(
        "Mailing", on_delete=models.CASCADE, null=True, blank=True, related_name="emails"
    )
    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=10)
    sessions = models.JSONField(
        _("sessions"), default=list, blank=True, help_text=_("Ids of the sessions named.")
    )
    # What another app's placeholders render (the meetings changed), as data for `outbox.render`.
    details = models.JSONField(default=dict, blank=True)
    # The change an email reports ("run:12"): the same change never emails a participant twice.
    reference = models.CharField(max_length=80, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            # A mailing's task may run again after a crash: each participant gets it once.
            models.UniqueConstraint(
                fields=["mailing", "participant"],
                condition=models.Q(mailing__isnull=False),
                name="one_email_per_mailing_and_participant",
            ),
            models.UniqueConstraint(
                fields=["participant", "kind", "reference"],
                condition=~models.Q(reference=""),
                name="one_email_per_change_and_participant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class Mailing(models.Model):
    """A message the organisers wrote to a group of participants, one version per language.

    `audience` records the criteria the group was chosen by; the emails themselves (one per
    recipient, in the outbox) say who got which version and whether it went. `submission` is
    the composer's one-time key: the same form sent twice finds this mailing, not a new one.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("writing the emails")
        WRITTEN = "written", _("emails written")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="mailings")
    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_token, editable=False
    )
    subject = TranslatedField(_("subject"))
    body = TranslatedField(_("message"), textarea=True)
    audience = models.JSONField(_("recipients chosen by"), default=dict, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    submission = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.subject)


class EmailTemplate(models.Model):
    """A forum's own wording of one participant email in one language.

    Without a row the email is written from the catalogues' default (email_templates.py);
    resetting to the default deletes the row.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="email_templates")
    kind = models.CharField(_("email"), max_length=40)
    language = models.CharField(_("language"), max_length=10, choices=content_language_choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("email template")
        verbose_name_plural = _("email templates")
        ordering = ["forum_id", "kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "kind", "language"], name="one_email_template_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.language}"


# Models of the registration's rooms, defined beside their services and imported here so that
# Django finds them under the registration app.
from infoharbor.registration.badges.models import BadgeBatch, BadgeLayout  # noqa: E402
from infoharbor.registration.door.models import CheckIn  # noqa: E402

__all__ = [
    "Answer",
    "BadgeBatch",
    "BadgeLayout",
    "Category",
    "CheckIn",
    "Delegation",
    "EmailTemplate",
    "Mailing",
    "OutboxEmail",
    "Participant",
    "Question",
    "ReplacedBadge",
    "SessionCapacity",
    "SessionChoice",
]
