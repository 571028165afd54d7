"""API for organisers' software: the B2B meetings' figures, overall and per country or sector."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from infoharbor.api import errors
from infoharbor.api.auth import OrganiserToken
from infoharbor.core.models import Forum
from infoharbor.matchmaking import queries

router = Router(tags=["matchmaking"])


class MeetingFiguresOut(Schema):
    requested: int
    accepted: int
    declined: int
    expired: int
    scheduled: int
    held: int
    not_held: int
    outcomes: dict[str, int] = Field(
        description="Second-stage outcomes of held meetings: none, negotiation, agreement."
    )


class MeetingGroupOut(Schema):
    key: str = Field(description="ISO 3166-1 code or topic code; empty for requests with none.")
    label: str
    figures: MeetingFiguresOut


class BreakdownOut(Schema):
    by: str
    overall: MeetingFiguresOut
    groups: list[MeetingGroupOut]


def _figures(figures: queries.Figures) -> dict[str, object]:
    return {
        "requested": figures.requested,
        "accepted": figures.accepted,
        "declined": figures.declined,
        "expired": figures.expired,
        "scheduled": figures.scheduled,
        "held": figures.held,
        "not_held": figures.not_held,
        "outcomes": figures.outcomes,
    }


@router.get(
    "/forums/{slug}/matchmaking/figures",
    auth=OrganiserToken(),
    response={200: BreakdownOut, 403: errors.FieldsOut, 422: errors.FieldsOut},
    summary="B2B meeting figures, overall and per country or sector",
    description="A request counts under each country of its two sides and each sector it is "
    "about, so the groups may add up to more than the overall figures.",
    openapi_extra=errors.documented(
        401,
        403,
        404,
        422,
        429,
        typed=(403, 422),
        examples={
            403: {"detail": {"__all__": ["Only the forum's organisers may see these figures."]}},
            422: {"detail": {"by": ["Use one of: country, sector."]}},
        },
    ),
)
def meeting_figures(request: HttpRequest, slug: str, by: str = "country") -> Status[dict]:
    forum = Forum.objects.get(slug=slug)
    if not request.user.has_perm("matchmaking.view_meetings", forum):
        message = _("Only the forum's organisers may see these figures.")
        return Status(403, {"detail": {"__all__": [message]}})
    if by not in queries.DIMENSIONS:
        message = _("Use one of: %(choices)s.") % {"choices": ", ".join(queries.DIMENSIONS)}
        return Status(422, {"detail": {"by": [message]}})
    groups = queries.figures_by(forum, by, get_language() or forum.default_language)
    return Status(
        200,
        {
            "by": by,
            "overall": _figures(queries.figures(forum)),
            "groups": [
                {"key": g.key, "label": g.label, "figures": _figures(g.figures)} for g in groups
            ],
        },
    )
