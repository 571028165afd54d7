"""The B2B matchmaking in the organiser console."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infoharbor.core.console import Section, attention, console_entry
from infoharbor.core.models import Forum
from infoharbor.matchmaking import queries

console_entry(
    "matchmaking",
    _("B2B meetings"),
    "matchmaking:orga",
    "matchmaking.view_meetings",
    section=Section.REGISTRATION,
    order=40,
)


@attention("unplaced_meetings", "matchmaking.manage_meetings", url_name="matchmaking:orga")
def unplaced(forum: Forum) -> tuple[Promise, int]:
    return _("Accepted meetings without a slot"), queries.accepted_unplaced(forum).count()
