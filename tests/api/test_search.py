import pytest
from django.test import Client

from infoharbor.core.models import Organization
from infoharbor.core.translated import TranslatedText
from tests.factories import make_city, make_forum, make_person, make_session, text

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def _forum_with_asean():
    forum = make_forum()
    speaker = make_person(forum, name="张伟", name_latin="Zhang Wei", email="zw@example.com")
    make_person(forum, name="东盟 张", name_latin="Private Person", email="private@example.com")
    session = make_session(forum, make_city(), slug="expo", speakers=[speaker])
    session.title = TranslatedText({"zh-hans": "中国—东盟博览会", "en": "China-ASEAN Expo"})
    session.save()
    org = Organization.objects.create(
        forum=forum,
        name=text("ASEAN Secretariat", zh_hans="东盟秘书处"),
        kind="international",
        country="ID",
    )
    session.hosts.add(org)
    return forum, speaker, org


def test_api_search_returns_sessions_people_and_organizations_best_first():
    forum, speaker, _org = _forum_with_asean()
    speaker.position = text("Director", zh_hans="东盟处处长")
    speaker.save()
    response = Client().get(f"/api/v1/forums/{forum.slug}/search", {"q": "东盟"})
    assert response.status_code == 200
    assert response.json() == {
        "query": "东盟",
        "truncated": False,
        "total": 3,
        "page": 1,
        "pages": 1,
        "results": [
            {
                "type": "organization",
                "key": None,
                "title": {"en": "ASEAN Secretariat", "zh-hans": "东盟秘书处"},
                "url": None,
            },
            {
                "type": "session",
                "key": "expo",
                "title": {"zh-hans": "中国—东盟博览会", "en": "China-ASEAN Expo"},
                "url": f"/en/forums/{forum.slug}/sessions/expo/",
            },
            {
                "type": "person",
                "key": speaker.public_id,
                "title": {"en": "张伟 (Zhang Wei)"},
                "url": f"/en/forums/{forum.slug}/speakers/{speaker.public_id}/",
            },
        ],
    }


def test_api_search_never_leaks_people_who_do_not_speak():
    forum, _speaker, _org = _forum_with_asean()
    body = Client().get(f"/api/v1/forums/{forum.slug}/search", {"q": "Private"}).json()
    assert body["results"] == []
    assert "private@example.com" not in str(
        Client().get(f"/api/v1/forums/{forum.slug}/search", {"q": "东盟"}).json()
    )


def test_api_search_overlong_query_is_422_naming_the_field():
    forum, _speaker, _org = _forum_with_asean()
    response = Client().get(f"/api/v1/forums/{forum.slug}/search", {"q": "中" * 101})
    assert response.status_code == 422
    assert response.json() == {"detail": {"q": ["Search for at most 100 characters."]}}


def test_api_search_unpublished_forum_is_404():
    forum = make_forum(is_published=False)
    response = Client().get(f"/api/v1/forums/{forum.slug}/search", {"q": "东盟"})
    assert response.status_code == 404
