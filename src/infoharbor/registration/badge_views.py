"""Pages for badges and the door: a participant's badge, batch printing, the door, live counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from infoharbor.core.models import Forum
from infoharbor.core.pages import forum_for_page
from infoharbor.registration import badges, batches, checkin, queries
from infoharbor.registration.badge_forms import BatchForm, ScanForm
from infoharbor.registration.models import BadgeBatch, Participant


def _forum(request: HttpRequest, slug: str, permission: str) -> Forum:
    forum = forum_for_page(request, slug)
    if not request.user.has_perm(permission, forum):
        raise PermissionDenied
    return forum


def badge(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The participant's own badge, from their private link, once they are approved."""
    forum = forum_for_page(request, slug)
    try:
        participant = queries.participant_by_token(forum, token)
    except Participant.DoesNotExist:
        raise Http404("No such registration.") from None
    if participant.status != Participant.Status.APPROVED or participant.badge_revoked:
        raise Http404("No badge for this registration.")
    response = HttpResponse(badges.badge_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{forum.slug}-badge.pdf"'
    return response


# --- batch printing ---------------------------------------------------------------------------


@login_required
def batch_list(request: HttpRequest, slug: str) -> HttpResponse:
    forum = _forum(request, slug, "registration.print_badges")
    form = BatchForm(forum, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = batches.start_batch(
                request.user, forum, form.cleaned_data["category"], form.cleaned_data["delegation"]
            )
        except batches.BatchError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("badges:batch", slug=forum.slug, public_id=batch.public_id)
    context = {"forum": forum, "form": form, "batches": batches.batches_of(forum)[:50]}
    return render(request, "registration/badges/batches.html", context)


def _batch(request: HttpRequest, slug: str, public_id: str) -> BadgeBatch:
    forum = _forum(request, slug, "registration.print_badges")
    batches.refresh_stale(forum)
    try:
        return BadgeBatch.objects.select_related("category", "delegation").get(
            forum=forum, public_id=public_id
        )
    except BadgeBatch.DoesNotExist:
        raise Http404("No such batch.") from None


def _batch_state(batch: BadgeBatch) -> dict[str, Any]:
    pdf_url = (
        reverse("badges:batch_pdf", args=[batch.forum.slug, batch.public_id])
        if batch.status == BadgeBatch.Status.DONE
        else ""
    )
    return {
        "status": batch.status,
        "label": str(batch.get_status_display()),
        "done": batch.done,
        "total": batch.total,
        "pdf": pdf_url,
        "error": batch.error,
    }


@login_required
def batch_detail(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    batch = _batch(request, slug, public_id)
    if request.GET.get("format") == "json":
        return JsonResponse(_batch_state(batch))
    context = {"forum": batch.forum, "batch": batch, "state": _batch_state(batch)}
    return render(request, "registration/badges/batch.html", context)


@login_required
def batch_pdf(request: HttpRequest, slug: str, public_id: str) -> FileResponse:
    batch = _batch(request, slug, public_id)
    if batch.status != BadgeBatch.Status.DONE:
        raise Http404("The batch is not ready.")
    return FileResponse(
        batch.pdf.open("rb"), as_attachment=True, filename=f"{batch.forum.slug}-badges.pdf"
    )


# --- the door ---------------------------------------------------------------------------------


def _scan_answer(forum: Forum, result: checkin.ScanResult) -> dict[str, Any]:
    participant = result.participant
    person = participant.person if participant else None
    category = participant.category if participant else None
    photo = ""
    if participant and person and person.photo:
        # Through the view that checks the staff's role, never a public media address.
        photo = reverse("registration:staff_photo", args=[forum.slug, participant.badge_code])
    return {
        "allowed": result.allowed,
        "reason": result.reason,
        "message": _("Yes: come in") if result.allowed else result.reason_label,
        "name": person.name if person else "",
        "name_latin": person.name_latin if person else "",
        "organization": str(person.organization.name) if person and person.organization else "",
        "category": str(category.name) if category else "",
        "colour": category.colour if category else "",
        "photo": photo,
        "repeated": result.repeated,
    }


@login_required
def door(request: HttpRequest, slug: str) -> HttpResponse:
    """Door staff scan (camera) or type a badge code; the answer comes back as JSON or a page."""
    forum = _forum(request, slug, "registration.check_in")
    today = timezone.localdate(timezone=forum.tz)
    form = ScanForm(forum, today, request.POST or None)
    answer: dict[str, Any] | None = None
    if request.method == "POST":
        if not form.is_valid():
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"errors": form.errors}, status=400)
        else:
            result = checkin.scan(
                checkin.Door(forum, form.cleaned_data["door"], request.user),
                form.cleaned_data["code"],
                session=form.cleaned_data["session"],
            )
            answer = _scan_answer(forum, result)
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
    return render(request, "registration/badges/door.html", context)


@login_required
def checkins(request: HttpRequest, slug: str) -> HttpResponse:
    """Live counts per session and room for today, and the latest scans; the page reloads itself."""
    forum = _forum(request, slug, "registration.view_checkins")
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate(timezone=forum.tz)
    per_session, per_room = checkin.live_counts(forum, day)
    context = {
        "forum": forum,
        "day": day,
        "sessions": per_session,
        "rooms": per_room,
        "history": checkin.scan_history(forum),
    }
    return render(request, "registration/badges/checkins.html", context)
