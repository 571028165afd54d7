"""The person and organization pickers: the organiser endpoint, and the field without its script."""

import pytest
from django import forms

from infoharbor.core.models import ForumRole
from infoharbor.core.pickers import PickerField, limit_pickers
from tests.factories import make_forum, make_organiser, make_organization, make_person

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


class OnePerson(forms.Form):
    person = PickerField("person")

    def __init__(self, forum, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_pickers(self, forum)


@pytest.fixture
def people():
    forum = make_forum()
    wang = make_person(forum, "王芳", "Wang Fang")
    wangli = make_person(forum, "王立", "Wang Li")
    somchai = make_person(forum, "สมชาย ใจดี", "Somchai Jaidee")
    return forum, wang, wangli, somchai


def pick(client, forum, kind, query):
    return client.get(f"/en/forums/{forum.slug}/orga/pick/{kind}/", {"q": query})


def test_person_endpoint_finds_two_chinese_and_two_thai_characters(client, people):
    forum, wang, _wangli, somchai = people
    client.force_login(make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR))
    assert pick(client, forum, "person", "王芳").json() == {
        "results": [{"key": wang.public_id, "label": "王芳 (Wang Fang)", "hint": ""}],
        "more": False,
    }
    assert pick(client, forum, "person", "ใจ").json()["results"] == [
        {"key": somchai.public_id, "label": "สมชาย ใจดี (Somchai Jaidee)", "hint": ""}
    ]
    assert [r["label"] for r in pick(client, forum, "person", "wang").json()["results"]] == [
        "王立 (Wang Li)",  # exact names first, then the shorter
        "王芳 (Wang Fang)",
    ]


def test_person_endpoint_is_refused_to_door_staff_and_other_forums(client, people):
    forum, *_ = people
    client.force_login(make_organiser(forum, ForumRole.Role.DOOR_STAFF))
    assert pick(client, forum, "person", "王").status_code == 403
    other = make_forum()
    client.force_login(make_organiser(other, ForumRole.Role.OWNER))
    assert pick(client, forum, "person", "王").status_code == 403


def test_organization_endpoint_serves_a_project_registrar(client):
    forum = make_forum()
    huawei = make_organization(forum, "华为技术有限公司", short_name="Huawei")
    client.force_login(make_organiser(forum, ForumRole.Role.PROJECT_REGISTRAR))
    assert pick(client, forum, "organization", "华为").json() == {
        "results": [{"key": str(huawei.pk), "label": "华为技术有限公司", "hint": "Huawei"}],
        "more": False,
    }
    assert pick(client, forum, "unicorn", "华为").status_code == 404


def test_endpoint_refuses_a_query_too_long_as_json(client, people):
    forum, *_ = people
    client.force_login(make_organiser(forum))
    response = pick(client, forum, "person", "王" * 101)
    assert response.status_code == 400
    assert response.json() == {"detail": "Search for at most 100 characters."}


def test_field_without_script_takes_the_one_match(people):
    forum, _wang, _wangli, somchai = people
    form = OnePerson(forum, {"person": "ใจดี", "person_key": ""})
    assert form.is_valid()
    assert form.cleaned_data["person"] == somchai


def test_field_without_script_names_none_and_several(people):
    forum, *_ = people
    form = OnePerson(forum, {"person": "李", "person_key": ""})
    assert form.errors == {
        "person": ["Nothing matches “李”: check the spelling, or type less of the name."]
    }
    form = OnePerson(forum, {"person": "王", "person_key": ""})
    assert form.errors == {"person": ["More than one matches “王”: type more of the name."]}


def test_field_takes_the_chosen_key_unless_the_text_was_typed_over(people):
    forum, wang, wangli, _somchai = people
    chosen = OnePerson(forum, {"person": "王芳 (Wang Fang)", "person_key": wang.public_id})
    assert chosen.is_valid() and chosen.cleaned_data["person"] == wang
    typed_over = OnePerson(forum, {"person": "王立", "person_key": wang.public_id})
    assert typed_over.is_valid() and typed_over.cleaned_data["person"] == wangli


def test_field_shows_the_initial_person_by_name_with_the_key_hidden(people):
    forum, wang, *_ = people
    html = str(OnePerson(forum, initial={"person": wang.pk})["person"])
    assert 'value="王芳 (Wang Fang)"' in html
    assert f'name="person_key" value="{wang.public_id}"' in html
    assert f'data-picker="/en/forums/{forum.slug}/orga/pick/person/"' in html
