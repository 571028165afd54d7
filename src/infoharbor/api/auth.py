"""Token authentication for organisers' software: `Authorization: Bearer <token>`.

An address that sends too many unknown tokens is refused (429) for a while (core/ratelimit.py).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from infoharbor.api.models import ApiToken, hash_token
from infoharbor.core import ratelimit
from infoharbor.core.rules import remember_roles

LAST_USED_PRECISION = dt.timedelta(minutes=1)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}  # reads: they never write, not even "last used"


class OrganiserToken(HttpBearer):
    """The token's user, if the token is known and its user active; ninja answers 401 otherwise.

    Permissions are the user's roles at each forum, so a token reaches exactly what its user may.
    """

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        rule = ratelimit.limit("api_token")
        address = ratelimit.client_address(request)
        ratelimit.check(rule, address)
        # The user's roles in the same query, one row per role (one without when none): every
        # call then checks its permission without asking the database again.
        rows = list(
            ApiToken.objects.select_related("user")
            .filter(digest=hash_token(token), user__is_active=True)
            .annotate(
                role_forum=F("user__forum_roles__forum_id"), role=F("user__forum_roles__role")
            )
        )
        if not rows:
            ratelimit.fail(rule, address, about="api")
            return None
        found = rows[0]
        remember_roles(found.user, ((r.role_forum, r.role) for r in rows if r.role is not None))
        now = timezone.now()
        # "Last used" to the minute is enough; a write on every scan at a busy door is not. A
        # read (GET, HEAD) writes nothing at all, so it is the last change made with the token.
        stale = found.last_used_at is None or now - found.last_used_at > LAST_USED_PRECISION
        if stale and request.method not in SAFE_METHODS:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
