"""What one customer of a registration rush costs the database (the form, the post, the private
page: benchmarks/bench_registration_rush.py), and that the structure the form and the service
share follows every edit."""

import re

import pytest
from django import forms
from django.test import Client
from django.utils import translation

from infoharbor.core.models import AuditEntry
from infoharbor.core.translated import TranslatedText
from infoharbor.registration.forms import PhotoForm
from infoharbor.registration.models import OutboxEmail, Participant, SessionChoice
from tests.factories import (
    at,
    make_category,
    make_city,
    make_forum,
    make_question,
    make_session,
    set_capacity,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

URL = "/en/forums/rush/register/"


@pytest.fixture
def forum():
    forum = make_forum(slug="rush")
    make_category(forum, "guest", needs_approval=False)
    return forum


@pytest.fixture
def session(forum):
    session = make_session(forum, make_city("Nanning"), slug="main")
    set_capacity(session, 100)
    return session


def _data(number: int, **overrides: str) -> dict[str, str]:
    return {
        "name": "参会者",
        "email": f"rush-{number}@example.org",
        "organization_kind": "enterprise",
        "category": "guest",
        "sessions": "main",
        **overrides,
    }


def _customer(number: int) -> tuple[Client, str]:
    """A customer who loaded the form and registered: their client and private page."""
    client = Client()
    client.get(URL)
    response = client.post(URL, _data(number))
    assert response.status_code == 302
    return client, response["Location"]


def test_the_registration_form_costs_two_queries(session, django_assert_num_queries):
    _customer(0)  # the structure and the blank form are kept from here on
    with django_assert_num_queries(2):  # the forum, the seats left
        response = Client().get(URL)
    assert 'value="main"' in response.content.decode()


def test_a_registration_costs_eleven_queries_with_its_email_and_audit_entry(
    session, django_assert_num_queries
):
    _customer(0)
    client = Client()
    client.get(URL)
    # the forum, the email's check, a savepoint, the person and their search entry, the
    # participant, the email, the seats' counter, the choice, the audit entry, the savepoint's
    # release
    with django_assert_num_queries(11):
        response = client.post(URL, _data(1))

    participant = Participant.objects.get(email_key="rush-1@example.org")
    assert response["Location"] == f"/en/forums/rush/registration/{participant.token}/"
    assert list(
        SessionChoice.objects.filter(participant=participant).values_list("session__slug", "status")
    ) == [("main", SessionChoice.Status.SEAT)]
    assert list(OutboxEmail.objects.filter(participant=participant).values_list("kind")) == [
        (OutboxEmail.Kind.APPROVED,)
    ]
    assert (
        AuditEntry.objects.filter(
            action="participant.registered", object_id=str(participant.pk)
        ).count()
        == 1
    )


def test_the_private_page_costs_six_queries(session, django_assert_num_queries):
    _customer(0)
    client, page = _customer(1)
    # the forum, the participant, their choices (the sessions are the offer's), their answers,
    # their seats at a ceremony, the seats left
    with django_assert_num_queries(6):
        response = client.get(page)
    html = response.content.decode()
    assert 'data-status="seat"' in html
    assert 'name="photo"' in html and 'name="sessions"' in html


def _my_sessions(html: str) -> dict[str, str]:
    """The private page's sessions: each one's slug, and what it says of the seat."""
    return dict(re.findall(r'<li data-session="([^"]+)"[^>]*>[^<]* — ([^<]*)</li>', html))


def test_the_private_page_reads_every_waiting_position_in_one_query(
    forum, session, django_assert_num_queries
):
    set_capacity(session, 1)
    dialogue = make_session(forum, session.city, slug="dialogue", start=at(13, "09:00"))
    set_capacity(dialogue, 0)
    _customer(0)  # the seat at the main forum
    Client().post(URL, _data(1, sessions="dialogue"))  # first on the dialogue's waiting list
    client = Client()
    client.get(URL)
    registered = client.post(URL, {**_data(2), "sessions": ["main", "dialogue"]})
    page = registered["Location"]

    # the six of a seat, and the positions on both waiting lists in one
    with django_assert_num_queries(7):
        response = client.get(page)
    assert _my_sessions(response.content.decode()) == {
        "main": "waiting list, position 1",
        "dialogue": "waiting list, position 2",
    }


def test_the_private_pages_kept_photo_form_is_what_django_renders(session):
    first = _customer(0)
    second = _customer(1)
    pages = [client.get(page).content.decode() for client, page in (first, second)]

    with translation.override("en"):
        rendered = str(forms.Form.render(PhotoForm(), PhotoForm.template_name_div))
    assert rendered in pages[0] and rendered in pages[1]
    assert 'accept="image/jpeg,image/png,image/webp"' in rendered


def test_a_registration_is_checked_against_the_forum_as_edited_just_before(forum, session):
    _customer(0)
    make_session(forum, make_city("Beihai"), slug="visit")
    make_question(forum, "diet", required=True, label=TranslatedText("Your diet"))
    guest = forum.categories.get(code="guest")

    client = Client()
    client.get(URL)
    refused = client.post(URL, _data(1, sessions="visit"))
    assert refused.status_code == 200
    assert refused.context["form"].errors == {"q_diet": ["This field is required."]}

    registered = client.post(URL, _data(1, sessions="visit", q_diet="halal"))
    assert registered.status_code == 302
    participant = Participant.objects.get(email_key="rush-1@example.org")
    assert list(
        SessionChoice.objects.filter(participant=participant).values_list(
            "session__slug", flat=True
        )
    ) == ["visit"]
    assert list(participant.answers.values_list("question__code", "value")) == [("diet", "halal")]

    guest.is_public = False
    guest.save()
    closed = Client().post(URL, _data(2, q_diet="halal"))
    assert closed.status_code == 200
    assert list(closed.context["form"].errors) == ["category"]
    assert not Participant.objects.filter(email_key="rush-2@example.org").exists()


API = "/api/v1/forums/rush/registrations"


def _api_registration(number: int, **fields: object) -> dict[str, object]:
    person = {"name": "参会者", "email": f"api-{number}@example.org"}
    return {"person": person, "category": "guest", "sessions": ["main"], **fields}


def test_an_api_registration_reads_the_offer_kept_for_the_forums_version(
    client, session, django_assert_num_queries
):
    assert (
        client.post(API, _api_registration(0), content_type="application/json").status_code == 201
    )
    # the forum, the email's check, a savepoint, the person and their search entry, the
    # participant, the email, the seats' counter, the choice, the audit entry, the savepoint's
    # release: the categories, questions and sessions are kept
    with django_assert_num_queries(11):
        response = client.post(API, _api_registration(1), content_type="application/json")
    assert response.status_code == 201
    assert response.json()["sessions"] == [{"session": "main", "status": "seat", "position": None}]


def test_an_api_registration_is_checked_against_the_forum_as_edited_just_before(
    client, forum, session
):
    assert (
        client.post(API, _api_registration(0), content_type="application/json").status_code == 201
    )
    make_question(forum, "diet", required=True, label=TranslatedText("Your diet"))

    refused = client.post(API, _api_registration(1), content_type="application/json")
    assert refused.status_code == 422
    assert refused.json() == {"detail": {"answers.diet": ["This question needs an answer."]}}
