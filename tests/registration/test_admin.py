import pytest

from infoharbor.core.models import AuditEntry
from infoharbor.registration.models import OutboxEmail, SessionCapacity, SessionChoice
from infoharbor.registration.outbox import deliver_due
from tests.factories import (
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_session,
    set_capacity,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def test_admin_capacity_change_goes_through_the_service_and_seats_the_waiting(client):
    forum = make_forum()
    session = make_session(forum, make_city(), slug="visit")
    set_capacity(session, 1)
    guest = make_category(forum)
    make_participant(guest, [session])
    waiting = make_participant(guest, [session])
    client.force_login(make_organiser(forum, role="program_editor"))

    response = client.post(
        f"/en/admin/registration/sessioncapacity/{session.pk}/change/",
        {"session": session.pk, "capacity": 2},
    )

    assert response.status_code == 302
    assert SessionCapacity.objects.get(session=session).seats_taken == 2
    assert SessionChoice.objects.get(participant=waiting).status == "seat"
    assert AuditEntry.objects.filter(action="session.capacity_changed").count() == 2


def test_admin_approve_action_records_the_desk_decision(client):
    forum = make_forum()
    participant = make_participant(make_category(forum, needs_approval=True))
    desk = make_organiser(forum, role="registration_desk")
    client.force_login(desk)

    client.post(
        "/en/admin/registration/participant/",
        {"action": "approve_selected", "_selected_action": [participant.pk]},
    )

    participant.refresh_from_db()
    assert participant.status == "approved"
    assert AuditEntry.objects.get(action="participant.approved").actor == desk


def test_admin_lists_only_participants_of_the_users_forums(client):
    mine, other = make_forum(), make_forum()
    make_participant(make_category(mine), person={"name": "Mine"})
    make_participant(make_category(other), person={"name": "Other"})
    client.force_login(make_organiser(mine, role="registration_desk"))

    response = client.get("/en/admin/registration/participant/")

    names = [p.person.name for p in response.context["cl"].result_list]
    assert names == ["Mine"]


def test_admin_outbox_shows_the_desk_who_was_written_to_but_never_the_body(client):
    forum = make_forum()
    participant = make_participant(make_category(forum), person={"email": "an@example.vn"})
    deliver_due()
    email = OutboxEmail.objects.get(participant=participant)
    assert participant.token in email.body
    client.force_login(make_organiser(forum, role="registration_desk"))

    page = client.get(f"/en/admin/registration/outboxemail/{email.pk}/change/").content.decode()

    assert "an@example.vn" in page
    assert participant.token not in page


@pytest.mark.parametrize(("role", "sees_phone"), [("registration_desk", True), ("viewer", False)])
def test_admin_participant_page_shows_the_phone_only_to_the_desk(client, role, sees_phone):
    forum = make_forum()
    participant = make_participant(make_category(forum), person={"phone": "+66 2 141 6747"})
    client.force_login(make_organiser(forum, role=role))

    page = client.get(f"/en/admin/registration/participant/{participant.pk}/change/")

    assert page.status_code == 200
    body = page.content.decode()
    assert ("+66 2 141 6747" in body, participant.token in body) == (sees_phone, False)
    assert participant.badge_code not in body


def test_admin_participant_search_by_email_only_for_the_desk(client):
    forum = make_forum()
    make_participant(make_category(forum), person={"email": "an@example.vn"})
    client.force_login(make_organiser(forum, role="viewer"))
    found = client.get("/en/admin/registration/participant/", {"q": "an@example.vn"})
    assert found.context["cl"].result_count == 0
    client.force_login(make_organiser(forum, role="registration_desk"))
    found = client.get("/en/admin/registration/participant/", {"q": "an@example.vn"})
    assert found.context["cl"].result_count == 1


def test_door_staff_cannot_open_a_participant_in_the_admin(client):
    forum = make_forum()
    participant = make_participant(make_category(forum))
    client.force_login(make_organiser(forum, role="door_staff"))
    assert (
        client.get(f"/en/admin/registration/participant/{participant.pk}/change/").status_code
        == 403
    )
