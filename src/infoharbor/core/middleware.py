"""Request middleware of our own: public caching headers, the reader's era preference, and the
URL path's share of core/text_input.py's check."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from infoharbor.core import public_cache, text_input
from infoharbor.core.formatting import ERA_PARAMETER, ERAS

ONE_YEAR = 365 * 24 * 3600


class NulInPathMiddleware:
    """A path with a NUL character (`%00`) names nothing we could have stored: not found, before
    any view looks it up (PostgreSQL refuses the query)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if text_input.NUL in request.path_info:
            raise Http404(request.path_info)
        return self.get_response(request)


class PublicCacheMiddleware:
    """Public answers get a strong ETag, `Cache-Control` fit for a CDN, and 304 when the reader
    holds them; views may set the ETag themselves (public_cache.respond) to skip rendering,
    and then this middleware answers the same URL's next requests itself while current.

    It sits above the session middleware, so it sees (and drops) the `Vary: Cookie` added by
    pages that looked at `request.user` for a reader who has no session at all. An answer that
    sets a cookie, or whose view chose its own `Cache-Control`, is left alone; one under a
    private link is never public.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        public_request = public_cache.is_public_request(request)
        if public_request and (kept := public_cache.answer_kept(request)) is not None:
            return kept
        response = self.get_response(request)
        if public_cache.is_private_link(request):
            # A participant's own page: kept by their browser only, asked for again each time
            # (after accepting a meeting, the page must show it).
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        public = (
            public_request
            and response.status_code in {200, 304}
            and not response.cookies
            and not response.streaming
            and (response.has_header("ETag") or not response.has_header("Cache-Control"))
        )
        if not public:
            return response
        public_cache.drop_cookie_vary(response)
        if response.status_code == 304:
            return response
        # Kept answers are also sent gzipped, to readers that accept it.
        patch_vary_headers(response, ["Accept-Encoding"])
        if not response.has_header("ETag"):
            response["ETag"] = public_cache.body_etag(response.content)
        response.headers.setdefault("Cache-Control", public_cache.CACHE_CONTROL)
        if public_cache.holds(request, response["ETag"]):
            return public_cache.not_modified(response["ETag"])
        public_cache.remember_answer(request, response)
        return response


class EraPreferenceMiddleware:
    """Remembers a reader's choice of era (`?era=buddhist|gregorian`) in a cookie for later pages.

    Only following an era link sets it; a plain page view sets no cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        chosen = request.GET.get(ERA_PARAMETER)
        if chosen in ERAS and request.COOKIES.get(ERA_PARAMETER) != chosen:
            response.set_cookie(ERA_PARAMETER, chosen, max_age=ONE_YEAR, samesite="Lax")
            # The page itself may be public; this answer, carrying the cookie, is not.
            patch_cache_control(response, private=True, no_cache=True)
        return response
