"""Who may review registrations: the registration desk and owners; organisers may look."""

import rules

from infoharbor.core.rules import (
    Role,
    can_see_people,
    can_see_personal_data,
    can_see_photo,
    has_role,
    is_organiser,
    is_owner,
    is_superuser,
)

can_review = has_role(Role.REGISTRATION_DESK) | is_superuser

rules.add_perm("registration.review_participant", can_review)
rules.add_perm("registration.change_participant", can_review)
rules.add_perm("registration.import_participants", can_review)
# Writing to participants and the wording of the emails they get: the desk and owners.
rules.add_perm("registration.write_to_participants", can_review)
rules.add_perm("registration.change_email_templates", can_review)
rules.add_perm("registration.view_participant", is_organiser)
# Categories, questions and the badge layout: how registration works, nothing of anyone.
rules.add_perm("registration.view_settings", is_organiser)

# Badges and the door (registration/badges/, registration/door/).
can_check_in = has_role(Role.DOOR_STAFF) | is_superuser
rules.add_perm("registration.check_in", can_check_in)
rules.add_perm("registration.print_badges", can_review)
rules.add_perm("registration.view_checkins", is_organiser)

rules.add_perm("registration.view_photo", can_see_photo)

# The admin's lists of participants, delegations and scans name people: not for door staff.
rules.add_perm("registration.list_participants", can_see_people)
# Emails hold addresses and, in their bodies, private links.
rules.add_perm("registration.view_outbox", can_see_personal_data)
# Erasing a participant's personal data cannot be undone: owners only.
rules.add_perm("registration.erase_participant", is_owner)
