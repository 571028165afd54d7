"""The outcomes' pages in the organiser console (core/console.py)."""

from django.utils.translation import gettext_lazy as _

from infoharbor.core.console import Section, console_entry

console_entry(
    "dashboard",
    _("Dashboard"),
    "reports:dashboard",
    "reports.view_dashboard",
    section=Section.OUTCOMES,
    order=10,
)
console_entry(
    "press_release",
    _("Press release"),
    "reports:edit_press_release",
    "reports.change_pressrelease",
    section=Section.OUTCOMES,
    order=20,
)
console_entry(
    "report_draft",
    _("Report draft"),
    "reports:report_draft",
    "reports.view_pressrelease",
    section=Section.OUTCOMES,
    order=30,
)
