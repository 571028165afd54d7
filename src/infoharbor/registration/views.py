"""Registration pages: the public form, the participant's private link, the registration desk."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from infoharbor.core import confirm, locking
from infoharbor.core import imports as core_imports
from infoharbor.core.models import Forum
from infoharbor.core.pages import forum_for_page, organiser_forum
from infoharbor.core.photos import content_type
from infoharbor.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from infoharbor.core.views import import_job_page
from infoharbor.registration import erasure, imports, private_links, queries, services
from infoharbor.registration.exporters import agenda_calendar
from infoharbor.registration.forms import (
    BadgeForm,
    DecisionForm,
    DeskFilterForm,
    ImportForm,
    InfoForm,
    PhotoForm,
    RegistrationForm,
    SessionsForm,
)
from infoharbor.registration.models import Participant


def _manage_redirect(participant: Participant) -> HttpResponse:
    return redirect("registration:manage", slug=participant.forum.slug, token=participant.token)


def register(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    form = RegistrationForm(forum, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.register(forum, form.to_input(), offer=form.structure.offer)
        except (services.RegistrationError, locking.LockTimeout) as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Thank you: your registration is recorded."))
            return _manage_redirect(result.participant)
    return render(request, "registration/register.html", {"forum": forum, "form": form})


def _manage_context(
    participant: Participant, photo_form: PhotoForm | None = None
) -> dict[str, Any]:
    forum = participant.forum
    choices = queries.choices_of(participant)
    current = [c.session.slug for c, _position in choices]
    return {
        "forum": forum,
        "participant": participant,
        "choices": choices,
        "answers": queries.answers_of(participant),
        "sessions_form": SessionsForm(forum, initial={"sessions": current}),
        "info_form": InfoForm(forum) if participant.status == "needs_info" else None,
        "photo_form": photo_form or PhotoForm(),
        "members": queries.delegation_members(participant),
        "heads_delegation": hasattr(participant, "heads_delegation"),
        "more_pages": private_links.links_for(participant),
    }


def manage(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    participant = private_links.participant_or_404(request, slug, token)
    return render(request, "registration/manage.html", _manage_context(participant))


@require_POST
def change_sessions(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    participant = private_links.participant_or_404(request, slug, token)
    form = SessionsForm(participant.forum, request.POST)
    if form.is_valid():
        try:
            services.change_sessions(participant, form.cleaned_data["sessions"])
        except (services.RegistrationError, locking.LockTimeout) as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your sessions are saved."))
    else:
        messages.error(request, _("Choose sessions from the list."))
    return _manage_redirect(participant)


@require_POST
def cancel(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    participant = private_links.participant_or_404(request, slug, token)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            participant.forum,
            _("Cancel your registration?"),
            _("Yes, cancel my registration"),
            back=reverse("registration:manage", args=[slug, token]),
            details=_(
                "Your seats go to the people on the waiting lists and your badge stops working."
            ),
        )
    services.cancel(participant)
    messages.success(request, _("Your registration is cancelled."))
    return _manage_redirect(participant)


@require_POST
def provide_info(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    participant = private_links.participant_or_404(request, slug, token)
    form = InfoForm(participant.forum, request.POST, request.FILES)
    if form.is_valid():
        try:
            services.provide_info(participant, form.answers())
        except (services.RegistrationError, locking.LockTimeout) as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Thank you: the registration desk will look again."))
            return _manage_redirect(participant)
    context = {"forum": participant.forum, "participant": participant, "info_form": form}
    return render(request, "registration/manage.html", context, status=400)


@require_POST
def change_photo(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    participant = private_links.participant_or_404(request, slug, token)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.change_photo(participant, form.cleaned_data["photo"])
        except (services.RegistrationError, locking.LockTimeout) as error:
            form.add_error("photo", error.message_dict["photo"])
        else:
            messages.success(request, _("Your photo is saved."))
            return _manage_redirect(participant)
    context = _manage_context(participant, form)
    return render(request, "registration/manage.html", context, status=400)


def _photo_response(participant: Participant) -> FileResponse:
    """The person's photo, never cached by shared caches; 404 when there is none."""
    photo = participant.person.photo
    if not photo:
        raise Http404("No photo.")
    kind = content_type(photo)
    response = FileResponse(photo.open("rb"), content_type=kind)
    patch_cache_control(response, private=True)
    return response


def photo(request: HttpRequest, slug: str, token: str) -> FileResponse:
    """The participant's own photo, seen through their private link."""
    return _photo_response(private_links.participant_or_404(request, slug, token))


