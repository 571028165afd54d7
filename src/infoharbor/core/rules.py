"""Per-forum organiser roles as django-rules predicates; every app's rules.py builds on these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules

from infoharbor.core.models import Forum, ForumRole

Role = ForumRole.Role


def forum_of(obj: Any) -> Forum | None:
    """The forum an object belongs to: the forum itself, or its `forum` attribute."""
    if obj is None:
        return None
    if isinstance(obj, Forum):
        return obj
    return getattr(obj, "forum", None)


def remember_roles(user: Any, roles: Iterable[tuple[int, str]]) -> None:
    """Keep the user's roles, (forum id, role) pairs, for the rest of the request: for callers
    that read them with the user (the API's token lookup), so `roles_of` asks no query."""
    cache: dict[int, set[str]] = {}
    for forum_id, role in roles:
        cache.setdefault(forum_id, set()).add(role)
    user._forum_roles_cache = cache


def roles_of(user: Any, forum: Forum) -> set[str]:
    if not user or not user.is_authenticated:
        return set()
    if getattr(user, "_forum_roles_cache", None) is None:
        remember_roles(user, ForumRole.objects.filter(user=user).values_list("forum_id", "role"))
    return user._forum_roles_cache.get(forum.pk, set())


def has_role(*wanted: str) -> Any:
    """A predicate: the user holds one of `wanted` (or owner) at the object's forum."""
    allowed = {*wanted, Role.OWNER}

    @rules.predicate(name=f"has_role({','.join(wanted) or 'owner'})")
    def predicate(user: Any, obj: Any = None) -> bool:
        forum = forum_of(obj)
        if forum is None:
            return False
        return bool(roles_of(user, forum) & allowed)

    return predicate


is_superuser = rules.is_superuser
is_owner = has_role() | is_superuser
is_organiser = has_role(*Role.values) | is_superuser

# Each role sees only what its work needs. Door staff recognise people at the door (name,
# category, photo, status, on the door pages); they need no list of people, no contact details,
# no audit log. Contact details (email, phone) and answers are for the registration desk.
can_see_people = has_role(Role.PROGRAM_EDITOR, Role.REGISTRATION_DESK, Role.VIEWER) | is_superuser
can_see_personal_data = has_role(Role.REGISTRATION_DESK) | is_superuser
# People's photos (core/photos.py): only the staff who must recognise faces.
can_see_photo = has_role(Role.DOOR_STAFF, Role.REGISTRATION_DESK) | is_superuser

rules.add_perm("core.view_forum", is_organiser)
rules.add_perm("core.change_forum", is_owner)
rules.add_perm("core.manage_roles", is_owner)
rules.add_perm("core.view_audit", is_owner | has_role(Role.VIEWER))
# Import jobs: the roles that import (participants, projects) follow how theirs went.
rules.add_perm(
    "core.view_import_jobs", has_role(Role.REGISTRATION_DESK, Role.PROJECT_REGISTRAR) | is_superuser
)
rules.add_perm("core.view_people", can_see_people)
# Finding a person by name for a form (core/pickers.py): the protocol office names dignitaries,
# signatories and interpreters without seeing the lists of people.
rules.add_perm("core.pick_people", can_see_people | has_role(Role.PROTOCOL_OFFICER))
rules.add_perm("core.view_personal_data", can_see_personal_data)
rules.add_perm("core.view_photo", can_see_photo)
