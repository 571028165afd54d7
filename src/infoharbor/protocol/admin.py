"""The protocol office's data in Django's admin: where ranks, settings, dignitaries, plans and
interpreters are entered and corrected; the officer's own pages are under /orga/protocol/.
Ranks, settings and dignitaries are saved through the services, so they are checked and audited."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from infoharbor.core.admin import ForumScopedAdmin, ForumScopedInline
from infoharbor.protocol import services
from infoharbor.protocol.models import (
    Booth,
    Dignitary,
    Interpreter,
    PrecedenceOverride,
    ProtocolSettings,
    Rank,
    RoomLayout,
    RunSheet,
    SeatAssignment,
    SeatingPlan,
    SeatingRule,
    SeatingTable,
    Signatory,
    Signing,
)


@admin.register(ProtocolSettings)
class ProtocolSettingsAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    list_display = ["forum", "host_country", "host_last", "tie_break", "guest_side"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.save_settings(request.user, obj)


@admin.register(Rank)
class RankAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    list_display = ["name", "code", "order", "forum"]
    list_filter = ["forum"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.save_rank(request.user, obj)


@admin.register(Dignitary)
class DignitaryAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    list_display = ["person", "rank", "arrived_at"]
    list_filter = ["forum", "rank"]
    raw_id_fields = ["person"]
    exclude = ["forum"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        saved = services.set_dignitary(request.user, obj.person, obj.rank, obj.arrived_at)
        obj.pk, obj.forum_id = saved.pk, saved.forum_id


@admin.register(PrecedenceOverride)
class PrecedenceOverrideAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    list_display = ["person", "before", "reason", "created_by", "created_at"]
    raw_id_fields = ["person", "before"]


class SignatoryInline(ForumScopedInline):
    model = Signatory
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Signing)
class SigningAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    forum_path = "run_sheet__session__forum"
    list_display = ["project", "run_sheet", "order", "minutes"]
    raw_id_fields = ["project"]
    inlines = [SignatoryInline]


@admin.register(RunSheet)
class RunSheetAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    forum_path = "session__forum"
    list_display = ["session", "opening_minutes", "closing_minutes"]


class SeatingTableInline(ForumScopedInline):
    model = SeatingTable
    extra = 0


@admin.register(RoomLayout)
class RoomLayoutAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    forum_path = "room__venue__forum"
    list_display = ["room", "width", "depth"]
    inlines = [SeatingTableInline]


@admin.register(SeatingPlan)
class SeatingPlanAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    list_display = ["name", "forum", "session", "room"]
    inlines = [SeatingTableInline]
    filter_horizontal = ["guests"]


@admin.register(SeatAssignment)
class SeatAssignmentAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    forum_path = "plan__forum"
    list_display = ["person", "plan", "table", "number", "behind", "fixed"]
    raw_id_fields = ["person"]


@admin.register(SeatingRule)
class SeatingRuleAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    forum_path = "plan__forum"
    list_display = ["plan", "kind", "person", "other"]
    raw_id_fields = ["person", "other"]


@admin.register(Interpreter)
class InterpreterAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    list_display = ["person", "pairs"]
    raw_id_fields = ["person"]


@admin.register(Booth)
class BoothAdmin(ForumScopedAdmin):
    view_permission = "protocol.view_protocol"
    change_permission = "protocol.change_protocol"
    forum_path = "session__forum"
    list_display = ["session", "language", "relay_from", "channel", "needed"]
    filter_horizontal = ["interpreters"]
