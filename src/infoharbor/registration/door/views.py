"""Pages for the door: scanning badges, and live counts with the latest scans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from infoharbor.core import locking
from infoharbor.core.pages import organiser_forum
from infoharbor.registration.door import queries, services
from infoharbor.registration.door.forms import ScanForm


@login_required
def door(request: HttpRequest, slug: str) -> HttpResponse:
    """Door staff scan (camera) or type a badge code; the answer comes back as JSON or a page."""
    forum = organiser_forum(request, slug, "registration.check_in")
    today = timezone.localdate(timezone=forum.tz)
    form = ScanForm(forum, today, request.POST or None)
    answer: dict[str, Any] | None = None
    if request.method == "POST":
        if not form.is_valid():
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"errors": form.errors}, status=400)
        else:
            try:
                result = services.scan(
                    services.Door(forum, form.cleaned_data["door"], request.user),
                    form.cleaned_data["code"],
                    session=form.cleaned_data["session"],
                )
            except locking.LockTimeout as busy:
                if request.headers.get("Accept") == "application/json":
                    return JsonResponse({"errors": {"__all__": busy.messages}}, status=503)
                form.add_error(None, busy)
            else:
                answer = services.scan_answer(forum, result)
                if request.headers.get("Accept") == "application/json":
                    return JsonResponse(answer)
                form = ScanForm(
                    forum,
                    today,
                    initial={
                        "door": form.cleaned_data["door"],
                        "session": form.cleaned_data["session"],
                    },
                )
    context = {"forum": forum, "form": form, "answer": answer, "today": today}
    return render(request, "registration/door/door.html", context)


@login_required
def checkins(request: HttpRequest, slug: str) -> HttpResponse:
    """Live counts per session and room for today, and the latest scans; the page reloads itself."""
    forum = organiser_forum(request, slug, "registration.view_checkins")
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate(timezone=forum.tz)
    per_session, per_room = queries.live_counts(forum, day)
    context = {
        "forum": forum,
        "day": day,
        "sessions": per_session,
        "rooms": per_room,
        "history": queries.scan_history(forum),
    }
    return render(request, "registration/door/checkins.html", context)
