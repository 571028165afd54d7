"""API for forums: the public list and one forum."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from infoharbor.core.models import Forum
from infoharbor.core.queries import public_forum, published_forums

router = Router(tags=["forums"])


class ForumOut(Schema):
    slug: str
    name: dict[str, str]
    start_date: dt.date
    end_date: dt.date
    timezone: str
    languages: list[str]
    default_language: str
    cities: list[dict[str, str]]


def forum_out(forum: Forum) -> dict[str, Any]:
    return {
        "slug": forum.slug,
        "name": forum.name.data,
        "start_date": forum.start_date,
        "end_date": forum.end_date,
        "timezone": forum.timezone,
        "languages": forum.content_languages(),
        "default_language": forum.default_language,
        "cities": [c.name.data for c in forum.cities.all()],
    }


@router.get("/forums", response=list[ForumOut], summary="Published forums")
def list_forums(request: HttpRequest) -> list[dict[str, Any]]:
    return [forum_out(f) for f in published_forums().prefetch_related("cities")]


@router.get("/forums/{slug}", response=ForumOut, summary="One published forum")
def get_forum(request: HttpRequest, slug: str) -> dict[str, Any]:
    return forum_out(public_forum(slug))
