"""Template tags for the protocol office's parts of other apps' pages: a ceremony's signed
projects and the interpretation channels on the session page, the seat on the participant's page."""

from __future__ import annotations

from typing import Any

from django import template

from infoharbor.program.models import Session
from infoharbor.protocol import queries

register = template.Library()


@register.simple_tag
def ceremony_outcome(session: Session) -> queries.CeremonyOutcome | None:
    return queries.ceremony_outcome(session)


@register.simple_tag
def interpretation_channels(session: Session) -> list[Any]:
    return queries.interpretation_channels(session)


@register.simple_tag
def my_seats(person_id: int) -> list[Any]:
    return queries.seats_of(person_id)
