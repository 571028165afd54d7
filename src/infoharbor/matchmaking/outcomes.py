"""What B2B matchmaking contributes to outcome reports: meetings requested, scheduled and held,
and what came of them (core/figures.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infoharbor.core.figures import COUNT, Figure, Trace, report_section
from infoharbor.core.models import Forum
from infoharbor.matchmaking import queries
from infoharbor.matchmaking.models import Meeting


@report_section("meetings", gettext_lazy("B2B meetings"), order=40)
def meeting_figures(forum: Forum) -> list[Figure]:
    figures = queries.figures(forum)
    if not figures.requested:
        return []
    url = reverse("matchmaking:orga", args=[forum.slug])
    counted: list[tuple[str, str, int, dict[str, object]]] = [
        ("meetings.requested", _("Meetings requested"), figures.requested, {}),
        ("meetings.accepted", _("Requests accepted"), figures.accepted, {"status": "accepted"}),
        ("meetings.scheduled", _("Meetings scheduled"), figures.scheduled, {"slot__isnull": False}),
        (
            "meetings.held",
            _("Meetings held"),
            figures.held,
            {"attendance": Meeting.Attendance.HELD},
        ),
        (
            "meetings.agreements",
            _("Meetings that reached an agreement"),
            figures.outcomes.get(Meeting.Outcome.AGREEMENT, 0),
            {"outcome": Meeting.Outcome.AGREEMENT},
        ),
    ]
    return [
        Figure(key, COUNT, label, value, Trace("matchmaking.meetings", filters, url))
        for key, label, value, filters in counted
        if value
    ]