def staff_photo(request: HttpRequest, slug: str, public_id: str) -> FileResponse:
    """A participant's photo for door staff and the registration desk of their forum.

    Named by the person's public id, not the badge code, which must stay out of access logs.
    Everyone else gets 404, as if there were no such photo: a refusal would tell that it exists.
    """
    forum = forum_for_page(request, slug)
    try:
        participant = queries.participant_for_desk(forum, public_id)
    except Participant.DoesNotExist:
        raise Http404("No such photo.") from None
    if not request.user.has_perm("registration.view_photo", participant):
        raise Http404("No such photo.")
    return _photo_response(participant)


def add_member(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The head of a delegation registers a member, who gets their own private link."""
    head = private_links.participant_or_404(request, slug, token)
    delegation = getattr(head, "heads_delegation", None)
    if delegation is None:
        raise Http404("Not the head of a delegation.")
    forum = head.forum
    form = RegistrationForm(forum, request.POST or None, request.FILES or None, in_delegation=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.register(
                forum,
                form.to_input(),
                source=Participant.Source.DELEGATION,
                delegation=delegation,
                offer=form.structure.offer,
            )
        except (services.RegistrationError, locking.LockTimeout) as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The member is registered."))
            return _manage_redirect(head)
    context = {"forum": forum, "form": form, "delegation": delegation, "head": head}
    return render(request, "registration/register.html", context)


def agenda(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    participant = private_links.participant_or_404(request, slug, token)
    response = HttpResponse(
        agenda_calendar(participant, request.build_absolute_uri("/")),
        content_type="text/calendar",
    )
    response["Content-Disposition"] = f'attachment; filename="{participant.forum.slug}-agenda.ics"'
    # A private link: the reader's browser may keep it, a shared cache may not.
    patch_cache_control(response, private=True, no_cache=True)
    return response


# --- the registration desk --------------------------------------------------------------------


@login_required
def desk(request: HttpRequest, slug: str) -> HttpResponse:
    forum = organiser_forum(request, slug, "registration.view_participant")
    form = DeskFilterForm(forum, request.GET or None)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    counts = queries.status_counts(forum)
    participants = queries.review_queue(
        forum,
        data.get("status") or None,
        data.get("category") or None,
        data.get("q", ""),
        by_email=request.user.has_perm("core.view_personal_data", forum),
        country=data.get("country") or None,
        place=form.place() if valid else queries.Place(),
        checked_in=data.get("checked_in", False),
    )
    context = {
        "forum": forum,
        "form": form,
        "participants": participants[:500],
        "total": participants.count(),
        "counts": [(label, counts.get(value, 0)) for value, label in Participant.Status.choices],
        "can_review": request.user.has_perm("registration.review_participant", forum),
    }
    return render(request, "registration/desk.html", context)


_BADGE_ACTIONS = {
    "reissue": services.reissue_badge,
    "revoke": services.revoke_badge,
    "restore": services.restore_badge,
}


# The desk's actions that cannot be taken back, with what confirming them says will happen.
_CONFIRM = {
    "reject": (
        _lazy("Reject the registration of %(name)s?"),
        _lazy("Their seats go to the waiting lists and they are told by email."),
    ),
    "cancel": (
        _lazy("Cancel the registration of %(name)s?"),
        _lazy(
            "Their seats go to the waiting lists, their badge stops working, and they are told "
            "by email."
        ),
    ),
    "revoke": (
        _lazy("Revoke the badge of %(name)s?"),
        _lazy("Doors refuse the badge from now on, until it is restored."),
    ),
    "reissue": (
        _lazy("Issue a new badge to %(name)s?"),
        _lazy("Doors refuse the old badge as replaced from now on."),
    ),
}


def _confirm_desk(
    request: HttpRequest, forum: Forum, participant: Participant, action: str
) -> HttpResponse:
    question, details = _CONFIRM[action]
    return confirm.ask(
        request,
        forum,
        question % {"name": participant.person},
        _("Confirm"),
        back=reverse(
            "registration:desk_participant", args=[forum.slug, participant.person.public_id]
        ),
        details=details,
    )


def _desk_participant(forum: Forum, public_id: str) -> Participant:
    try:
        return queries.participant_for_desk(forum, public_id)
    except Participant.DoesNotExist:
        raise Http404("No such registration.") from None


@login_required
def desk_participant(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    forum = organiser_forum(request, slug, "registration.view_participant")
    participant = _desk_participant(forum, public_id)
    posted = request.POST if request.method == "POST" else None
    form = DecisionForm(None if posted and "badge" in posted else posted)
    badge_form = BadgeForm(posted if posted and "badge" in posted else None)
    if posted:
        if not request.user.has_perm("registration.review_participant", forum):
            raise PermissionDenied
        if badge_form.is_valid():
            action = badge_form.cleaned_data["badge"]
            if action in _CONFIRM and not confirm.confirmed(request):
                return _confirm_desk(request, forum, participant, action)
            _BADGE_ACTIONS[action](request.user, participant)
            messages.success(request, _("Badge changed."))
            return redirect("registration:desk_participant", slug=forum.slug, public_id=public_id)
        if form.is_valid():
            decision = form.cleaned_data["decision"]
            if decision in _CONFIRM and not confirm.confirmed(request):
                return _confirm_desk(request, forum, participant, decision)
            try:
                if decision == "approve":
                    services.approve(request.user, participant)
                elif decision == "reject":
                    services.reject(request.user, participant)
                elif decision == "cancel":
                    services.cancel(participant, actor=request.user)
                else:
                    services.request_info(request.user, participant, form.cleaned_data["message"])
            except (services.RegistrationError, locking.LockTimeout) as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Decision recorded."))
                return redirect("registration:desk", slug=forum.slug)
    # Each role sees what its work needs: door staff name, category, photo and status.
    personal = request.user.has_perm("core.view_personal_data", forum)
    people = request.user.has_perm("core.view_people", forum)
    context = {
        "forum": forum,
        "participant": participant,
        "choices": queries.choices_of(participant) if people else [],
        # Answers may hold passport numbers and the like: only with the contact details.
        "answers": queries.answers_of(participant) if personal else [],
        "form": form,
        "badge_form": badge_form,
        "can_review": request.user.has_perm("registration.review_participant", forum),
        "can_see_personal_data": personal,
        "can_see_people": people,
        "can_see_photo": request.user.has_perm("registration.view_photo", participant),
        "can_erase": request.user.has_perm("registration.erase_participant", forum),
    }
    return render(request, "registration/desk_participant.html", context)


@login_required
def desk_erase(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """Asks for confirmation, then erases the participant's personal data (owners only)."""
    forum = organiser_forum(request, slug, "registration.erase_participant")
    participant = _desk_participant(forum, public_id)
    if request.method == "POST":
        erasure.erase_participant(request.user, participant)
        messages.success(request, _("The participant's personal data is erased."))
        return redirect("registration:desk", slug=forum.slug)
    context = {"forum": forum, "participant": participant}
    return render(request, "registration/desk_erase.html", context)


@login_required
def import_template(request: HttpRequest, slug: str) -> HttpResponse:
    forum = organiser_forum(request, slug, "registration.import_participants")
    response = HttpResponse(imports.template_xlsx(forum), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{forum.slug}-delegation.xlsx"'
    return response


@login_required
def export_participants(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The participants in the import's columns, for organisers to edit and import back."""
    forum = organiser_forum(request, slug, "registration.import_participants")
    if fmt not in ("xlsx", "csv"):
        raise Http404("Exports come as xlsx or csv.")
    content = imports.export_participants(forum, imports.exportable(forum), fmt)
    response = HttpResponse(
        content, content_type=XLSX_CONTENT_TYPE if fmt == "xlsx" else CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{forum.slug}-participants.{fmt}"'
    return response


@login_required
def import_delegation(request: HttpRequest, slug: str) -> HttpResponse:
    """Stores the file and answers at once with the job's page; the job runs in the background."""
    forum = organiser_forum(request, slug, "registration.import_participants")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        options = {
            "delegation": form.cleaned_data["delegation"],
            "language": get_language(),
            "country": form.cleaned_data["country"],
        }
        try:
            job = core_imports.start_job(
                request.user, forum, imports.KIND, form.cleaned_data["file"], options
            )
        except core_imports.UploadRefused as error:
            form.add_error("file", error.messages)
        else:
            return redirect("registration:import_job", slug=forum.slug, public_id=job.public_id)
    return render(request, "registration/import.html", {"forum": forum, "form": form})


@login_required
def import_job(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """The import's progress and outcome; `?format=json` is what the page polls."""
    forum = organiser_forum(request, slug, "registration.import_participants")
    return import_job_page(
        request,
        forum,
        imports.KIND,
        public_id,
        template="registration/import_job.html",
        again_url=reverse("registration:import", args=[forum.slug]),
        done_message=lambda job: (
            _("Participants imported into %(name)s: %(count)s")
            % {"name": job.result.get("delegation", ""), "count": job.written}
        ),
    )
