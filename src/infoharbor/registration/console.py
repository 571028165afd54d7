"""Registration, badges and the door in the organiser console, and what needs attention there."""

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infoharbor.core.console import Section, attention, console_entry
from infoharbor.core.models import Forum
from infoharbor.registration import queries
from infoharbor.registration.door import queries as door_queries

console_entry(
    "desk",
    _("Registration desk"),
    "registration:desk",
    "registration.view_participant",
    section=Section.REGISTRATION,
    order=10,
)
console_entry(
    "import_participants",
    _("Import a delegation"),
    "registration:import",
    "registration.import_participants",
    section=Section.REGISTRATION,
    order=20,
)
console_entry(
    "mailings",
    _("Write to participants"),
    "registration:mailings",
    "registration.write_to_participants",
    section=Section.REGISTRATION,
    order=30,
)
console_entry(
    "email_templates",
    _("Participant emails"),
    "registration:email_templates",
    "registration.change_email_templates",
    section=Section.REGISTRATION,
    order=35,
)
console_entry(
    "badges",
    _("Badge batches"),
    "badges:batches",
    "registration.print_badges",
    section=Section.DOOR,
    order=10,
)
console_entry(
    "door",
    _("Door check-in"),
    "door:door",
    "registration.check_in",
    section=Section.DOOR,
    order=20,
)
console_entry(
    "checkins",
    _("Check-ins and live counts"),
    "door:checkins",
    "registration.view_checkins",
    section=Section.DOOR,
    order=30,
)


@attention("pending", "registration.review_participant", url_name="registration:desk")
def pending_reviews(forum: Forum) -> tuple[Promise, int]:
    return _("Registrations waiting for review"), queries.awaiting_review(forum)


@attention("waiting_lists", "registration.view_participant", url_name="program:timetable")
def full_sessions(forum: Forum) -> tuple[Promise, int]:
    return _("Full sessions with a waiting list"), queries.sessions_with_waiting_list(forum)


@attention("failed_emails", "registration.review_participant", url_name="registration:desk")
def failed_emails(forum: Forum) -> tuple[Promise, int]:
    return _("Emails that could not be sent"), queries.failed_emails(forum)


@attention("failed_batches", "registration.print_badges", url_name="badges:batches")
def failed_batches(forum: Forum) -> tuple[Promise, int]:
    return _("Badge batches that failed"), queries.failed_badge_batches(forum)


@attention("checkins_today", "registration.view_checkins", url_name="door:checkins")
def checkins_today(forum: Forum) -> tuple[Promise, int]:
    today = timezone.localdate(timezone=forum.tz)
    return _("Entries today"), door_queries.entries_on(forum, today)
