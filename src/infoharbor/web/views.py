"""The public front door (the list of forums, a forum's overview, search), where organisers land
after signing in, and the frame of the organiser console."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from infoharbor.core import console
from infoharbor.core import search as core_search
from infoharbor.core.pages import forum_for_page, require_perm
from infoharbor.core.queries import forums_for_organiser, published_forums
from infoharbor.program import kinds
from infoharbor.program.queries import program_sessions
from infoharbor.reports import services as reports_services


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
    context = {
        "forum": forum,
        "by_kind": by_kind,
        "platforms": forum.platforms.all(),
        # The outcome pages answer 404 until a release is published in the reader's language.
        "report_published": reports_services.published_for(forum, get_language()) is not None,
    }
    return render(request, "web/forum.html", context)


def search(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    query = request.GET.get("q", "").strip()
    results = None
    errors: list[str] = []
    page = request.GET.get("page", "")
    if query:
        try:
            results = core_search.search(forum, query, page=int(page) if page.isdigit() else 1)
        except core_search.SearchQueryError as exc:
            errors = exc.messages
    return render(
        request,
        "web/search.html",
        {"forum": forum, "search_query": query, "results": results, "errors": errors},
    )


@login_required
def console_home(request: HttpRequest, slug: str) -> HttpResponse:
    """The organiser's home at a forum: what needs attention, and every page their roles allow."""
    forum = forum_for_page(request, slug)
    require_perm(request, "core.view_forum", forum)
    context = {
        "forum": forum,
        "attention": console.needs_attention(request.user, forum),
        "menu": console.menu(request.user, forum),
    }
    return render(request, "web/console.html", context)


@login_required
def orga(request: HttpRequest) -> HttpResponse:
    """Where a login leads: the console of the one forum a user organises, or a list of them."""
    forums = list(forums_for_organiser(request.user).order_by("-start_date", "pk"))
    if len(forums) == 1:
        return redirect("web:console", slug=forums[0].slug)
    consoles = [(forum, reverse("web:console", args=[forum.slug])) for forum in forums]
    return render(request, "web/orga.html", {"forums": consoles})
