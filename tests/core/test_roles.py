"""Per-forum roles: who may do what, and what the admin shows each organiser."""

import pytest
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured

from infoharbor.core.admin import ForumScopedAdmin
from infoharbor.core.models import ForumRole, Venue
from infoharbor.registration import services as registration_services
from tests.factories import (
    at,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_person,
    make_question,
    make_session,
    make_user,
    photo_upload,
    text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]
Role = ForumRole.Role


@pytest.mark.parametrize(
    ("role", "may_edit_program", "may_change_forum"),
    [
        (Role.OWNER, True, True),
        (Role.PROGRAM_EDITOR, True, False),
        (Role.REGISTRATION_DESK, False, False),
        (Role.DOOR_STAFF, False, False),
        (Role.PROJECT_REGISTRAR, False, False),
        (Role.VIEWER, False, False),
    ],
)
def test_role_grants_exactly_its_permissions(role, may_edit_program, may_change_forum):
    forum, other = make_forum(), make_forum()
    user = make_organiser(forum, role)
    assert user.has_perm("program.change_session", forum) is may_edit_program
    assert user.has_perm("core.change_forum", forum) is may_change_forum
    assert user.has_perm("core.view_forum", forum) is True
    assert user.has_perm("program.change_session", other) is False
    assert user.has_perm("core.view_forum", other) is False


def test_user_without_role_has_no_forum_permission():
    forum = make_forum()
    user = make_user()
    assert user.has_perm("core.view_forum", forum) is False
    assert user.has_perm("program.view_timetable", forum) is False


