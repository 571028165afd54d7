"""Reads of forums and their organisers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from infoharbor.core.models import AuditEntry, City, Forum, ForumRole, Invitation, TravelTime


def published_forums() -> QuerySet[Forum]:
    return Forum.objects.filter(is_published=True)


def forums_for_organiser(user: Any) -> QuerySet[Forum]:
    """Forums where `user` holds any role (every forum for a superuser)."""
    if user.is_superuser:
        return Forum.objects.all()
    # A subquery, not a join + distinct(): pages combine this with other forum querysets (|).
    return Forum.objects.filter(pk__in=ForumRole.objects.filter(user=user).values("forum_id"))


def public_forum(slug: str) -> Forum:
    """A published forum by slug; raises Forum.DoesNotExist otherwise."""
    return published_forums().get(slug=slug)


def travel_minutes(a: City, b: City) -> int | None:
    """Minutes from one city to another; 0 within a city, None when nobody recorded it."""
    if a.pk == b.pk:
        return 0
    low, high = sorted([a.pk, b.pk])
    row = TravelTime.objects.filter(from_city_id=low, to_city_id=high).first()
    return row.minutes if row else None


@dataclass(frozen=True)
class TeamMember:
    user: Any
    roles: list[str]  # role values, in the order of ForumRole.Role


def team_of(forum: Forum) -> list[TeamMember]:
    """Everyone holding a role at `forum`, by login name, with their roles."""
    order = list(ForumRole.Role.values)
    members: dict[int, TeamMember] = {}
    grants = ForumRole.objects.filter(forum=forum).select_related("user")
    for grant in grants.order_by("user__username"):
        member = members.setdefault(grant.user_id, TeamMember(grant.user, []))
        member.roles.append(grant.role)
    for member in members.values():
        member.roles.sort(key=order.index)
    return list(members.values())


def open_invitations(forum: Forum) -> QuerySet[Invitation]:
    return Invitation.objects.filter(forum=forum, accepted_at=None, withdrawn=False)


@dataclass(frozen=True)
class AuditFilter:
    actor: Any = None
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def audit_entries(forum: Forum, wanted: AuditFilter) -> QuerySet[AuditEntry]:
    """The forum's audit log, newest first, narrowed by who, what, when and which object."""
    entries = AuditEntry.objects.filter(forum=forum).select_related("actor")
    if wanted.actor is not None:
        entries = entries.filter(actor=wanted.actor)
    if wanted.action:
        entries = entries.filter(action__startswith=wanted.action)
    if wanted.object_type:
        entries = entries.filter(object_type=wanted.object_type)
    if wanted.object_id:
        entries = entries.filter(object_id=wanted.object_id)
    if wanted.since is not None:
        start = dt.datetime.combine(wanted.since, dt.time.min, tzinfo=forum.tz)
        entries = entries.filter(created_at__gte=start)
    if wanted.until is not None:
        end = dt.datetime.combine(wanted.until + dt.timedelta(days=1), dt.time.min, tzinfo=forum.tz)
        entries = entries.filter(created_at__lt=end)
    return entries.order_by("-created_at", "-id")


def audit_object_types(forum: Forum) -> list[str]:
    """The kinds of object the forum's audit log mentions, for the filter's choices."""
    types = AuditEntry.objects.filter(forum=forum).values_list("object_type", flat=True)
    return sorted(set(types))
