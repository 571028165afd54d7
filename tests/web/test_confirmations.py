"""Destructive actions ask first (core/confirm.py): the first post changes nothing and shows a
confirmation page that posts the same fields back; only that confirmed post acts."""

import re

import pytest

from infoharbor.core import services as core_services
from infoharbor.core.models import ForumRole, Invitation
from infoharbor.program.models import Session
from infoharbor.protocol import services as protocol_services
from infoharbor.protocol.models import PrecedenceOverride
from infoharbor.registration.models import Participant
from tests.factories import (
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_person,
    make_session,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def forum():
    return make_forum(slug="harbor")


def hidden_fields(page) -> dict[str, str]:
    """The fields the confirmation page posts back (without the CSRF token)."""
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text)
    return {name: value for name, value in found if name != "csrfmiddlewaretoken"}


def ask_then_confirm(client, url, data=None):
    asked = client.post(url, data or {})
    assert asked.status_code == 200
    assert asked.templates[0].name == "core/confirm.html"
    fields = hidden_fields(asked)
    assert fields == {**(data or {}), "confirmed": "yes"}
    return asked, client.post(url, fields)


def test_participant_cancels_on_the_private_page_after_confirming(client, forum):
    participant = make_participant(make_category(forum))
    url = f"/en/forums/harbor/registration/{participant.token}/cancel/"
    asked = client.post(url)
    participant.refresh_from_db()
    assert participant.status == Participant.Status.APPROVED
    assert "Cancel your registration?" in asked.text
    _asked, done = ask_then_confirm(client, url)
    participant.refresh_from_db()
    assert (done.status_code, participant.status) == (302, Participant.Status.CANCELLED)


@pytest.mark.parametrize(
    ("data", "question"),
    [
        ({"decision": "cancel", "message": ""}, "Cancel the registration of"),
        ({"decision": "reject", "message": ""}, "Reject the registration of"),
        ({"badge": "revoke"}, "Revoke the badge of"),
        ({"badge": "reissue"}, "Issue a new badge to"),
    ],
)
def test_desk_confirms_cancel_reject_revoke_and_reissue(client, forum, data, question):
    participant = make_participant(make_category(forum, needs_approval=True))
    before = Participant.objects.values("status", "badge_revoked", "badge_code").get()
    client.force_login(make_organiser(forum, ForumRole.Role.REGISTRATION_DESK))
    url = f"/en/forums/harbor/orga/participants/{participant.person.public_id}/"

    asked, done = ask_then_confirm(client, url, data)

    assert question in asked.text
    assert done.status_code == 302
    after = Participant.objects.values("status", "badge_revoked", "badge_code").get()
    changed = {key for key in before if before[key] != after[key]}
    expected = {"cancel": {"status"}, "reject": {"status"}, "revoke": {"badge_revoked"}}
    assert changed == expected.get(data.get("decision") or data["badge"], {"badge_code"})


def test_desk_approves_without_a_confirmation(client, forum):
    participant = make_participant(make_category(forum, needs_approval=True))
    client.force_login(make_organiser(forum, ForumRole.Role.REGISTRATION_DESK))
    url = f"/en/forums/harbor/orga/participants/{participant.person.public_id}/"
    assert client.post(url, {"decision": "approve", "message": ""}).status_code == 302
    assert Participant.objects.get().status == Participant.Status.APPROVED


def test_session_is_deleted_only_once_confirmed(client, forum):
    session = make_session(forum, make_city("Nanning"), slug="visit", title="Port visit")
    client.force_login(make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR))
    url = "/en/forums/harbor/orga/sessions/visit/delete/"
    asked, done = ask_then_confirm(client, url)
    assert "Delete “Port visit”?" in asked.text
    assert done.url == "/en/forums/harbor/orga/timetable/"
    assert not Session.objects.filter(pk=session.pk).exists()


def test_session_in_use_is_refused_before_any_confirmation(client, forum):
    session = make_session(forum, make_city("Nanning"), slug="main", title="Main forum")
    make_participant(make_category(forum), [session])
    client.force_login(make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR))
    refused = client.post("/en/forums/harbor/orga/sessions/main/delete/", follow=True)
    assert refused.redirect_chain == [("/en/forums/harbor/orga/sessions/main/", 302)]
    assert [str(m) for m in refused.context["messages"]] == [
        "“Main forum” has 1 registration. Move it to another session or cancel it, "
        "then delete the session."
    ]
    assert Session.objects.filter(pk=session.pk).exists()


def test_session_delete_is_refused_to_the_registration_desk(client, forum):
    make_session(forum, make_city("Nanning"), slug="main")
    client.force_login(make_organiser(forum, ForumRole.Role.REGISTRATION_DESK))
    response = client.post("/en/forums/harbor/orga/sessions/main/delete/", {"confirmed": "yes"})
    assert response.status_code == 403


def test_withdrawing_an_invitation_asks_first(client, forum):
    owner = make_organiser(forum)
    invitation = core_services.invite(
        owner, forum, "guest@example.org", [ForumRole.Role.VIEWER], language="en"
    )
    client.force_login(owner)
    url = f"/en/forums/harbor/orga/team/invitations/{invitation.pk}/withdraw/"
    asked, _done = ask_then_confirm(client, url)
    assert "Withdraw the invitation to guest@example.org?" in asked.text
    assert Invitation.objects.get().withdrawn


def test_removing_a_precedence_exception_asks_first(client, forum):
    first, second = make_person(forum, "甲"), make_person(forum, "乙")
    override = protocol_services.override_precedence(None, forum, first, second, "Host country")
    client.force_login(make_organiser(forum))
    url = f"/en/forums/harbor/orga/protocol/precedence/overrides/{override.pk}/remove/"
    asked, _done = ask_then_confirm(client, url)
    assert "Remove this exception to the order of precedence?" in asked.text
    assert not PrecedenceOverride.objects.exists()
