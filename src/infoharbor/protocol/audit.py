"""What the audit log keeps of the protocol office (see core/audit.py).

An override's reason is the officer's note about people: kept until their data is erased.
"""

from django.utils.translation import gettext_lazy as _

from infoharbor.core import audit
from infoharbor.protocol.models import (
    Booth,
    Dignitary,
    Interpreter,
    PrecedenceOverride,
    ProtocolSettings,
    Rank,
    RoomLayout,
    RunSheet,
    SeatAssignment,
    SeatingPlan,
    SeatingRule,
    SeatingTable,
    Signatory,
    Signing,
)

audit.register(
    ProtocolSettings,
    fields=[
        "forum",
        "host_country",
        "host_last",
        "tie_break",
        "guest_side",
        "interpreter_minutes_per_day",
    ],
)
audit.register(Rank, fields=["forum", "code", "name", "order"])
audit.register(Dignitary, fields=["forum", "person", "rank", "arrived_at"])
audit.register(
    PrecedenceOverride, fields=["forum", "person", "before", "created_by"], personal=["reason"]
)
audit.register(RunSheet, fields=["session", "opening_minutes", "closing_minutes"])
audit.register(
    Signing, fields=["run_sheet", "project", "order", "minutes", "exchange_minutes", "announcement"]
)
audit.register(Signatory, fields=["signing", "person", "role", "side", "order"])
audit.register(RoomLayout, fields=["room", "width", "depth"])
audit.register(
    SeatingPlan,
    fields=["forum", "session", "room", "name", "width", "depth", "guests"],
    extra={"seated": _("people seated"), "fixed": _("fixed seats")},
)
audit.register(
    SeatingTable, fields=["layout", "plan", "label", "shape", "seats", "x", "y", "order"]
)
audit.register(SeatAssignment, fields=["plan", "table", "number", "person", "behind", "fixed"])
audit.register(SeatingRule, fields=["plan", "kind", "person", "other"])
audit.register(Interpreter, fields=["forum", "person", "pairs"])
audit.register(
    Booth,
    fields=["session", "language", "relay_from", "channel", "needed"],
    extra={"interpreter": _("interpreter")},
)
