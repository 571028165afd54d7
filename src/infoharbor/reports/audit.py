"""What the audit log keeps of press releases (see core/audit.py): the whole text and when it
was published; the frozen figures are in the release itself."""

from infoharbor.core import audit
from infoharbor.reports.models import PressRelease, ReportSettings

audit.register(
    PressRelease,
    fields=["forum", "language", "headline", "body", "edited_by", "published_at", "published_by"],
)
audit.register(
    ReportSettings,
    fields=[
        "forum",
        "currency",
        "stalled_after_days",
        "series",
        "reported_attendance",
        "attendance_source",
    ],
)
