"""API for the program: sessions as JSON, the schedule exports, and organisers' session edits.

Cities and rooms are named by `place_slug` (their English name, slugified), sessions by slug,
people by public id and platforms by code: never by row id.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Field, PatchDict, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from infoharbor.api import errors, idempotency
from infoharbor.api.auth import OrganiserToken
from infoharbor.api.core import PlaceOut, place_out, place_slug
from infoharbor.core import public_cache
from infoharbor.core.models import City, Forum, Person, Platform, Room
from infoharbor.core.queries import forums_for_organiser, public_forum, published_forums
from infoharbor.core.text_input import max_length_of
from infoharbor.core.translated import TranslatedText
from infoharbor.program import exporters, services
from infoharbor.program.models import Session, SessionSpeaker
from infoharbor.program.queries import (
    ProgramFilter,
    matching_sessions,
    place_as_released,
    program_sessions,
    session_detail,
)
from infoharbor.program.services import SpeakerSpec

router = Router(tags=["program"])


class RefusalOut(Schema):
    """A refusal of the whole request, with what to do instead."""

    detail: str


class SpeakerOut(Schema):
    person: str  # the person's public id, as in the speaker page's link
    name: str
    name_latin: str
    role: str


class SessionOut(Schema):
    slug: str
    kind: str
    title: dict[str, str]
    description: dict[str, str]
    start: dt.datetime
    end: dt.datetime
    city: PlaceOut
    venue: PlaceOut | None
    room: PlaceOut | None
    parent: str | None
    language: str
    interpretation: list[str]
    platforms: list[str]
    speakers: list[SpeakerOut]


class SpeakerIn(Schema):
    person: str
    role: SessionSpeaker.Role = SessionSpeaker.Role.SPEAKER


class SessionIn(Schema):
    """A session to create; PATCH takes any subset. Times without an offset are forum time."""

    slug: str = Field(max_length=max_length_of(Session, "slug"))
    kind: str
    title: dict[str, str]
    description: dict[str, str] = {}
    start: dt.datetime
    end: dt.datetime
    city: str
    room: str | None = None
    parent: str | None = None
    language: str | None = None
    interpretation: list[str] = []
    platforms: list[str] = []
    speakers: list[SpeakerIn] = []


def session_out(forum: Forum, session: Session) -> dict[str, Any]:
    room = session.room
    return {
        "slug": session.slug,
        "kind": session.kind,
        "title": session.title.data,
        "description": session.description.data,
        "start": session.start.astimezone(forum.tz),
        "end": session.end.astimezone(forum.tz),
        "city": place_out(session.city.name),
        "venue": place_out(room.venue.name) if room else None,
        "room": place_out(room.name) if room else None,
        "parent": session.parent.slug if session.parent else None,
        "language": session.language,
        "interpretation": session.interpretation,
        "platforms": [p.code for p in session.platforms.all()],
        "speakers": [
            {
                "person": s.person.public_id,
                "name": s.person.name,
                "name_latin": s.person.name_latin,
                "role": s.role,
            }
            for s in session.speakers.all()
        ],
    }


@router.get(
    "/forums/{slug}/sessions",
    response=list[SessionOut],
    summary="Every session",
    openapi_extra=errors.documented(404),
)
def list_sessions(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    forum = public_forum(slug)
    return [session_out(forum, s) for s in place_as_released(forum, list(program_sessions(forum)))]


def _language(forum: Forum, lang: str | None) -> str:
    if lang is None:
        return forum.default_language
    choices = forum.content_languages()
    if lang not in choices:
        raise ValidationError(
            {
                "lang": _("The forum does not publish in “%(value)s”; choose one of: %(choices)s.")
                % {"value": lang, "choices": ", ".join(choices)}
            }
        )
    return lang


# Which of a forum's sessions an export holds; raises for a city or session it does not have.
Selection = Callable[[Forum], QuerySet[Session]]


def _download(
    request: HttpRequest,
    slug: str,
    identifier: str,
    select: Selection,
    lang: str | None,
    *name: str,
) -> HttpResponse:
    """The export of `select(forum)`, kept and answered 304 by the forum's content version:
    `identifier` and `name` (the city or the session) say which sessions it holds."""
    base_url = request.build_absolute_uri("/")
    exporter = exporters.get(identifier, base_url)

    def build() -> HttpResponse:
        forum = public_forum(slug)
        language = _language(forum, lang)
        response = HttpResponse(
            exporter.render(forum, select(forum), language), content_type=exporter.content_type
        )
        # Never None for an attachment.
        response["Content-Disposition"] = cast(
            str,
            content_disposition_header(
                as_attachment=True, filename=exporter.filename(forum.slug, *name)
            ),
        )
        return response

    return public_cache.respond(request, slug, (identifier, lang, base_url, name), build)


CITY_REFUSED = {
    "detail": {"city": ["No host city of this forum is called “atlantis”; choose one of: nanning."]}
}
LANG_REFUSED = {
    "detail": {"lang": ["The forum does not publish in “xx”; choose one of: zh-hans, en, th."]}
}


def _file(media_type: str, description: str, bad_input: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI: the operation answers with a file, or 404 or 422 as JSON."""
    return errors.documented(404, 422, examples={422: bad_input}, file=(media_type, description))


