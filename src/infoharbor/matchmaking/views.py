"""The participant's matchmaking pages, reached from their private link (the business profile,
who to meet, requests sent and received, the meeting agenda), and the organisers' page."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from infoharbor.core import spreadsheets
from infoharbor.core.formatting import labelled
from infoharbor.core.forms import RowFormSet
from infoharbor.core.models import Forum
from infoharbor.core.pages import forum_for_page, require_perm
from infoharbor.matchmaking import documents, queries, scheduling, services
from infoharbor.matchmaking.forms import (
    BlockForm,
    MoveForm,
    OpportunityFormSet,
    OrderForm,
    OutcomeForm,
    ProfileForm,
    ReportForm,
    RequestForm,
    SettingsForm,
)
from infoharbor.matchmaking.models import (
    BusinessProfile,
    Meeting,
    MeetingRequest,
    SchedulerRun,
    Slot,
)
from infoharbor.matchmaking.recommendations import recommend
from infoharbor.registration.models import Participant
from infoharbor.registration.private_links import participant_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _home(participant: Participant) -> HttpResponse:
    return redirect(
        reverse("matchmaking:meetings", args=[participant.forum.slug, participant.token])
    )


def _refuse(request: HttpRequest, error: services.MatchmakingError) -> None:
    for message in error.messages:
        messages.error(request, message)


def meetings(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Everything of one participant's B2B meetings on one page."""
    participant = participant_or_404(request, slug, token)
    profile = BusinessProfile.objects.filter(participant=participant).first()
    received = list(queries.received(participant))
    context: dict[str, Any] = {
        "forum": participant.forum,
        "participant": participant,
        "profile": profile,
        "recommendations": recommend(participant, get_language() or "en") if profile else [],
        "received": [(r, queries.free_slots(r)) for r in received],
        "sent": queries.sent(participant),
        "agenda": queries.agenda(participant),
        "request_form": RequestForm(),
        "report_form": ReportForm(),
        "outcome_form": OutcomeForm(forum=participant.forum),
        "availability": queries.availability(participant),
    }
    return render(request, "matchmaking/meetings.html", context)


