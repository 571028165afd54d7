"""The public forum list and one forum."""

import pytest

from infoharbor.core.models import City
from infoharbor.core.translated import TranslatedText
from tests.factories import make_city, make_forum

pytestmark = pytest.mark.integration


def test_forums_lists_published_forums_with_city_slugs(client, db):
    forum = make_forum(slug="caihf", name={"en": "CAIHF", "th": "ฟอรั่ม"})
    nanning = make_city("Nanning", zh_hans="南宁")
    # A city named only in Chinese is named by its Chinese name.
    qinzhou = City.objects.create(name=TranslatedText({"zh-hans": "钦州"}), country="CN")
    forum.cities.set([nanning, qinzhou])
    make_forum(slug="draft", is_published=False)
    response = client.get("/api/v1/forums")
    assert response.status_code == 200
    assert response.json() == [
        {
            "slug": "caihf",
            "name": {"en": "CAIHF", "th": "ฟอรั่ม"},
            "start_date": "2018-09-11",
            "end_date": "2018-09-18",
            "timezone": "Asia/Shanghai",
            "languages": ["zh-hans", "en", "th"],
            "default_language": "zh-hans",
            "cities": [
                {"slug": "nanning", "name": {"en": "Nanning", "zh-hans": "南宁"}},
                {"slug": "钦州", "name": {"zh-hans": "钦州"}},
            ],
        }
    ]


def test_forum_unpublished_is_404(client, db):
    make_forum(slug="draft", is_published=False)
    response = client.get("/api/v1/forums/draft")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
