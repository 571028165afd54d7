"""The JSON API at /api/v1/: one router per app, OpenAPI at /api/v1/openapi.json.

Every error answers JSON: `{"detail": "..."}`, or for bad input `{"detail": {field: [messages]}}`
whether the input failed its schema or a rule of the service it went to.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaError

from infoharbor.api import checkin as checkin_api
from infoharbor.api import core as core_api
from infoharbor.api import program as program_api
from infoharbor.api import projects as projects_api
from infoharbor.api import registration as registration_api
from infoharbor.api import reports as reports_api
from infoharbor.api import search as search_api
from infoharbor.core.locking import LockTimeout
from infoharbor.core.ratelimit import RateLimited

api = NinjaAPI(
    title="InfoHarbor API",
    version="1",
    description="Programs, registrations, signed projects and outcomes of cooperation forums.",
    urls_namespace="api",
)


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
api.add_router("/", reports_api.router)
