"""The JSON API at /api/v1/: one router per app, OpenAPI at /api/v1/openapi.json.

Every error answers JSON: `{"detail": "..."}`, or for bad input `{"detail": {field: [messages]}}`
whether the input failed its schema or a rule of the service it went to. Every JSON body and
query string passes core/text_input.py's check (`refuse_nul`), before any schema sees it.
"""

import functools
import inspect
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views import defaults
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaError

from infoharbor.api import checkin as checkin_api
from infoharbor.api import core as core_api
from infoharbor.api import matchmaking as matchmaking_api
from infoharbor.api import program as program_api
from infoharbor.api import projects as projects_api
from infoharbor.api import registration as registration_api
from infoharbor.api import reports as reports_api
from infoharbor.api import search as search_api
from infoharbor.core import text_input
from infoharbor.core.locking import LockTimeout
from infoharbor.core.ratelimit import RateLimited

api = NinjaAPI(
    title="InfoHarbor API",
    version="1",
    description="Programs, registrations, signed projects and outcomes of cooperation forums.",
    urls_namespace="api",
)


def _nul_fields(request: HttpRequest, sources: set[str]) -> list[str]:
    """The query parameters and JSON body fields (dotted paths) whose text holds a NUL, of the
    sources ("query", "body") the operation reads."""
    fields = []
    if "query" in sources:
        fields += [
            key
            for key, values in request.GET.lists()
            if next(text_input.nul_paths([key, *values]), None) is not None
        ]
    if "body" in sources and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            return fields  # ninja answers 400 to a body it cannot parse
        fields += [".".join(map(str, path)) or "__all__" for path in text_input.nul_paths(body)]
    return fields


def refuse_nul(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every operation's check of core/text_input.py, before its schemas: 422 naming each field.
    (The path is the middleware's: core.middleware.NulInPathMiddleware.)"""
    # Ninja decorates the operation's bound `run`, perhaps wrapped in a route's own decorators.
    operation = inspect.unwrap(run, stop=lambda f: hasattr(f, "__self__")).__self__
    sources = {model.__ninja_param_source__ for model in operation.models}

    @functools.wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if fields := _nul_fields(request, sources):
            detail = {field: [text_input.nul_message()] for field in fields}
            return api.create_response(request, {"detail": detail}, status=422)
        return run(request, *args, **kwargs)

    return checked


api.add_decorator(refuse_nul, mode="view")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 of urls.handler404: the API's JSON body under /api/, Django's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return not_found(request, ObjectDoesNotExist())
    return defaults.page_not_found(request, exception)


@api.exception_handler(ObjectDoesNotExist)
def not_found(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = api.create_response(request, {"detail": exc.message}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": errors}, status=422)


@api.exception_handler(LockTimeout)
def busy(request: HttpRequest, exc: LockTimeout) -> HttpResponse:
    # Nothing was changed: the client may send the same request again in a moment.
    response = api.create_response(request, {"detail": exc.messages[0]}, status=503)
    response["Retry-After"] = "1"
    return response


@api.exception_handler(SchemaError)
def malformed(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # loc is ("body", <parameter>, field, ...) or ("query", field): keep the field's path.
        where = [str(part) for part in error["loc"]]
        field = ".".join(where[2:] if where[0] == "body" else where[1:]) or "__all__"
        errors.setdefault(field, []).append(error["msg"])
    return api.create_response(request, {"detail": errors}, status=422)


api.add_router("/", core_api.router)
api.add_router("/", program_api.router)
api.add_router("/", search_api.router)
api.add_router("/", projects_api.router)
api.add_router("/", registration_api.router)
api.add_router("/", checkin_api.router)
api.add_router("/", matchmaking_api.router)
api.add_router("/", reports_api.router)
