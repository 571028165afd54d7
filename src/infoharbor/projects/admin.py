"""Django admin for project registrars: projects with parties and history, sectors, rates."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from infoharbor.core import audit
from infoharbor.core.admin import ForumScopedAdmin
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


class PartyInline(admin.TabularInline):
    model = ProjectParty
    extra = 1


class DocumentInline(admin.TabularInline):
    model = ProjectDocument
    extra = 0
    fields = ["title", "file"]


class StatusChangeInline(admin.TabularInline):
    """The history, read-only: changes go through the service, which checks transitions."""

    model = StatusChange
    extra = 0
    readonly_fields = ("date", "status", "source_url", "document", "note", "recorded_by")
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(ForumScopedAdmin):
    change_permission = "projects.change_project"
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
        for formset in formsets:
            if formset.model is ProjectDocument:
                formset.save()
        services.save_project(
            request.user, project, parties=parties, platforms=form.cleaned_data["platforms"]
        )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # A new project needs a row before its parties; save_related then saves it properly.
        if not change:
            obj.save()
            audit.record(
                request.user, "project.created", obj, forum=obj.forum, after=audit.snapshot(obj)
            )


@admin.register(Sector)
class SectorAdmin(ForumScopedAdmin):
    change_permission = "projects.change_project"
    list_display = ["code", "name", "vocabulary", "forum"]
    list_filter = ["vocabulary"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ForumScopedAdmin):
    change_permission = "projects.add_exchangerate"
    list_display = ["base", "currency", "date", "rate", "source", "forum"]
    list_filter = ["currency", "base"]


@admin.register(IatiPublisher)
class IatiPublisherAdmin(ForumScopedAdmin):
    list_display = ["identifier", "name", "forum"]
