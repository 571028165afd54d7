"""The editions of a forum's series, and the attendance of each: the registrations that stand
when the edition ran here, else the attendance reported at the time (with its source)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from infoharbor.core.models import Forum
from infoharbor.registration import queries as registration_queries
from infoharbor.reports.queries import settings_of


def editions_of(forum: Forum) -> list[Forum]:
    """Every forum of `forum`'s series, earliest first (just `forum` when it has no series)."""
    settings = settings_of(forum)
    if not settings.series:
        return [forum]
    return list(
        Forum.objects.filter(report_settings__series=settings.series).order_by("start_date", "pk")
    )


REGISTRATIONS = "registrations"
REPORTED = "reported"


@dataclass(frozen=True)
class Attendance:
    forum: Forum
    count: int
    source: str  # REGISTRATIONS, or REPORTED at the time
    note: str  # where the figure comes from, in the reader's language


def attendance(forum: Forum) -> Attendance | None:
    standing = registration_queries.standing_registrations(forum)
    if standing:
        return Attendance(forum, standing, REGISTRATIONS, _("The registrations that stand."))
    settings = settings_of(forum)
    if settings.reported_attendance is None:
        return None
    return Attendance(
        forum, settings.reported_attendance, REPORTED, str(settings.attendance_source)
    )


def earlier_attendance(forum: Forum) -> list[Attendance]:
    """The attendance of each earlier edition that has one, earliest first."""
    found = []
    for edition in editions_of(forum):
        if edition.start_date < forum.start_date and (a := attendance(edition)) is not None:
            found.append(a)
    return found
