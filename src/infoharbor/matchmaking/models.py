"""B2B matchmaking: business profiles and their cooperation opportunities, meeting requests, the
negotiation blocks cut into slots and tables, and the meetings placed in them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum, Platform
from infoharbor.core.tokens import new_public_token
from infoharbor.core.translated import TranslatedField
from infoharbor.program.models import Session
from infoharbor.registration.models import Participant


class MatchmakingSettings(models.Model):
    """A forum's rules for meeting requests: how long one waits for its answer, and when the
    invitee is reminded before it expires."""

    forum = models.OneToOneField(
        Forum, on_delete=models.CASCADE, related_name="matchmaking_settings"
    )
    answer_hours = models.PositiveSmallIntegerField(
        _("hours to answer a request"),
        default=7 * 24,
        validators=[MinValueValidator(1), MaxValueValidator(60 * 24)],
    )
    # 0: no reminder.
    remind_hours_before = models.PositiveSmallIntegerField(
        _("reminder, hours before a request expires"),
        default=24,
        validators=[MaxValueValidator(60 * 24)],
    )

    class Meta:
        verbose_name = _("matchmaking settings")
        verbose_name_plural = _("matchmaking settings")

    def __str__(self) -> str:
        return str(self.forum)


class Topic(models.Model):
    """A term of the forum's shared vocabulary (a sector or product field), named in every forum
    language, with the words that signal it in free text, so that offers and requests written in
    different languages meet."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="topics")
    code = models.SlugField(_("code"), max_length=50)
    name = TranslatedField(_("name"))
    # Per language, words and phrases that mean this topic in free text ({"th": ["เมืองอัจฉริยะ"]}).
    keywords = models.JSONField(_("keywords"), default=dict, blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["forum_id", "code"]
        constraints = [models.UniqueConstraint(fields=["forum", "code"], name="one_topic_code")]

    def __str__(self) -> str:
        return str(self.name)


class BusinessProfile(models.Model):
    """What a participant's organization brings to the trade negotiations."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="business_profile"
    )
    # How other participants' pages name this profile (never its row id).
    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_token, editable=False
    )
    summary = models.TextField(_("about the organization"), blank=True, max_length=2000)
    language = models.CharField(
        _("written in"), max_length=10, choices=content_language_choices, default="en"
    )
    open_to_meetings = models.BooleanField(_("open to meeting requests"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("business profile")
        verbose_name_plural = _("business profiles")

    def __str__(self) -> str:
        return str(self.participant)


class Opportunity(models.Model):
    """One thing a profile offers or seeks, described with the shared vocabulary and free text."""

    class Kind(models.TextChoices):
        OFFER = "offer", _("offer")
        REQUEST = "request", _("request")

    profile = models.ForeignKey(
        BusinessProfile, on_delete=models.CASCADE, related_name="opportunities"
    )
    kind = models.CharField(_("offer or request"), max_length=10, choices=Kind.choices)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    platform = models.ForeignKey(
        Platform,
        verbose_name=_("cooperation platform"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # ISO 3166-1 alpha-2 codes of the countries the opportunity is about (empty: any).
    countries = models.JSONField(_("target countries"), default=list, blank=True)
    products = models.CharField(_("products or services"), max_length=300, blank=True)
    text = models.TextField(_("description"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("cooperation opportunity")
        verbose_name_plural = _("cooperation opportunities")
        ordering = ["profile_id", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.products or self.text[:60]}"


class MeetingRequest(models.Model):
    """One participant asking another for a one-to-one meeting."""

    class Priority(models.IntegerChoices):
        WOULD_LIKE = 1, _("would like to meet")
        MUST = 3, _("must meet")

    class TimeOfDay(models.TextChoices):
        ANY = "", _("any time")
        MORNING = "morning", _("in the morning")
        AFTERNOON = "afternoon", _("in the afternoon")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        EXPIRED = "expired", _("expired")
        CANCELLED = "cancelled", _("withdrawn")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meeting_requests")
    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_token, editable=False
    )
    requester = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="meeting_requests_sent"
    )
    invitee = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="meeting_requests_received"
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("about"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.WOULD_LIKE
    )
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    # A wish the scheduler and self-booking keep as a rule: the meeting's half of the day.
    time_of_day = models.CharField(
        _("when"), max_length=10, choices=TimeOfDay.choices, default="", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["forum_id", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("invitee")), name="no_meeting_with_oneself"
            ),
            # One open or accepted request per ordered pair; a declined one may be asked again.
            models.UniqueConstraint(
                fields=["requester", "invitee"],
                condition=models.Q(status__in=["requested", "accepted"]),
                name="one_live_request_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["forum", "status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.requester} → {self.invitee} ({self.get_status_display()})"


class NegotiationBlock(models.Model):
    """A trade-negotiation session cut into meeting slots, with a number of tables per slot."""

    session = models.OneToOneField(
        Session, on_delete=models.PROTECT, related_name="negotiation_block"
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=30,
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )
    tables = models.PositiveSmallIntegerField(
        _("tables"), default=20, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("negotiation block")
        verbose_name_plural = _("negotiation blocks")

    def __str__(self) -> str:
        return str(self.session)


class Slot(models.Model):
    """One time slot of a negotiation block (its city is the block's session's)."""

    block = models.ForeignKey(NegotiationBlock, on_delete=models.CASCADE, related_name="slots")
    index = models.PositiveSmallIntegerField()
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["start", "block_id", "index"]
        constraints = [models.UniqueConstraint(fields=["block", "index"], name="one_slot_index")]

    def __str__(self) -> str:
        return f"{self.block} #{self.index + 1}"

    def time_of_day(self, tz: dt.tzinfo) -> str:
        """Whether the slot starts in the morning or the afternoon, local time."""
        morning = self.start.astimezone(tz).hour < 12
        return MeetingRequest.TimeOfDay.MORNING if morning else MeetingRequest.TimeOfDay.AFTERNOON

    def suits(self, request: MeetingRequest, tz: dt.tzinfo) -> bool:
        """Whether the slot keeps the request's time-of-day wish."""
        return not request.time_of_day or self.time_of_day(tz) == request.time_of_day


class BlockedSlot(models.Model):
    """A slot in which a participant will not meet anyone (their own choice)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="blocked_slots"
    )
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "slot"], name="one_block_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.slot}"


class Meeting(models.Model):
    """An accepted request placed in a slot at a table; then held or not, rated, followed up."""

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("not yet said")
        HELD = "held", _("held")
        NOT_HELD = "not_held", _("not held")

    class Outcome(models.TextChoices):
        UNKNOWN = "", _("not yet said")
        NO_FURTHER_CONTACT = "none", _("no further contact")
        NEGOTIATION = "negotiation", _("negotiation started")
        AGREEMENT = "agreement", _("agreement reached")

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="meetings")
    table = models.PositiveSmallIntegerField(_("table"))
    # A pinned meeting keeps its slot and table when the organiser runs the scheduler again.
    pinned = models.BooleanField(_("pinned"), default=False)
    requester_says = models.CharField(
        _("held, says the requester"),
        max_length=10,
        choices=Attendance.choices,
        default="",
        blank=True,
    )
    invitee_says = models.CharField(
        _("held, says the invitee"),
        max_length=10,
        choices=Attendance.choices,
        default="",
        blank=True,
    )
    requester_rating = models.PositiveSmallIntegerField(
        _("requester's rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    invitee_rating = models.PositiveSmallIntegerField(
        _("invitee's rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default="", blank=True
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("signed project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__start", "table"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="one_meeting_per_table")
        ]

    def __str__(self) -> str:
        return f"{self.request.requester} · {self.request.invitee} · {self.slot}"

    @property
    def attendance(self) -> str:
        """Held when both sides say so (or one does and the other has not said), else not held."""
        says = {self.requester_says, self.invitee_says} - {""}
        if not says:
            return self.Attendance.UNKNOWN
        return (
            self.Attendance.NOT_HELD if self.Attendance.NOT_HELD in says else self.Attendance.HELD
        )


class MeetingPrecedence(models.Model):
    """The organiser's rule that one meeting takes place before another (a company meets the
    ministry before the buyer): the scheduler and self-booking keep it."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meeting_precedences")
    earlier = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="+")
    later = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("meeting order")
        verbose_name_plural = _("meeting orders")
        ordering = ["forum_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["earlier", "later"], name="one_precedence_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(earlier=models.F("later")), name="no_precedence_on_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.earlier} < {self.later}"


class SchedulerRun(models.Model):
    """One run of the scheduler over a forum's accepted requests: a preview, then published."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        PREVIEW = "preview", _("ready to review")
        PUBLISHED = "published", _("published")
        DISCARDED = "discarded", _("discarded")
        FAILED = "failed", _("failed")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="scheduler_runs")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=30)
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=300, blank=True)
    # What the solver found: placements {request id: [slot id, table]}, unplaced requests with
    # the reason, the weight placed and the proven bound.
    result = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.forum} · {self.get_status_display()}"
