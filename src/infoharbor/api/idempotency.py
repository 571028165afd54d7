"""`Idempotency-Key` for the API's creates: a retried request gets the first answer again.

A client that lost the answer to `POST /forums/{slug}/registrations` (or any other create) sends
the same request with the same `Idempotency-Key` header and gets the first answer back — the
same status and body, the private link included — instead of "already registered" with no way
back. Keys are scoped to the API token that sent them, or to the forum when no token is sent; a
key is kept for `KEY_LIFETIME`. The same key with a different request (method, path or body) is
refused with 422.

The key is claimed (a row inserted) in the same transaction as the create, before it runs: a
concurrent duplicate waits on the row's unique index and then replays the first answer, so one
create happens. Only successful answers (2xx) are kept; after any other, the claim is dropped
and a retry runs the create again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _

from infoharbor.api.models import IdempotencyKey, hash_token

HEADER = "Idempotency-Key"
MAX_KEY_CHARS = 200
KEY_LIFETIME = dt.timedelta(hours=24)

# Added to each create's OpenAPI operation.
OPENAPI_EXTRA: dict[str, Any] = {
    "parameters": [
        {
            "name": HEADER,
            "in": "header",
            "required": False,
            "schema": {"type": "string", "maxLength": MAX_KEY_CHARS},
            "description": (
                "Any unique string, e.g. a UUID. Resending a request with the same key within "
                "24 hours answers the first answer again, without creating anything twice; the "
                "same key with a different request is refused with 422."
            ),
        }
    ]
}


def _scope(request: HttpRequest, kw: dict[str, Any]) -> str:
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        return "token:" + hash_token(authorization[7:].strip())
    return f"forum:{kw.get('slug', '')}"


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _refusal(message: str) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": {HEADER: [message]}}), status=422, content_type="application/json"
    )


def _replay(record: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(record.body, status=record.status, content_type=record.content_type)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap an API operation (`ninja.decorators.decorate_view`) so it honours Idempotency-Key."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kw: Any) -> HttpResponseBase:
        key = request.headers.get(HEADER)
        if key is None:
            return run(request, *args, **kw)
        if not key or len(key) > MAX_KEY_CHARS:
            return _refusal(
                _("Give an Idempotency-Key of 1 to %(count)s characters.")
                % {"count": MAX_KEY_CHARS}
            )
        scope = _scope(request, kw)
        fingerprint = _fingerprint(request)
        with transaction.atomic():
            IdempotencyKey.objects.filter(created_at__lt=timezone.now() - KEY_LIFETIME).delete()
            try:
                with transaction.atomic():
                    claim = IdempotencyKey.objects.create(
                        scope=scope, key=key, fingerprint=fingerprint
                    )
            except IntegrityError:
                # Claimed before (or just now, by a concurrent request we waited for).
                first = IdempotencyKey.objects.get(scope=scope, key=key)
                if first.fingerprint != fingerprint:
                    return _refusal(
                        _("This Idempotency-Key was used for a different request: use a new key.")
                    )
                return _replay(first)
            response = run(request, *args, **kw)
            if 200 <= response.status_code < 300 and isinstance(response, HttpResponse):
                claim.status = response.status_code
                claim.body = response.content.decode()
                claim.content_type = response.get("Content-Type", "application/json")
                claim.save(update_fields=["status", "body", "content_type"])
            else:
                claim.delete()
            return response

    return wrapper
