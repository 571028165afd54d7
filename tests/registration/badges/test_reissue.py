"""Lost and withdrawn badges at the registration desk and in the admin."""

import pytest

from infoharbor.core.models import AuditEntry
from infoharbor.registration.badges import services as batches
from infoharbor.registration.models import BadgeBatch, Participant, ReplacedBadge
from tests.factories import make_approved_participant, make_category, make_forum, make_organiser

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def forum():
    return make_forum(slug="harbor")


@pytest.fixture
def participant(forum):
    return make_approved_participant(make_category(forum, "delegate"))


def test_desk_issues_a_new_badge_for_a_lost_one(client, forum, participant):
    desk = make_organiser(forum, role="registration_desk")
    client.force_login(desk)
    url = f"/en/forums/harbor/orga/participants/{participant.person.public_id}/"

    response = client.post(url, {"badge": "reissue", "confirmed": "yes"})

    assert (response.status_code, response["Location"]) == (302, url)
    fresh = Participant.objects.get(pk=participant.pk)
    assert fresh.badge_code != participant.badge_code
    assert list(ReplacedBadge.objects.values_list("badge_code", flat=True)) == [
        participant.badge_code
    ]
    assert AuditEntry.objects.get(action="participant.badge_reissued").actor == desk
    assert 'data-badge="valid"' in client.get(url).content.decode()


def test_desk_revokes_a_badge_and_viewers_cannot(client, forum, participant):
    url = f"/en/forums/harbor/orga/participants/{participant.person.public_id}/"
    client.force_login(make_organiser(forum, role="viewer"))
    assert client.post(url, {"badge": "revoke"}).status_code == 403

    client.force_login(make_organiser(forum, role="registration_desk"))
    client.post(url, {"badge": "revoke", "confirmed": "yes"})

    assert Participant.objects.get(pk=participant.pk).badge_revoked is True
    assert 'data-badge="revoked"' in client.get(url).content.decode()


def test_admin_actions_revoke_and_reissue_badges_through_the_services(client, forum, participant):
    client.force_login(make_organiser(forum, role="registration_desk"))
    for action in ["revoke_badges", "reissue_badges"]:
        client.post(
            "/en/admin/registration/participant/",
            {"action": action, "_selected_action": [participant.pk]},
        )
    fresh = Participant.objects.get(pk=participant.pk)
    assert (fresh.badge_revoked, fresh.badge_code != participant.badge_code) == (True, True)
    assert list(
        AuditEntry.objects.filter(action__startswith="participant.badge")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["participant.badge_revoked", "participant.badge_reissued"]


def test_admin_category_change_goes_through_the_service(client, forum, participant):
    speaker = make_category(forum, "speaker")
    client.force_login(make_organiser(forum, role="registration_desk"))
    response = client.post(
        f"/en/admin/registration/participant/{participant.pk}/change/",
        {"category": speaker.pk, "delegation": "", "language": "en", "phone": "+856 21 000"},
    )
    assert response.status_code == 302
    fresh = Participant.objects.get(pk=participant.pk)
    assert (fresh.category, fresh.phone) == (speaker, "+856 21 000")
    assert AuditEntry.objects.filter(action="participant.category_changed").count() == 1


def test_batch_pages_show_a_dead_batch_as_failed_without_writing(client, forum, participant):
    batch = batches.start_batch(None, forum, category=participant.category)
    BadgeBatch.objects.filter(pk=batch.pk).update(
        status="running", heartbeat_at=batch.heartbeat_at - batches.STALE_AFTER * 2
    )
    client.force_login(make_organiser(forum, role="registration_desk"))

    state = client.get(f"/en/forums/harbor/orga/badges/{batch.public_id}/?format=json").json()
    listing = client.get("/en/forums/harbor/orga/badges/").content.decode()

    assert state["status"] == "failed"
    assert 'data-status="failed"' in listing
    assert BadgeBatch.objects.get(pk=batch.pk).status == "running"  # a read wrote nothing
