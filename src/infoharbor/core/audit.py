"""The audit log: every change a service makes records who, when, and what changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models.fields.files import FieldFile

from infoharbor.core.models import AuditEntry, Forum
from infoharbor.core.translated import TranslatedText

Actor = AbstractBaseUser | AnonymousUser | None


def _json_value(value: Any) -> Any:
    if isinstance(value, TranslatedText):
        return value.data
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete and many-to-many field values as JSON-safe data."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if getattr(field, "auto_now", False):
            continue  # bookkeeping, not a change anyone made
        data[field.attname] = _json_value(getattr(obj, field.attname))
    if obj.pk:
        for m2m in obj._meta.many_to_many:
            data[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def record(
    actor: Actor,
    action: str,
    obj: models.Model,
    *,
    forum: Forum | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEntry | None:
    """Write one audit entry; `before`/`after` are snapshots, and only the differences are kept.

    A change that changed nothing (both snapshots given and equal, nothing extra) is not logged.
    """
    changes: dict[str, Any] = diff(before or {}, after or {})
    if extra:
        changes.update(extra)
    if before is not None and after is not None and not changes:
        return None
    user: Any = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        forum=forum,
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes,
    )
