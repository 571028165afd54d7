"""The forum settings page: organisers set the fallback order of translated content."""

import pytest

from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.core.translated import TranslatedText
from tests.factories import make_city, make_forum, make_organiser, make_session

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def settings_url(forum):
    return f"/en/forums/{forum.slug}/orga/settings/"


def test_program_falls_back_in_the_order_the_owner_sets(client):
    forum = make_forum()
    session = make_session(forum, make_city("Nanning"))
    session.title = TranslatedText({"en": "Opening", "zh-hans": "开幕式"})
    session.save()
    program = f"/km/forums/{forum.slug}/program/"
    # The default order: the reader's language, English, the forum's language, any.
    assert "Opening" in client.get(program).content.decode()

    client.force_login(make_organiser(forum))
    page = client.get(settings_url(forum)).content.decode()
    assert (
        '<ol class="fallback-now"><li>English</li><li>Chinese (Simplified)</li>'
        "<li>any other language it has</li></ol>"
    ) in page
    response = client.post(settings_url(forum), {"step_0": "zh-hans", "step_1": "en"})
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.fallback_chain() == ["zh-hans", "en"]
    assert AuditEntry.objects.filter(action="forum.changed").get().changes[
        "fallback_languages"
    ] == [[], ["zh-hans", "en"]]

    client.logout()
    body = client.get(program).content.decode()
    # The kept rendering of the program was keyed by the old content version.
    assert "开幕式" in body
    assert "Opening" not in body


def test_a_language_named_twice_is_refused(client):
    forum = make_forum()
    client.force_login(make_organiser(forum))
    response = client.post(settings_url(forum), {"step_0": "en", "step_1": "en"})
    assert response.status_code == 200
    assert "Name each language once in the fallback order." in response.content.decode()
    forum.refresh_from_db()
    assert forum.fallback_languages == []


def test_unknown_language_is_refused_naming_the_field(client):
    forum = make_forum()
    client.force_login(make_organiser(forum))
    response = client.post(settings_url(forum), {"step_0": "xx"})
    assert response.status_code == 200
    assert response.context["form"].errors["step_0"] == [
        "Select a valid choice. xx is not one of the available choices."
    ]


def test_settings_are_for_owners_only(client):
    forum = make_forum()
    client.force_login(make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR))
    assert client.get(settings_url(forum)).status_code == 403
    assert client.post(settings_url(forum), {"step_0": "th"}).status_code == 403
