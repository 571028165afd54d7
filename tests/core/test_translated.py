"""Translated text: the fallback chain requested → the forum's fallback order → any."""

import pytest
from django.utils import translation

from infoharbor.core.models import Forum
from infoharbor.core.translated import TranslatedFormField, TranslatedText, forum_fallback
from tests.factories import make_forum, text

pytestmark = pytest.mark.integration


@pytest.mark.unit
def test_requested_language_wins():
    value = TranslatedText({"en": "Forum", "th": "ฟอรั่ม", "zh-hans": "论坛"})
    with translation.override("th"):
        assert str(value) == "ฟอรั่ม"


@pytest.mark.unit
def test_forum_fallback_order_comes_before_english():
    value = TranslatedText({"en": "Forum", "zh-hans": "论坛"})
    with translation.override("km"), forum_fallback(["zh-hans", "en"]):
        assert str(value) == "论坛"
    with translation.override("km"):
        assert str(value) == "Forum"


@pytest.mark.unit
def test_any_language_is_the_last_resort():
    assert TranslatedText({"lo": "ລາວ"}).get("th") == "ລາວ"
    assert TranslatedText({}).get("th") == ""


@pytest.mark.unit
def test_empty_values_are_dropped():
    assert TranslatedText({"en": "", "th": "ไทย"}).data == {"th": "ไทย"}
    assert not TranslatedText({"en": ""})


@pytest.mark.unit
def test_form_field_compresses_one_value_per_language():
    field = TranslatedFormField(["zh-hans", "en", "th"], required=True)
    assert field.clean(["论坛", "", "ฟอรั่ม"]) == TranslatedText({"zh-hans": "论坛", "th": "ฟอรั่ม"})


@pytest.mark.django_db
def test_translated_field_round_trips_and_filters_by_language_key():
    forum = make_forum(name=text("Harbor", th="ท่าเรือ"))
    loaded = Forum.objects.get(name__th="ท่าเรือ")
    assert loaded == forum
    assert loaded.name == TranslatedText({"en": "Harbor", "th": "ท่าเรือ"})


@pytest.mark.unit
def test_new_object_reads_translated_text_before_it_is_saved():
    forum = Forum(name={"th": "ฟอรั่ม"})
    assert forum.name == TranslatedText({"th": "ฟอรั่ม"})
    assert str(Forum().description) == ""
