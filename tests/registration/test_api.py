import json

import pytest
from django.core import mail

from infoharbor.registration.models import Participant
from infoharbor.registration.outbox import deliver_due
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


@pytest.fixture
def forum():
    forum = make_forum(slug="harbor")
    make_category(forum, "enterprise", needs_approval=True)
    make_question(forum, "diet", kind="choice", options=[{"value": "halal", "label": "Halal"}])
    return forum


def _post(client, slug, payload):
    return client.post(
        f"/api/v1/forums/{slug}/registrations",
        json.dumps(payload),
        content_type="application/json",
    )


def test_api_registration_answers_status_outcomes_and_private_link(client, forum, settings):
    settings.INFOHARBOR_BASE_URL = "https://forum.example"
    city = make_city()
    full = make_session(forum, city, slug="signing")
    make_session(forum, city, slug="exhibition", start=at(12, "14:00"))
    set_capacity(full, 0)

    response = _post(
        client,
        "harbor",
        {
            "person": {"name": "Nguyễn Văn An", "email": "an@example.vn", "country": "VN"},
            "category": "enterprise",
            "language": "vi",
            "answers": {"diet": "halal"},
            "sessions": ["signing", "exhibition"],
        },
    )

    assert response.status_code == 201
    participant = Participant.objects.get()
    body = response.json()
    assert body == {
        "status": "pending",
        "sessions": [
            {"session": "signing", "status": "waiting", "position": 1},
            {"session": "exhibition", "status": "seat", "position": None},
        ],
        "link": f"https://forum.example/vi/forums/harbor/registration/{participant.token}/",
    }
    assert participant.source == Participant.Source.API
    assert participant.language == "vi"


def test_api_registration_names_each_bad_field(client, forum):
    response = _post(
        client,
        "harbor",
        {
            "person": {"name": "", "email": "nope"},
            "category": "astronaut",
            "answers": {"diet": "beef"},
            "sessions": ["nowhere"],
        },
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "person.name": ["Give the name as written in your own script."],
            "person.email": ["Give a valid email address."],
            "category": ["Choose one of the forum's categories."],
            "answers.diet": ["Choose one of the options."],
            "sessions": ["No such session: nowhere"],
        }
    }
    assert Participant.objects.count() == 0


def test_api_registration_with_wrong_types_is_a_4xx_naming_the_field(client, forum):
    response = _post(client, "harbor", {"person": {"name": "A"}, "sessions": "signing"})

    assert response.status_code == 422
    assert set(response.json()["detail"]) == {"person.email", "category", "sessions"}


def test_api_registration_unknown_forum_is_404(client):
    payload = {"person": {"name": "A", "email": "a@b.org"}, "category": "enterprise"}

    response = _post(client, "nowhere", payload)

    assert response.status_code == 404


def test_api_registration_email_goes_out_in_the_participants_language(client, forum):
    _post(
        client,
        "harbor",
        {"person": {"name": "ສົມພອນ", "email": "s@example.la"}, "category": "enterprise"},
    )
    deliver_due()

    assert [(m.to, m.extra_headers["Content-Language"]) for m in mail.outbox] == [
        (["s@example.la"], "zh-hans")
    ]
