"""Public pages and exports as browsers and CDNs can keep them: strong ETags, `Cache-Control`,
304 answers, and whole renderings kept in Django's cache.

For views and API routes whose output is fixed by a few values (the forum's content version,
the language, the filters): `respond` answers 304 or the kept rendering before anything is
built. `PublicCacheMiddleware` (core.middleware) gives every other public page an ETag of its
body. A request is public when nothing in it personalises the answer (see `is_public_request`);
everything else is left to the view and never marked public.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any, cast

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, models
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re
from django.utils.http import parse_etags

from infoharbor.core.formatting import ERA_PARAMETER
from infoharbor.core.models import Forum

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


def is_private_link(request: HttpRequest) -> bool:
    """Whether the page answered is one under a private link: its address holds a `token`."""
    match = request.resolver_match
    return match is not None and "token" in match.kwargs


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
    # `*` is not honoured: it would answer 304 for a session or forum that does not exist.
    return etag in {tag.removeprefix("W/") for tag in parse_etags(header)}


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


@dataclass(frozen=True)
class Rendering:
    """What is kept of a public answer: enough to answer again without the view."""

    content: bytes
    headers: tuple[tuple[str, str], ...]

    def response(self) -> HttpResponse:
        return HttpResponse(self.content, headers=dict(self.headers))


# The most recent renderings in this process, by ETag: a hit costs no unpickling of the body.
# Safe to keep: an ETag names one rendering of one content version, which never changes.
_recent: OrderedDict[str, Rendering] = OrderedDict()
RECENT = 32


def _kept(etag: str) -> Rendering | None:
    rendering = _recent.get(etag)
    if rendering is None:
        rendering = cache.get(f"public-rendering:{etag}")
        if rendering is not None:
            _remember(etag, rendering)
    else:
        _recent.move_to_end(etag)
    return rendering


def _remember(etag: str, rendering: Rendering) -> None:
    _recent[etag] = rendering
    while len(_recent) > RECENT:
        _recent.popitem(last=False)


def _published_version(slug: str) -> tuple[int, str] | None:
    """The published forum's id and content version: one indexed lookup, no model object.

    Plain SQL: on a kept rendering's path the ORM would spend longer compiling this query
    than the rest of the request takes.
    """
    quote = connection.ops.quote_name
    meta = Forum._meta
    pk, version, slug_column, published = (
        quote(cast("models.Field[Any, Any]", meta.get_field(name)).column)
        for name in ("id", "content_version", "slug", "is_published")
    )
    sql = (
        f"SELECT {pk}, {version} FROM {quote(meta.db_table)}"
        f" WHERE {slug_column} = %s AND {published} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [slug, True])
        row = cursor.fetchone()
    return (int(row[0]), str(row[1])) if row else None


def respond(
    request: HttpRequest, slug: str, parts: tuple[object, ...], render: Callable[[], HttpResponse]
) -> HttpResponse:
    """The answer to a request about the forum `slug` whose rendering is fixed by the forum's
    content version and `parts`: 304 when the reader holds it, else the kept rendering, else
    `render()` (kept when it succeeds).

    Requests that are not public, and forums that are not published, get `render()` as it
    is (which refuses them or renders for the organiser).
    """
    if not is_public_request(request):
        return render()
    read: tuple[str, tuple[int, str] | None] | None = getattr(request, "public_version", None)
    forum = read[1] if read is not None and read[0] == slug else _published_version(slug)
    if forum is None:
        return render()
    etag = etag_of(*forum, *parts)
    # For PublicCacheMiddleware, which answers this URL's next requests itself.
    request.public_route = Route(slug, parts, etag)  # type: ignore[attr-defined]
    if holds(request, etag):
        return not_modified(etag)
    rendering = _kept(etag)
    if rendering is not None:
        return rendering.response()
    response = render()
    if response.status_code != 200 or response.cookies or response.streaming:
        return response
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    rendering = Rendering(response.content, tuple(response.headers.items()))
    cache.set(f"public-rendering:{etag}", rendering, KEEP_SECONDS)
    _remember(etag, rendering)
    return response


@dataclass(frozen=True)
class Route:
    """How `respond` answered a URL: the forum, the parts, and the ETag they gave."""

    slug: str
    parts: tuple[object, ...]
    etag: str


# URL → (route, the final answer with every middleware's headers, and gzipped): the URLs this
# process answered through `respond`, so their next requests skip the session, locale, CSRF
# and authentication middleware, URL resolving and the view (a kept page costs what a static
# file does). Each request still reads the forum's content version, so an edit in any
# process is seen at once.
_routes: OrderedDict[str, tuple[Route, Rendering, Rendering]] = OrderedDict()
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _url(request: HttpRequest) -> str:
    # The Host header as sent: only hosts Django accepted ever get a route.
    return f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.get_full_path()}"


def _gzip_etag(etag: str) -> str:
    # Another representation, so another strong ETag.
    return f'{etag[:-1]}-gzip"'


def answer_kept(request: HttpRequest) -> HttpResponse | None:
    """The answer to a public request for a URL `respond` answered before, if still current;
    gzipped for readers that accept it (compressed once, when kept)."""
    url = _url(request)
    entry = _routes.get(url)
    if entry is None:
        return None
    route, plain, gzipped = entry
    forum = _published_version(route.slug)
    if forum is None or etag_of(*forum, *route.parts) != route.etag:
        del _routes[url]
        # An edit since: `respond` renders anew, and needs not read the version again.
        request.public_version = (route.slug, forum)  # type: ignore[attr-defined]
        return None
    _routes.move_to_end(url)
    for etag in (route.etag, _gzip_etag(route.etag)):
        if holds(request, etag):
            return not_modified(etag)
    if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        return gzipped.response()
    return plain.response()


def remember_answer(request: HttpRequest, response: HttpResponse) -> None:
    """Keep a public answer that `respond` made, with its final headers, for `answer_kept`."""
    route: Route | None = getattr(request, "public_route", None)
    if route is None or response.status_code != 200 or response.get("ETag") != route.etag:
        return
    headers = dict(response.headers.items())
    content = gzip.compress(response.content, compresslevel=6, mtime=0)
    compressed = {
        **headers,
        "Content-Encoding": "gzip",
        "Content-Length": str(len(content)),
        "ETag": _gzip_etag(route.etag),
    }
    _routes[_url(request)] = (
        route,
        Rendering(response.content, tuple(headers.items())),
        Rendering(content, tuple(compressed.items())),
    )
    while len(_routes) > RECENT:
        _routes.popitem(last=False)
