"""Input PostgreSQL cannot store (NUL) or that is longer than its column: a 422 naming the field,
on either database, never a server error (core/text_input.py, the API's parser and schemas)."""

from __future__ import annotations

import json

import pytest

from tests.api.test_program import NEW_SESSION, patch, post, token_for
from tests.factories import make_category, make_city, make_forum, make_question, make_session

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

NUL_REFUSED = ["Null characters are not allowed."]


@pytest.fixture
def program():
    """A published forum in Beihai with one session, "opening"."""
    forum = make_forum(slug="caihf")
    beihai = make_city("Beihai")
    forum.cities.set([beihai])
    opening = make_session(forum, beihai, slug="opening", title="Opening")
    return {"forum": forum, "opening": opening}


@pytest.fixture
def harbor():
    forum = make_forum(slug="harbor")
    make_category(forum, "enterprise")
    make_question(forum, "diet")
    return forum


def _register(client, person=None, **fields):
    body = {
        "person": {"name": "Nguyễn Văn An", "email": "an@example.vn", **(person or {})},
        "category": "enterprise",
        **fields,
    }
    return client.post(
        "/api/v1/forums/harbor/registrations", json.dumps(body), content_type="application/json"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"person": {"name": "An\x00"}}, "person.name"),
        ({"person": {"organization": "\x00"}}, "person.organization"),
        ({"person": {"position": "CEO\x00"}}, "person.position"),
        ({"answers": {"diet": "halal\x00"}}, "answers.diet"),
        ({"answers": {"di\x00et": "halal"}}, "answers.di\x00et"),
        ({"sessions": ["opening", "vis\x00it"]}, "sessions.1"),
        ({"category": "\x00"}, "category"),
    ],
)
def test_registration_with_a_nul_is_refused_naming_the_field(client, harbor, body, field):
    response = _register(client, **body)

    assert (response.status_code, response.json()) == (422, {"detail": {field: NUL_REFUSED}})
    assert harbor.participants.count() == 0


@pytest.mark.parametrize(
    ("person", "field", "limit"),
    [
        ({"name": "王" * 201}, "name", 200),
        ({"name_latin": "a" * 201}, "name_latin", 200),
        ({"phone": "1" * 41}, "phone", 40),
        ({"email": "a" * 250 + "@example.vn"}, "email", 254),
    ],
)
def test_registration_longer_than_the_column_is_refused(client, harbor, person, field, limit):
    response = _register(client, person)

    assert response.status_code == 422
    assert response.json() == {
        "detail": {f"person.{field}": [f"String should have at most {limit} characters"]}
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": {"en": "Opening\x00"}}, "title.en"),
        ({"description": {"th\x00": "x"}}, "description.th\x00"),
        ({"interpretation": ["en", "\x00"]}, "interpretation.1"),
        ({"speakers": [{"person": "\x00"}]}, "speakers.0.person"),
    ],
)
def test_session_change_with_a_nul_is_refused_naming_the_field(client, program, body, field):
    token = token_for(program["forum"], "program_editor")

    response = patch(client, "/api/v1/forums/caihf/sessions/opening", body, token)

    assert (response.status_code, response.json()) == (422, {"detail": {field: NUL_REFUSED}})
    program["opening"].refresh_from_db()
    assert program["opening"].title.data == {"en": "Opening"}


def test_session_slug_longer_than_the_column_is_refused(client, program):
    token = token_for(program["forum"], "program_editor")
    long_slug = {**NEW_SESSION, "slug": "a" * 81}

    created = post(client, "/api/v1/forums/caihf/sessions", long_slug, token)
    changed = patch(client, "/api/v1/forums/caihf/sessions/opening", {"slug": "a" * 81}, token)

    assert (created.status_code, created.json()) == (
        422,
        {"detail": {"slug": ["String should have at most 80 characters"]}},
    )
    assert (changed.status_code, changed.json()) == (
        422,
        {"detail": {"slug": ["Ensure this value has at most 80 characters (it has 81)."]}},
    )


def test_a_nul_in_a_query_parameter_is_refused_naming_it(client, program):
    response = client.get("/api/v1/forums/caihf/sessions/opening.ics?lang=e%00n")

    assert (response.status_code, response.json()) == (422, {"detail": {"lang": NUL_REFUSED}})


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/forums/cai%00hf",
        "/api/v1/forums/caihf/sessions/open%00ing.ics",
        "/api/v1/forums/caihf/projects.json%00",
    ],
)
def test_a_nul_in_an_api_path_is_not_found_as_json(client, program, url):
    response = client.get(url)

    assert (response.status_code, response["Content-Type"]) == (
        404,
        "application/json; charset=utf-8",
    )
    assert response.json() == {"detail": "Not found."}


def test_an_api_path_that_matches_no_route_answers_json_too(client):
    response = client.get("/api/v1/forums/caihf/nothing-here")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


@pytest.mark.parametrize(
    "url", ["/en/forums/caihf/speakers/a%00b/", "/en/forums/caihf/registration/to%00ken/"]
)
def test_a_nul_in_a_page_path_is_the_not_found_page(client, program, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
