"""Private-link tokens and badge codes live only in the participant's own row (issue 8).

A participant's whole life is played through the real entrances (the public form, the API, the
desk, the private link, badge printing, the door's API); then every cell of every table and every
log record is searched for the token and the badge code.
"""

import json
import logging

import pytest

from infoharbor.registration.badges import services as badge_services
from infoharbor.registration.badges.rendering import badge_token
from infoharbor.registration.models import OutboxEmail, Participant
from infoharbor.registration.outbox import deliver_due
from tests.factories import (
    at,
    make_api_token,
    make_category,
    make_city,
    make_door_staff,
    make_forum,
    make_organiser,
    make_session,
    set_capacity,
)
from tests.tables import cells_containing

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.INFOHARBOR_BASE_URL = "https://forum.example"


def _live_a_forum(client):
    """Two participants registered, approved, re-seated, badged and checked in."""
    forum = make_forum(slug="harbor")
    make_category(forum, "official", needs_approval=True)
    city = make_city("Nanning")
    make_session(forum, city, slug="main-forum", title="Main forum", start=at(12, "09:00"))
    visit = make_session(forum, city, slug="visit", title="Visit", start=at(12, "14:00"))
    set_capacity(visit, 1)

    client.post(
        "/en/forums/harbor/register/",
        {
            "name": "สมชาย ใจดี",
            "name_latin": "Somchai Jaidee",
            "organization": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
            "organization_kind": "government",
            "country": "TH",
            "email": "somchai@example.th",
            "phone": "+66 2 141 6747",
            "category": "official",
            "sessions": ["main-forum"],
        },
    )
    client.post(
        "/api/v1/forums/harbor/registrations",
        json.dumps(
            {
                "person": {"name": "Nguyễn Văn An", "email": "an@example.vn", "phone": "+84 1"},
                "category": "official",
                "language": "vi",
                "sessions": ["main-forum"],
            }
        ),
        content_type="application/json",
    )
    participants = list(Participant.objects.order_by("pk"))
    assert len(participants) == 2

    client.force_login(make_organiser(forum, role="registration_desk"))
    for p in participants:
        client.post(
            f"/en/forums/harbor/orga/participants/{p.person.public_id}/", {"decision": "approve"}
        )
    batch = client.post("/en/forums/harbor/orga/badges/", {"category": ""})
    assert batch.status_code == 302
    badge_services.render_batch(forum.badge_batches.get().pk)
    client.logout()

    for p in participants:
        base = f"/en/forums/harbor/registration/{p.token}"
        client.post(f"{base}/sessions/", {"sessions": ["main-forum", "visit"]})
        assert client.get(f"{base}/badge.pdf").status_code == 200

    door = {"Authorization": f"Bearer {make_api_token(make_door_staff(forum))}"}
    for p in participants:
        scan = client.post(
            "/api/v1/forums/harbor/checkins",
            json.dumps(
                {
                    "code": badge_token(p),
                    "door": "Hall A",
                    "session": "main-forum",
                    "scanned_at": "2018-09-12T09:05:00+08:00",
                }
            ),
            content_type="application/json",
            headers=door,
        )
        assert scan.json()["allowed"] is True
    assert deliver_due().sent == OutboxEmail.objects.count()
    return participants


def test_token_and_badge_code_live_only_in_their_own_row_and_the_participants_emails(
    client, caplog
):
    caplog.set_level(logging.DEBUG)
    participants = _live_a_forum(client)

    for p in participants:
        p.refresh_from_db()
        # The body is rendered when sent, and holds the private link: only emails to them.
        emails = {
            ("registration_outboxemail", "body", pk)
            for pk in OutboxEmail.objects.filter(participant=p, status="sent").values_list(
                "pk", flat=True
            )
        }
        assert len(emails) >= 4  # received, approved, badge ready, sessions changed
        assert cells_containing(p.token) == {("registration_participant", "token", p.pk)} | emails
        assert cells_containing(p.badge_code) == {("registration_participant", "badge_code", p.pk)}
        logged = [record.getMessage() for record in caplog.records]
        assert [line for line in logged if p.token in line or p.badge_code in line] == []
    for contact in ["somchai@example.th", "+66 2 141 6747", "an@example.vn", "+84 1"]:
        tables = {table for table, _column, _row in cells_containing(contact)}
        assert "core_auditentry" not in tables
