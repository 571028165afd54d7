"""What the audit log keeps of the B2B matchmaking (see core/audit.py).

A profile's text and a request's message are the participants' own words: kept until erasure.
"""

from django.utils.translation import gettext_lazy as _

from infoharbor.core import audit
from infoharbor.matchmaking.models import (
    BusinessProfile,
    MatchmakingSettings,
    Meeting,
    MeetingPrecedence,
    MeetingRequest,
    NegotiationBlock,
    SchedulerRun,
)

audit.register(
    BusinessProfile,
    fields=["participant", "language", "open_to_meetings"],
    personal=["summary"],
)
audit.register(
    MeetingRequest,
    fields=[
        "forum",
        "requester",
        "invitee",
        "opportunity",
        "priority",
        "interpreter_needed",
        "status",
        "expires_at",
        "answered_at",
    ],
    personal=["message"],
)
audit.register(NegotiationBlock, fields=["session", "slot_minutes", "tables"])
audit.register(
    Meeting,
    fields=[
        "request",
        "slot",
        "table",
        "pinned",
        "requester_says",
        "invitee_says",
        "requester_rating",
        "invitee_rating",
        "outcome",
        "project",
    ],
    extra={"held": _("held")},
)
audit.register(
    SchedulerRun,
    fields=["forum", "status", "time_limit", "requested_by"],
    extra={"meetings": _("meetings")},
)
audit.register(MatchmakingSettings, fields=["forum", "answer_hours", "remind_hours_before"])
audit.register(MeetingPrecedence, fields=["forum", "earlier", "later"])
