"""Who may see and change the protocol office's plans: protocol officers and owners change them,
every organiser of the forum sees them."""

import rules

from infoharbor.core.rules import Role, has_role, is_organiser, is_superuser

can_change_protocol = has_role(Role.PROTOCOL_OFFICER) | is_superuser

rules.add_perm("protocol.view_protocol", is_organiser)
rules.add_perm("protocol.change_protocol", can_change_protocol)
