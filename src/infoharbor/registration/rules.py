"""Who may review registrations: the registration desk and owners; organisers may look."""

import rules

from infoharbor.core.rules import Role, has_role, is_organiser, is_superuser

can_review = has_role(Role.REGISTRATION_DESK) | is_superuser

rules.add_perm("registration.review_participant", can_review)
rules.add_perm("registration.change_participant", can_review)
rules.add_perm("registration.import_participants", can_review)
rules.add_perm("registration.view_participant", is_organiser)

# Badges and the door (registration/badges/, registration/door/).
can_check_in = has_role(Role.DOOR_STAFF) | is_superuser
rules.add_perm("registration.check_in", can_check_in)
rules.add_perm("registration.print_badges", can_review)
rules.add_perm("registration.view_checkins", is_organiser)

# People's photos (core/photos.py) are personal data: only the staff who must recognise faces.
can_view_photo = has_role(Role.DOOR_STAFF, Role.REGISTRATION_DESK) | is_superuser
rules.add_perm("registration.view_photo", can_view_photo)
