"""Per-forum roles: who may do what, and what the admin shows each organiser."""

import pytest

from infoharbor.core.models import ForumRole
from tests.factories import at, make_city, make_forum, make_organiser, make_session, make_user

pytestmark = pytest.mark.django_db
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
