"""API tokens: issued by a command, shown once, stored only as a hash, sent as a Bearer header."""

import datetime as dt
import re
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from infoharbor.api.auth import OrganiserToken
from infoharbor.api.models import ApiToken, hash_token
from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.core.rules import roles_of
from tests.factories import make_api_token, make_forum, make_organiser, make_user

pytestmark = pytest.mark.integration


def test_create_api_token_prints_the_raw_token_once(capsys, db):
    user = make_organiser(make_forum(), role=ForumRole.Role.PROGRAM_EDITOR, username="editor")
    call_command("create_api_token", "editor", "timetable sync")
    out, err = capsys.readouterr()
    raw = out.strip()
    assert raw.startswith("ih_")
    assert err.strip() == "Store this token now: it cannot be shown again."
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.digest) == (user, "timetable sync", hash_token(raw))
    assert raw not in token.digest
    entry = AuditEntry.objects.get(action="api_token.issued")
    assert entry.changes == {"user": "editor", "name": "timetable sync"}


def test_create_api_token_unknown_user_is_refused(db):
    with pytest.raises(CommandError, match=re.escape("No user is called “ghost”.")):
        call_command("create_api_token", "ghost", "anything")
    assert ApiToken.objects.count() == 0


def test_create_api_token_name_too_long_is_refused(db):
    make_organiser(make_forum(), username="editor")
    with pytest.raises(CommandError, match="at most 100 characters"):
        call_command("create_api_token", "editor", "x" * 101)
    assert ApiToken.objects.count() == 0


def test_token_authenticates_and_records_its_use(client, capsys, db):
    forum = make_forum(slug="caihf")
    make_organiser(forum, role=ForumRole.Role.PROGRAM_EDITOR, username="editor")
    call_command("create_api_token", "editor", "sync")
    raw = capsys.readouterr().out.strip()
    headers = {"Authorization": f"Bearer {raw}"}
    # Any authenticated write reaches the program's checks: an unknown session is a 404, not a 401.
    response = client.delete("/api/v1/forums/caihf/sessions/nothing", headers=headers)
    assert response.status_code == 404
    assert ApiToken.objects.get().last_used_at is not None


def test_token_of_inactive_user_is_refused(client, capsys, db):
    forum = make_forum(slug="caihf")
    make_organiser(forum, username="editor", is_active=False)
    call_command("create_api_token", "editor", "sync")
    raw = capsys.readouterr().out.strip()
    response = client.delete(
        "/api/v1/forums/caihf/sessions/nothing", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 401
    assert ApiToken.objects.get().last_used_at is None


def test_token_use_is_recorded_to_the_minute_not_on_every_request(client, db):
    forum = make_forum(slug="caihf")
    user = make_organiser(forum, role=ForumRole.Role.PROGRAM_EDITOR)
    raw = make_api_token(user)
    headers = {"Authorization": f"Bearer {raw}"}
    client.delete("/api/v1/forums/caihf/sessions/nothing", headers=headers)
    first = ApiToken.objects.get().last_used_at
    client.delete("/api/v1/forums/caihf/sessions/nothing", headers=headers)
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - dt.timedelta(minutes=2))
    client.delete("/api/v1/forums/caihf/sessions/nothing", headers=headers)
    assert ApiToken.objects.get().last_used_at > first


def _authenticated(raw: str) -> Any:
    request = RequestFactory().post("/api/v1/anything", REMOTE_ADDR="127.0.0.1")
    return OrganiserToken().authenticate(request, raw)


def test_token_lookup_brings_the_users_roles_at_every_forum(db, django_assert_num_queries):
    harbor, other, third = make_forum(slug="harbor"), make_forum(slug="other"), make_forum()
    user = make_organiser(harbor, role=ForumRole.Role.DOOR_STAFF)
    ForumRole.objects.create(forum=harbor, user=user, role=ForumRole.Role.VIEWER)
    ForumRole.objects.create(forum=other, user=user, role=ForumRole.Role.OWNER)
    raw = make_api_token(user)
    ApiToken.objects.update(last_used_at=timezone.now())  # no "last used" write below

    with django_assert_num_queries(1):
        found = _authenticated(raw)
        roles = [roles_of(found, forum) for forum in (harbor, other, third)]

    assert found == user
    assert roles == [{"door_staff", "viewer"}, {"owner"}, set()]


def test_token_of_a_user_without_roles_authenticates_with_none(db, django_assert_num_queries):
    forum, user = make_forum(), make_user(is_superuser=True)
    raw = make_api_token(user)
    ApiToken.objects.update(last_used_at=timezone.now())

    with django_assert_num_queries(1):
        found = _authenticated(raw)
        assert roles_of(found, forum) == set()

    assert found == user
