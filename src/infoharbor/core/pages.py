"""Finding the forum a page is about; every app's views start here."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest

from infoharbor.core.models import Forum
from infoharbor.core.queries import forums_for_organiser, published_forums
from infoharbor.core.translated import set_forum_language


def forum_for_page(request: HttpRequest, slug: str) -> Forum:
    """A forum the visitor may see (published, or one they organise), made the request's forum."""
    forums = published_forums()
    if request.user.is_authenticated:
        # By primary key: a distinct queryset cannot be OR-ed with a plain one.
        organised = forums_for_organiser(request.user).values("pk")
        forums = Forum.objects.filter(
            Q(pk__in=published_forums().values("pk")) | Q(pk__in=organised)
        )
    forum = forums.prefetch_related("cities").filter(slug=slug).first()
    if forum is None:
        raise Http404("No such forum.")
    set_forum_language(forum.default_language)
    return forum
