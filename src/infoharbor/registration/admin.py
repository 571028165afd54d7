"""Admin for organisers; changes that must keep seats consistent go through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from infoharbor.core.admin import ForumScopedAdmin
from infoharbor.registration import services
from infoharbor.registration.badges.rendering import BADGE_FIELDS, DEFAULT_FIELDS
from infoharbor.registration.models import (
    BadgeLayout,
    Category,
    CheckIn,
    Delegation,
    EmailTemplate,
    Mailing,
    OutboxEmail,
    Participant,
    Question,
    SessionCapacity,
)


@admin.register(Category)
class CategoryAdmin(ForumScopedAdmin):
    view_permission = "registration.view_settings"
    change_permission = "registration.change_participant"
    list_display = ["__str__", "code", "needs_approval", "is_public", "colour", "forum"]
    list_filter = ["forum", "needs_approval"]


@admin.register(Question)
class QuestionAdmin(ForumScopedAdmin):
    view_permission = "registration.view_settings"
    change_permission = "registration.change_participant"
    list_display = ["__str__", "code", "kind", "required", "order", "forum"]
    list_filter = ["forum", "kind"]


@admin.register(Delegation)
class DelegationAdmin(ForumScopedAdmin):
    view_permission = "registration.list_participants"
    change_permission = "registration.change_participant"
    list_display = ["name", "country", "head", "forum"]
    search_fields = ["name"]
    raw_id_fields = ["head"]


@admin.action(description=_("Approve the selected registrations"))
def approve_selected(admin_: Any, request: HttpRequest, queryset: QuerySet[Participant]) -> None:
    _decide_all(request, queryset, services.approve)


@admin.action(description=_("Reject the selected registrations"))
def reject_selected(admin_: Any, request: HttpRequest, queryset: QuerySet[Participant]) -> None:
    _decide_all(request, queryset, services.reject)


@admin.action(description=_("Revoke the selected participants' badges"))
def revoke_badges(admin_: Any, request: HttpRequest, queryset: QuerySet[Participant]) -> None:
    _decide_all(request, queryset, services.revoke_badge, "registration.change_participant")


@admin.action(description=_("Restore the selected participants' badges"))
def restore_badges(admin_: Any, request: HttpRequest, queryset: QuerySet[Participant]) -> None:
    _decide_all(request, queryset, services.restore_badge, "registration.change_participant")


@admin.action(description=_("Issue new badges to the selected participants (lost badges)"))
def reissue_badges(admin_: Any, request: HttpRequest, queryset: QuerySet[Participant]) -> None:
    _decide_all(request, queryset, services.reissue_badge, "registration.change_participant")


def _decide_all(
    request: HttpRequest,
    queryset: QuerySet[Participant],
    decide: Any,
    permission: str = "registration.review_participant",
) -> None:
    done = 0
    for participant in queryset:
        if not request.user.has_perm(permission, participant.forum):
            continue
        try:
            decide(request.user, participant)
        except services.RegistrationError as error:
            messages.warning(request, f"{participant}: {' '.join(error.messages)}")
        else:
            done += 1
    messages.success(request, _("%(n)s registrations changed.") % {"n": done})


@admin.register(Participant)
class ParticipantAdmin(ForumScopedAdmin):
    """Read and decide here; status, seats and badges change only through the actions, category
    and delegation through their services."""

    view_permission = "registration.list_participants"
    change_permission = "registration.change_participant"
    list_display = ["person", "category", "status", "delegation", "language", "created_at"]
    list_filter = ["forum", "status", "category", "source"]
    search_fields = ["person__name", "person__name_latin", "person__email"]
    readonly_fields = ["person", "status", "source", "badge_revoked", "created_at"]
    fields = [
        "person",
        "category",
        "status",
        "delegation",
        "language",
        "phone",
        "badge_revoked",
        "info_request",
        "source",
        "created_at",
    ]
    actions = [approve_selected, reject_selected, revoke_badges, restore_badges, reissue_badges]

    def _sees_personal_data(self, request: HttpRequest, obj: Any = None) -> bool:
        forums = [obj.forum] if obj is not None else list(self._forums(request))
        return all(request.user.has_perm("core.view_personal_data", f) for f in forums)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = super().get_fields(request, obj)
        if self._sees_personal_data(request, obj):
            return fields
        return [f for f in fields if f != "phone"]

    def get_search_fields(self, request: HttpRequest) -> Any:
        # Searching by email would tell whoever may not read addresses whose they are.
        fields = super().get_search_fields(request)
        if self._sees_personal_data(request):
            return fields
        return [f for f in fields if f != "person__email"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # registrations come through the form, the API or an import

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        changed = set(form.changed_data)
        if "category" in changed:
            obj = services.change_category(request.user, obj, form.cleaned_data["category"])
        if "delegation" in changed:
            obj = services.change_delegation(request.user, obj, form.cleaned_data["delegation"])
        # What is left is contact detail, not state: language and phone.
        details = sorted(changed - {"category", "delegation"})
        if details:
            for name in details:
                setattr(obj, name, form.cleaned_data[name])
            obj.save(update_fields=[*details, "updated_at"])


@admin.register(SessionCapacity)
class SessionCapacityAdmin(ForumScopedAdmin):
    view_permission = "program.view_session"
    forum_path = "session__forum"
    change_permission = "program.change_session"
    list_display = ["session", "capacity", "seats_taken"]
    readonly_fields = ["seats_taken"]
    raw_id_fields = ["session"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Through the service: it locks the row and gives added seats to the waiting list.
        services.set_capacity(request.user, obj.session, obj.capacity)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.set_capacity(request.user, obj.session, None)


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ForumScopedAdmin):
    """What was sent to whom, and whether it went; never the body, which holds a private link."""

    view_permission = "registration.view_outbox"
    list_display = ["created_at", "to", "kind", "language", "status", "attempts"]
    list_filter = ["status", "kind"]
    readonly_fields = (
        "participant",
        "kind",
        "to",
        "language",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ReadOnlyAdmin(ForumScopedAdmin):
    """Shown, never changed here: the organiser pages write these through their services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Mailing)
class MailingAdmin(ReadOnlyAdmin):
    view_permission = "registration.write_to_participants"
    list_display = ["created_at", "subject", "recipients", "status", "created_by"]
    list_filter = ["status"]
    readonly_fields = ("subject", "body", "audience", "recipients", "status", "created_by")
    fields = readonly_fields


@admin.register(EmailTemplate)
class EmailTemplateAdmin(ReadOnlyAdmin):
    view_permission = "registration.change_email_templates"
    list_display = ["kind", "language", "subject", "updated_at"]
    list_filter = ["kind", "language"]
    readonly_fields = ("kind", "language", "subject", "body", "updated_at")
    fields = readonly_fields


@admin.register(CheckIn)
class CheckInAdmin(ForumScopedAdmin):
    view_permission = "registration.list_participants"
    list_display = ["scanned_at", "door", "participant", "session", "result", "reason"]
    list_filter = ["result", "reason"]
    readonly_fields = [f.name for f in CheckIn._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(BadgeLayout)
class BadgeLayoutAdmin(ForumScopedAdmin):
    view_permission = "registration.view_settings"
    change_permission = "registration.print_badges"
    list_display = ["forum", "size"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["fields"].help_text = _(
            "A list of field keys, top to bottom; empty for %(default)s. Keys: %(keys)s"
        ) % {
            "default": DEFAULT_FIELDS,
            "keys": ", ".join(f"{key} ({field.label})" for key, field in BADGE_FIELDS.items()),
        }
        return form
