"""The public front door: the list of forums and a forum's overview."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from infoharbor.core.queries import published_forums
from infoharbor.program import kinds
from infoharbor.program.queries import program_sessions
from infoharbor.core.pages import forum_for_page


def home(request: HttpRequest) -> HttpResponse:
    forums = published_forums().prefetch_related("cities")
    return render(request, "web/home.html", {"forums": forums})


def forum_overview(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    sessions = program_sessions(forum)
    counts: dict[str, int] = {}
    for s in sessions:
        counts[s.kind] = counts.get(s.kind, 0) + 1
    by_kind = [(k, counts[k.code]) for k in kinds.all_kinds() if k.code in counts]
    return render(
        request,
        "web/forum.html",
        {"forum": forum, "by_kind": by_kind, "platforms": forum.platforms.all()},
    )
