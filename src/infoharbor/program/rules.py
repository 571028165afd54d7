"""Who may change the program: owners and program editors of the session's forum."""

import rules

from infoharbor.core.rules import Role, has_role, is_organiser, is_superuser

can_edit_program = has_role(Role.PROGRAM_EDITOR) | is_superuser

rules.add_perm("program.change_session", can_edit_program)
rules.add_perm("program.add_session", can_edit_program)
rules.add_perm("program.delete_session", can_edit_program)
rules.add_perm("program.view_timetable", is_organiser)
rules.add_perm("program.add_schedulerelease", can_edit_program)
# The admin's session lists (and seats): the program is public, every organiser may look.
rules.add_perm("program.view_session", is_organiser)
