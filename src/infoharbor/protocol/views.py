"""The protocol office's pages under /forums/<slug>/orga/protocol/ (precedence, run sheets, stage
and seating plans, interpretation, printed documents) and a participant's seat on their phone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from infoharbor.core import confirm
from infoharbor.core.models import Forum, Room
from infoharbor.core.pages import forum_for_page, require_perm
from infoharbor.core.translated import TranslatedText
from infoharbor.program import kinds
from infoharbor.program.models import Session
from infoharbor.protocol import drawing, rendering, services
from infoharbor.protocol.forms import (
    AddSigningForm,
    BoothsForm,
    DignitaryFormSet,
    FixSeatForm,
    InterpreterFormSet,
    LayoutForm,
    OverrideForm,
    PlanForm,
    RankFormSet,
    RunSheetForm,
    SeatingRuleFormSet,
    SettingsForm,
    SignatoryFormSet,
    SigningForm,
    TableFormSet,
)
from infoharbor.protocol.models import (
    Booth,
    Dignitary,
    Interpreter,
    PrecedenceOverride,
    Rank,
    RoomLayout,
    RunSheet,
    SeatingPlan,
    SeatingTable,
    Signing,
)
from infoharbor.registration.private_links import participant_or_404

VIEW = "protocol.view_protocol"
CHANGE = "protocol.change_protocol"


def _forum(request: HttpRequest, slug: str, perm: str = VIEW) -> Forum:
    forum = forum_for_page(request, slug)
    require_perm(request, perm, forum)
    return forum


def _pk(value: str | None) -> int:
    """A row id posted by a page; 0 (no row) for anything that is not a number."""
    return int(value) if value and value.isdigit() else 0


def _filled(formset: forms.BaseFormSet) -> list[forms.Form]:
    """The rows of a valid RowFormSet that are not blank (rows marked for deletion included)."""
    return [f for f in formset.forms if f.cleaned_data]


def _row_error(rows: list[forms.Form], error: services.RowError) -> None:
    """Show a service's complaint about a row next to the field it names."""
    form = rows[error.row]
    form.add_error(error.field if error.field in form.fields else None, error.messages[0])


def _save_rows(
    request: HttpRequest,
    formsets: list[forms.BaseFormSet],
    save: Callable[[list[forms.Form]], object],
    *extra_forms: forms.BaseForm,
) -> bool:
    """Validate the forms and the row editor, then `save` its rows; a service's row error goes
    next to its field. True when saved."""
    if request.method != "POST":
        return False
    valid = all(f.is_valid() for f in extra_forms)
    valid = all([fs.is_valid() for fs in formsets]) and valid
    if not valid:
        return False
    rows = _filled(formsets[0])
    try:
        save(rows)
    except services.RowError as error:
        _row_error(rows, error)
        return False
    except services.ProtocolError as error:
        (extra_forms[0] if extra_forms else rows[0]).add_error(None, error.messages)
        return False
    return True


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
        "can_change": request.user.has_perm(CHANGE, forum),
    }
    return render(request, "protocol/index.html", context)


@login_required
def protocol_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """The tie rules of precedence, the guests' side on stage, the interpreters' day."""
    forum = _forum(request, slug, CHANGE)
    form = SettingsForm(request.POST or None, instance=services.settings_of(forum))
    if request.method == "POST" and form.is_valid():
        services.save_settings(request.user, form.save(commit=False))
        messages.success(request, _("The protocol settings were saved."))
        return redirect("protocol:settings", slug=forum.slug)
    return render(request, "protocol/settings.html", {"forum": forum, "form": form})


@login_required
def ranks(request: HttpRequest, slug: str) -> HttpResponse:
    """The precedence list's ranks, highest first: add, rename, reorder, remove."""
    forum = _forum(request, slug, CHANGE)
    initial = [{"rank": r, "code": r.code, "name": r.name} for r in forum.ranks.all()]
    formset = RankFormSet(
        request.POST or None, initial=initial, form_kwargs={"forum": forum}, prefix="ranks"
    )

    def save(rows: list[forms.Form]) -> object:
        return services.save_ranks(
            request.user,
            forum,
            [
                services.RankRow(
                    f.cleaned_data["rank"],
                    f.cleaned_data["code"],
                    f.cleaned_data.get("name") or TranslatedText(),
                    bool(f.cleaned_data.get("DELETE")),
                )
                for f in rows
            ],
        )

    if _save_rows(request, [formset], save):
        messages.success(request, _("The ranks were saved."))
        return redirect("protocol:ranks", slug=forum.slug)
    return render(request, "protocol/ranks.html", {"forum": forum, "formset": formset})


