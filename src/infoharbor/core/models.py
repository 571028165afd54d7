"""The forum and the places, organizations and people it brings together."""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import date
from typing import Any

from babel import Locale
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from infoharbor.core.countries import OWN_LANGUAGES
from infoharbor.core.languages import content_language_choices
from infoharbor.core.photos import photo_upload_path, validate_photo
from infoharbor.core.tokens import new_public_token
from infoharbor.core.translated import TranslatedField

# ISO 3166-1 alpha-2 codes: CLDR's two-letter territories without its pseudo and grouping codes
# (unknown region, outlying Oceania, pseudo-locales, the EU, the UN, the eurozone) and the
# codes ISO only reserves (Ascension, Clipperton, Diego Garcia, Ceuta and Melilla, the Canary
# Islands, Tristan da Cunha).
NOT_COUNTRIES = frozenset(
    {"ZZ", "QO", "XA", "XB", "EU", "UN", "EZ", "AC", "CP", "DG", "EA", "IC", "TA"}
)
ISO_COUNTRIES = frozenset(
    code
    for code in map(str, Locale("en").territories)
    if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
)


def country_code(value: str) -> None:
    """Validator: an ISO 3166-1 alpha-2 country code ("XX" is not one)."""
    if value not in ISO_COUNTRIES:
        raise ValidationError(
            _("Use an ISO 3166-1 alpha-2 code, e.g. CN or TH."), code="invalid_country"
        )


def _timezone_choices() -> list[tuple[str, str]]:
    return [(tz, tz) for tz in sorted(zoneinfo.available_timezones())]


def new_content_version() -> str:
    """A fresh content version: random, so a version once replaced never comes back."""
    return secrets.token_hex(8)


