"""API for forums: the public list and one forum."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.text import slugify
from ninja import Router, Schema

from infoharbor.api import errors
from infoharbor.core.models import Forum
from infoharbor.core.queries import public_forum, published_forums
from infoharbor.core.translated import TranslatedText

router = Router(tags=["forums"])


def place_slug(name: TranslatedText) -> str:
    """How the API names a city or room: its English name (else its first name), slugified."""
    names = name.data
    return slugify(names.get("en") or next(iter(names.values()), ""), allow_unicode=True)


class PlaceOut(Schema):
    slug: str
    name: dict[str, str]


def place_out(name: TranslatedText) -> dict[str, Any]:
    return {"slug": place_slug(name), "name": name.data}


class ForumOut(Schema):
    slug: str
    name: dict[str, str]
    start_date: dt.date
    end_date: dt.date
    timezone: str
    languages: list[str]
    default_language: str
    cities: list[PlaceOut]


def forum_out(forum: Forum) -> dict[str, Any]:
    return {
        "slug": forum.slug,
        "name": forum.name.data,
        "start_date": forum.start_date,
        "end_date": forum.end_date,
        "timezone": forum.timezone,
        "languages": forum.content_languages(),
        "default_language": forum.default_language,
        "cities": [place_out(c.name) for c in forum.cities.all()],
    }


@router.get("/forums", response=list[ForumOut], summary="Published forums")
def list_forums(request: HttpRequest) -> list[dict[str, Any]]:
    return [forum_out(f) for f in published_forums().prefetch_related("cities")]


@router.get(
    "/forums/{slug}",
    response=ForumOut,
    summary="One published forum",
    openapi_extra=errors.documented(404),
)
def get_forum(request: HttpRequest, slug: str) -> dict[str, Any]:
    return forum_out(public_forum(slug))
