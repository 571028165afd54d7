import pytest

from infoharbor.core.models import AuditEntry
from infoharbor.registration.models import SessionCapacity, SessionChoice
from tests.factories import (
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_session,
    set_capacity,
)

pytestmark = pytest.mark.django_db


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
