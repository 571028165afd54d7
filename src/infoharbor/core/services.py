"""Writes to forums' organiser roles and the travel times between cities."""

from __future__ import annotations

from django.db import transaction

from infoharbor.core import audit
from infoharbor.core.audit import Actor
from infoharbor.core.models import City, Forum, ForumRole, TravelTime


@transaction.atomic
def grant_role(actor: Actor, forum: Forum, user: object, role: str) -> ForumRole:
    grant, created = ForumRole.objects.get_or_create(forum=forum, user=user, role=role)
    if created:
        audit.record(actor, "role.granted", grant, forum=forum, after=audit.snapshot(grant))
    return grant


def set_travel_time(a: City, b: City, minutes: int) -> TravelTime:
    """Record the travel time between two cities (stored once per pair, valid both ways)."""
    low, high = sorted([a, b], key=lambda c: c.pk)
    row, _created = TravelTime.objects.update_or_create(
        from_city=low, to_city=high, defaults={"minutes": minutes}
    )
    return row
