"""API for scanner apps at the doors: one scan in, the door's answer out.

Scanner apps send their own `scan_id` for each scan, so a scan sent again (a lost answer, a
queue replayed after the network came back) gets the first answer and is recorded once.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view

from infoharbor.api import errors, idempotency
from infoharbor.api.auth import OrganiserToken
from infoharbor.core.models import Forum
from infoharbor.core.text_input import max_length_of
from infoharbor.program.models import Session
from infoharbor.registration.door import services as door_services
from infoharbor.registration.door.models import CheckIn

router = Router(tags=["check-in"])


class CheckInIn(Schema):
    code: str = Field(description="What the badge's QR code holds, or the badge code typed in.")
    door: str = Field(
        max_length=max_length_of(CheckIn, "door"),
        description="The door's name, e.g. 'Hall A north'.",
    )
    session: str | None = Field(None, description="The session's slug; absent at a venue entrance.")
    scan_id: str = Field(
        "",
        max_length=max_length_of(CheckIn, "scan_id"),
        description="The scanner's own id for this scan.",
    )
    scanned_at: dt.datetime | None = Field(None, description="When it was scanned; now if absent.")


class ParticipantOut(Schema):
    name: str
    name_latin: str
    organization: str
    category: str
    colour: str
    photo: str = Field(description="The photo's address for door staff; empty without a photo.")


class CheckInOut(Schema):
    allowed: bool
    reason: str = Field(description="Empty when allowed; else not_approved, wrong_day, …")
    message: str
    participant: ParticipantOut | None
    scan_id: str
    scanned_at: dt.datetime
    repeated: bool = Field(description="True when this scan_id had been recorded before.")


@router.post(
    "/forums/{slug}/checkins",
    auth=OrganiserToken(),
    response={200: CheckInOut, 201: CheckInOut, 403: errors.FieldsOut, 422: errors.FieldsOut},
    summary="Check a badge in at a door",
    openapi_extra={
        **idempotency.OPENAPI_EXTRA,
        **errors.documented(
            400,
            401,
            403,
            404,
            422,
            429,
            typed=(403, 422),
            examples={
                403: {"detail": {"__all__": ["Only door staff may check badges in."]}},
                422: {"detail": {"session": ["No session of this forum has this slug."]}},
            },
        ),
    },
)
@decorate_view(idempotency.idempotent)
def create_checkin(
    request: HttpRequest, slug: str, payload: CheckInIn
) -> Status[dict[str, object]]:
    forum = Forum.objects.get(slug=slug)
    if not request.user.has_perm("registration.check_in", forum):
        return Status(403, {"detail": {"__all__": [_("Only door staff may check badges in.")]}})
    session = None
    if payload.session:
        session = Session.objects.filter(forum=forum, slug=payload.session).first()
        if session is None:
            return Status(
                422, {"detail": {"session": [_("No session of this forum has this slug.")]}}
            )
    scanned_at = None
    if payload.scanned_at is not None:
        try:
            scanned_at = door_services.scan_time(payload.scanned_at)
        except ValueError as error:
            return Status(422, {"detail": {"scanned_at": [str(error)]}})
    result = door_services.scan(
        door_services.Door(forum, payload.door, request.user),
        payload.code,
        session=session,
        at=scanned_at,
        scan_id=payload.scan_id,
    )
    return Status(200 if result.repeated else 201, door_services.scan_answer(forum, result))
