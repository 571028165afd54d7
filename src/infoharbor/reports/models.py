"""Press releases as editors keep them: a draft being edited, and the versions published.

The text is the generated one as edited, with each figure written as a token (`{{projects.count}}`)
that is shown with its value and a link to its rows. A version keeps the figures as they stood
when it was saved, so publishing freezes them: a later change to the data never changes a
published release, and the next draft shows what changed since.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from infoharbor.core.figures import DEFAULT_CURRENCY
from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum
from infoharbor.core.translated import TranslatedField
from infoharbor.projects.models import currency_code


class PressRelease(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="press_releases")
    language = models.CharField(_("language"), max_length=10, choices=content_language_choices)
    headline = models.CharField(_("headline"), max_length=300)
    body = models.TextField(_("text"))
    figures = models.JSONField(_("figures"), default=list, editable=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["forum_id", "language", "-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "language"],
                condition=models.Q(published_at__isnull=True),
                name="one_press_release_draft_per_language",
            )
        ]

    def __str__(self) -> str:
        return self.headline

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ReportSettings(models.Model):
    """A forum's choices for its outcome figures: the currency totals are given in, after how
    long without a status change a signed project counts as stalled, and the series it is an
    edition of. An edition not run on InfoHarbor has no registrations: its attendance is the one
    reported at the time, with its source."""

    forum = models.OneToOneField(Forum, on_delete=models.CASCADE, related_name="report_settings")
    series = models.SlugField(
        _("series"),
        max_length=50,
        blank=True,
        help_text=_("Forums with the same series are editions of one forum, compared in reports."),
    )
    reported_attendance = models.PositiveIntegerField(
        _("reported attendance"),
        null=True,
        blank=True,
        help_text=_("For an edition without registrations here: the attendance reported then."),
    )
    attendance_source = TranslatedField(_("source of the attendance"), blank=True)
    currency = models.CharField(
        _("reporting currency"), max_length=3, default=DEFAULT_CURRENCY, validators=[currency_code]
    )
    stalled_after_days = models.PositiveIntegerField(
        _("stalled after (days without a status change)"),
        default=180,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(self.forum)
