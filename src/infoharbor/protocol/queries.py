"""Reads of the protocol office's work for public pages and a participant's private page: what
a ceremony signed (with the registry's counts and totals), a session's interpretation channels,
a person's seats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F

from infoharbor.program import kinds
from infoharbor.program.models import Session
from infoharbor.projects import queries as project_queries
from infoharbor.projects.queries import Group
from infoharbor.protocol.models import Booth, SeatAssignment

# The currency ceremony totals are shown in: the registry's own default.
TOTAL_CURRENCY = "CNY"


@dataclass(frozen=True)
class CeremonyOutcome:
    projects: list[Any]
    figures: Group | None  # the registry's count and total for this ceremony
    currency: str


def ceremony_outcome(session: Session) -> CeremonyOutcome | None:
    """The projects signed at a signing ceremony, in run-sheet order, and the registry's figures
    for them; None for other kinds of session."""
    if session.kind != kinds.SIGNING.code:
        return None
    forum = session.forum
    projects = list(
        project_queries.registry(forum, project_queries.ProjectFilter(session=session.slug))
        .annotate(run_order=F("signing__order"))
        .order_by(F("run_order").asc(nulls_last=True), "signed_on", "id")
    )
    statistics = project_queries.statistics(forum, "session", TOTAL_CURRENCY)
    figures = next((g for g in statistics.groups if g.key == session.slug), None)
    return CeremonyOutcome(projects, figures, TOTAL_CURRENCY)


def interpretation_channels(session: Session) -> list[Booth]:
    return list(session.booths.order_by("channel"))


# What the private page shows of a seat (protocol/_my_seat.html): the plan, its session, the
# table and the chair; a plan's drawing, a session's description are never read there.
SHOWN_OF_A_SEAT = (
    "number",
    "behind",
    "plan__public_id",
    "plan__name",
    "plan__session__title",
    "table__label",
)


def seats_of(person_id: int) -> list[SeatAssignment]:
    """Where a person sits on every seating plan, for their private page: one query, of the
    columns the page shows (`SHOWN_OF_A_SEAT`; any other is read when asked for)."""
    return list(
        SeatAssignment.objects.filter(person_id=person_id)
        .select_related("plan__session", "table")
        .only(*SHOWN_OF_A_SEAT)
        .order_by("plan_id")
    )