def test_admin_lists_only_the_organisers_forums_sessions(client):
    mine, theirs = make_forum(), make_forum()
    city = make_city("Nanning")
    make_session(mine, city, title="Mine", start=at(12, "09:00"))
    make_session(theirs, city, title="Theirs", start=at(12, "09:00"))
    client.force_login(make_organiser(mine, Role.PROGRAM_EDITOR))
    page = client.get("/en/admin/program/session/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Mine" in body
    assert "Theirs" not in body
    forums = client.get("/en/admin/core/forum/").content.decode()
    assert mine.slug in forums
    assert theirs.slug not in forums


def test_admin_refuses_another_forums_session(client):
    mine, theirs = make_forum(), make_forum()
    session = make_session(theirs, make_city(), start=at(12, "09:00"))
    client.force_login(make_organiser(mine, Role.OWNER))
    assert client.get(f"/en/admin/program/session/{session.pk}/change/").status_code == 302
    deleted = client.post(f"/en/admin/program/session/{session.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert theirs.sessions.filter(pk=session.pk).exists()


ADMIN_LISTS = ["core/auditentry", "registration/outboxemail", "core/person"]
ADMIN_LISTS += ["registration/participant", "registration/checkin", "registration/delegation"]


@pytest.mark.parametrize(
    ("role", "may_open"),
    [
        (Role.OWNER, set(ADMIN_LISTS)),
        (Role.PROGRAM_EDITOR, set(ADMIN_LISTS) - {"core/auditentry", "registration/outboxemail"}),
        (Role.REGISTRATION_DESK, set(ADMIN_LISTS) - {"core/auditentry"}),
        (Role.DOOR_STAFF, set()),
        (Role.PROJECT_REGISTRAR, set()),
        (Role.VIEWER, set(ADMIN_LISTS) - {"registration/outboxemail"}),
    ],
)
def test_admin_lists_each_role_may_open(client, role, may_open):
    client.force_login(make_organiser(make_forum(), role))
    status = {path: client.get(f"/en/admin/{path}/").status_code for path in ADMIN_LISTS}
    assert status == {path: 200 if path in may_open else 403 for path in ADMIN_LISTS}


def test_door_staff_cannot_open_a_person_or_their_photo_in_the_admin(client):
    forum = make_forum()
    person = make_person(forum, "王芳", "Wang Fang", email="wang@example.cn")
    client.force_login(make_organiser(forum, Role.DOOR_STAFF))
    assert client.get(f"/en/admin/core/person/{person.pk}/change/").status_code == 403
    assert b"core/person" not in client.get("/en/admin/").content


@pytest.mark.parametrize(
    ("role", "sees_email", "sees_photo"),
    [
        (Role.OWNER, True, True),
        (Role.REGISTRATION_DESK, True, True),
        (Role.PROGRAM_EDITOR, False, False),
        (Role.VIEWER, False, False),
    ],
)
def test_admin_person_page_shows_contact_and_photo_only_to_the_desk(
    client, role, sees_email, sees_photo
):
    forum = make_forum()
    person = make_person(forum, "王芳", "Wang Fang", email="wang@example.cn")
    client.force_login(make_organiser(forum, role))
    page = client.get(f"/en/admin/core/person/{person.pk}/change/").content.decode()
    assert ("wang@example.cn" in page, 'name="photo"' in page or "field-photo" in page) == (
        sees_email,
        sees_photo,
    )


def test_admin_filters_and_choices_name_only_the_users_forums(client):
    mine = make_forum(name=text("Harbor forum"))
    also_mine = make_forum(name=text("Beihai forum"))
    make_forum(name=text("Hidden forum"), is_published=False)
    user = make_organiser(mine, Role.OWNER)
    ForumRole.objects.create(forum=also_mine, user=user, role=Role.VIEWER)
    client.force_login(user)
    venues = client.get("/en/admin/core/venue/").content.decode()
    # A filter is shown only with two choices or more: both of the user's forums.
    assert ("Harbor forum" in venues, "Beihai forum" in venues) == (True, True)
    assert "Hidden forum" not in venues
    new_venue = client.get("/en/admin/core/venue/add/").content.decode()
    assert "Harbor forum" in new_venue
    assert "Hidden forum" not in new_venue


# --- the registration desk ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_contact"),
    [
        (Role.OWNER, True),
        (Role.REGISTRATION_DESK, True),
        (Role.DOOR_STAFF, False),
        (Role.VIEWER, False),
        (Role.PROGRAM_EDITOR, False),
    ],
)
def test_desk_shows_email_phone_and_answers_only_to_the_desk(client, role, sees_contact):
    forum = make_forum()
    make_question(forum, "passport")
    participant = make_participant(
        make_category(forum),
        person={"name": "王芳", "email": "wang@example.cn", "phone": "+86 771 555"},
        answers={"passport": "E12345678"},
    )
    client.force_login(make_organiser(forum, role))
    url = f"/en/forums/{forum.slug}/orga/participants/"
    page = client.get(f"{url}{participant.person.public_id}/").content.decode()
    shown = [value in page for value in ["wang@example.cn", "+86 771 555", "E12345678"]]
    assert shown == [sees_contact] * 3
    assert "王芳" in page
    listing = client.get(url).content.decode()
    assert participant.token not in listing
    found = client.get(url, {"q": "wang@example"}).context["total"]
    assert found == (1 if sees_contact else 0)


def test_desk_shows_door_staff_name_category_photo_and_status_only(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    forum = make_forum()
    participant = make_participant(
        make_category(forum, name=text("Media")),
        person={"name": "王芳", "position": "Director", "organization": "Xinhua", "phone": "+86 1"},
    )
    registration_services.change_photo(participant, photo_upload())
    client.force_login(make_organiser(forum, Role.DOOR_STAFF))

    page = client.get(f"/en/forums/{forum.slug}/orga/participants/{participant.person.public_id}/")

    body = page.content.decode()
    shown = ["王芳", "Media", ">approved<", f"/orga/photos/{participant.person.public_id}/"]
    assert [value in body for value in shown] == [True] * 4
    assert [value in body for value in ["Director", "+86 1", participant.badge_code]] == [False] * 3


def test_admin_without_its_own_view_permission_is_refused():
    class Undeclared(ForumScopedAdmin):
        pass

    with pytest.raises(ImproperlyConfigured, match="Undeclared declares no view_permission"):
        Undeclared(Venue, admin.site)