LANG_HELP = "Language of titles and descriptions; the forum's default language if absent."


@router.get(
    "/forums/{slug}/schedule.ics",
    summary="The program as iCalendar",
    description="Every session, or those in one host city (`?city=nanning`). " + LANG_HELP,
    openapi_extra=_file("text/calendar", "iCalendar (RFC 5545)", CITY_REFUSED),
)
def forum_calendar(
    request: HttpRequest, slug: str, city: str | None = None, lang: str | None = None
) -> HttpResponse:
    if city is None:
        return _download(request, slug, "ics", matching_sessions, lang)
    return _download(request, slug, "ics", lambda forum: _city_sessions(forum, city), lang, city)


def _city_sessions(forum: Forum, city: str) -> QuerySet[Session]:
    chosen = _city_named(forum, city)
    if chosen is None:
        raise ValidationError({"city": _unknown_city(forum, city)})
    return matching_sessions(forum, ProgramFilter(city=chosen.pk))


@router.get(
    "/forums/{slug}/sessions/{session_slug}.ics",
    summary="One session as iCalendar",
    description=LANG_HELP,
    openapi_extra=_file("text/calendar", "iCalendar (RFC 5545)", LANG_REFUSED),
)
def session_calendar(
    request: HttpRequest, slug: str, session_slug: str, lang: str | None = None
) -> HttpResponse:
    def one(forum: Forum) -> QuerySet[Session]:
        sessions = matching_sessions(forum).filter(slug=session_slug)
        if not sessions.exists():
            raise Session.DoesNotExist
        return sessions

    return _download(request, slug, "ics", one, lang, session_slug)


@router.get(
    "/forums/{slug}/schedule.xml",
    summary="The program as frab schedule XML",
    description=LANG_HELP,
    openapi_extra=_file("application/vnd.c3voc.schedule+xml", "frab schedule XML", LANG_REFUSED),
)
def frab_xml(request: HttpRequest, slug: str, lang: str | None = None) -> HttpResponse:
    return _download(request, slug, "frab-xml", matching_sessions, lang)


@router.get(
    "/forums/{slug}/schedule.json",
    summary="The program as frab schedule JSON",
    description=LANG_HELP,
    openapi_extra=_file("application/json", "frab schedule JSON", LANG_REFUSED),
)
def frab_json(request: HttpRequest, slug: str, lang: str | None = None) -> HttpResponse:
    return _download(request, slug, "frab-json", matching_sessions, lang)


def _city_named(forum: Forum, value: str) -> City | None:
    return next((c for c in forum.cities.all() if place_slug(c.name) == value), None)


def _unknown_city(forum: Forum, value: str) -> str:
    choices = ", ".join(place_slug(c.name) for c in forum.cities.all())
    return _("No host city of this forum is called “%(value)s”; choose one of: %(choices)s.") % {
        "value": value,
        "choices": choices,
    }


def _aware(moment: dt.datetime, forum: Forum) -> dt.datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, forum.tz)


def _apply(
    forum: Forum, session: Session, fields: dict[str, Any]
) -> tuple[list[SpeakerSpec] | None, list[Platform] | None]:
    """Put the given fields on `session`, naming every reference that matches nothing.

    Returns the speakers and platforms to set, None for those not given.
    """
    # PATCH accepts null for every field; only these mean something by it (none, or the default).
    errors: dict[str, list[str]] = {
        name: [str(models.Field.default_error_messages["null"])]
        for name, value in fields.items()
        if value is None and name not in {"room", "parent", "language"}
    }
    fields = {name: value for name, value in fields.items() if name not in errors}
    for name in ("slug", "kind", "interpretation"):
        if name in fields:
            setattr(session, name, fields[name])
    if fields.get("language"):
        session.language = fields["language"]
    for name in ("title", "description"):
        if name in fields:
            setattr(session, name, TranslatedText(fields[name]))
    for name in ("start", "end"):
        if name in fields:
            setattr(session, name, _aware(fields[name], forum))
    if "city" in fields:
        city = _city_named(forum, fields["city"])
        if city is None:
            errors["city"] = [_unknown_city(forum, fields["city"])]
        else:
            session.city = city
    if fields.get("room") is None:
        if "room" in fields:
            session.room = None
    elif "city" not in errors:
        rooms = list(Room.objects.filter(venue__forum=forum, venue__city=session.city))
        room = next((r for r in rooms if place_slug(r.name) == fields["room"]), None)
        if room is None:
            errors["room"] = [
                _("No room in %(city)s is called “%(value)s”; choose one of: %(choices)s.")
                % {
                    "city": session.city.name,
                    "value": fields["room"],
                    "choices": ", ".join(place_slug(r.name) for r in rooms),
                }
            ]
        else:
            session.room = room
    if "parent" in fields:
        parent_slug = fields["parent"]
        session.parent = (
            Session.objects.filter(forum=forum, slug=parent_slug).exclude(pk=session.pk).first()
            if parent_slug
            else None
        )
        if parent_slug and session.parent is None:
            errors["parent"] = [
                _("No other session of this forum is called “%(value)s”.") % {"value": parent_slug}
            ]
    speakers = None
    if "speakers" in fields:
        wanted = [s["person"] for s in fields["speakers"]]
        people = {p.public_id: p for p in Person.objects.filter(forum=forum, public_id__in=wanted)}
        errors.update(
            _unknown(
                "speakers", wanted, people, _("No person of this forum has the id “%(value)s”.")
            )
        )
        speakers = [
            SpeakerSpec(people[s["person"]], s["role"])
            for s in fields["speakers"]
            if s["person"] in people
        ]
    platforms = None
    if "platforms" in fields:
        found = {
            p.code: p for p in Platform.objects.filter(forum=forum, code__in=fields["platforms"])
        }
        errors.update(
            _unknown(
                "platforms",
                fields["platforms"],
                found,
                _("No cooperation platform of this forum has the code “%(value)s”."),
            )
        )
        platforms = [found[code] for code in fields["platforms"] if code in found]
    if errors:
        raise ValidationError(errors)
    return speakers, platforms


