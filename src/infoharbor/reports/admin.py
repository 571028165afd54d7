"""Press releases and report settings in Django's admin, scoped to the organiser's forums.

A press release is written on the editor's page (it starts from the generated text); here an
editor corrects or discards a draft, through the same services, while a published release is
only read: it keeps the figures as they stood. Report settings are saved through the service,
so they are checked and audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from infoharbor.core.admin import ForumScopedAdmin
from infoharbor.reports import services
from infoharbor.reports.models import PressRelease, ReportSettings


@admin.register(PressRelease)
class PressReleaseAdmin(ForumScopedAdmin):
    view_permission = "reports.view_pressrelease"
    change_permission = "reports.change_pressrelease"
    list_display = ["headline", "forum", "language", "published_at", "updated_at"]
    list_filter = ["forum", "language"]
    fields = [
        "forum",
        "language",
        "headline",
        "body",
        "edited_by",
        "updated_at",
        "published_at",
        "published_by",
    ]
    readonly_fields = [
        "forum",
        "language",
        "edited_by",
        "updated_at",
        "published_at",
        "published_by",
    ]
    actions = None  # a bulk delete would pass by the service

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a release starts from the generated text, on the editor's page

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if isinstance(obj, PressRelease) and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.save_draft(request.user, obj.forum, obj.language, obj.headline, obj.body)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.discard_draft(request.user, obj.forum, obj.language)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for release in queryset:
            self.delete_model(request, release)


@admin.register(ReportSettings)
class ReportSettingsAdmin(ForumScopedAdmin):
    view_permission = "reports.view_reportsettings"
    change_permission = "reports.change_reportsettings"
    list_display = ["forum", "currency", "stalled_after_days", "series"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.save_settings(request.user, obj)
