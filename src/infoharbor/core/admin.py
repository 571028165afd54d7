"""Django admin for organisers: each sees only the forums where they hold a role."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from infoharbor.core import audit
from infoharbor.core.models import (
    AuditEntry,
    City,
    Forum,
    ForumRole,
    ImportJob,
    Organization,
    Person,
    Platform,
    Room,
    TravelTime,
    Venue,
)
from infoharbor.core.photos import discard_replaced
from infoharbor.core.queries import forums_for_organiser
from infoharbor.core.rules import forum_of


class ForumScopedAdmin(admin.ModelAdmin):
    """Admin that limits rows and choices to the forums the user organises.

    `forum_path` is the lookup from the model to its Forum; `change_permission` is the rules
    permission that lets a user change rows of a forum (checked against that forum).
    """

    forum_path = "forum"
    change_permission = "core.change_forum"

    def _forums(self, request: HttpRequest) -> QuerySet[Forum]:
        return forums_for_organiser(request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.forum_path}__in": self._forums(request)})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.related_model
        if related is Forum and not request.user.is_superuser:
            kwargs["queryset"] = self._forums(request)
        elif hasattr(related, "forum") and not request.user.is_superuser:
            kwargs["queryset"] = related._default_manager.filter(forum__in=self._forums(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.related_model
        if hasattr(related, "forum") and not request.user.is_superuser:
            kwargs["queryset"] = related._default_manager.filter(forum__in=self._forums(request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _forum(self, obj: Model | None) -> Forum | None:
        if obj is None:
            return None
        target: Any = obj
        for part in self.forum_path.split("__"):
            target = getattr(target, part)
        return forum_of(target)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and self._forums(request).exists()

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is None:
            return self.has_module_permission(request)
        return request.user.has_perm("core.view_forum", self._forum(obj))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return any(request.user.has_perm(self.change_permission, f) for f in self._forums(request))

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is None:
            return self.has_add_permission(request)
        return request.user.has_perm(self.change_permission, self._forum(obj))

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        action = f"{obj._meta.model_name}.{'changed' if change else 'created'}"
        audit.record(
            request.user,
            action,
            obj,
            forum=self._forum(obj),
            before=before,
            after=audit.snapshot(obj),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        forum, before = self._forum(obj), audit.snapshot(obj)
        audit.record(
            request.user, f"{obj._meta.model_name}.deleted", obj, forum=forum, before=before
        )
        super().delete_model(request, obj)


@admin.register(Forum)
class ForumAdmin(ForumScopedAdmin):
    forum_path = "pk"
    list_display = ["__str__", "slug", "start_date", "end_date", "is_published"]
    filter_horizontal = ["cities"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Forum]:
        return forums_for_organiser(request.user)

    def _forum(self, obj: Model | None) -> Forum | None:
        return obj if isinstance(obj, Forum) else None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "country"]


@admin.register(TravelTime)
class TravelTimeAdmin(admin.ModelAdmin):
    list_display = ["from_city", "to_city", "minutes"]


@admin.register(Venue)
class VenueAdmin(ForumScopedAdmin):
    list_display = ["__str__", "city", "forum", "synthetic"]
    list_filter = ["forum"]


@admin.register(Room)
class RoomAdmin(ForumScopedAdmin):
    forum_path = "venue__forum"
    list_display = ["__str__", "capacity", "synthetic"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "venue" and not request.user.is_superuser:
            kwargs["queryset"] = Venue.objects.filter(forum__in=self._forums(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Platform)
class PlatformAdmin(ForumScopedAdmin):
    list_display = ["__str__", "code", "forum", "order"]


@admin.register(Organization)
class OrganizationAdmin(ForumScopedAdmin):
    list_display = ["__str__", "kind", "country", "forum", "synthetic"]
    list_filter = ["kind", "country"]


@admin.register(Person)
class PersonAdmin(ForumScopedAdmin):
    list_display = ["name", "name_latin", "organization", "forum", "synthetic"]
    search_fields = ["name", "name_latin"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # A replaced or cleared photo's file would otherwise stay on disk: personal data kept.
        old = Person.objects.get(pk=obj.pk).photo.name if change else ""
        super().save_model(request, obj, form, change)
        if old != obj.photo.name:
            discard_replaced(old)


@admin.register(ForumRole)
class ForumRoleAdmin(ForumScopedAdmin):
    change_permission = "core.manage_roles"
    list_display = ["user", "role", "forum"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ForumScopedAdmin):
    change_permission = "core.view_audit"
    list_display = ["created_at", "actor", "action", "object_repr", "forum"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ImportJob)
class ImportJobAdmin(ForumScopedAdmin):
    """Imports are made and run by the import pages; here organisers see how each one ended."""

    list_display = ["created_at", "kind", "file_name", "status", "done", "total", "forum"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
