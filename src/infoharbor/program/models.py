"""Sessions on the program and the people who speak at them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import City, Forum, Organization, Person, Platform, Room
from infoharbor.core.translated import TranslatedField
from infoharbor.program import kinds


class Session(models.Model):
    """Anything on the program; a session may hold child sessions (the agenda of a sub-forum)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="sessions")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    slug = models.SlugField(_("short name in links"), max_length=80)
    kind = models.CharField(_("kind"), max_length=30, choices=kinds.choices)
    title = TranslatedField(_("title"))
    description = TranslatedField(_("description"), blank=True, textarea=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT)
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.SET_NULL, null=True, blank=True
    )
    language = models.CharField(
        _("language spoken"), max_length=10, choices=content_language_choices, default="zh-hans"
    )
    interpretation = models.JSONField(
        _("interpretation into"), default=list, blank=True, help_text=_("Language codes.")
    )
    platforms = models.ManyToManyField(
        Platform, verbose_name=_("cooperation platforms"), blank=True, related_name="sessions"
    )
    hosts = models.ManyToManyField(
        Organization, verbose_name=_("hosted by"), blank=True, related_name="hosted_sessions"
    )
    synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Invented demo data, not from a source.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    provenance = models.CharField(
        _("provenance"),
        max_length=300,
        blank=True,
        help_text=_("Where the facts come from, and which details were invented."),
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "end", "id"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "slug"], name="session_slug_per_forum"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["forum", "start"])]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def kind_info(self) -> kinds.SessionKind:
        return kinds.get(self.kind)


class SessionSpeaker(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("speaker")
        MODERATOR = "moderator", _("moderator")
        HOST = "host", _("host")
        GUEST = "guest", _("guest of honour")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="session_roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_role_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"


class ScheduleRelease(models.Model):
    """A version of the forum's schedule made public, as pretalx releases one.

    The release fixes which sessions the public program and its exports show, and when and where
    each takes place (`ReleasedSession`); until the next release, editors' moves, new sessions
    and deletions stay work in progress. What a session says (title, description, speakers)
    shows as edited. `changes` is what moved, was added, removed or changed since the release
    before, kept as it was said then.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="schedule_releases")
    version = models.CharField(_("version"), max_length=40)
    note = TranslatedField(_("note"), blank=True, textarea=True)
    released_at = models.DateTimeField(_("released at"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changes = models.JSONField(default=list)

    class Meta:
        verbose_name = _("schedule release")
        verbose_name_plural = _("schedule releases")
        ordering = ["-released_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "version"], name="release_version_per_forum")
        ]

    def __str__(self) -> str:
        return self.version


class ReleasedSession(models.Model):
    """Where and when a release placed a session; the slug and title name it after deletion."""

    release = models.ForeignKey(ScheduleRelease, on_delete=models.CASCADE, related_name="slots")
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, related_name="released_as"
    )
    slug = models.SlugField(max_length=80)
    title = TranslatedField(_("title"))
    start = models.DateTimeField()
    end = models.DateTimeField()
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+")
    room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, related_name="+")
    # What the change list compares besides the place and time: kind, title, speakers …
    content = models.JSONField(default=dict)

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["release", "slug"], name="one_slot_per_session"),
            # Also the index by which public listings find their sessions' slots in a release:
            # with only the two one-column indexes, PostgreSQL's planner (before its statistics
            # caught up with a new release) intersected them once per session, 12 ms for 500.
            models.UniqueConstraint(fields=["release", "session"], name="one_slot_per_session_row"),
        ]
        indexes = [models.Index(fields=["release", "start"])]

    def __str__(self) -> str:
        return f"{self.release} · {self.slug}"
