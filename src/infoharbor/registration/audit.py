"""What the audit log keeps of registrations (see core/audit.py).

Never a private-link token or a badge code (secret: recorded as "changed"), never an email
address, a phone number, an answer or an email's text (not declared at all).
"""

from django.utils.translation import gettext_lazy as _

from infoharbor.core import audit
from infoharbor.registration.models import (
    BadgeBatch,
    BadgeLayout,
    Category,
    CheckIn,
    Delegation,
    EmailTemplate,
    Mailing,
    OutboxEmail,
    Participant,
    Question,
    ReplacedBadge,
    SessionCapacity,
)

audit.register(
    Participant,
    fields=[
        "forum",
        "person",
        "category",
        "status",
        "delegation",
        "language",
        "source",
        "badge_revoked",
    ],
    # "photo" is the key change_photo passes: the photo's file name, which locates it.
    secret=["token", "badge_code", "photo"],
    # What the desk asked may name personal details; it goes when the data is erased.
    personal=["info_request"],
    # Sessions by slug: what was asked for (with its outcome), freed, added, dropped, released.
    extra={
        "photo": _("photo"),
        "session": _("session"),
        "sessions": _("sessions"),
        "added": _("sessions added"),
        "dropped": _("sessions dropped"),
        "released": _("seats released"),
        "slots": _("slots kept free"),  # for matchmaking
    },
)
audit.register(
    Delegation,
    fields=["forum", "name", "country", "head"],
    extra={"participants": _("participants")},
)
audit.register(
    Category,
    fields=["forum", "code", "name", "needs_approval", "colour", "days", "is_public", "order"],
)
audit.register(
    Question,
    fields=["forum", "code", "kind", "label", "help_text", "options", "required", "order"],
)
audit.register(SessionCapacity, fields=["session", "capacity", "seats_taken"])
audit.register(
    OutboxEmail, fields=["forum", "participant", "kind", "language", "sessions", "status"]
)
audit.register(
    Mailing,
    fields=["forum", "subject", "body", "audience", "recipients", "status", "created_by"],
)
audit.register(EmailTemplate, fields=["forum", "kind", "language", "subject", "body"])
audit.register(
    CheckIn,
    fields=[
        "forum",
        "participant",
        "session",
        "day",
        "door",
        "scanned_at",
        "result",
        "reason",
        "offline_allowed",
    ],
    secret=["scanned_code"],
)
audit.register(BadgeLayout, fields=["forum", "size", "fields"])
audit.register(BadgeBatch, fields=["forum", "category", "delegation", "status", "total"])
# A replaced badge's code still opens nothing, but it is a badge code: never recorded.
audit.register(ReplacedBadge, fields=["participant", "replaced_at"], secret=["badge_code"])