def edit_profile(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    participant = participant_or_404(request, slug, token)
    forum = participant.forum
    profile = BusinessProfile.objects.filter(participant=participant).first()
    form = ProfileForm(
        request.POST or None,
        instance=profile,
        initial={"language": participant.language, "open_to_meetings": True},
    )
    initial = [
        {
            "kind": o.kind,
            "products": o.products,
            "topics": list(o.topics.all()),
            "platform": o.platform,
            "countries": o.countries,
            "text": o.text,
        }
        for o in (profile.opportunities.all() if profile else [])
    ]
    rows = OpportunityFormSet(
        request.POST or None, initial=initial, form_kwargs={"forum": forum}, prefix="opportunities"
    )
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        specs = [
            services.OpportunitySpec(
                kind=row["kind"],
                topics=list(row["topics"]),
                platform=row["platform"],
                countries=row["countries"],
                products=row["products"],
                text=row["text"],
            )
            for row in cast(RowFormSet, rows).rows()
        ]
        try:
            services.save_profile(
                participant,
                summary=form.cleaned_data["summary"],
                language=form.cleaned_data["language"],
                open_to_meetings=form.cleaned_data["open_to_meetings"],
                opportunities=specs,
            )
        except services.MatchmakingError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your business profile is saved."))
            return _home(participant)
    context = {"forum": forum, "participant": participant, "form": form, "rows": rows}
    return render(request, "matchmaking/profile.html", context)


@require_POST
def request_meeting(request: HttpRequest, slug: str, token: str, profile_id: str) -> HttpResponse:
    participant = participant_or_404(request, slug, token)
    invitee = BusinessProfile.objects.filter(
        public_id=profile_id, participant__forum=participant.forum
    ).first()
    if invitee is None:
        raise Http404("No such profile.")
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            services.request_meeting(
                participant,
                invitee.participant,
                message=form.cleaned_data["message"],
                priority=form.cleaned_data["priority"],
                interpreter_needed=form.cleaned_data["interpreter_needed"],
                time_of_day=form.cleaned_data["time_of_day"],
            )
        except services.MatchmakingError as error:
            _refuse(request, error)
        else:
            messages.success(
                request,
                _("Your request was sent to %(name)s.") % {"name": invitee.participant.person},
            )
    return _home(participant)


def _request_to(participant: Participant, request_id: str) -> MeetingRequest:
    found = MeetingRequest.objects.filter(public_id=request_id, invitee=participant).first()
    if found is None:
        raise Http404("No such request.")
    return found


@require_POST
def answer(request: HttpRequest, slug: str, token: str, request_id: str) -> HttpResponse:
    """Accept (optionally booking one of the free common slots) or decline a request."""
    participant = participant_or_404(request, slug, token)
    meeting_request = _request_to(participant, request_id)
    try:
        if request.POST.get("answer") == "decline":
            services.decline(meeting_request, participant)
            messages.success(request, _("You declined the request."))
        else:
            slot = None
            if request.POST.get("slot"):
                slot = Slot.objects.filter(
                    pk=request.POST["slot"], block__session__forum=participant.forum
                ).first()
            services.accept(meeting_request, participant, slot=slot)
            messages.success(request, _("You accepted the request."))
    except services.MatchmakingError as error:
        _refuse(request, error)
    return _home(participant)


def _meeting_of(participant: Participant, request_id: str) -> Meeting:
    meeting = (
        Meeting.objects.filter(request__public_id=request_id).select_related("request").first()
    )
    if meeting is None or participant.pk not in (
        meeting.request.requester_id,
        meeting.request.invitee_id,
    ):
        raise Http404("No such meeting.")
    return meeting


@require_POST
def keep_free(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The slots the participant keeps free of meetings (the boxes ticked)."""
    participant = participant_or_404(request, slug, token)
    chosen = {_number(value) for value in request.POST.getlist("slot")}
    slots = Slot.objects.filter(
        pk__in=chosen, block__session__forum=participant.forum
    ).select_related("block__session")
    try:
        services.keep_free(participant, list(slots))
    except services.MatchmakingError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("Your free slots are saved."))
    return _home(participant)


@require_POST
def report(request: HttpRequest, slug: str, token: str, request_id: str) -> HttpResponse:
    participant = participant_or_404(request, slug, token)
    meeting = _meeting_of(participant, request_id)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_meeting(
                meeting,
                participant,
                held=form.cleaned_data["held"],
                rating=form.cleaned_data["rating"],
            )
        except services.MatchmakingError as error:
            _refuse(request, error)
        else:
            messages.success(request, _("Thank you: your answer is saved."))
    return _home(participant)


@require_POST
def outcome(request: HttpRequest, slug: str, token: str, request_id: str) -> HttpResponse:
    participant = participant_or_404(request, slug, token)
    meeting = _meeting_of(participant, request_id)
    form = OutcomeForm(request.POST, forum=participant.forum)
    if form.is_valid():
        try:
            services.record_outcome(
                meeting, participant, form.cleaned_data["outcome"], form.cleaned_data["project"]
            )
        except services.MatchmakingError as error:
            _refuse(request, error)
        else:
            messages.success(request, _("Thank you: your answer is saved."))
    return _home(participant)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _private(response: HttpResponse) -> HttpResponse:
    """A private link's file: the reader's browser may keep it, a shared cache may not."""
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_GET
def agenda_ics(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    participant = participant_or_404(request, slug, token)
    return _private(
        _download(
            documents.agenda_calendar(participant),
            "text/calendar; charset=utf-8",
            f"{participant.forum.slug}-meetings.ics",
        )
    )


@require_GET
def agenda_pdf(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    participant = participant_or_404(request, slug, token)
    return _private(
        _download(
            documents.agenda_pdf(participant),
            "application/pdf",
            f"{participant.forum.slug}-meetings.pdf",
        )
    )


# --- organisers -------------------------------------------------------------------------------


@require_GET
@login_required
def table_lists(request: HttpRequest, slug: str) -> HttpResponse:
    """Who meets whom at which table, slot by slot, to print for the negotiation hall."""
    forum = forum_for_page(request, slug)
    require_perm(request, "matchmaking.view_meetings", forum)
    language = get_language() or forum.default_language
    return _download(
        documents.table_lists_pdf(forum, language),
        "application/pdf",
        f"{forum.slug}-meeting-tables.pdf",
    )


@require_GET
@login_required
def figures_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The figures per country or sector (`?by=`) as a spreadsheet."""
    forum = forum_for_page(request, slug)
    require_perm(request, "matchmaking.view_meetings", forum)
    dimension = request.GET.get("by", "country")
    if dimension not in queries.DIMENSIONS or fmt not in ("csv", "xlsx"):
        raise Http404("No such export.")
    language = get_language() or forum.default_language
    groups = queries.figures_by(forum, dimension, language)
    header, rows = documents.figure_columns(), documents.figure_rows(groups)
    filename = f"{forum.slug}-meetings-by-{dimension}.{fmt}"
    if fmt == "csv":
        return _download(spreadsheets.write_csv(header, rows), "text/csv; charset=utf-8", filename)
    return _download(spreadsheets.write_xlsx(header, rows, dimension), XLSX, filename)


@login_required
def orga(request: HttpRequest, slug: str) -> HttpResponse:
    """Negotiation blocks and their slots, the figures, and the live board of the day."""
    forum = forum_for_page(request, slug)
    require_perm(request, "matchmaking.view_meetings", forum)
    can_manage = request.user.has_perm("matchmaking.manage_meetings", forum)
    sessions = queries.negotiation_sessions(forum)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if "scheduler" in request.POST:
            _scheduler_action(request, forum)
            return redirect("matchmaking:orga", slug=forum.slug)
        if request.POST.get("action") in ORGA_ACTIONS:
            try:
                ORGA_ACTIONS[request.POST["action"]](request, forum)
            except services.MatchmakingError as error:
                _refuse(request, error)
            return redirect("matchmaking:orga", slug=forum.slug)
        session = sessions.filter(slug=request.POST.get("session")).first()
        form = BlockForm(request.POST)
        if session is None:
            raise Http404("No such session.")
        if form.is_valid():
            try:
                services.set_up_block(request.user, session, **form.cleaned_data)
            except services.MatchmakingError as error:
                _refuse(request, error)
            else:
                messages.success(request, _("The meeting slots are set up."))
        else:
            _form_errors(request, form)
        return redirect("matchmaking:orga", slug=forum.slug)
    blocks = [
        (
            session,
            getattr(session, "negotiation_block", None),
            BlockForm(initial=queries.block_initial(session)),
        )
        for session in sessions
    ]
    context = {
        "forum": forum,
        "blocks": blocks,
        "can_manage": can_manage,
        "figures": queries.figures(forum),
        "breakdowns": [
            (dimension, queries.figures_by(forum, dimension, get_language() or "en"))
            for dimension in queries.DIMENSIONS
        ],
        "board": queries.board(forum),
        "settings_form": SettingsForm(instance=queries.settings_of(forum)),
        "order_form": OrderForm(forum=forum),
        "orders": queries.precedences(forum),
        "move_form": MoveForm(forum=forum),
        "unplaced": queries.accepted_unplaced(forum).count(),
        "runs": queries.runs_of(forum),
        **_preview(forum),
    }
    return render(request, "matchmaking/orga.html", context)


def _form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(
                request,
                labelled(str(label), str(message)) if label else str(message),
            )


def _save_settings(request: HttpRequest, forum: Forum) -> None:
    form = SettingsForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form)
    services.save_settings(request.user, forum, **form.cleaned_data)
    messages.success(request, _("The request deadlines are saved."))


def _add_order(request: HttpRequest, forum: Forum) -> None:
    form = OrderForm(request.POST, forum=forum)
    if not form.is_valid():
        return _form_errors(request, form)
    services.add_precedence(request.user, form.cleaned_data["earlier"], form.cleaned_data["later"])
    messages.success(request, _("The order of the two meetings is saved."))


def _remove_order(request: HttpRequest, forum: Forum) -> None:
    order = queries.precedences(forum).filter(pk=_number(request.POST.get("order"))).first()
    if order is None:
        raise Http404("No such order.")
    services.remove_precedence(request.user, order)


def _forum_meeting(request: HttpRequest, forum: Forum) -> Meeting:
    meeting = (
        Meeting.objects.filter(
            request__forum=forum, request__public_id=request.POST.get("meeting", "")
        )
        .select_related("request")
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def _move_meeting(request: HttpRequest, forum: Forum) -> None:
    meeting = _forum_meeting(request, forum)
    form = MoveForm(request.POST, forum=forum)
    if not form.is_valid():
        return _form_errors(request, form)
    services.book(
        meeting.request,
        form.cleaned_data["slot"],
        table=form.cleaned_data["table"],
        pinned=True,
        actor=request.user,
    )
    messages.success(request, _("The meeting is moved and pinned; both sides are told by email."))


def _unschedule(request: HttpRequest, forum: Forum) -> None:
    services.unschedule(request.user, _forum_meeting(request, forum))
    messages.success(request, _("The meeting is off the schedule; both sides are told by email."))


def _number(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


ORGA_ACTIONS = {
    "settings": _save_settings,
    "order": _add_order,
    "unorder": _remove_order,
    "move": _move_meeting,
    "unschedule": _unschedule,
}


def _scheduler_action(request: HttpRequest, forum: Forum) -> None:
    """Start a run, or publish or discard the preview of one."""
    action = request.POST["scheduler"]
    try:
        if action == "run":
            services.start_run(request.user, forum)
            messages.success(request, _("The scheduler is running; its preview appears below."))
            return
        run_id = request.POST.get("run", "")
        run = (
            SchedulerRun.objects.filter(forum=forum, pk=run_id).first()
            if run_id.isdigit()
            else None
        )
        if run is None:
            raise Http404("No such run.")
        if action == "publish":
            count = services.publish_run(request.user, run)
            messages.success(request, _("Published: %(count)s meetings placed.") % {"count": count})
        else:
            services.discard_run(request.user, run)
    except services.MatchmakingError as error:
        _refuse(request, error)


def _preview(forum: Forum) -> dict[str, Any]:
    """The latest run ready to review: its figures, what it changes, what it leaves out."""
    run = SchedulerRun.objects.filter(forum=forum, status=SchedulerRun.Status.PREVIEW).first()
    if run is None:
        return {"preview": None}
    result = run.result
    names = {
        p.pk: str(p.person)
        for p in Participant.objects.filter(
            pk__in=[u["participant"] for u in result["unplaced"] if "participant" in u]
        ).select_related("person")
    }
    requests = MeetingRequest.objects.select_related(
        "requester__person", "invitee__person"
    ).in_bulk(
        [u["request"] for u in result["unplaced"]]
        + [u["after"] for u in result["unplaced"] if "after" in u]
    )
    labels = {pk: f"{r.requester.person} · {r.invitee.person}" for pk, r in requests.items()}
    left_out = [
        (requests.get(u["request"]), scheduling.reason_text(u, names, labels))
        for u in result["unplaced"]
    ]
    bound = result["upper_bound"] or 0
    return {
        "preview": run,
        "gap": (bound - result["placed_weight"]) / bound if bound else 0,
        "changes": queries.run_changes(run),
        "left_out": left_out,
    }
