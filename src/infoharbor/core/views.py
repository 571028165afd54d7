"""Organiser pages core owns: the forum's team (roles and invitations) and its audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from infoharbor.core import confirm, imports, pickers, queries, search, services
from infoharbor.core.formatting import language_name
from infoharbor.core.forms import (
    AuditFilterForm,
    FallbackOrderForm,
    GrantRoleForm,
    InviteForm,
    NewAccountForm,
    field_label,
    field_value,
    object_type_label,
    related_names,
)
from infoharbor.core.models import AuditEntry, Forum, ForumRole, ImportJob, Invitation
from infoharbor.core.pages import forum_for_page, organiser_forum, require_perm


def _team_forum(request: HttpRequest, slug: str) -> Forum:
    forum = forum_for_page(request, slug)
    require_perm(request, "core.manage_roles", forum)
    return forum


def _member(forum: Forum, user_id: int) -> Any:
    """A user holding some role at `forum` (404 for anyone else)."""
    members = get_user_model().objects.filter(forum_roles__forum=forum).distinct()
    return get_object_or_404(members, pk=user_id)


@login_required
def forum_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """The forum's settings organisers change here: the fallback order of translated content."""
    forum = forum_for_page(request, slug)
    require_perm(request, "core.change_forum", forum)
    form = FallbackOrderForm(forum, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_forum(
                request.user, forum, fallback_languages=form.cleaned_data["languages"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The fallback order is saved."))
            return redirect("core:settings", slug=forum.slug)
    reader = get_language()
    context = {
        "forum": forum,
        "form": form,
        "chain": [language_name(code, reader) for code in forum.fallback_chain()],
    }
    return render(request, "core/settings.html", context)


@login_required
def team(request: HttpRequest, slug: str) -> HttpResponse:
    """Who holds which role; the owner invites colleagues and changes their roles."""
    forum = _team_forum(request, slug)
    form = InviteForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                request.user,
                forum,
                form.cleaned_data["email"],
                form.cleaned_data["roles"],
                language=form.cleaned_data["language"],
            )
        except services.TeamError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("core:team", slug=forum.slug)
    context = {
        "forum": forum,
        "form": form,
        "members": [
            (member.user, [(role, ForumRole.Role(role).label) for role in member.roles])
            for member in queries.team_of(forum)
        ],
        "invitations": queries.open_invitations(forum),
        "grant_form": GrantRoleForm(),
    }
    return render(request, "core/team.html", context)


@login_required
@require_POST
def grant_role(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    forum = _team_forum(request, slug)
    member = _member(forum, user_id)
    form = GrantRoleForm(request.POST)
    if form.is_valid():
        services.grant_role(request.user, forum, member, form.cleaned_data["role"])
    return redirect("core:team", slug=forum.slug)


@login_required
@require_POST
def revoke_role(request: HttpRequest, slug: str, user_id: int, role: str) -> HttpResponse:
    forum = _team_forum(request, slug)
    member = _member(forum, user_id)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            forum,
            _("Remove the role “%(role)s” from %(user)s?")
            % {
                "role": ForumRole.Role(role).label if role in ForumRole.Role.values else role,
                "user": member.get_username(),
            },
            _("Remove"),
            back=reverse("core:team", args=[forum.slug]),
        )
    try:
        services.revoke_role(request.user, forum, member, role)
    except services.TeamError as error:
        messages.error(request, error.messages[0])
    return redirect("core:team", slug=forum.slug)


@login_required
@require_POST
def withdraw_invitation(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    forum = _team_forum(request, slug)
    invitation = get_object_or_404(Invitation, pk=invitation_id, forum=forum)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            forum,
            _("Withdraw the invitation to %(email)s?") % {"email": invitation.email},
            _("Withdraw"),
            back=reverse("core:team", args=[forum.slug]),
            details=_("Its link stops working."),
        )
    services.withdraw_invitation(request.user, invitation)
    return redirect("core:team", slug=forum.slug)


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee's page: accept with the signed-in account, or create one with a password."""
    try:
        invitation = services.open_invitation(token)
    except services.TeamError as error:
        return render(request, "core/invitation.html", {"error": error.messages[0]}, status=410)
    form = NewAccountForm(request.POST or None)
    signed_in = request.user.is_authenticated
    if request.method == "POST" and (signed_in or form.is_valid()):
        try:
            if signed_in:
                services.accept_invitation(invitation, request.user)
            else:
                user = services.accept_with_new_account(invitation, form.cleaned_data["password"])
                login(request, user, backend="infoharbor.core.ratelimit.RateLimitedModelBackend")
        except services.TeamError as error:
            form.add_error(None, error)
        else:
            welcome = _("Welcome to the team of %(forum)s.") % {"forum": invitation.forum.name}
            messages.success(request, welcome)
            return redirect("web:console", slug=invitation.forum.slug)
    context = {"invitation": invitation, "form": form, "token": token}
    return render(request, "core/invitation.html", context)


def _changes(
    entry: AuditEntry, names: dict[tuple[str, Any], str]
) -> list[tuple[str, Any, Any, bool]]:
    """(field, before, after, is a change) per recorded field; extras have no before."""
    rows = []
    for field, value in sorted(entry.changes.items()):
        label, kind = field_label(entry.object_type, field), entry.object_type
        if isinstance(value, list) and len(value) == 2:
            before, after = (field_value(kind, field, v, names) for v in value)
            rows.append((label, before, after, True))
        else:
            rows.append((label, None, field_value(kind, field, value, names), False))
    return rows


@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed what and when, each entry's before → after, filtered and paged."""
    forum = forum_for_page(request, slug)
    require_perm(request, "core.view_audit", forum)
    form = AuditFilterForm(forum, request.GET or None)
    wanted = queries.AuditFilter()
    if form.is_valid():
        data = form.cleaned_data
        actor = get_user_model().objects.filter(pk=data["actor"]).first() if data["actor"] else None
        wanted = queries.AuditFilter(
            actor=actor,
            action=data["action"],
            object_type=data["object_type"],
            object_id=data["object_id"],
            since=data["since"],
            until=data["until"],
        )
    page = Paginator(queries.audit_entries(forum, wanted), 50).get_page(request.GET.get("page"))
    names = related_names(page)
    rows = [(entry, object_type_label(entry.object_type), _changes(entry, names)) for entry in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"forum": forum, "form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "core/audit.html", context)


def import_job_page(
    request: HttpRequest,
    forum: Forum,
    kind: str,
    public_id: str,
    *,
    template: str,
    again_url: str,
    done_message: Callable[[ImportJob], str],
) -> HttpResponse:
    """An import job's page, or with `?format=json` the state its poller reads (every import)."""
    try:
        job = imports.job_for_page(forum, kind, public_id)
    except ImportJob.DoesNotExist:
        raise Http404("No such import.") from None
    state = imports.job_state(job)
    if request.GET.get("format") == "json":
        return JsonResponse(state)
    context = {
        "forum": forum,
        "job": job,
        "state": state,
        "poll_url": request.path + "?format=json",
        "again_url": again_url,
        "done_message": done_message(job),
    }
    return render(request, template, context)


@login_required
def pick(request: HttpRequest, slug: str, kind: str) -> JsonResponse:
    """What a person or organization picker offers for `?q=`, as JSON (core/pickers.py)."""
    picker = pickers.PICKERS.get(kind)
    if picker is None:
        raise Http404("No such picker.")
    forum = organiser_forum(request, slug, picker.permission)
    try:
        found, more = pickers.choices(picker, forum, request.GET.get("q", ""))
    except search.SearchQueryError as error:
        return JsonResponse({"detail": error.message_dict["q"][0]}, status=400)
    results = [{"key": c.key, "label": c.label, "hint": c.hint} for c in found]
    return JsonResponse({"results": results, "more": more})
