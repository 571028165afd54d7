"""The protocol office's pages in the organiser console."""

from django.utils.translation import gettext_lazy as _

from infoharbor.core.console import Section, console_entry

console_entry(
    "protocol",
    _("Protocol: ceremonies and seating"),
    "protocol:index",
    "protocol.view_protocol",
    section=Section.PROTOCOL,
    order=10,
)
console_entry(
    "precedence",
    _("Order of precedence"),
    "protocol:precedence",
    "protocol.view_protocol",
    section=Section.PROTOCOL,
    order=20,
)
console_entry(
    "interpretation",
    _("Interpretation"),
    "protocol:interpretation",
    "protocol.view_protocol",
    section=Section.PROTOCOL,
    order=30,
)
console_entry(
    "room_layouts",
    _("Room layouts"),
    "protocol:layouts",
    "protocol.view_protocol",
    section=Section.PROTOCOL,
    order=40,
)
console_entry(
    "ranks",
    _("Ranks and tie rules"),
    "protocol:ranks",
    "protocol.change_protocol",
    section=Section.PROTOCOL,
    order=25,
)