@login_required
def dignitaries(request: HttpRequest, slug: str) -> HttpResponse:
    """Who holds which rank (VIPs), and when they arrive."""
    forum = _forum(request, slug, CHANGE)
    held = Dignitary.objects.filter(forum=forum).select_related("person", "rank")
    initial = [{"person": d.person, "rank": d.rank, "arrived_at": d.arrived_at} for d in held]
    formset = DignitaryFormSet(
        request.POST or None, initial=initial, form_kwargs={"forum": forum}, prefix="vips"
    )

    def save(rows: list[forms.Form]) -> object:
        return services.save_dignitaries(
            request.user,
            forum,
            [
                services.DignitaryRow(
                    f.cleaned_data["person"],
                    f.cleaned_data["rank"],
                    f.cleaned_data["arrived_at"],
                    bool(f.cleaned_data.get("DELETE")),
                )
                for f in rows
            ],
        )

    if _save_rows(request, [formset], save):
        messages.success(request, _("The ranks of the dignitaries were saved."))
        return redirect("protocol:dignitaries", slug=forum.slug)
    return render(request, "protocol/dignitaries.html", {"forum": forum, "formset": formset})


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
        "document_languages": forum.content_languages(),
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
    times = RunSheetForm(instance=sheet, prefix="times")
    adding = AddSigningForm(forum, prefix="add")
    if request.method == "POST" and request.POST.get("action") in {"times", "add"}:
        require_perm(request, CHANGE, forum)
        if request.POST["action"] == "times":
            times = RunSheetForm(request.POST, instance=sheet, prefix="times")
            if times.is_valid():
                services.set_run_sheet_times(
                    request.user,
                    sheet,
                    times.cleaned_data["opening_minutes"],
                    times.cleaned_data["closing_minutes"],
                )
                messages.success(request, _("The run sheet was saved."))
                return redirect("protocol:run_sheet", slug=forum.slug, session_slug=session_slug)
        else:
            adding = AddSigningForm(forum, request.POST, prefix="add")
            if adding.is_valid():
                try:
                    added = services.add_signing(
                        request.user,
                        sheet,
                        adding.cleaned_data["project"],
                        [],
                        minutes=adding.cleaned_data["minutes"],
                        exchange_minutes=adding.cleaned_data["exchange_minutes"],
                    )
                except services.ProtocolError as error:
                    adding.add_error("project", error.messages[0])
                else:
                    return redirect(
                        "protocol:signing",
                        slug=forum.slug,
                        session_slug=session_slug,
                        pk=added.pk,
                    )
    elif request.method == "POST":
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
    context["times_form"], context["add_form"] = times, adding
    context["stages"] = [
        (row.signing, drawing.stage_svg(services.stage_of(row.signing)))
        for row in context["timing"].signings[:3]
    ]
    return render(request, "protocol/run_sheet.html", context)


@login_required
def signing_page(request: HttpRequest, slug: str, session_slug: str, pk: int) -> HttpResponse:
    """One signing: its times, the MC's announcement in each language, its signatories and
    witnesses with their sides, and the stage they make."""
    forum = _forum(request, slug, CHANGE)
    sheet = _run_sheet(forum, session_slug)
    item = Signing.objects.filter(run_sheet=sheet, pk=pk).select_related("project").first()
    if item is None:
        raise Http404(_("No such signing."))
    form = SigningForm(
        forum,
        request.POST or None,
        initial={
            "minutes": item.minutes,
            "exchange_minutes": item.exchange_minutes,
            "announcement": item.announcement,
        },
    )
    initial = [{"person": s.person, "role": s.role, "side": s.side} for s in item.signatories.all()]
    formset = SignatoryFormSet(
        request.POST or None, initial=initial, form_kwargs={"forum": forum}, prefix="people"
    )

    def save(rows: list[forms.Form]) -> object:
        kept = [f for f in rows if not f.cleaned_data.get("DELETE")]
        return services.edit_signing(
            request.user,
            item,
            minutes=form.cleaned_data["minutes"],
            exchange_minutes=form.cleaned_data["exchange_minutes"],
            announcement=form.cleaned_data["announcement"] or TranslatedText(),
            signatories=[
                services.SignatorySpec(
                    f.cleaned_data["person"], f.cleaned_data["role"], f.cleaned_data["side"]
                )
                for f in kept
            ],
        )

    if _save_rows(request, [formset], save, form):
        messages.success(request, _("The signing was saved."))
        return redirect("protocol:signing", slug=forum.slug, session_slug=session_slug, pk=pk)
    context = {
        "forum": forum,
        "session": sheet.session,
        "signing": item,
        "form": form,
        "formset": formset,
        "stage": drawing.stage_svg(services.stage_of(item)),
    }
    return render(request, "protocol/signing.html", context)


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
    offered = forum.content_languages()
    languages = [code for code in request.GET.getlist("lang") if code in offered] or offered
    return _pdf(rendering.run_sheet_pdf(sheet, languages), f"run-sheet-{session_slug}")


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
    tables = services.tables_of(plan)
    action = request.POST.get("action") if request.method == "POST" else None
    form = FixSeatForm(plan, tables, request.POST if action == "fix" else None)
    if request.method == "POST":
        require_perm(request, CHANGE, forum)
        try:
            if action == "fix" and form.is_valid():
                services.fix_seat(
                    request.user,
                    plan,
                    form.cleaned_data["person"],
                    form.cleaned_data["table"],
                    form.cleaned_data["number"],
                )
            if action == "compute" or (action == "fix" and not form.errors):
                seated = services.compute_seating(request.user, plan)
                messages.success(request, _("%(count)s people seated.") % {"count": seated})
                return redirect("protocol:seating", slug=forum.slug, public_id=plan.public_id)
        except services.ProtocolError as error:
            form.add_error(None, error.messages)
    context = {
        "forum": forum,
        "plan": plan,
        "layout": services.layout_of(plan),
        "svg": drawing.seating_svg(plan),
        "assignments": plan.assignments.select_related("person", "table"),
        "form": form,
        "can_change": request.user.has_perm(CHANGE, forum),
    }
    return render(request, "protocol/seating.html", context)


