"""Pages for the door: scanning badges (online, and from the admission list kept on the phone
when the network drops), and live counts with the latest scans."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from infoharbor.core import locking
from infoharbor.core.pages import organiser_forum
from infoharbor.registration.door import queries, services
from infoharbor.registration.door.forms import DoorSessionField, OfflineScanForm, ScanForm

# The most queued scans one sync request carries; the page sends longer queues in parts.
SYNC_BATCH = 500


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
                    scan_id=form.cleaned_data["scan_id"],
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
    context = {
        "forum": forum,
        "form": form,
        "answer": answer,
        "today": today,
        # The service worker keeps this page (and nothing beyond it) for when the network drops.
        "scope": reverse("door:door", args=[forum.slug]),
    }
    return render(request, "registration/door/door.html", context)


@login_required
@require_GET
def admissions(request: HttpRequest, slug: str) -> JsonResponse:
    """Today's admission list for one door (`?session=<slug>`, none at a venue entrance), which
    the door page keeps on the phone to answer when the network drops. Door staff only."""
    forum = organiser_forum(request, slug, "registration.check_in")
    today = timezone.localdate(timezone=forum.tz)
    field = DoorSessionField(forum, today, required=False)
    try:
        session = field.clean(request.GET.get("session", ""))
    except ValidationError as error:
        return JsonResponse({"errors": {"session": error.messages}}, status=400)
    response = JsonResponse(queries.admission_list(forum, session, today))
    # Kept by the page alone, never by a shared cache or the browser's HTTP cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def sync(request: HttpRequest, slug: str) -> JsonResponse:
    """The scans a door queued with no connection, recorded in scan order; each one's answer
    comes back, flagged where the door let in someone the rules now refuse."""
    forum = organiser_forum(request, slug, "registration.check_in")
    queued = None
    if request.content_type == "application/json":  # a form post's body is read already
        try:
            queued = json.loads(request.body)["scans"]
        except (ValueError, KeyError, TypeError):
            queued = None
    if not isinstance(queued, list) or not 0 < len(queued) <= SYNC_BATCH:
        message = _("Send between 1 and %(most)s scans as JSON.") % {"most": SYNC_BATCH}
        return JsonResponse({"errors": {"scans": [message]}}, status=400)
    forms = [OfflineScanForm(forum, item if isinstance(item, dict) else {}) for item in queued]
    errors = {
        f"scans.{number}.{field}": messages
        for number, form in enumerate(forms)
        if not form.is_valid()
        for field, messages in form.errors.items()
    }
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    try:
        results = services.apply_offline_scans(
            forum, request.user, [form.to_scan() for form in forms]
        )
    except locking.LockTimeout as busy:
        return JsonResponse({"errors": {"__all__": busy.messages}}, status=503)
    return JsonResponse({"results": [services.scan_answer(forum, result) for result in results]})


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
