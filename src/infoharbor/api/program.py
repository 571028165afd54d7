"""API for the program: sessions as JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from infoharbor.core.queries import public_forum
from infoharbor.program.queries import program_sessions

router = Router(tags=["program"])


class SessionOut(Schema):
    slug: str
    kind: str
    title: dict[str, str]
    start: dt.datetime
    end: dt.datetime
    city: dict[str, str]
    venue: dict[str, str] | None
    room: dict[str, str] | None
    parent: str | None
    language: str
    interpretation: list[str]
    platforms: list[str]


@router.get("/forums/{slug}/sessions", response=list[SessionOut], summary="Every session")
def list_sessions(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    forum = public_forum(slug)
    return [
        {
            "slug": s.slug,
            "kind": s.kind,
            "title": s.title.data,
            "start": s.start.astimezone(forum.tz),
            "end": s.end.astimezone(forum.tz),
            "city": s.city.name.data,
            "venue": s.room.venue.name.data if s.room else None,
            "room": s.room.name.data if s.room else None,
            "parent": s.parent.slug if s.parent else None,
            "language": s.language,
            "interpretation": s.interpretation,
            "platforms": [p.code for p in s.platforms.all()],
        }
        for s in program_sessions(forum)
    ]
