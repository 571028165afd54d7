"""Finding the forum a page is about; every app's views start here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from infoharbor.core.models import Forum
from infoharbor.core.translated import set_forum_fallback


def forum_for_page(request: HttpRequest, slug: str) -> Forum:
    """A forum the visitor may see (published, or one they organise), made the request's forum.

    Its host cities are not read with it: most pages never show them, and those that do read
    them once themselves (`forum.cities.all()`)."""
    forum = Forum.objects.filter(slug=slug).first()
    if forum is None or not (forum.is_published or request.user.has_perm("core.view_forum", forum)):
        raise Http404("No such forum.")
    set_forum_fallback(forum)
    return forum


def require_perm(request: HttpRequest, perm: str, forum: Forum) -> None:
    """Refuse (403) a page to a user without `perm` at `forum`."""
    if not request.user.has_perm(perm, forum):
        raise PermissionDenied


def organiser_forum(request: HttpRequest, slug: str, permission: str) -> Forum:
    """The forum of an organiser page, refused (403) to a user without `permission` there."""
    forum = forum_for_page(request, slug)
    require_perm(request, permission, forum)
    return forum
