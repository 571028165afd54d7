"""The organiser console: each role's menu, what needs attention, the team and the audit log."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone, translation

from infoharbor.core import audit, console, services, tasks
from infoharbor.core.forms import field_label, field_value, related_names
from infoharbor.core.models import AuditEntry, ForumRole, Invitation
from infoharbor.registration import services as registration_services
from infoharbor.registration.models import Participant
from tests.factories import (
    make_category,
    make_forum,
    make_organiser,
    make_participant,
    make_user,
    text,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Role = ForumRole.Role

EVERYONE = {
    "program",
    "timetable",
    "releases",
    "projects",
    "checkins",
    "desk",
    "matchmaking",
    "protocol",
    "precedence",
    "interpretation",
    "dashboard",
    "report_draft",
    "room_layouts",
}
MENUS = {
    Role.OWNER: EVERYONE
    | {
        "new_session",
        "new_project",
        "import_projects",
        "exchange_rates",
        "import_participants",
        "badges",
        "door",
        "settings",
        "team",
        "audit",
        "mailings",
        "email_templates",
        "press_release",
        "ranks",
    },
    Role.PROGRAM_EDITOR: EVERYONE | {"new_session", "press_release"},
    Role.REGISTRATION_DESK: EVERYONE
    | {"import_participants", "badges", "mailings", "email_templates"},
    Role.DOOR_STAFF: EVERYONE | {"door"},
    Role.PROJECT_REGISTRAR: EVERYONE | {"new_project", "import_projects", "exchange_rates"},
    Role.VIEWER: EVERYONE | {"audit"},
    Role.PROTOCOL_OFFICER: EVERYONE | {"ranks"},
}


def entry_keys(user, forum) -> set[str]:
    return {link.key for section in console.menu(user, forum) for link in section.links}


@pytest.mark.parametrize("role", list(Role))
def test_console_menu_shows_exactly_what_the_role_may_use(role):
    forum = make_forum()
    assert entry_keys(make_organiser(forum, role), forum) == MENUS[role]


def test_console_menu_of_another_forums_owner_is_empty():
    forum = make_forum()
    assert entry_keys(make_organiser(make_forum()), forum) == set()


def test_console_page_links_every_menu_entry_and_pending_reviews(client):
    forum = make_forum()
    make_participant(make_category(forum, needs_approval=True))
    owner = make_organiser(forum)
    client.force_login(owner)
    page = client.get(f"/en/forums/{forum.slug}/orga/").content.decode()
    links = set(re.findall(r'data-entry="([a-z_]+)"', page))
    assert links == MENUS[Role.OWNER]
    assert re.search(r'data-check="pending"><a href="[^"]+"><span class="count">1</span>', page)


def test_console_page_is_refused_to_users_without_a_role(client):
    forum = make_forum()
    client.force_login(make_user())
    assert client.get(f"/en/forums/{forum.slug}/orga/").status_code == 403


def test_console_link_appears_in_the_forum_header_for_organisers_only(client):
    forum = make_forum(is_published=True)
    assert "/orga/" not in client.get(f"/en/forums/{forum.slug}/").content.decode()
    client.force_login(make_organiser(forum, Role.DOOR_STAFF))
    assert (
        f'href="/en/forums/{forum.slug}/orga/"'
        in client.get(f"/en/forums/{forum.slug}/").content.decode()
    )


def test_invitation_creates_an_account_with_the_roles(client, django_capture_on_commit_callbacks):
    forum = make_forum()
    owner = make_organiser(forum)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            f"/en/forums/{forum.slug}/orga/team/",
            {"email": "editor@example.org", "roles": [Role.PROGRAM_EDITOR], "language": "th"},
        )
    assert "core.send_invitation" in [attempt.name for attempt in tasks.run_pending()]
    assert answer.status_code == 302
    [email] = mail.outbox
    assert email.to == ["editor@example.org"]
    assert "เชิญ" in email.subject
    link = re.search(r"http://[^\s]+/invitations/([\w-]+)/", email.body)
    assert link is not None
    client.logout()
    page = client.post(
        f"/en/invitations/{link.group(1)}/",
        {"password": "harbour-lights-42", "password_again": "harbour-lights-42"},
    )
    assert page.status_code == 302
    assert page.url == f"/en/forums/{forum.slug}/orga/"
    grant = ForumRole.objects.get(forum=forum, user__username="editor@example.org")
    assert grant.role == Role.PROGRAM_EDITOR
    assert client.get(page.url).status_code == 200
    assert client.get(f"/en/invitations/{link.group(1)}/").status_code == 410


def test_invitation_accepted_with_a_signed_in_account(client):
    forum = make_forum()
    invitation = services.invite(None, forum, "x@example.org", [Role.VIEWER], language="en")
    colleague = make_user()
    client.force_login(colleague)
    assert client.post(f"/en/invitations/{invitation.token}/").status_code == 302
    assert set(ForumRole.objects.filter(user=colleague).values_list("role", flat=True)) == {
        Role.VIEWER
    }


def test_invitation_with_mismatched_passwords_names_the_field(client):
    forum = make_forum()
    invitation = services.invite(None, forum, "x@example.org", [Role.VIEWER], language="en")
    page = client.post(
        f"/en/invitations/{invitation.token}/",
        {"password": "harbour-lights-42", "password_again": "harbour-lights-43"},
    )
    assert page.status_code == 200
    assert "The two passwords differ." in page.content.decode()
    assert not ForumRole.objects.filter(forum=forum, role=Role.VIEWER).exists()


def test_expired_or_withdrawn_invitation_is_refused():
    forum = make_forum()
    invitation = services.invite(None, forum, "x@example.org", [Role.VIEWER], language="en")
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - dt.timedelta(days=15)
    )
    with pytest.raises(services.TeamError, match="expired"):
        services.open_invitation(invitation.token)
    other = services.invite(None, forum, "y@example.org", [Role.VIEWER], language="en")
    services.withdraw_invitation(None, other)
    with pytest.raises(services.TeamError, match="withdrawn"):
        services.open_invitation(other.token)


def test_unknown_role_in_an_invitation_is_refused():
    with pytest.raises(services.TeamError, match="Unknown role: pope"):
        services.invite(None, make_forum(), "x@example.org", ["pope"], language="en")


def test_last_owner_cannot_be_removed_but_another_role_can(client):
    forum = make_forum()
    owner = make_organiser(forum)
    services.grant_role(None, forum, owner, Role.VIEWER)
    client.force_login(owner)
    team = f"/en/forums/{forum.slug}/orga/team/{owner.pk}/roles"
    asked = client.post(f"{team}/viewer/remove/")
    assert "Remove the role “viewer” from" in asked.text
    assert ForumRole.objects.filter(user=owner).count() == 2
    client.post(f"{team}/owner/remove/", {"confirmed": "yes"})
    client.post(f"{team}/viewer/remove/", {"confirmed": "yes"})
    assert set(ForumRole.objects.filter(user=owner).values_list("role", flat=True)) == {Role.OWNER}
    assert AuditEntry.objects.filter(action="role.revoked").count() == 1


def test_team_page_is_for_owners_only(client):
    forum = make_forum()
    client.force_login(make_organiser(forum, Role.REGISTRATION_DESK))
    assert client.get(f"/en/forums/{forum.slug}/orga/team/").status_code == 403


def test_audit_page_filters_by_action_and_object(client):
    forum = make_forum()
    owner = make_organiser(forum)
    participant = make_participant(make_category(forum))
    services.invite(owner, forum, "x@example.org", [Role.VIEWER], language="en")
    client.force_login(owner)
    everything = client.get(f"/en/forums/{forum.slug}/orga/audit/").content.decode()
    assert "invitation.sent" in everything
    assert "participant." in everything
    only = client.get(
        f"/en/forums/{forum.slug}/orga/audit/",
        {"object_type": "registration.participant", "object_id": str(participant.pk)},
    ).content.decode()
    assert "invitation.sent" not in only
    assert set(re.findall(r'data-action="([\w.]+)"', only)) == set(
        AuditEntry.objects.filter(
            object_type="registration.participant", object_id=str(participant.pk)
        ).values_list("action", flat=True)
    )
    assert Participant.objects.count() == 1


def test_audit_page_is_refused_to_door_staff(client):
    forum = make_forum()
    client.force_login(make_organiser(forum, Role.DOOR_STAFF))
    assert client.get(f"/en/forums/{forum.slug}/orga/audit/").status_code == 403


def _thai_audit_row(client, participant, action):
    """The row of the participant's `action` on the forum's audit page in Thai."""
    html = client.get(
        f"/th/forums/{participant.forum.slug}/orga/audit/",
        {"object_type": "registration.participant", "object_id": str(participant.pk)},
    ).content.decode()
    return html.split(f'data-action="{action}"')[1].split("</tr>")[0]


def test_audit_page_names_recorded_fields_in_the_readers_language(client):
    forum = make_forum()
    participant = make_participant(make_category(forum, "official", needs_approval=True))
    registration_services.approve(None, participant)
    client.force_login(make_organiser(forum))

    approved = _thai_audit_row(client, participant, "participant.approved")
    assert re.findall(r"<dt>([^<]+)</dt>", approved) == ["สถานะ"]
    with translation.override("th"):
        pending, approved_label = (
            str(Participant.Status(code).label) for code in ("pending", "approved")
        )
    assert re.findall(r"<del>([^<]+)</del> → <ins>([^<]+)</ins>", approved) == [
        (pending, approved_label)
    ]
    assert pending != "pending"


@pytest.mark.parametrize(
    ("label", "field", "recorded", "shown"),
    [
        (
            "registration.delegation",
            "name",
            {"zh-hans": "泰国官方代表团", "en": "Official delegation Thailand", "th": "คณะผู้แทน"},
            "คณะผู้แทน",
        ),
        ("registration.participant", "badge_revoked", True, "ใช่"),
        ("registration.participant", "status", "needs_info", "ขอข้อมูลเพิ่มเติมแล้ว"),
        ("registration.participant", "token", "changed", "เปลี่ยนแปลง"),
        ("registration.delegation", "country", "TH", "ไทย"),
        (
            "reports.pressrelease",
            "published_at",
            "2018-09-18T02:30:00+00:00",
            dt.datetime(2018, 9, 18, 2, 30, tzinfo=dt.UTC),
        ),
        ("registration.delegation", "no_such_field", "as recorded", "as recorded"),
    ],
)
def test_recorded_values_read_in_the_readers_language(label, field, recorded, shown):
    with translation.override("th"):
        assert field_value(label, field, recorded) == shown


def test_audit_page_names_what_keys_point_to_in_one_query_per_model(
    client, django_assert_num_queries
):
    forum = make_forum()
    official = make_category(forum, "official", name=text("Official", th="ผู้แทนทางการ"))
    media = make_category(forum, "media", name=text("Media", th="สื่อมวลชน"))
    participant = make_participant(official)
    registration_services.change_category(None, participant, media)
    client.force_login(make_organiser(forum))

    moved = _thai_audit_row(client, participant, "participant.category_changed")
    assert re.findall(r"<del>([^<]+)</del> → <ins>([^<]+)</ins>", moved) == [
        ("ผู้แทนทางการ", "สื่อมวลชน")
    ]
    with translation.override("th"):
        entries = list(AuditEntry.objects.filter(forum=forum))
        with django_assert_num_queries(3):  # the categories, the people, the forum
            names = related_names(entries)
    assert names[("registration.category", media.pk)] == "สื่อมวลชน"


def test_every_recorded_field_is_named_in_the_readers_language():
    untranslated = []
    with translation.override("th"):
        for model in audit.audited_models():
            label = model._meta.label_lower
            spec = audit.spec_for(model)
            for field in sorted(spec.recorded | spec.extra.keys()):
                shown = field_label(label, field)
                if shown in {field, field.replace("_", " ")}:
                    untranslated.append(f"{label}.{field}")
    assert untranslated == []
