"""Who runs the B2B matchmaking: the registration desk and owners; every organiser may look."""

import rules

from infoharbor.core.rules import Role, has_role, is_organiser, is_superuser

rules.add_perm("matchmaking.manage_meetings", has_role(Role.REGISTRATION_DESK) | is_superuser)
rules.add_perm("matchmaking.view_meetings", is_organiser)