def _unknown(
    field: str, wanted: list[str], found: dict[str, Any], message: str
) -> dict[str, list[str]]:
    missing = [message % {"value": value} for value in wanted if value not in found]
    return {field: missing} if missing else {}


def _organised_forum(request: HttpRequest, slug: str, permission: str) -> Forum:
    """The forum, if the token's user may see it (404 otherwise) and holds `permission` (403)."""
    forum = (
        published_forums().filter(slug=slug).first()
        or forums_for_organiser(request.user).filter(slug=slug).first()
    )
    if forum is None:
        raise Forum.DoesNotExist
    if not request.user.has_perm(permission, forum):
        raise HttpError(403, _("Your role at this forum does not allow changing its program."))
    return forum


ROLE_REFUSED = {"detail": "Your role at this forum does not allow changing its program."}
SESSION_IN_USE = {
    "detail": "“Opening” has 1 registration. Move it to another session or cancel it, then "
    "delete the session."
}
WRITE_ERRORS = errors.documented(
    400, 401, 403, 404, 422, 429, messages=(403,), examples={403: ROLE_REFUSED, 422: CITY_REFUSED}
)


@router.post(
    "/forums/{slug}/sessions",
    auth=OrganiserToken(),
    response={201: SessionOut},
    summary="Add a session (owners and program editors)",
    openapi_extra={**idempotency.OPENAPI_EXTRA, **WRITE_ERRORS},
)
@decorate_view(idempotency.idempotent)
def create_session(request: HttpRequest, slug: str, payload: SessionIn) -> Status[dict[str, Any]]:
    forum = _organised_forum(request, slug, "program.add_session")
    session = Session(forum=forum, language=forum.default_language)
    speakers, platforms = _apply(forum, session, payload.dict())
    services.save_session(request.user, session, speakers=speakers, platforms=platforms)
    return Status(201, session_out(forum, session_detail(forum, session.slug)))


@router.patch(
    "/forums/{slug}/sessions/{session_slug}",
    auth=OrganiserToken(),
    response=SessionOut,
    summary="Change a session (owners and program editors)",
    openapi_extra=WRITE_ERRORS,
)
def change_session(
    request: HttpRequest, slug: str, session_slug: str, payload: PatchDict[SessionIn]
) -> dict[str, Any]:
    forum = _organised_forum(request, slug, "program.change_session")
    session = session_detail(forum, session_slug)
    speakers, platforms = _apply(forum, session, payload)
    services.save_session(request.user, session, speakers=speakers, platforms=platforms)
    return session_out(forum, session_detail(forum, session.slug))


@router.delete(
    "/forums/{slug}/sessions/{session_slug}",
    auth=OrganiserToken(),
    response={204: None, 409: RefusalOut},
    summary="Remove a session and its agenda (owners and program editors)",
    description="409 when people are registered for it or were scanned at its door; the "
    "message says how many and what to do.",
    openapi_extra=errors.documented(
        401,
        403,
        404,
        409,
        429,
        messages=(403,),
        typed=(409,),
        examples={403: ROLE_REFUSED, 409: SESSION_IN_USE},
    ),
)
def remove_session(
    request: HttpRequest, slug: str, session_slug: str
) -> Status[dict[str, str] | None]:
    forum = _organised_forum(request, slug, "program.delete_session")
    try:
        services.delete_session(request.user, session_detail(forum, session_slug))
    except services.SessionInUse as refusal:
        return Status(409, {"detail": refusal.messages[0]})
    return Status(204, None)
