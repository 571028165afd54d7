"""Remembers a reader's choice of era (`?era=buddhist|gregorian`) in a cookie for later pages."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from infoharbor.core.formatting import ERA_PARAMETER, ERAS

ONE_YEAR = 365 * 24 * 3600


class EraPreferenceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        chosen = request.GET.get(ERA_PARAMETER)
        if chosen in ERAS and request.COOKIES.get(ERA_PARAMETER) != chosen:
            response.set_cookie(ERA_PARAMETER, chosen, max_age=ONE_YEAR, samesite="Lax")
        return response
