"""Rate limits on guessing: passwords, private registration links and API tokens.

Each limit (settings.INFOHARBOR_RATE_LIMITS) allows `count` failures per `seconds`, a sliding
window, per key (an account's username or a client address). The failures are kept in Django's
cache, so several app processes share them when the cache is Redis. A blocked caller gets
`RateLimited`, which the middleware (pages) and the API turn into HTTP 429 with a translated
message. The failure that reaches a limit writes one audit entry naming the limit and the key;
no entry ever holds the password or token that was tried.

Login: `RateLimitedModelBackend` (in AUTHENTICATION_BACKENDS instead of Django's ModelBackend)
refuses a blocked account or address before any password is checked; Django's
`user_login_failed` signal counts failures and `user_logged_in` clears the account's count.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from infoharbor.core.models import AuditEntry, Forum


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


def limit(name: str) -> Limit:
    config = settings.INFOHARBOR_RATE_LIMITS[name]
    return Limit(name, int(config["count"]), int(config["seconds"]))


class RateLimited(Exception):
    """Too many failures from this account or address; try again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the one the last trusted proxy saw."""
    proxies = settings.INFOHARBOR_NUM_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def _cache_key(rule: Limit, key: str) -> str:
    # Hashed: usernames may hold characters a cache backend refuses in its keys.
    return f"ratelimit:{rule.name}:{hashlib.sha256(key.encode()).hexdigest()}"


def _recent(rule: Limit, key: str, now: float) -> list[float]:
    stamps: list[float] = cache.get(_cache_key(rule, key), [])
    return [t for t in stamps if t > now - rule.seconds]


def check(rule: Limit, key: str) -> None:
    """Raise RateLimited if `key` has used up `rule`'s failures in the current window."""
    now = time.time()
    recent = _recent(rule, key, now)
    if len(recent) >= rule.count:
        retry_after = max(1, int(recent[-rule.count] + rule.seconds - now) + 1)
        raise RateLimited(
            _("Too many failed attempts. Please try again in %(minutes)s minutes.")
            % {"minutes": (retry_after + 59) // 60},
            retry_after,
        )


def fail(rule: Limit, key: str, *, forum: Forum | None = None, about: str = "") -> None:
    """Count one failure of `key`; the one that reaches the limit is written to the audit log."""
    now = time.time()
    before = _recent(rule, key, now)
    cache.set(_cache_key(rule, key), [*before, now][-rule.count :], timeout=rule.seconds)
    if len(before) == rule.count - 1:
        AuditEntry.objects.create(
            forum=forum,
            action="ratelimit.blocked",
            object_type="core.ratelimit",
            object_id=rule.name,
            object_repr=f"{rule.name}: {key}"[:300],
            changes={"limit": rule.name, "key": key, "about": about, "failures": rule.count},
        )


def reset(rule: Limit, key: str) -> None:
    cache.delete(_cache_key(rule, key))


# Pages ----------------------------------------------------------------------------------------


class RateLimitMiddleware:
    """Answers a page that raised RateLimited with 429 and the reason, in the visitor's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, RateLimited):
            return None
        response = render(request, "core/rate_limited.html", {"message": exception.message})
        response.status_code = 429
        response["Retry-After"] = str(exception.retry_after)
        return response


def guard_private_link(
    request: HttpRequest, forum: Forum, lookup: Callable[[], Any], missing: type[Exception]
) -> Any:
    """`lookup()` of a private link's object, refusing an address that guessed too many links.

    A lookup that raises `missing` counts as a guess and is re-raised for the caller to answer 404.
    """
    rule = limit("private_link")
    address = client_address(request)
    check(rule, address)
    try:
        return lookup()
    except missing:
        # The view's name, never the path: the path holds the token that was tried.
        match = request.resolver_match
        fail(rule, address, forum=forum, about=match.view_name if match else "")
        raise


# Login ----------------------------------------------------------------------------------------


def _login_keys(request: HttpRequest | None, username: str) -> list[tuple[Limit, str]]:
    keys = [(limit("login_account"), username.casefold())] if username else []
    if request is not None:
        keys.append((limit("login_address"), client_address(request)))
    return keys


class RateLimitedModelBackend(ModelBackend):
    """Django's username and password login, refused to a blocked account or address."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        for rule, key in _login_keys(request, username or ""):
            check(rule, key)
        return super().authenticate(request, username=username, password=password, **kwargs)


def _count_failed_login(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    for rule, key in _login_keys(request, str(credentials.get("username", ""))):
        fail(rule, key, about="login")


def _clear_account(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    reset(limit("login_account"), user.get_username().casefold())


def connect() -> None:
    """Count failed logins and clear an account's count when it logs in (from CoreConfig.ready)."""
    user_login_failed.connect(_count_failed_login, dispatch_uid="infoharbor-ratelimit-failed")
    user_logged_in.connect(_clear_account, dispatch_uid="infoharbor-ratelimit-logged-in")
