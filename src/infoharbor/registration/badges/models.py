"""How a forum's badges look, and batches of badges printed as one PDF."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum
from infoharbor.core.tokens import new_public_token


class BadgeLayout(models.Model):
    """How a forum's badges look: the paper size and which fields appear, in order."""

    class Size(models.TextChoices):
        A6 = "a6", _("A6 (105 × 148 mm)")
        CARD = "card", _("credit card (54 × 86 mm)")

    forum = models.OneToOneField(Forum, on_delete=models.CASCADE, related_name="badge_layout")
    size = models.CharField(_("badge size"), max_length=10, choices=Size.choices, default=Size.A6)
    # Keys of the badge field registry (badges/rendering.py); empty means its default order.
    fields = models.JSONField(_("badge fields"), default=list, blank=True)
    # Language codes, PARTICIPANT standing for the wearer's own; empty means [PARTICIPANT].
    languages = models.JSONField(
        _("badge languages"),
        default=list,
        blank=True,
        help_text=_(
            "The languages category, country and delegation are printed in, top to bottom: "
            "language codes, "
            'or “participant” for the participant\'s own language (e.g. ["participant", '
            '"zh-hans"] or ["zh-hans", "en"]); empty for the participant\'s own only.'
        ),
    )

    PARTICIPANT = "participant"

    class Meta:
        verbose_name = _("badge layout")
        verbose_name_plural = _("badge layouts")

    def __str__(self) -> str:
        return f"{self.forum}: {self.get_size_display()}"

    def clean(self) -> None:
        known = {code for code, _name in content_language_choices()} | {self.PARTICIPANT}
        if not isinstance(self.languages, list) or any(c not in known for c in self.languages):
            raise ValidationError(
                {
                    "languages": _("Use language codes or “participant”: %(codes)s.")
                    % {"codes": ", ".join(sorted(known))}
                }
            )

    def languages_for(self, participant_language: str) -> list[str]:
        """The badge languages of a participant who reads `participant_language`."""
        codes = self.languages or [self.PARTICIPANT]
        resolved = [participant_language if c == self.PARTICIPANT else c for c in codes]
        return list(dict.fromkeys(resolved))


class BadgeBatch(models.Model):
    """One batch of badges printed as a single PDF, rendered in the background.

    `done`/`total` show progress; `heartbeat_at` is refreshed while the worker runs, so a batch
    whose worker died is shown as failed instead of staying "running" forever.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("printing")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="badge_batches")
    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_token, editable=False
    )
    category = models.ForeignKey(
        "registration.Category",
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    delegation = models.ForeignKey(
        "registration.Delegation",
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    pdf = models.FileField(upload_to="registration/badges/", blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("badge batch")
        verbose_name_plural = _("badge batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.forum} · {self.done}/{self.total} · {self.get_status_display()}"