def _table_rows(rows: list[forms.Form]) -> list[services.TableRow]:
    return [
        services.TableRow(
            f.cleaned_data["table"],
            f.cleaned_data["label"],
            f.cleaned_data["shape"],
            f.cleaned_data["seats"],
            f.cleaned_data["x"],
            f.cleaned_data["y"],
            f.cleaned_data["order"] or 0,
            bool(f.cleaned_data.get("DELETE")),
        )
        for f in rows
    ]


def _table_initial(tables: Any) -> list[dict[str, Any]]:
    fields = ["label", "shape", "seats", "x", "y", "order"]
    return [{"table": t, **{f: getattr(t, f) for f in fields}} for t in tables]


@login_required
def edit_plan(request: HttpRequest, slug: str, public_id: str | None = None) -> HttpResponse:
    """A seating plan's name, session and room, its own tables (added to the room's, or in place
    of the room's table with the same label) and its constraints."""
    forum = _forum(request, slug, CHANGE)
    plan = _plan(forum, public_id) if public_id else None
    form = PlanForm(forum, request.POST or None, instance=plan)
    own = plan.own_tables.all() if plan else SeatingTable.objects.none()
    tables = TableFormSet(
        request.POST or None,
        initial=_table_initial(own),
        form_kwargs={"tables": own},
        prefix="tables",
    )
    rules = SeatingRuleFormSet(
        request.POST or None,
        initial=[{"kind": r.kind, "person": r.person, "other": r.other} for r in plan.rules.all()]
        if plan
        else [],
        form_kwargs={"forum": forum},
        prefix="rules",
    )
    saved: list[SeatingPlan] = []

    def save(rows: list[forms.Form]) -> object:
        kept = services.save_plan(
            request.user,
            form.save(commit=False),
            _table_rows(rows),
            guests=form.cleaned_data["guests"],
        )
        saved.append(kept)
        rule_rows = [f for f in _filled(rules) if not f.cleaned_data.get("DELETE")]
        try:
            services.save_seating_rules(
                request.user,
                kept,
                [
                    services.RuleRow(
                        f.cleaned_data["kind"], f.cleaned_data["person"], f.cleaned_data["other"]
                    )
                    for f in rule_rows
                ],
            )
        except services.RowError as error:
            _row_error(rule_rows, error)
            raise services.ProtocolError(_("A seating rule needs correcting.")) from None
        return kept

    with transaction.atomic():
        done = _save_rows(request, [tables, rules], save, form)
        if not done:
            transaction.set_rollback(True)  # the plan saved before its rules were refused
    if done:
        messages.success(request, _("The seating plan was saved."))
        return redirect("protocol:seating", slug=forum.slug, public_id=saved[0].public_id)
    context = {"forum": forum, "plan": plan, "form": form, "tables": tables, "rules": rules}
    return render(request, "protocol/edit_plan.html", context)


