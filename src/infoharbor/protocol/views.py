"""The protocol office's pages under /forums/<slug>/orga/protocol/ (precedence, run sheets, stage
and seating plans, interpretation, printed documents) and a participant's seat on their phone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from infoharbor.core import confirm
from infoharbor.core.models import Forum
from infoharbor.core.pages import forum_for_page, require_perm
from infoharbor.program import kinds
from infoharbor.program.models import Session
from infoharbor.protocol import drawing, rendering, services
from infoharbor.protocol.forms import FixSeatForm, OverrideForm
from infoharbor.protocol.models import (
    Booth,
    Interpreter,
    PrecedenceOverride,
    Rank,
    RunSheet,
    SeatingPlan,
    Signing,
)
from infoharbor.registration import queries as registration_queries
from infoharbor.registration.models import Participant

VIEW = "protocol.view_protocol"
CHANGE = "protocol.change_protocol"


def _forum(request: HttpRequest, slug: str, perm: str = VIEW) -> Forum:
    forum = forum_for_page(request, slug)
    require_perm(request, perm, forum)
    return forum


def _document_language(request: HttpRequest, forum: Forum) -> str:
    wanted = request.GET.get("lang", "")
    return (
        wanted if wanted in forum.content_languages() else get_language() or forum.default_language
    )


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    forum = _forum(request, slug)
    context = {
        "forum": forum,
        "ceremonies": Session.objects.filter(forum=forum, kind=kinds.SIGNING.code),
        "plans": SeatingPlan.objects.filter(forum=forum).select_related("session"),
        "settings": services.settings_of(forum),
    }
    return render(request, "protocol/index.html", context)


@login_required
def precedence(request: HttpRequest, slug: str) -> HttpResponse:
    forum = _forum(request, slug)
    form = OverrideForm(forum, request.POST or None)
    if request.method == "POST" and "rank" in request.POST:
        require_perm(request, CHANGE, forum)
        rank = Rank.objects.filter(forum=forum, pk=request.POST["rank"]).first()
        position = request.POST.get("position", "")
        if rank is None or not position.isdigit():
            return HttpResponse(_("Choose a rank and its new place."), status=400)
        services.move_rank(request.user, rank, int(position))
        return redirect("protocol:precedence", slug=forum.slug)
    if request.method == "POST":
        require_perm(request, CHANGE, forum)
        if form.is_valid():
            try:
                services.override_precedence(
                    request.user,
                    forum,
                    form.cleaned_data["person"],
                    form.cleaned_data["before"],
                    form.cleaned_data["reason"],
                )
            except services.ProtocolError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The order of precedence was changed."))
                return redirect("protocol:precedence", slug=forum.slug)
    context = {
        "forum": forum,
        "ranks": forum.ranks.all(),
        "order": services.precedence_order(forum),
        "overrides": PrecedenceOverride.objects.filter(forum=forum).select_related(
            "person", "before", "created_by"
        ),
        "form": form,
        "can_change": request.user.has_perm(CHANGE, forum),
    }
    return render(request, "protocol/precedence.html", context)


@login_required
@require_POST
def remove_override(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    forum = _forum(request, slug, CHANGE)
    override = PrecedenceOverride.objects.filter(forum=forum, pk=pk).first()
    if override is None:
        raise Http404(_("No such override."))
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            forum,
            _("Remove this exception to the order of precedence?"),
            _("Remove"),
            back=reverse("protocol:precedence", args=[forum.slug]),
        )
    services.remove_override(request.user, override)
    return redirect("protocol:precedence", slug=forum.slug)


def _run_sheet(forum: Forum, session_slug: str) -> RunSheet:
    session = Session.objects.filter(forum=forum, slug=session_slug).first()
    if session is None:
        raise Http404(_("No such session."))
    try:
        return services.run_sheet_of(session)
    except services.ProtocolError as error:
        raise Http404(error.messages[0]) from None


def _run_sheet_context(request: HttpRequest, forum: Forum, run_sheet: RunSheet) -> dict[str, Any]:
    return {
        "forum": forum,
        "run_sheet": run_sheet,
        "session": run_sheet.session,
        "timing": services.timing(run_sheet),
        "flags": services.pre_day_checks(run_sheet),
        "can_change": request.user.has_perm(CHANGE, forum),
    }


@login_required
def run_sheet(request: HttpRequest, slug: str, session_slug: str) -> HttpResponse:
    forum = _forum(request, slug)
    sheet = _run_sheet(forum, session_slug)
    if request.method == "POST":
        require_perm(request, CHANGE, forum)
        try:
            signing_pk = int(request.POST["signing"])
            if "minutes" in request.POST:
                timed = (int(request.POST["minutes"]), int(request.POST["exchange_minutes"]))
            elif "remove" not in request.POST:
                position = int(request.POST["position"])
        except (KeyError, ValueError):
            return HttpResponse(_("Choose a signing and its new place."), status=400)
        signing = Signing.objects.filter(run_sheet=sheet, pk=signing_pk).first()
        if signing is None:
            return HttpResponse(_("No such signing."), status=404)
        try:
            if "remove" in request.POST:
                services.remove_signing(request.user, signing)
            elif "minutes" in request.POST:
                services.set_signing_minutes(request.user, signing, *timed)
            else:
                services.move_signing(request.user, signing, position)
        except services.ProtocolError as error:
            return HttpResponse(error.messages[0], status=400)
        if request.headers.get("X-Requested-With") == "run-sheet":
            return render(
                request, "protocol/_run_sheet_rows.html", _run_sheet_context(request, forum, sheet)
            )
        return redirect("protocol:run_sheet", slug=forum.slug, session_slug=session_slug)
    context = _run_sheet_context(request, forum, sheet)
    context["stages"] = [
        (row.signing, drawing.stage_svg(services.stage_of(row.signing)))
        for row in context["timing"].signings[:3]
    ]
    return render(request, "protocol/run_sheet.html", context)


@login_required
def stage_svg(request: HttpRequest, slug: str, session_slug: str, pk: int) -> HttpResponse:
    forum = _forum(request, slug)
    signing = Signing.objects.filter(run_sheet=_run_sheet(forum, session_slug), pk=pk).first()
    if signing is None:
        raise Http404(_("No such signing."))
    return HttpResponse(drawing.stage_svg(services.stage_of(signing)), content_type="image/svg+xml")


@login_required
def run_sheet_pdf(request: HttpRequest, slug: str, session_slug: str) -> HttpResponse:
    forum = _forum(request, slug)
    sheet = _run_sheet(forum, session_slug)
    language = _document_language(request, forum)
    return _pdf(rendering.run_sheet_pdf(sheet, language), f"run-sheet-{session_slug}-{language}")


@login_required
def announcements_pdf(request: HttpRequest, slug: str, session_slug: str) -> HttpResponse:
    forum = _forum(request, slug)
    sheet = _run_sheet(forum, session_slug)
    language = _document_language(request, forum)
    return _pdf(rendering.announcements_pdf(sheet, language), f"announcements-{language}")


@login_required
def name_cards_pdf(request: HttpRequest, slug: str, session_slug: str) -> HttpResponse:
    forum = _forum(request, slug)
    return _pdf(rendering.name_cards_pdf(_run_sheet(forum, session_slug)), "name-cards")


def _plan(forum: Forum, public_id: str) -> SeatingPlan:
    plan = SeatingPlan.objects.filter(forum=forum, public_id=public_id).first()
    if plan is None:
        raise Http404(_("No such seating plan."))
    return plan


@login_required
def seating_plan(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    forum = _forum(request, slug)
    plan = _plan(forum, public_id)
    form = FixSeatForm(plan, request.POST or None)
    if request.method == "POST":
        require_perm(request, CHANGE, forum)
        try:
            if request.POST.get("action") == "fix" and form.is_valid():
                services.fix_seat(
                    request.user,
                    plan,
                    form.cleaned_data["person"],
                    form.cleaned_data["table"],
                    form.cleaned_data["number"],
                )
            if request.POST.get("action") in {"fix", "compute"} and not form.errors:
                seated = services.compute_seating(request.user, plan)
                messages.success(request, _("%(count)s people seated.") % {"count": seated})
                return redirect("protocol:seating", slug=forum.slug, public_id=plan.public_id)
        except services.ProtocolError as error:
            form.add_error(None, error.messages)
    context = {
        "forum": forum,
        "plan": plan,
        "svg": drawing.seating_svg(plan),
        "assignments": plan.assignments.select_related("person", "table"),
        "form": form,
        "can_change": request.user.has_perm(CHANGE, forum),
    }
    return render(request, "protocol/seating.html", context)


@login_required
def seating_pdf(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    forum = _forum(request, slug)
    language = _document_language(request, forum)
    return _pdf(rendering.seating_pdf(_plan(forum, public_id), language), "seating-plan")


@login_required
def table_cards_pdf(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    forum = _forum(request, slug)
    language = _document_language(request, forum)
    return _pdf(rendering.table_cards_pdf(_plan(forum, public_id), language), "table-cards")


@login_required
def interpretation(request: HttpRequest, slug: str) -> HttpResponse:
    forum = _forum(request, slug)
    if request.method == "POST" and "booth" in request.POST:
        require_perm(request, CHANGE, forum)
        booth = Booth.objects.filter(session__forum=forum, pk=request.POST["booth"]).first()
        interpreter = Interpreter.objects.filter(
            forum=forum, pk=request.POST.get("interpreter") or 0
        ).first()
        if booth is None or interpreter is None:
            return HttpResponse(_("Choose a booth and an interpreter."), status=400)
        try:
            services.assign_interpreter(request.user, booth, interpreter)
        except services.ProtocolError as error:
            messages.error(request, error.messages[0])
        return redirect("protocol:interpretation", slug=forum.slug)
    if request.method == "POST":
        require_perm(request, CHANGE, forum)
        if services.assign_interpreters(request.user, forum).missing:
            messages.warning(request, _("Some booths lack interpreters."))
        else:
            messages.success(request, _("Every booth is staffed."))
    booths = (
        Booth.objects.filter(session__forum=forum)
        .select_related("session")
        .prefetch_related("interpreters__person")
        .order_by("session__start", "channel")
    )
    context = {
        "forum": forum,
        "booths": [(b, b.needed - len(b.interpreters.all())) for b in booths],
        "interpreters": Interpreter.objects.filter(forum=forum).select_related("person"),
        "can_change": request.user.has_perm(CHANGE, forum),
    }
    return render(request, "protocol/interpretation.html", context)


def my_seat(request: HttpRequest, slug: str, token: str, public_id: str) -> HttpResponse:
    """A participant's seat on the plan, from their private link: made for a phone."""
    forum = forum_for_page(request, slug)
    try:
        participant = registration_queries.participant_by_token(forum, token)
    except Participant.DoesNotExist:
        raise Http404("No such registration.") from None
    plan = _plan(forum, public_id)
    seat = plan.assignments.filter(person=participant.person).select_related("table").first()
    if seat is None:
        raise Http404(_("No seat on this plan."))
    context = {
        "forum": forum,
        "participant": participant,
        "plan": plan,
        "seat": seat,
        "close_up": drawing.seating_svg(plan, mark_person=participant.person_id, focus=True),
        "svg": drawing.seating_svg(plan, mark_person=participant.person_id),
    }
    return render(request, "protocol/my_seat.html", context)
