import pytest
from django.test import Client

from infoharbor.core import search
from infoharbor.core.models import Organization
from infoharbor.core.translated import TranslatedText
from tests.factories import make_city, make_forum, make_session

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def _forum():
    forum = make_forum()
    session = make_session(forum, make_city(), slug="smart")
    session.title = TranslatedText({"en": "Smart cities", "th": "เมืองอัจฉริยะ"})
    session.save()
    return forum


def test_search_page_lists_hits_with_links_in_the_reader_language():
    forum = _forum()
    page = Client().get(f"/th/forums/{forum.slug}/search/", {"q": "อัจฉริยะ"}).content.decode()
    assert f'<a href="/th/forums/{forum.slug}/sessions/smart/">เมืองอัจฉริยะ</a>' in page
    assert 'name="q" value="อัจฉริยะ"' in page


def test_search_page_says_when_nothing_matches():
    forum = _forum()
    page = Client().get(f"/en/forums/{forum.slug}/search/", {"q": "中国"}).content.decode()
    assert "Nothing matches “中国”." in page


def test_search_page_shows_the_error_for_an_overlong_query():
    forum = _forum()
    response = Client().get(f"/en/forums/{forum.slug}/search/", {"q": "x" * 101})
    assert response.status_code == 200
    assert '<p class="error">Search for at most 100 characters.</p>' in response.content.decode()


def test_forum_nav_has_a_search_box():
    forum = _forum()
    page = Client().get(f"/en/forums/{forum.slug}/program/").content.decode()
    assert (
        f'<form class="forum-search" role="search" action="/en/forums/{forum.slug}/search/"' in page
    )


@pytest.mark.django_db
def test_search_page_shows_the_total_and_pages_on(client):
    forum = make_forum()
    Organization.objects.bulk_create(
        Organization(forum=forum, name=TranslatedText({"en": f"Harbor {n:03}"}), kind="fund")
        for n in range(60)
    )
    hosted = make_session(forum, make_city(), slug="hosted")
    hosted.hosts.add(*Organization.objects.filter(forum=forum))
    search.reindex(forum)
    url = f"/en/forums/{forum.slug}/search/"
    first = client.get(url, {"q": "harbor"}).content.decode()
    assert '<p class="search-total">60 matches · page 1 of 2</p>' in first
    assert '<a rel="next" href="?q=harbor&amp;page=2">Next →</a>' in first
    second = client.get(url, {"q": "harbor", "page": "2"}).content.decode()
    assert '<ol class="search-results" start="51">' in second
    assert second.count('<li data-type="organization">') == 10
    assert "Harbor 059" in second
    assert 'rel="next"' not in second
