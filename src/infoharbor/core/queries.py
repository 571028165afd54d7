"""Reads of forums and their organisers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from infoharbor.core.models import City, Forum, ForumRole, TravelTime


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
