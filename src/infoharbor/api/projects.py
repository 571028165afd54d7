"""API for the registry of signed projects: statistics and the exports at stable URLs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from infoharbor.api import errors
from infoharbor.core.queries import public_forum
from infoharbor.projects import exporters, queries, services

router = Router(tags=["projects"])

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IATI_XML = "application/xml"


class PartyOut(Schema):
    organization: dict[str, str]
    country: str
    role: str


class ProjectOut(Schema):
    id: str
    reference: str
    title: dict[str, str]
    kind: str
    binding: bool
    china_asean: bool
    status: str
    platforms: list[str]
    sector_vocabulary: str | None
    sector: str | None
    parties: list[PartyOut]
    location_city: dict[str, str] | None
    location_country: str
    signing_session: str | None
    signed_on: dt.date
    signing_city: dict[str, str] | None
    amount: Decimal | None
    currency: str
    amount_kind: str
    synthetic: bool
    provenance: dict[str, str]


class SplitOut(Schema):
    count: int
    total: Decimal


class ConversionOut(Schema):
    currency: str
    signed_on: dt.date
    amount: Decimal
    converted: Decimal
    rate: Decimal
    rate_date: dt.date | None
    source: str


class LeftOutOut(Schema):
    reason: str
    message: str
    count: int
    currency: str
    signed_on: dt.date | None
    amount: Decimal | None


class GroupOut(Schema):
    key: str
    label: str
    count: int
    total: Decimal
    binding: SplitOut
    non_binding: SplitOut
    conversions: list[ConversionOut]
    left_out: list[LeftOutOut]


class StatsOut(Schema):
    group_by: str
    currency: str
    groups: list[GroupOut]
    overall: GroupOut


def _group(group: queries.Group) -> dict:
    return {
        "key": group.key,
        "label": group.label,
        "count": group.count,
        "total": group.total,
        "binding": {"count": group.binding.count, "total": group.binding.total},
        "non_binding": {"count": group.non_binding.count, "total": group.non_binding.total},
        "conversions": [
            {
                "currency": f.currency,
                "signed_on": f.date,
                "amount": f.amount,
                "converted": f.converted,
                "rate": f.conversion.rate,
                "rate_date": f.conversion.rate_date,
                "source": f.conversion.source,
            }
            for f in group.figures
        ],
        "left_out": [
            {
                "reason": lo.reason,
                "message": lo.message,
                "count": lo.count,
                "currency": lo.currency,
                "signed_on": lo.date,
                "amount": lo.amount,
            }
            for lo in group.left_out
        ],
    }


@router.get(
    "/forums/{slug}/projects/stats",
    response={200: StatsOut, 422: errors.FieldsOut},
    summary="Counts and totals of signed projects per group",
    openapi_extra=errors.documented(
        404,
        422,
        typed=(422,),
        examples={422: {"detail": {"currency": ["“XYZ” is not an ISO 4217 currency code."]}}},
    ),
)
def project_stats(
    request: HttpRequest, slug: str, group_by: str = "session", currency: str = "CNY"
) -> Status[dict]:
    forum = public_forum(slug)
    errors = {}
    if group_by not in queries.DIMENSIONS:
        errors["group_by"] = [
            _("Use one of: %(choices)s.") % {"choices": ", ".join(queries.DIMENSIONS)}
        ]
    currency = currency.upper()
    if problem := services.currency_problem(currency):
        errors["currency"] = [problem]
    if errors:
        return Status(422, {"detail": errors})
    stats = queries.statistics(forum, group_by, currency)
    return Status(
        200,
        {
            "group_by": stats.dimension,
            "currency": stats.currency,
            "groups": [_group(g) for g in stats.groups],
            "overall": _group(stats.overall),
        },
    )


@router.get(
    "/forums/{slug}/projects.json",
    response=list[ProjectOut],
    summary="Every project",
    openapi_extra=errors.documented(404),
)
def projects_json(request: HttpRequest, slug: str) -> list[dict]:
    forum = public_forum(slug)
    return [exporters.project_row(p) for p in queries.registry(forum)]


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get(
    "/forums/{slug}/projects.csv",
    summary="Every project as CSV",
    openapi_extra=errors.documented(404, file=(CSV, "One row per project, UTF-8")),
)
def projects_csv(request: HttpRequest, slug: str) -> HttpResponse:
    forum = public_forum(slug)
    content = exporters.to_csv(queries.registry(forum), get_language() or forum.default_language)
    return _download(content, f"{CSV}; charset=utf-8", f"{forum.slug}-projects.csv")


@router.get(
    "/forums/{slug}/projects.xlsx",
    summary="Every project as XLSX",
    openapi_extra=errors.documented(404, file=(XLSX, "One row per project")),
)
def projects_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    forum = public_forum(slug)
    content = exporters.to_xlsx(queries.registry(forum), get_language() or forum.default_language)
    return _download(content, XLSX, f"{forum.slug}-projects.xlsx")


@router.get(
    "/forums/{slug}/projects/iati.xml",
    response={200: None, 409: errors.FieldsOut},
    summary="Every project as IATI activity XML 2.03",
    openapi_extra=errors.documented(
        404,
        409,
        typed=(409,),
        examples={409: {"detail": {"iati_publisher": ["The forum has no IATI publisher yet."]}}},
        file=(IATI_XML, "IATI activity XML 2.03"),
    ),
)
def projects_iati(request: HttpRequest, slug: str) -> HttpResponse | Status[dict]:
    forum = public_forum(slug)
    try:
        content = exporters.to_iati(forum, queries.registry(forum))
    except exporters.NoIatiPublisher:
        message = _("The forum has no IATI publisher yet.")
        return Status(409, {"detail": {"iati_publisher": [message]}})
    return _download(content, f"{IATI_XML}; charset=utf-8", f"{forum.slug}-iati-activities.xml")
