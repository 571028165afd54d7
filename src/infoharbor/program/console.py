"""The program's pages in the organiser console."""

from django.utils.translation import gettext_lazy as _

from infoharbor.core.console import Section, console_entry

console_entry(
    "program",
    _("Public program"),
    "program:program",
    "program.view_timetable",
    section=Section.PROGRAM,
    order=10,
)
console_entry(
    "timetable",
    _("Timetable"),
    "program:timetable",
    "program.view_timetable",
    section=Section.PROGRAM,
    order=20,
)
console_entry(
    "new_session",
    _("New session"),
    "program:new_session",
    "program.add_session",
    section=Section.PROGRAM,
    order=30,
)
console_entry(
    "releases",
    _("Schedule releases"),
    "program:releases",
    "program.view_timetable",
    section=Section.PROGRAM,
    order=40,
)
