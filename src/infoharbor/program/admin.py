"""Admin for the program; changes go through the same checks as the organiser pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from infoharbor.core.admin import ForumScopedAdmin, ForumScopedInline
from infoharbor.core.forms import CheckedModelForm
from infoharbor.core.models import Person
from infoharbor.program import services
from infoharbor.program.models import Session, SessionSpeaker


class SessionSpeakerInline(ForumScopedInline):
    model = SessionSpeaker
    extra = 1
    autocomplete_fields = ["person"]


class SessionAdminForm(CheckedModelForm):
    class Meta:
        model = Session
        fields = [
            "forum",
            "parent",
            "slug",
            "kind",
            "title",
            "description",
            "start",
            "end",
            "city",
            "room",
            "language",
            "interpretation",
            "platforms",
            "hosts",
            "synthetic",
            "provenance",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            people = (
                Person.objects.filter(session_roles__session=self.instance)
                if self.instance.pk
                else []
            )
            services.check_session(self.instance, list(people))
        return cleaned


@admin.register(Session)
class SessionAdmin(ForumScopedAdmin):
    view_permission = "program.view_session"
    form = SessionAdminForm
    change_permission = "program.change_session"
    list_display = ["__str__", "kind", "start", "end", "city", "room", "forum", "synthetic"]
    list_filter = ["forum", "kind", "city"]
    search_fields = ["slug"]
    inlines = [SessionSpeakerInline]
    filter_horizontal = ["platforms", "hosts"]

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """The confirmation page lists the service's reasons as what blocks the deletion."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        problems = [p for p in map(services.deletion_problem, objs) if p]
        return deleted, counts, perms_needed, problems or protected

    def delete_model(self, request: HttpRequest, obj: Session) -> None:
        services.delete_session(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Session]) -> None:
        for session in queryset:
            services.delete_session(request.user, session)
