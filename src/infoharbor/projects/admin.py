"""Django admin for project registrars: projects with parties and history, sectors, rates."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from infoharbor.core.admin import ForumScopedAdmin, ForumScopedInline
from infoharbor.core.forms import CheckedModelForm
from infoharbor.core.queries import forums_for_organiser
from infoharbor.projects import services
from infoharbor.projects.models import (
    ExchangeRate,
    IatiPublisher,
    Project,
    ProjectDocument,
    ProjectParty,
    Sector,
    StatusChange,
)


class ProjectAdminForm(CheckedModelForm):
    def full_clean(self) -> None:
        # The registry's rules, shown as form errors instead of failing on save.
        super().full_clean()
        if not self.is_bound or self.instance.forum_id is None:
            return
        for field, problems in services.project_problems(self.instance).items():
            for problem in problems:
                self.add_error(field if field in self.fields else None, problem)


class PartyFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return  # each party's own errors first (e.g. another forum's organization)
        parties = [
            services.PartySpec(f.cleaned_data["organization"], f.cleaned_data["role"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if message := services.parties_problem(self.instance.forum, parties):
            raise ValidationError(message)


class RegistrarInline(ForumScopedInline):
    """Rows of a project: whoever may change the project may change them; their choice lists
    (parties' organizations, documents) offer only the user's forums' rows."""

    def _allowed(self, request: HttpRequest, obj: Any) -> bool:
        if obj is not None:
            return request.user.has_perm("projects.change_project", obj.forum)
        return any(
            request.user.has_perm("projects.change_project", forum)
            for forum in forums_for_organiser(request.user)
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)


class PartyInline(RegistrarInline):
    model = ProjectParty
    formset = PartyFormSet
    extra = 1


class DocumentInline(RegistrarInline):
    """New documents only; they are attached through the service so the audit log sees them."""

    model = ProjectDocument
    extra = 0
    fields = ["title", "file"]
    can_delete = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StatusChangeInline(RegistrarInline):
    """The history, read-only: changes go through the service, which checks transitions."""

    model = StatusChange
    extra = 0
    readonly_fields = ("date", "status", "source_url", "document", "note", "recorded_by")
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(ForumScopedAdmin):
    view_permission = "projects.view_project"
    change_permission = "projects.change_project"
    form = ProjectAdminForm
    list_display = [
        "__str__",
        "reference",
        "kind",
        "signed_on",
        "amount",
        "currency",
        "forum",
        "synthetic",
    ]
    list_filter = ["kind", "amount_kind", "synthetic", "signed_on"]
    search_fields = ["reference", "search_text"]
    filter_horizontal = ["platforms"]
    inlines = [PartyInline, DocumentInline, StatusChangeInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Save through the service so the rules and the audit log hold for admin edits too."""
        project: Project = form.instance
        parties = [
            services.PartySpec(f.cleaned_data["organization"], f.cleaned_data["role"])
            for formset in formsets
            if formset.model is ProjectParty
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        services.save_project(
            request.user, project, parties=parties, platforms=form.cleaned_data["platforms"]
        )
        for formset in formsets:
            if formset.model is ProjectDocument:
                for f in formset.forms:
                    if f.cleaned_data and f.instance.pk is None:
                        services.attach_document(
                            request.user, project, f.cleaned_data["title"], f.cleaned_data["file"]
                        )
            # The services saved the rows; the admin's change message reads these lists.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Nothing here: save_related saves the project once, through the service, with its
        parties (one audit entry, created or changed)."""


@admin.register(Sector)
class SectorAdmin(ForumScopedAdmin):
    view_permission = "projects.view_project"
    change_permission = "projects.change_project"
    list_display = ["code", "name", "vocabulary", "forum"]
    list_filter = ["vocabulary"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ForumScopedAdmin):
    view_permission = "projects.view_project"
    change_permission = "projects.add_exchangerate"
    list_display = ["base", "currency", "date", "rate", "source", "forum"]
    list_filter = ["currency", "base"]


@admin.register(IatiPublisher)
class IatiPublisherAdmin(ForumScopedAdmin):
    view_permission = "projects.view_project"
    list_display = ["identifier", "name", "forum"]
