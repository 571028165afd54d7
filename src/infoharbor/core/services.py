"""Writes to forums' organiser team (roles, invitations) and the travel times between cities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infoharbor.core import audit, tasks
from infoharbor.core.audit import Actor
from infoharbor.core.models import City, Forum, ForumRole, Invitation, TravelTime

INVITATION_VALID = dt.timedelta(days=14)


class TeamError(ValidationError):
    """A change to a forum's team that cannot be made; the message says why."""


@transaction.atomic
def grant_role(actor: Actor, forum: Forum, user: object, role: str) -> ForumRole:
    grant, created = ForumRole.objects.get_or_create(forum=forum, user=user, role=role)
    if created:
        audit.record(actor, "role.granted", grant, forum=forum, after=audit.snapshot(grant))
    return grant


@transaction.atomic
def create_forum(actor: Actor, **fields: object) -> Forum:
    forum = Forum(**fields)
    forum.full_clean()
    forum.save()
    audit.record(actor, "forum.created", forum, forum=forum, after=audit.snapshot(forum))
    return forum


@transaction.atomic
def update_forum(actor: Actor, forum: Forum, **fields: object) -> Forum:
    before = audit.snapshot(forum)
    for name, value in fields.items():
        setattr(forum, name, value)
    forum.full_clean()
    forum.save()
    audit.record(
        actor, "forum.changed", forum, forum=forum, before=before, after=audit.snapshot(forum)
    )
    return forum


def set_travel_time(a: City, b: City, minutes: int) -> TravelTime:
    """Record the travel time between two cities (stored once per pair, valid both ways)."""
    low, high = sorted([a, b], key=lambda c: c.pk)
    row, _created = TravelTime.objects.update_or_create(
        from_city=low, to_city=high, defaults={"minutes": minutes}
    )
    return row


def _role_values(roles: Sequence[str]) -> list[str]:
    unknown = sorted(set(roles) - set(ForumRole.Role.values))
    if unknown:
        raise TeamError(_("Unknown role: %(roles)s.") % {"roles": ", ".join(unknown)})
    if not roles:
        raise TeamError(_("Choose at least one role."))
    return sorted(set(roles), key=list(ForumRole.Role.values).index)


@transaction.atomic
def invite(
    actor: Actor, forum: Forum, email: str, roles: Sequence[str], *, language: str
) -> Invitation:
    """Invite `email` to the team with `roles`; the email with the link leaves after commit."""
    invitation = Invitation.objects.create(
        forum=forum,
        email=email.strip(),
        roles=_role_values(roles),
        language=language,
        invited_by=actor if actor is not None and actor.is_authenticated else None,  # type: ignore[misc]
    )
    audit.record(
        actor, "invitation.sent", invitation, forum=forum, extra={"roles": invitation.roles}
    )
    tasks.enqueue("core.send_invitation", invitation.pk)
    return invitation


def open_invitation(token: str) -> Invitation:
    """The invitation behind a link, if it can still be accepted."""
    invitation = Invitation.objects.select_related("forum").filter(token=token).first()
    if invitation is None or invitation.withdrawn:
        raise TeamError(_("This invitation does not exist or was withdrawn."))
    if invitation.accepted_at is not None:
        raise TeamError(_("This invitation has already been accepted."))
    if timezone.now() - invitation.created_at > INVITATION_VALID:
        raise TeamError(_("This invitation has expired; ask the forum's owner for a new one."))
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, user: Any) -> list[ForumRole]:
    """Grant the invitation's roles to `user` (who may use the organiser pages from now on)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    open_invitation(invitation.token)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if not user.is_staff:
        user.is_staff = True  # the scoped admin shows them their forums' records only
        user.save(update_fields=["is_staff"])
    audit.record(user, "invitation.accepted", invitation, forum=invitation.forum)
    return [grant_role(user, invitation.forum, user, role) for role in invitation.roles]


@transaction.atomic
def accept_with_new_account(invitation: Invitation, password: str) -> Any:
    """Create the invitee's account (login: the invited email) and accept the invitation."""
    users = get_user_model()
    if users.objects.filter(username__iexact=invitation.email).exists():
        raise TeamError(_("An account with this email exists: log in, then open the link again."))
    user = users.objects.create_user(
        username=invitation.email, email=invitation.email, password=password
    )
    accept_invitation(invitation, user)
    return user


@transaction.atomic
def withdraw_invitation(actor: Actor, invitation: Invitation) -> None:
    invitation.withdrawn = True
    invitation.save(update_fields=["withdrawn"])
    audit.record(actor, "invitation.withdrawn", invitation, forum=invitation.forum)


@transaction.atomic
def revoke_role(actor: Actor, forum: Forum, user: Any, role: str) -> None:
    """Take `role` at `forum` away from `user`; a forum always keeps at least one owner."""
    grant = ForumRole.objects.select_for_update().filter(forum=forum, user=user, role=role).first()
    if grant is None:
        return
    if role == ForumRole.Role.OWNER:
        owners = ForumRole.objects.select_for_update().filter(forum=forum, role=role)
        if owners.count() == 1:
            raise TeamError(_("A forum needs at least one owner: make someone else owner first."))
    audit.record(actor, "role.revoked", grant, forum=forum, before=audit.snapshot(grant), after={})
    grant.delete()
