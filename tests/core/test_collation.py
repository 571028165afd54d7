import pytest
from django.test import Client

from infoharbor.core.collation import order_by_name, sort_key
from infoharbor.core.models import Person
from tests.factories import make_city, make_forum, make_person, make_session

pytestmark = pytest.mark.integration

THAI = ["ไม้", "กา", "โต", "เกม", "คน", "ใจ", "ขา", "แดง", "ไก่"]
THAI_SORTED = ["กา", "เกม", "ไก่", "ขา", "คน", "ใจ", "แดง", "โต", "ไม้"]
VIETNAMESE = ["Ư", "Ông", "Đào", "Oanh", "Ơn", "Dung", "U", "Ô", "Ê"]
VIETNAMESE_SORTED = ["Dung", "Đào", "Ê", "Oanh", "Ô", "Ông", "Ơn", "U", "Ư"]
CHINESE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "安", "阿"]
# By pinyin: a, an, chen, li, liu, wang, zhang.
CHINESE_SORTED = ["阿", "安", "陈静", "李娜", "刘洋", "王芳", "张伟"]
FILIPINO = ["Ora", "Ngayon", "Ñora", "Nuno", "Ng", "Nora", "Niño"]
FILIPINO_SORTED = ["Niño", "Nora", "Nuno", "Ñora", "Ng", "Ngayon", "Ora"]

CASES = [
    ("th", THAI, THAI_SORTED),
    ("vi", VIETNAMESE, VIETNAMESE_SORTED),
    ("zh-hans", CHINESE, CHINESE_SORTED),
    ("fil", FILIPINO, FILIPINO_SORTED),
]


@pytest.mark.unit
@pytest.mark.parametrize(("language", "names", "expected"), CASES)
def test_sort_key_orders_names_as_the_language_does(language, names, expected):
    assert sorted(names, key=sort_key(language)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "names", "expected"), CASES)
def test_order_by_name_in_the_database(language, names, expected):
    forum = make_forum()
    for name in names:
        make_person(forum, name=name)
    people = order_by_name(Person.objects.filter(forum=forum), "name", language)
    assert [p.name for p in people] == expected


@pytest.mark.django_db
def test_order_by_name_mixed_scripts_thai_first_in_thai():
    forum = make_forum()
    for name in ["Zhao", "张伟", "สมชาย", "Anan", "อานนท์"]:
        make_person(forum, name=name)
    people = order_by_name(Person.objects.filter(forum=forum), "name", "th")
    assert [p.name for p in people] == ["สมชาย", "อานนท์", "Anan", "Zhao", "张伟"]


@pytest.mark.django_db
def test_speakers_page_sorted_for_the_reader_language():
    forum = make_forum()
    people = [make_person(forum, name=name, name_latin=name) for name in THAI]
    make_person(forum, name="ก้อง")  # not a speaker: not listed
    make_session(forum, make_city(), speakers=people)
    page = Client().get(f"/th/forums/{forum.slug}/speakers/").content.decode()
    positions = [page.find(f">{name}</a>") for name in THAI_SORTED]
    assert all(p > 0 for p in positions)
    assert positions == sorted(positions)
    assert ">ก้อง</a>" not in page
