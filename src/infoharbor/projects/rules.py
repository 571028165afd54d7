"""Who may change the registry: owners and project registrars of the project's forum."""

import rules

from infoharbor.core.rules import Role, has_role, is_organiser, is_superuser

can_register_projects = has_role(Role.PROJECT_REGISTRAR) | is_superuser

rules.add_perm("projects.change_project", can_register_projects)
rules.add_perm("projects.import_projects", can_register_projects)
rules.add_perm("projects.add_exchangerate", can_register_projects)
# The admin's lists of projects, sectors, rates: the registry is public, every organiser may look.
rules.add_perm("projects.view_project", is_organiser)
