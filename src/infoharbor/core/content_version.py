"""The forum's content version: replaced whenever something its public pages or exports show
is saved or deleted (a session, its speakers, a room, venue, city, platform, a speaking
person or a host organization, a registration category or question).

Cached renderings and ETags of public pages are keyed by it, so the request after an edit
shows the edit, on every server process. Each app names its watched models with `watch`
(in its AppConfig.ready); writes that send no signals (`QuerySet.update`, `bulk_create` of
watched rows) must call `bump` themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

from infoharbor.core.models import City, Forum, Platform, Room, Venue, new_content_version

# Which forums show a saved or deleted row: a filter on Forum.
ForumsOf = Callable[[Any], models.Q]
ManyForumsOf = Callable[[Any, set[int]], models.Q]


def bump(forums: models.Q) -> None:
    """Give every forum matching `forums` a new content version."""
    Forum.objects.filter(forums).update(content_version=new_content_version())


def watch(model: type[models.Model], forums_of: ForumsOf, *, on_create: bool = True) -> None:
    """Bump the content version of `forums_of(row)` whenever a row of `model` changes.

    `on_create=False` for rows that public pages show only once other rows point at them (a
    speaker's person, a host organization): a new one is shown by nothing yet, and the rows
    that come to point at it bump the version themselves.
    """

    def saved(sender: type[models.Model], instance: Any, created: bool, **kwargs: Any) -> None:
        if on_create or not created:
            bump(forums_of(instance))

    def deleted(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
        bump(forums_of(instance))

    uid = f"content_version:{model._meta.label}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)


def watch_many(through: type[models.Model], forums_of: ManyForumsOf) -> None:
    """Bump on every change of a many-to-many relation; `forums_of(instance, pk_set)` is told
    the row whose relation changed (either side) and the primary keys added or removed."""

    def changed(
        sender: type[models.Model], instance: Any, action: str, pk_set: set[int] | None, **kw: Any
    ) -> None:
        if action in {"post_add", "post_remove", "post_clear"}:
            bump(forums_of(instance, pk_set or set()))

    uid = f"content_version:{through._meta.label}"
    m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=uid)


def _forums_of_cities(instance: Forum | City, pk_set: set[int]) -> models.Q:
    return models.Q(pk=instance.pk) if isinstance(instance, Forum) else models.Q(pk__in=pk_set)


def watch_core() -> None:
    """Core's rows that public pages show; apps add theirs (program: sessions, speakers)."""
    watch(Forum, lambda forum: models.Q(pk=forum.pk))
    watch(City, lambda city: models.Q(cities=city.pk))
    watch_many(Forum.cities.through, _forums_of_cities)
    watch(Venue, lambda venue: models.Q(pk=venue.forum_id))
    watch(Room, lambda room: models.Q(venues=room.venue_id))
    watch(Platform, lambda platform: models.Q(pk=platform.forum_id))
