"""What the audit log keeps of the program's models (see core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from infoharbor.core import audit
from infoharbor.program.models import ScheduleRelease, Session

audit.register(
    Session,
    fields=[
        "forum",
        "parent",
        "slug",
        "kind",
        "title",
        "description",
        "start",
        "end",
        "city",
        "room",
        "language",
        "interpretation",
        "platforms",
        "hosts",
        "synthetic",
        "provenance",
    ],
    # The protocol office's booths: which language each relays from.
    extra={"relay": _("relay languages")},
)
audit.register(ScheduleRelease, fields=["forum", "version", "note", "released_at", "released_by"])
