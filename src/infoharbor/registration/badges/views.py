"""Pages for badges: a participant's badge and batch printing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from infoharbor.core.pages import organiser_forum
from infoharbor.registration.badges import rendering, services
from infoharbor.registration.badges.forms import BatchForm
from infoharbor.registration.models import BadgeBatch
from infoharbor.registration.private_links import participant_or_404


def badge(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The participant's own badge, from their private link, once they are approved."""
    participant = participant_or_404(request, slug, token)
    forum = participant.forum
    if not participant.has_valid_badge:
        raise Http404("No badge for this registration.")
    response = HttpResponse(rendering.badge_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{forum.slug}-badge.pdf"'
    return response


# --- batch printing ---------------------------------------------------------------------------


@login_required
def batch_list(request: HttpRequest, slug: str) -> HttpResponse:
    forum = organiser_forum(request, slug, "registration.print_badges")
    form = BatchForm(forum, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.start_batch(
                request.user, forum, form.cleaned_data["category"], form.cleaned_data["delegation"]
            )
        except services.BatchError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("badges:batch", slug=forum.slug, public_id=batch.public_id)
    context = {"forum": forum, "form": form, "batches": services.batches_of(forum)}
    return render(request, "registration/badges/batches.html", context)


def _batch(request: HttpRequest, slug: str, public_id: str) -> BadgeBatch:
    forum = organiser_forum(request, slug, "registration.print_badges")
    try:
        return services.batch_of(forum, public_id)
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
