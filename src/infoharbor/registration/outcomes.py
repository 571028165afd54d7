"""What registration contributes to outcome reports: who registered, was approved and came in
(core/figures.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infoharbor.core.figures import ATTENDANCE, COUNT, Figure, Trace, report_section
from infoharbor.core.models import Forum
from infoharbor.registration import queries
from infoharbor.registration.models import Participant


def desk_url(forum: Forum, **filters: str) -> str:
    url = reverse("registration:desk", args=[forum.slug])
    return f"{url}?{urlencode(filters)}" if filters else url


@report_section("participation", gettext_lazy("Participation"), order=20)
def participation_figures(forum: Forum) -> list[Figure]:
    standing = queries.standing_registrations(forum)
    if not standing:
        return []
    standing_trace = Trace(
        "registration.participants",
        {"status__not_in": [str(s) for s in queries.INACTIVE]},
        desk_url(forum),
    )
    approved = queries.approved_registrations(forum)
    checked_in = queries.checked_in_participants(forum)
    figures = [
        Figure(
            "participants.attendance",
            ATTENDANCE,
            _("Guests and participants"),
            standing,
            standing_trace,
        ),
        Figure("participants.registered", COUNT, _("Registered"), standing, standing_trace),
        Figure(
            "participants.approved",
            COUNT,
            _("Approved"),
            approved,
            Trace(
                "registration.participants",
                {"status": Participant.Status.APPROVED},
                desk_url(forum, status=Participant.Status.APPROVED),
            ),
        ),
    ]
    if checked_in:
        figures.append(
            Figure(
                "participants.checked_in",
                COUNT,
                _("Checked in"),
                checked_in,
                Trace(
                    "door.check_ins",
                    {"result": "allowed"},
                    reverse("door:checkins", args=[forum.slug]),
                ),
            )
        )
    return figures
