"""API for registration: delegations' own systems register their people here."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view

from infoharbor.api import errors, idempotency
from infoharbor.core.models import Organization, Person
from infoharbor.core.queries import public_forum
from infoharbor.core.text_input import max_length_of
from infoharbor.registration import queries, services
from infoharbor.registration.models import Category, Participant
from infoharbor.registration.outbox import manage_url

router = Router(tags=["registration"])


class PersonIn(Schema):
    name: str = Field(
        description="The name in the person's own script.", max_length=max_length_of(Person, "name")
    )
    name_latin: str = Field("", max_length=max_length_of(Person, "name_latin"))
    honorific: str = ""
    position: str = ""
    organization: str = ""
    organization_kind: str = Field(
        Organization.Kind.ENTERPRISE.value,
        description="government, enterprise, academic, association, fund, media, international",
    )
    country: str = Field("", description="ISO 3166-1 alpha-2, e.g. TH.")
    email: str = Field(max_length=max_length_of(Person, "email"))
    phone: str = Field("", max_length=max_length_of(Participant, "phone"))


class RegistrationIn(Schema):
    person: PersonIn
    category: str = Field(
        description="The category's code.", max_length=max_length_of(Category, "code")
    )
    language: str | None = Field(None, description="For emails; the forum's default if absent.")
    answers: dict[str, str] = Field(default_factory=dict, description="Question code → answer.")
    sessions: list[str] = Field(default_factory=list, description="Session slugs.")


class SessionOutcomeOut(Schema):
    session: str
    status: str = Field(description="seat or waiting")
    position: int | None = Field(description="Place on the waiting list, from 1.")


class RegistrationOut(Schema):
    status: str
    sessions: list[SessionOutcomeOut]
    link: str = Field(description="The participant's private link: keep it secret.")


@router.post(
    "/forums/{slug}/registrations",
    response={201: RegistrationOut, 422: errors.FieldsOut},
    summary="Register a participant",
    openapi_extra={
        **idempotency.OPENAPI_EXTRA,
        **errors.documented(
            400,
            404,
            422,
            typed=(422,),
            examples={422: {"detail": {"category": ["Choose one of the forum's categories."]}}},
        ),
    },
)
@decorate_view(idempotency.idempotent)
def create_registration(
    request: HttpRequest, slug: str, payload: RegistrationIn
) -> Status[dict[str, object]]:
    forum = public_forum(slug)
    person = payload.person
    data = services.RegistrationInput(
        person=services.PersonInput(**person.dict()),
        category=payload.category,
        language=payload.language or forum.default_language,
        answers=payload.answers,
        sessions=payload.sessions,
    )
    # The offer kept for the forum's content version, as the web form reads it: an edit to
    # categories, questions or sessions is seen by the next request.
    offer = queries.registration_offer(forum)
    result = services.register(forum, data, source=Participant.Source.API, offer=offer)
    return Status(
        201,
        {
            "status": result.participant.status,
            "sessions": [
                {"session": o.session.slug, "status": o.status, "position": o.position}
                for o in result.outcomes
            ],
            "link": manage_url(result.participant),
        },
    )
