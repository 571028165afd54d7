"""A scan at a door: who, where, when, and whether they were let in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infoharbor.core.models import Forum
from infoharbor.program.models import Session


class CheckIn(models.Model):
    """One badge scan at a door: who, where, when, and whether they were let in and why not."""

    class Result(models.TextChoices):
        ALLOWED = "allowed", _("allowed")
        REFUSED = "refused", _("refused")

    class Reason(models.TextChoices):
        NOT_APPROVED = "not_approved", _("not approved")
        WRONG_DAY = "wrong_day", _("not accredited for today")
        SESSION_FULL = "session_full", _("session full")
        NOT_REGISTERED = "not_registered", _("not registered for this session")
        ALREADY_INSIDE = "already_inside", _("already inside")
        BADGE_REVOKED = "badge_revoked", _("badge revoked")
        BADGE_REPLACED = "badge_replaced", _("badge replaced: a new badge was issued")
        UNKNOWN_CODE = "unknown_code", _("unknown badge")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="check_ins")
    participant = models.ForeignKey(
        "registration.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="check_ins",
        help_text=_("Empty when the scanned code matched no badge."),
    )
    # RESTRICT: door records are kept; a session that has them cannot be deleted on its own.
    session = models.ForeignKey(
        Session, on_delete=models.RESTRICT, null=True, blank=True, related_name="check_ins"
    )
    day = models.DateField(_("day"), help_text=_("The forum day of the scan, in its time zone."))
    door = models.CharField(_("door"), max_length=100)
    scanned_code = models.CharField(_("scanned code"), max_length=200, blank=True)
    # The scanner's own id for this scan, so a repeated submission is answered, not recorded twice.
    scan_id = models.CharField(max_length=64, blank=True)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scanned_at = models.DateTimeField(_("scanned at"), default=timezone.now, db_index=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    # What a door with no connection answered from the list kept on its phone; empty when the
    # server answered. A yes here with a refusal above is a flag: someone got in who should not.
    offline_allowed = models.BooleanField(_("answered with no connection"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-scanned_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "scan_id"], condition=~models.Q(scan_id=""), name="one_scan_id"
            ),
            models.CheckConstraint(
                condition=models.Q(result="allowed", reason="")
                | (models.Q(result="refused") & ~models.Q(reason="")),
                name="refusals_have_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["participant", "session", "scanned_at"]),
            models.Index(fields=["session", "result"]),
        ]

    def __str__(self) -> str:
        return f"{self.scanned_at:%Y-%m-%d %H:%M} {self.door} {self.get_result_display()}"

    @property
    def flagged(self) -> bool:
        """Let in by a door with no connection, but refused by the rules when it synced."""
        return bool(self.offline_allowed) and self.result == self.Result.REFUSED
