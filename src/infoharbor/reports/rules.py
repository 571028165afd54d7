"""Who may see the organisers' dashboards, who may edit and publish press releases, and who
sets the report settings.

Every organiser may read the dashboards (they show counts, never people). Press releases speak
for the forum: its owners and program editors (who write the forum's public texts) edit and
publish them.
"""

import rules

from infoharbor.core.rules import Role, has_role, is_organiser, is_owner, is_superuser

rules.add_perm("reports.view_dashboard", is_organiser)
rules.add_perm("reports.change_pressrelease", has_role(Role.PROGRAM_EDITOR) | is_superuser)
rules.add_perm("reports.view_pressrelease", is_organiser)
# The report settings (reporting currency, stall period, series) shape every published figure:
# every organiser may read them, the forum's owners set them.
rules.add_perm("reports.view_reportsettings", is_organiser)
rules.add_perm("reports.change_reportsettings", is_owner)
