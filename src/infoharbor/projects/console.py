"""The registry of signed projects in the organiser console."""

from django.utils.translation import gettext_lazy as _

from infoharbor.core.console import Section, console_entry

console_entry(
    "projects",
    _("Registry of signed projects"),
    "projects:registry",
    "core.view_forum",
    section=Section.PROJECTS,
    order=10,
)
console_entry(
    "new_project",
    _("New project"),
    "projects:new_project",
    "projects.change_project",
    section=Section.PROJECTS,
    order=20,
)
console_entry(
    "import_projects",
    _("Import projects"),
    "projects:import",
    "projects.import_projects",
    section=Section.PROJECTS,
    order=30,
)
console_entry(
    "exchange_rates",
    _("Exchange rates"),
    "projects:exchange_rates",
    "projects.add_exchangerate",
    section=Section.PROJECTS,
    order=40,
)
