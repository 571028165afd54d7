"""Destructive actions ask first, with or without JavaScript, under the strict CSP.

For views that delete, cancel or revoke. The first POST gets a confirmation page instead of
the action: it says what will happen and posts the same fields back to the same address, with
`confirmed` added; only that second POST acts::

    if not confirm.confirmed(request):
        return confirm.ask(request, forum, _("Delete this session?"), _("Delete"), back=url)
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

from infoharbor.core.models import Forum

FIELD = "confirmed"
_NOT_REPOSTED = {FIELD, "csrfmiddlewaretoken"}


def confirmed(request: HttpRequest) -> bool:
    """Whether this POST is the second one, sent from the confirmation page."""
    return request.POST.get(FIELD) == "yes"


def ask(
    request: HttpRequest,
    forum: Forum | None,
    question: str | Promise,
    action: str | Promise,
    *,
    back: str,
    details: str | Promise = "",
) -> HttpResponse:
    """The confirmation page for this POST: `action` re-sends it confirmed, `back` goes back."""
    fields = [
        (name, value)
        for name in request.POST
        if name not in _NOT_REPOSTED
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "core/confirm.html",
        {
            "forum": forum,
            "question": question,
            "details": details,
            "action_label": action,
            "fields": fields,
            "back": back,
            "field": FIELD,
        },
    )
