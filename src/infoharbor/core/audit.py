"""The audit log: every change a service makes records who, when, and what changed.

What an entry may hold is declared per model, by the app that owns it, in the app's `audit.py`
(imported from its AppConfig.ready)::

    audit.register(Participant, fields=["status", "category"], secret=["token"], personal=[...])

`fields` are kept with their values; `secret` (tokens, badge codes, key digests) only ever as
"changed"; `extra` names what services add that is no field (the sessions asked for);
`personal` values (names) are kept until the person's data is erased, which removes them
(`erase_personal`). Any other field of the model (email, phone, photo, answers) never reaches
the log. A model that declares nothing cannot be audited: `snapshot` and `record` raise
`NotAudited`, so a new model cannot leak by default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise

from infoharbor.core.models import (
    AuditEntry,
    Forum,
    ForumRole,
    ImportJob,
    Invitation,
    Organization,
    Person,
    Platform,
    Room,
    Venue,
)
from infoharbor.core.translated import TranslatedText

Actor = AbstractBaseUser | AnonymousUser | None

# What a secret's change is recorded as; its value never is.
CHANGED = "changed"
# What erased personal values and the erased person's name become in existing entries.
ERASED = "erased"


class NotAudited(ImproperlyConfigured):
    """The model declared no audit fields (or a declaration names a field it does not have)."""


@dataclass(frozen=True)
class AuditSpec:
    fields: frozenset[str]
    secret: frozenset[str]
    personal: frozenset[str]
    # Keys services pass as `extra` that are no field of the model, with their names.
    extra: Mapping[str, str | Promise] = dataclasses.field(default_factory=dict)

    @property
    def recorded(self) -> frozenset[str]:
        return self.fields | self.secret | self.personal


_specs: dict[type[models.Model], AuditSpec] = {}


def register(
    model: type[models.Model],
    *,
    fields: Iterable[str] = (),
    secret: Iterable[str] = (),
    personal: Iterable[str] = (),
    extra: Mapping[str, str | Promise] | None = None,
) -> None:
    """Declare what `model`'s audit entries keep.

    `fields` and `personal` name the model's fields (concrete or many-to-many, by name);
    `extra` names, for the audit page, the keys services pass as `extra` that are no field
    (e.g. the sessions a registration asked for), and `secret` may name one of them too.
    """
    spec = AuditSpec(frozenset(fields), frozenset(secret), frozenset(personal), dict(extra or {}))
    overlap = (spec.fields & spec.secret) | (spec.fields & spec.personal)
    if overlap or spec.secret & spec.personal:
        raise NotAudited(f"{model._meta.label}: {sorted(overlap)} declared twice")
    for name in spec.fields | spec.personal:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            raise NotAudited(f"{model._meta.label} has no field {name!r}") from None
    if model in _specs and _specs[model] != spec:
        raise NotAudited(f"{model._meta.label} is declared twice, differently")
    _specs[model] = spec


def spec_for(model: type[models.Model]) -> AuditSpec:
    """The model's declaration; raises NotAudited for a model that made none."""
    spec = _specs.get(model._meta.concrete_model or model)
    if spec is None:
        raise NotAudited(
            f"{model._meta.label} declares no audit fields: add audit.register(...) to its "
            "app's audit.py"
        )
    return spec


def _names_field(obj: models.Model, key: str) -> bool:
    try:
        obj._meta.get_field(key)
    except FieldDoesNotExist:
        return False
    return True


def audited_models() -> list[type[models.Model]]:
    return list(_specs)


@dataclass(frozen=True)
class _Masked:
    """A secret in a snapshot: comparable (a digest), never written to an entry."""

    digest: str


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


def _masked(value: Any) -> _Masked:
    return _Masked(hashlib.sha256(repr(_json_value(value)).encode()).hexdigest())


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The declared field values of `obj`, JSON-safe; secrets masked. Raises NotAudited."""
    spec = spec_for(type(obj))
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name not in spec.recorded or getattr(field, "auto_now", False):
            continue
        value = getattr(obj, field.attname)
        data[field.name] = _masked(value) if field.name in spec.secret else _json_value(value)
    if obj.pk:
        for m2m in obj._meta.many_to_many:
            if m2m.name in spec.recorded:
                data[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """[before, after] per changed key; a changed secret is just CHANGED."""
    keys = before.keys() | after.keys()
    changes: dict[str, Any] = {}
    for key in sorted(keys):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        masked = isinstance(old, _Masked) or isinstance(new, _Masked)
        changes[key] = CHANGED if masked else [old, new]
    return changes


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
    `extra` keys the model declares secret are recorded as CHANGED. Raises NotAudited for a
    model that declares nothing, or an extra key that is neither its field nor declared.
    """
    spec = spec_for(type(obj))
    changes: dict[str, Any] = diff(before or {}, after or {})
    undeclared = sorted(k for k in extra or {} if not _names_field(obj, k) and k not in spec.extra)
    if undeclared:
        raise NotAudited(f"{obj._meta.label} declares no extra key {undeclared}")
    if extra:
        changes.update({k: CHANGED if k in spec.secret else v for k, v in extra.items()})
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


def erase_personal(obj: models.Model) -> int:
    """Remove `obj`'s personal values and its name from its existing entries; returns how many.

    For the erasure of a person's data: what stays says what happened, not to whom.
    """
    spec = spec_for(type(obj))
    entries = AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    for entry in entries:
        for key in spec.personal & entry.changes.keys():
            entry.changes[key] = ERASED
        entry.object_repr = ERASED
        entry.save(update_fields=["changes", "object_repr"])
    return len(entries)


# Core's own models. Other apps declare theirs in their audit.py, imported from AppConfig.ready.
register(
    Forum,
    fields=[
        "slug",
        "name",
        "acronym",
        "edition",
        "description",
        "start_date",
        "end_date",
        "timezone",
        "languages",
        "default_language",
        "fallback_languages",
        "cities",
        "organisers",
        "is_published",
        "buddhist_era",
    ],
)
register(ForumRole, fields=["forum", "user", "role"])
# The invited email is personal data and never recorded; the link's token is a secret.
register(
    Invitation,
    fields=["forum", "roles", "language", "invited_by", "accepted_at", "accepted_by", "withdrawn"],
    secret=["token"],
)
register(ImportJob, fields=["forum", "kind", "file_name", "status", "done", "total", "written"])
register(Venue, fields=["forum", "city", "name", "address", "synthetic"])
register(Room, fields=["venue", "name", "capacity", "synthetic"])
register(Platform, fields=["forum", "code", "name", "description", "order"])
register(
    Organization, fields=["forum", "name", "short_name", "kind", "country", "website", "synthetic"]
)
# A person's email is never recorded; the photo's file name only as "changed" (it locates the
# photo); the names stay until the person's data is erased.
register(
    Person,
    fields=["forum", "public_id", "organization", "country", "synthetic"],
    secret=["photo"],
    personal=["name", "name_latin", "honorific", "position", "biography"],
)
