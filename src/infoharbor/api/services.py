"""Issuing API tokens; the raw token is handed out once and only its hash is kept."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from infoharbor.api.models import ApiToken, hash_token
from infoharbor.core import audit
from infoharbor.core.audit import Actor


@transaction.atomic
def issue_api_token(actor: Actor, user: Any, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns it with the raw value, which is never stored."""
    raw = "ih_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, digest=hash_token(raw))
    token.full_clean()
    token.save()
    audit.record(
        actor,
        "api_token.issued",
        token,
        forum=None,
        extra={"user": user.get_username(), "name": name},
    )
    return token, raw
