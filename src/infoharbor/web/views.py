"""The public front door: the list of forums and a forum's overview; where organisers land."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse

from infoharbor.core import search as core_search
from infoharbor.core.models import Forum
from infoharbor.core.pages import forum_for_page
from infoharbor.core.queries import forums_for_organiser, published_forums
from infoharbor.program import kinds
from infoharbor.program.queries import program_sessions


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


def search(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    query = request.GET.get("q", "").strip()
    results = None
    errors: list[str] = []
    if query:
        try:
            results = core_search.search(forum, query)
        except core_search.SearchQueryError as exc:
            errors = exc.messages
    return render(
        request,
        "web/search.html",
        {"forum": forum, "search_query": query, "results": results, "errors": errors},
    )


def organiser_home_url(forum: Forum) -> str:
    """The forum's organiser console; its timetable until the console is served."""
    console = reverse("web:forum", args=[forum.slug]) + "orga/"
    try:
        resolve(console)
    except Resolver404:
        return reverse("program:timetable", args=[forum.slug])
    return console


@login_required
def orga(request: HttpRequest) -> HttpResponse:
    """Where a login leads: the one forum a user organises, or the list of their forums."""
    forums = list(forums_for_organiser(request.user).order_by("-start_date", "pk"))
    if len(forums) == 1:
        return redirect(organiser_home_url(forums[0]))
    return render(
        request,
        "web/orga.html",
        {"forums": [(forum, organiser_home_url(forum)) for forum in forums]},
    )