@login_required
@require_POST
def remove_plan(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    forum = _forum(request, slug, CHANGE)
    services.remove_plan(request.user, _plan(forum, public_id))
    messages.success(request, _("The seating plan was removed."))
    return redirect("protocol:index", slug=forum.slug)


def _rooms(forum: Forum) -> Any:
    return Room.objects.filter(venue__forum=forum).select_related("venue")


@login_required
def layouts(request: HttpRequest, slug: str) -> HttpResponse:
    """The forum's rooms and how each is furnished for seated events."""
    forum = _forum(request, slug)
    furnished = {
        layout.room_id: layout
        for layout in RoomLayout.objects.filter(room__venue__forum=forum).prefetch_related("tables")
    }
    rooms = [(room, furnished.get(room.pk)) for room in _rooms(forum)]
    context = {"forum": forum, "rooms": rooms, "can_change": request.user.has_perm(CHANGE, forum)}
    return render(request, "protocol/layouts.html", context)


@login_required
def layout(request: HttpRequest, slug: str, room_id: int) -> HttpResponse:
    """A room's size and tables, drawn: every seating plan in the room starts from them."""
    forum = _forum(request, slug, CHANGE)
    room = _rooms(forum).filter(pk=room_id).first()
    if room is None:
        raise Http404(_("No such room."))
    current = RoomLayout.objects.filter(room=room).first()
    form = LayoutForm(request.POST or None, instance=current)
    existing = current.tables.all() if current else SeatingTable.objects.none()
    formset = TableFormSet(
        request.POST or None,
        initial=_table_initial(existing),
        form_kwargs={"tables": existing},
        prefix="tables",
    )

    def save(rows: list[forms.Form]) -> object:
        return services.save_layout(
            request.user,
            room,
            form.cleaned_data["width"],
            form.cleaned_data["depth"],
            _table_rows(rows),
        )

    done = _save_rows(request, [formset], save, form)
    if done:
        messages.success(request, _("The room's layout was saved."))
        return redirect("protocol:layout", slug=forum.slug, room_id=room.pk)
    drawn = current or RoomLayout(room=room)
    context = {
        "forum": forum,
        "room": room,
        "form": form,
        "formset": formset,
        "svg": drawing.layout_svg(drawn.width, drawn.depth, list(existing), str(room)),
    }
    return render(request, "protocol/layout.html", context)


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
    booths_form = BoothsForm(forum, request.POST if "session" in request.POST else None)
    if request.method == "POST" and "session" in request.POST:
        require_perm(request, CHANGE, forum)
        if booths_form.is_valid():
            session = booths_form.cleaned_data["session"]
            services.set_booths(request.user, session, session.interpretation)
            messages.success(request, _("The session's booths were set up."))
            return redirect("protocol:interpretation", slug=forum.slug)
    elif request.method == "POST" and "remove" in request.POST:
        require_perm(request, CHANGE, forum)
        booth = Booth.objects.filter(
            session__forum=forum, pk=_pk(request.POST.get("booth"))
        ).first()
        interpreter = Interpreter.objects.filter(
            forum=forum, pk=_pk(request.POST["remove"])
        ).first()
        if booth is None or interpreter is None:
            return HttpResponse(_("Choose a booth and an interpreter."), status=400)
        services.unassign_interpreter(request.user, booth, interpreter)
        return redirect("protocol:interpretation", slug=forum.slug)
    elif request.method == "POST" and "booth" in request.POST:
        require_perm(request, CHANGE, forum)
        booth = Booth.objects.filter(session__forum=forum, pk=_pk(request.POST["booth"])).first()
        interpreter = Interpreter.objects.filter(
            forum=forum, pk=_pk(request.POST.get("interpreter"))
        ).first()
        if booth is None or interpreter is None:
            return HttpResponse(_("Choose a booth and an interpreter."), status=400)
        try:
            services.assign_interpreter(request.user, booth, interpreter)
        except services.ProtocolError as error:
            messages.error(request, error.messages[0])
        return redirect("protocol:interpretation", slug=forum.slug)
    elif request.method == "POST":
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
        "booths_form": booths_form,
        "can_change": request.user.has_perm(CHANGE, forum),
    }
    return render(request, "protocol/interpretation.html", context)


@login_required
def interpreters(request: HttpRequest, slug: str) -> HttpResponse:
    """The forum's interpreters and the language pairs each works in (both ways)."""
    forum = _forum(request, slug, CHANGE)
    initial = [
        {"person": i.person, "pairs": i.pairs}
        for i in Interpreter.objects.filter(forum=forum).select_related("person")
    ]
    formset = InterpreterFormSet(
        request.POST or None, initial=initial, form_kwargs={"forum": forum}, prefix="interpreters"
    )

    def save(rows: list[forms.Form]) -> object:
        return services.save_interpreters(
            request.user,
            forum,
            [
                services.InterpreterRow(
                    f.cleaned_data["person"],
                    f.cleaned_data.get("pairs") or [],
                    bool(f.cleaned_data.get("DELETE")),
                )
                for f in rows
            ],
        )

    if _save_rows(request, [formset], save):
        messages.success(request, _("The interpreters were saved."))
        return redirect("protocol:interpreters", slug=forum.slug)
    return render(request, "protocol/interpreters.html", {"forum": forum, "formset": formset})


def my_seat(request: HttpRequest, slug: str, token: str, public_id: str) -> HttpResponse:
    """A participant's seat on the plan, from their private link: made for a phone."""
    participant = participant_or_404(request, slug, token)
    forum = participant.forum
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