class Forum(models.Model):
    """One edition of a forum: its dates, time zone, host cities and languages."""

    slug = models.SlugField(_("short name in links"), unique=True, max_length=50)
    name = TranslatedField(_("name"))
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    description = TranslatedField(_("description"), blank=True, textarea=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", choices=_timezone_choices
    )
    languages = models.JSONField(
        _("languages"), default=list, help_text=_("Codes of the languages the forum publishes in.")
    )
    default_language = models.CharField(
        _("default language"), max_length=10, choices=content_language_choices, default="en"
    )
    fallback_languages = models.JSONField(
        _("fallback order"),
        default=list,
        blank=True,
        help_text=_(
            "Languages in which content is shown, in this order, when it lacks the reader's; "
            "empty for English, then the forum's default language."
        ),
    )
    cities: models.ManyToManyField[City, Any] = models.ManyToManyField(
        "City", verbose_name=_("host cities"), blank=True
    )
    organisers = TranslatedField(_("organisers"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    buddhist_era = models.BooleanField(
        _("Buddhist era in Thai"),
        default=False,
        help_text=_("Show Thai readers years of the Buddhist era (พ.ศ. 2561 for 2018)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Replaced on every save of what public pages show (core.content_version): the key of
    # cached renderings and ETags, the same for every server process.
    content_version = models.CharField(max_length=16, default=new_content_version, editable=False)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="forum_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def days(self) -> list[date]:
        return [
            date.fromordinal(o)
            for o in range(self.start_date.toordinal(), self.end_date.toordinal() + 1)
        ]

    def fallback_chain(self) -> list[str]:
        """Where translated content falls back after the reader's language (then to any)."""
        return list(self.fallback_languages or ["en", self.default_language])

    def content_languages(self) -> list[str]:
        """The forum's languages, default first."""
        return list(dict.fromkeys([self.default_language, *self.languages]))

    def clean(self) -> None:
        known = {code for code, _name in content_language_choices()}
        unknown = [code for code in self.languages if code not in known]
        if unknown:
            raise ValidationError(
                {
                    "languages": _("Unknown language codes: %(codes)s")
                    % {"codes": ", ".join(unknown)}
                }
            )
        fallback = self.fallback_languages
        if not isinstance(fallback, list) or any(code not in known for code in fallback):
            raise ValidationError(
                {"fallback_languages": _("Choose languages the forum may publish in.")}
            )
        if len(set(fallback)) != len(fallback):
            raise ValidationError(
                {"fallback_languages": _("Name each language once in the fallback order.")}
            )


class City(models.Model):
    """A city that hosts forums; travel times between cities decide who can be where."""

    name = TranslatedField(_("name"))
    country = models.CharField(_("country"), max_length=2, validators=[country_code])
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.name)


class TravelTime(models.Model):
    """Door-to-door travel time between two cities, the same both ways."""

    from_city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    to_city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveIntegerField(_("minutes"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("travel time")
        verbose_name_plural = _("travel times")
        constraints = [
            models.UniqueConstraint(fields=["from_city", "to_city"], name="one_travel_time"),
            models.CheckConstraint(
                condition=models.Q(from_city__lt=models.F("to_city")),
                name="travel_time_ordered_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_city} – {self.to_city}: {self.minutes} min"


class Venue(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="venues")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="venues")
    name = TranslatedField(_("name"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Invented demo data, not from a source.")
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city_id", "id"]

    def __str__(self) -> str:
        return str(self.name)


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = TranslatedField(_("name"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue_id", "id"]

    def __str__(self) -> str:
        return f"{self.venue} · {self.name}"


class Platform(models.Model):
    """One of the forum's cooperation platforms (the seed names five)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="platforms")
    code = models.SlugField(_("code"), max_length=50)
    name = TranslatedField(_("name"))
    description = TranslatedField(_("description"), blank=True, textarea=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("cooperation platform")
        verbose_name_plural = _("cooperation platforms")
        ordering = ["forum_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "code"], name="platform_code_per_forum")
        ]

    def __str__(self) -> str:
        return str(self.name)


class Organization(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government body")
        ENTERPRISE = "enterprise", _("enterprise")
        ACADEMIC = "academic", _("university or institute")
        ASSOCIATION = "association", _("association")
        FUND = "fund", _("fund")
        MEDIA = "media", _("media outlet")
        INTERNATIONAL = "international", _("international organisation")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="organizations")
    name = TranslatedField(_("name"))
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, validators=[country_code])
    website = models.URLField(_("website"), blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.name)

    def name_in(self, language: str) -> str:
        """The name as `language` writes it where the data has that form, else in the
        organization's own language (its country's), else as translated text falls back."""
        own = OWN_LANGUAGES.get(self.country)
        for code in (language, own):
            if code and self.name.has(code):
                return self.name.get(code)
        return self.name.get(language)


class Person(models.Model):
    """A human being: the name in their own script and in Latin letters."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="people")
    public_id = models.CharField(
        _("public ID"), max_length=32, unique=True, default=new_public_token, editable=False
    )
    name = models.CharField(_("name in own script"), max_length=200)
    name_latin = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    honorific = TranslatedField(_("honorific"), blank=True)
    position = TranslatedField(_("position"), blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    country = models.CharField(_("country"), max_length=2, blank=True, validators=[country_code])
    biography = TranslatedField(_("biography"), blank=True, textarea=True)
    email = models.EmailField(_("email"), blank=True)
    # Personal data: served only through views that check who asks (core/photos.py).
    photo = models.ImageField(
        _("photo"),
        upload_to=photo_upload_path,
        validators=[validate_photo],
        blank=True,
        help_text=_("A JPEG, PNG or WebP image, shown to door staff beside the name."),
    )
    synthetic = models.BooleanField(_("synthetic"), default=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["id"]

    def __str__(self) -> str:
        if self.name_latin and self.name_latin != self.name:
            return f"{self.name} ({self.name_latin})"
        return self.name


class ForumRole(models.Model):
    """An organiser's role at one forum; permissions in every app's rules.py derive from these."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        PROGRAM_EDITOR = "program_editor", _("program editor")
        REGISTRATION_DESK = "registration_desk", _("registration desk")
        DOOR_STAFF = "door_staff", _("door staff")
        PROJECT_REGISTRAR = "project_registrar", _("project registrar")
        PROTOCOL_OFFICER = "protocol_officer", _("protocol officer")
        VIEWER = "viewer", _("viewer")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_roles"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("forum role")
        verbose_name_plural = _("forum roles")
        constraints = [
            models.UniqueConstraint(fields=["forum", "user", "role"], name="one_role_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.forum}"


class Invitation(models.Model):
    """An owner's invitation to join a forum's team with some roles, accepted through a link.

    The link carries `token` (unguessable, shown only in the email to the invitee) and expires
    after INVITATION_DAYS; accepting grants the roles to the account that accepts it.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    roles = models.JSONField(_("roles"), default=list)
    token = models.CharField(
        _("invitation link"), max_length=32, unique=True, default=new_public_token, editable=False
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # Never the email: this names the invitation in the audit log (core/audit.py).
        return f"{self.forum} · #{self.pk}"


class AuditEntry(models.Model):
    """Who changed what, when: before → after for every field a service changed."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class SearchEntry(models.Model):
    """One searchable object's text and index tokens, kept by `infoharbor.core.search`.

    `tokens` is language-independent ASCII (see `search.index_tokens`); SQLite indexes it with the
    FTS5 table `core_searchentry_fts`, kept in sync by triggers, PostgreSQL with a GIN index on
    the stored column `tokens_tsv` = `to_tsvector('simple', tokens)`, which the model does not
    declare (both made in migration 0003). A later migration that alters this table on SQLite
    (which rebuilds the table) must recreate those triggers.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="+")
    object_type = models.CharField(max_length=100)
    object_key = models.CharField(max_length=64)
    title = TranslatedField(blank=True)
    text = models.TextField()
    tokens = models.TextField()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_key"], name="one_search_entry")
        ]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_key}"


class ImportJob(models.Model):
    """One uploaded file being imported in the background (core/imports.py), polled by its page.

    The file is stored, checked outside any transaction (`done` of `total` rows), then written
    in one short transaction. A refused file keeps every row error in `errors`; a job whose
    worker died stops refreshing `heartbeat_at` and is shown failed, never left "checking".
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        CHECKING = "checking", _("checking rows")
        WRITING = "writing", _("saving")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")
        REFUSED = "refused", _("refused")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="import_jobs")
    public_id = models.CharField(
        _("public ID"), max_length=32, unique=True, default=new_public_token, editable=False
    )
    kind = models.CharField(_("kind"), max_length=40)
    file = models.FileField(_("file"), upload_to="imports/", max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=300)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    errors = models.JSONField(_("row errors"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    written = models.PositiveIntegerField(_("rows saved"), default=0)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} · {self.get_status_display()}"

    @property
    def is_over(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.REFUSED}
