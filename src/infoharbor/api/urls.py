"""The JSON API at /api/v1/: one router per app, OpenAPI at /api/v1/openapi.json."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from infoharbor.api import checkin as checkin_api
from infoharbor.api import core as core_api
from infoharbor.api import program as program_api
from infoharbor.api import registration as registration_api

api = NinjaAPI(
    title="InfoHarbor API",
    version="1",
    description="Programs, registrations, signed projects and outcomes of cooperation forums.",
    urls_namespace="api",
)


@api.exception_handler(ObjectDoesNotExist)
def not_found(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": errors}, status=422)


api.add_router("/", core_api.router)
api.add_router("/", program_api.router)
api.add_router("/", registration_api.router)
api.add_router("/", checkin_api.router)
