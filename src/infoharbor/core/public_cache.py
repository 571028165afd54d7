"""Public pages and exports as browsers and CDNs can keep them: strong ETags, `Cache-Control`,
304 answers, and whole renderings kept in Django's cache.

For views and API routes whose output is fixed by a few values (the forum's content version,
the language, the filters): `respond` answers 304 or the kept rendering before anything is
built. `PublicCacheMiddleware` (core.middleware) gives every other public page an ETag of its
body. A request is public when nothing in it personalises the answer (see `is_public_request`);
everything else is left to the view and never marked public.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib.metadata import version

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re
from django.utils.http import parse_etags

from infoharbor.core.formatting import ERA_PARAMETER

MAX_AGE = 60
# Short freshness, so an edit reaches every reader within a minute even through a CDN; a CDN
# may serve the old copy while it asks us again (a 304 when nothing changed).
CACHE_CONTROL = f"public, max-age={MAX_AGE}, stale-while-revalidate=600"
# Renderings are keyed by content version, so they never go stale: the timeout only frees room.
KEEP_SECONDS = 24 * 3600
# Templates and catalogues change with a release; their renderings must not outlive it.
RELEASE = version("infoharbor")

# Cookies that change what a page shows: a login, pending messages, the reader's era.
PERSONAL_COOKIES = frozenset(
    {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, ERA_PARAMETER}
)


def is_public_request(request: HttpRequest) -> bool:
    """A read that any other reader of the same URL would be answered the same."""
    return (
        request.method in {"GET", "HEAD"}
        and "HTTP_AUTHORIZATION" not in request.META
        and not PERSONAL_COOKIES.intersection(request.COOKIES)
    )


def etag_of(*parts: object) -> str:
    """A strong ETag for the rendering that `parts` (and this release) fix byte for byte."""
    digest = hashlib.blake2b(repr((RELEASE, *parts)).encode(), digest_size=16).hexdigest()
    return f'"{digest}"'


def body_etag(content: bytes) -> str:
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def holds(request: HttpRequest, etag: str) -> bool:
    """Whether the reader's If-None-Match names `etag` (RFC 9110: weak comparison)."""
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    held = parse_etags(header)
    return "*" in held or etag in {tag.removeprefix("W/") for tag in held}


def not_modified(etag: str) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response


def drop_cookie_vary(response: HttpResponse) -> None:
    """A public answer was made without cookies: `Vary: Cookie` would only split CDN caches."""
    if response.has_header("Vary"):
        kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


def respond(
    request: HttpRequest, parts: tuple[object, ...], render: Callable[[], HttpResponse]
) -> HttpResponse:
    """The answer to a public request whose rendering `parts` fix: 304 when the reader holds
    it, else the kept rendering, else `render()` (kept when it succeeds).

    Requests that are not public get `render()` as it is.
    """
    if not is_public_request(request):
        return render()
    etag = etag_of(*parts)
    if holds(request, etag):
        return not_modified(etag)
    key = f"public-rendering:{etag.strip(chr(34))}"
    response: HttpResponse | None = cache.get(key)
    if response is None:
        response = render()
        if response.status_code != 200 or response.cookies:
            return response
        response["ETag"] = etag
        response["Cache-Control"] = CACHE_CONTROL
        cache.set(key, response, KEEP_SECONDS)
    return response
