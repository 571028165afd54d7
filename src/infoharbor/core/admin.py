"""Django admin for organisers: each sees only the forums where they hold a role, and there only
what their role's view permission (the app's rules.py) allows."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from infoharbor.core import audit
from infoharbor.core.forms import CheckedModelForm
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

# The sign-in page every organiser, desk and door staff member meets first says whose it is
# (Django's default is "Django administration", in every language).
admin.site.site_header = admin.site.site_title = "InfoHarbor"
admin.site.index_title = _("Organiser console")


def forum_lookup(model: type[Model]) -> str | None:
    """The lookup from `model` to its Forum ("pk", "forum", "venue__forum" …), or None.

    None for models shared by every forum (cities, users): their choices are not scoped.
    """
    if model is Forum:
        return "pk"
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is Forum:
            return field.name
    # One step further (a room through its venue): a row's forum is never further away.
    for field in model._meta.concrete_fields:
        related = field.related_model
        if not isinstance(related, type) or related is model or related is Forum:
            continue
        direct = [f.name for f in related._meta.concrete_fields if f.related_model is Forum]
        if direct:
            return f"{field.name}__{direct[0]}"
    return None


def scoped(model: type[Model], request: HttpRequest) -> QuerySet[Any] | None:
    """`model`'s rows in the forums the user organises; None when there is nothing to scope."""
    lookup = forum_lookup(model)
    if lookup is None or request.user.is_superuser:
        return None
    forums = forums_for_organiser(request.user)
    return model._default_manager.filter(**{f"{lookup}__in": forums})


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A "by forum", "by category" … filter that names only the user's forums and their rows."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        rows = scoped(field.related_model, request)
        if rows is None:
            return super().field_choices(field, request, model_admin)
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to={"pk__in": rows.values("pk")}
        )


class ScopedChoices:
    """Every foreign-key and many-to-many choice list offers only the user's forums' rows."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        rows = scoped(db_field.related_model, request)
        if rows is not None and "queryset" not in kwargs:
            kwargs["queryset"] = rows
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        rows = scoped(db_field.related_model, request)
        if rows is not None and "queryset" not in kwargs:
            kwargs["queryset"] = rows
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class ForumScopedInline(ScopedChoices, admin.TabularInline):
    """An inline whose choice lists are scoped like its admin's."""


class ForumScopedAdmin(ScopedChoices, admin.ModelAdmin):
    """Admin that limits rows, choices and filters to the forums the user organises.

    `forum_path` is the lookup from the model to its Forum; `view_permission` is the rules
    permission that lets a user see rows of a forum, `change_permission` the one that lets them
    change rows (both checked against that forum, both declared in the app's rules.py).
    """

    form = CheckedModelForm
    forum_path = "forum"
    view_permission = ""  # every admin names its own: a new admin shows nothing by default
    change_permission = "core.change_forum"

    def __init__(self, model: type[Model], admin_site: Any) -> None:
        if not self.view_permission:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no view_permission")
        super().__init__(model, admin_site)

    def _forums(self, request: HttpRequest) -> QuerySet[Forum]:
        return forums_for_organiser(request.user)

    def _may_see(self, request: HttpRequest, forum: Forum | None) -> bool:
        user = request.user
        return user.has_perm(self.view_permission, forum) or user.has_perm(
            self.change_permission, forum
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        visible = [f.pk for f in self._forums(request) if self._may_see(request, f)]
        return qs.filter(**{f"{self.forum_path}__in": visible})

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and "__" not in entry:
                field = self.model._meta.get_field(entry)
                if field.is_relation:
                    entry = (entry, ScopedRelatedFilter)
            filters.append(entry)
        return filters

    def _forum(self, obj: Model | None) -> Forum | None:
        if obj is None:
            return None
        target: Any = obj
        for part in self.forum_path.split("__"):
            target = getattr(target, part)
        return forum_of(target)

    def has_module_permission(self, request: HttpRequest) -> bool:
        if not request.user.is_active:
            return False
        return any(self._may_see(request, f) for f in self._forums(request))

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is None:
            return self.has_module_permission(request)
        return self._may_see(request, self._forum(obj))

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
    view_permission = "core.view_forum"
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
    view_permission = "core.view_forum"
    list_display = ["__str__", "city", "forum", "synthetic"]
    list_filter = ["forum"]


@admin.register(Room)
class RoomAdmin(ForumScopedAdmin):
    view_permission = "core.view_forum"
    forum_path = "venue__forum"
    list_display = ["__str__", "capacity", "synthetic"]


@admin.register(Platform)
class PlatformAdmin(ForumScopedAdmin):
    view_permission = "core.view_forum"
    list_display = ["__str__", "code", "forum", "order"]


@admin.register(Organization)
class OrganizationAdmin(ForumScopedAdmin):
    view_permission = "core.view_forum"
    list_display = ["__str__", "kind", "country", "forum", "synthetic"]
    list_filter = ["kind", "country"]


@admin.register(Person)
class PersonAdmin(ForumScopedAdmin):
    view_permission = "core.view_people"
    list_display = ["name", "name_latin", "organization", "forum", "synthetic"]
    search_fields = ["name", "name_latin"]

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        # Contact details and photos only for the roles whose work needs them.
        forums = [self._forum(obj)] if obj is not None else list(self._forums(request))
        hidden = [*(super().get_exclude(request, obj) or [])]
        for field, permission in [
            ("email", "core.view_personal_data"),
            ("photo", "core.view_photo"),
        ]:
            if not any(request.user.has_perm(permission, f) for f in forums):
                hidden.append(field)
        return hidden

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # A replaced or cleared photo's file would otherwise stay on disk: personal data kept.
        old = Person.objects.get(pk=obj.pk).photo.name if change else ""
        super().save_model(request, obj, form, change)
        if old != obj.photo.name:
            discard_replaced(old)


@admin.register(ForumRole)
class ForumRoleAdmin(ForumScopedAdmin):
    view_permission = change_permission = "core.manage_roles"
    list_display = ["user", "role", "forum"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ForumScopedAdmin):
    view_permission = "core.view_audit"
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

    view_permission = "core.view_import_jobs"
    list_display = ["created_at", "kind", "file_name", "status", "done", "total", "forum"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
