"""The API documents itself: openapi.json lists every public URL, the docs page renders it,
and every error answer it documents is the one the API really gives."""

import functools
import json

import jsonschema
import pytest
from django.test import Client

from infoharbor.core.models import ForumRole
from tests.factories import (
    make_api_token,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_session,
)

pytestmark = pytest.mark.integration


@pytest.mark.integration
def test_openapi_documents_every_program_url(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    documented = {(path, method) for path, operations in paths.items() for method in operations}
    assert {
        ("/api/v1/forums", "get"),
        ("/api/v1/forums/{slug}", "get"),
        ("/api/v1/forums/{slug}/sessions", "get"),
        ("/api/v1/forums/{slug}/sessions", "post"),
        ("/api/v1/forums/{slug}/sessions/{session_slug}", "patch"),
        ("/api/v1/forums/{slug}/sessions/{session_slug}", "delete"),
        ("/api/v1/forums/{slug}/sessions/{session_slug}.ics", "get"),
        ("/api/v1/forums/{slug}/schedule.ics", "get"),
        ("/api/v1/forums/{slug}/schedule.xml", "get"),
        ("/api/v1/forums/{slug}/schedule.json", "get"),
    } <= documented
    calendar = paths["/api/v1/forums/{slug}/schedule.ics"]["get"]
    assert [p["name"] for p in calendar["parameters"]] == ["slug", "city", "lang"]
    assert list(calendar["responses"]["200"]["content"]) == ["text/calendar"]
    create = paths["/api/v1/forums/{slug}/sessions"]["post"]
    assert create["security"] == [{"OrganiserToken": []}]
    assert sorted(create["responses"]) == ["201", "400", "401", "403", "404", "422", "429"]


@pytest.mark.integration
def test_docs_page_renders(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content


def _schema_classes(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _schema_classes(sub)


def test_no_two_schemas_of_the_document_share_a_name():
    """The document names each schema by its class: two classes of one name would be described
    by whichever came last, and answers of the other would contradict their document."""
    from ninja import Schema

    import infoharbor.api.urls  # noqa: F401  (every router's schemas)

    names = sorted(
        cls.__name__ for cls in _schema_classes(Schema) if cls.__module__.startswith("infoharbor.")
    )
    assert [name for name in set(names) if names.count(name) > 1] == []


@pytest.fixture
def harbor(db, settings):
    # One unknown token answers 401, the next 429: the limit's own test is in test_ratelimit.
    settings.INFOHARBOR_RATE_LIMITS = {
        **settings.INFOHARBOR_RATE_LIMITS,
        "api_token": {"count": 1, "seconds": 600},
    }
    forum = make_forum(slug="harbor")
    forum.cities.add(make_city("Nanning"))
    opening = make_session(forum, forum.cities.get(), slug="opening", title="Opening")
    make_participant(make_category(forum, "guest"), sessions=[opening])
    return {
        "editor": make_api_token(make_organiser(forum, role=ForumRole.Role.PROGRAM_EDITOR)),
        "viewer": make_api_token(make_organiser(forum, role=ForumRole.Role.VIEWER)),
        "door": make_api_token(make_organiser(forum, role=ForumRole.Role.DOOR_STAFF)),
        "stranger": make_api_token(make_organiser(make_forum(slug="elsewhere"))),
    }


SESSION = {
    "slug": "closing",
    "kind": "main_forum",
    "title": {"en": "Closing"},
    "start": "2018-09-12T09:00:00+08:00",
    "end": "2018-09-12T10:00:00+08:00",
    "city": "nanning",
}
V = "/api/v1/forums"


def _call(method, url, tokens, token=None, body=None, **query):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.get(token, token)}"} if token else {}
    client = Client()
    if method == "get":
        return client.get(url, query, **headers)
    data = json.dumps(body) if body is not None else ""
    return getattr(client, method)(url, data, content_type="application/json", **headers)


def _not_json(url, tokens, token=None, method="post"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[token]}"} if token else {}
    return getattr(Client(), method)(url, "{", content_type="application/json", **headers)


def _twice_unknown(method, url, tokens, body=None):
    _call(method, url, tokens, "ih_unknown", body)
    return _call(method, url, tokens, "ih_unknown-again", body)


# Each error every operation can answer, and a request that gets it.
TRIGGERS = {
    ("get", "/api/v1/forums/{slug}", 404): lambda t: _call("get", f"{V}/nowhere", t),
    ("get", "/api/v1/forums/{slug}/sessions", 404): lambda t: _call(
        "get", f"{V}/nowhere/sessions", t
    ),
    ("post", "/api/v1/forums/{slug}/sessions", 400): lambda t: _not_json(
        f"{V}/harbor/sessions", t, "editor"
    ),
    ("post", "/api/v1/forums/{slug}/sessions", 401): lambda t: _call(
        "post", f"{V}/harbor/sessions", t, body=SESSION
    ),
    ("post", "/api/v1/forums/{slug}/sessions", 403): lambda t: _call(
        "post", f"{V}/harbor/sessions", t, "viewer", SESSION
    ),
    ("post", "/api/v1/forums/{slug}/sessions", 404): lambda t: _call(
        "post", f"{V}/nowhere/sessions", t, "editor", SESSION
    ),
    ("post", "/api/v1/forums/{slug}/sessions", 422): lambda t: _call(
        "post", f"{V}/harbor/sessions", t, "editor", {**SESSION, "city": "atlantis"}
    ),
    ("post", "/api/v1/forums/{slug}/sessions", 429): lambda t: _twice_unknown(
        "post", f"{V}/harbor/sessions", t, SESSION
    ),
    ("patch", "/api/v1/forums/{slug}/sessions/{session_slug}", 400): lambda t: _not_json(
        f"{V}/harbor/sessions/opening", t, "editor", "patch"
    ),
    ("patch", "/api/v1/forums/{slug}/sessions/{session_slug}", 401): lambda t: _call(
        "patch", f"{V}/harbor/sessions/opening", t, body={}
    ),
    ("patch", "/api/v1/forums/{slug}/sessions/{session_slug}", 403): lambda t: _call(
        "patch", f"{V}/harbor/sessions/opening", t, "viewer", {}
    ),
    ("patch", "/api/v1/forums/{slug}/sessions/{session_slug}", 404): lambda t: _call(
        "patch", f"{V}/harbor/sessions/nothing", t, "editor", {}
    ),
    ("patch", "/api/v1/forums/{slug}/sessions/{session_slug}", 422): lambda t: _call(
        "patch", f"{V}/harbor/sessions/opening", t, "editor", {"city": "atlantis"}
    ),
    ("patch", "/api/v1/forums/{slug}/sessions/{session_slug}", 429): lambda t: _twice_unknown(
        "patch", f"{V}/harbor/sessions/opening", t, {}
    ),
    ("delete", "/api/v1/forums/{slug}/sessions/{session_slug}", 401): lambda t: _call(
        "delete", f"{V}/harbor/sessions/opening", t
    ),
    ("delete", "/api/v1/forums/{slug}/sessions/{session_slug}", 403): lambda t: _call(
        "delete", f"{V}/harbor/sessions/opening", t, "viewer"
    ),
    ("delete", "/api/v1/forums/{slug}/sessions/{session_slug}", 404): lambda t: _call(
        "delete", f"{V}/harbor/sessions/nothing", t, "editor"
    ),
    ("delete", "/api/v1/forums/{slug}/sessions/{session_slug}", 409): lambda t: _call(
        "delete", f"{V}/harbor/sessions/opening", t, "editor"
    ),
    ("delete", "/api/v1/forums/{slug}/sessions/{session_slug}", 429): lambda t: _twice_unknown(
        "delete", f"{V}/harbor/sessions/opening", t
    ),
    ("get", "/api/v1/forums/{slug}/schedule.ics", 404): lambda t: _call(
        "get", f"{V}/nowhere/schedule.ics", t
    ),
    ("get", "/api/v1/forums/{slug}/schedule.ics", 422): lambda t: _call(
        "get", f"{V}/harbor/schedule.ics", t, city="atlantis"
    ),
    ("get", "/api/v1/forums/{slug}/sessions/{session_slug}.ics", 404): lambda t: _call(
        "get", f"{V}/harbor/sessions/nothing.ics", t
    ),
    ("get", "/api/v1/forums/{slug}/sessions/{session_slug}.ics", 422): lambda t: _call(
        "get", f"{V}/harbor/sessions/opening.ics", t, lang="xx"
    ),
    ("get", "/api/v1/forums/{slug}/schedule.xml", 404): lambda t: _call(
        "get", f"{V}/nowhere/schedule.xml", t
    ),
    ("get", "/api/v1/forums/{slug}/schedule.xml", 422): lambda t: _call(
        "get", f"{V}/harbor/schedule.xml", t, lang="xx"
    ),
    ("get", "/api/v1/forums/{slug}/schedule.json", 404): lambda t: _call(
        "get", f"{V}/nowhere/schedule.json", t
    ),
    ("get", "/api/v1/forums/{slug}/schedule.json", 422): lambda t: _call(
        "get", f"{V}/harbor/schedule.json", t, lang="xx"
    ),
    ("get", "/api/v1/forums/{slug}/search", 404): lambda t: _call(
        "get", f"{V}/nowhere/search", t, q="x"
    ),
    ("get", "/api/v1/forums/{slug}/search", 422): lambda t: _call(
        "get", f"{V}/harbor/search", t, q="x" * 101
    ),
    ("get", "/api/v1/forums/{slug}/projects/stats", 404): lambda t: _call(
        "get", f"{V}/nowhere/projects/stats", t
    ),
    ("get", "/api/v1/forums/{slug}/projects/stats", 422): lambda t: _call(
        "get", f"{V}/harbor/projects/stats", t, currency="XYZ"
    ),
    ("get", "/api/v1/forums/{slug}/projects.json", 404): lambda t: _call(
        "get", f"{V}/nowhere/projects.json", t
    ),
    ("get", "/api/v1/forums/{slug}/projects.csv", 404): lambda t: _call(
        "get", f"{V}/nowhere/projects.csv", t
    ),
    ("get", "/api/v1/forums/{slug}/projects.xlsx", 404): lambda t: _call(
        "get", f"{V}/nowhere/projects.xlsx", t
    ),
    ("get", "/api/v1/forums/{slug}/projects/iati.xml", 404): lambda t: _call(
        "get", f"{V}/nowhere/projects/iati.xml", t
    ),
    ("get", "/api/v1/forums/{slug}/projects/iati.xml", 409): lambda t: _call(
        "get", f"{V}/harbor/projects/iati.xml", t
    ),
    ("post", "/api/v1/forums/{slug}/registrations", 400): lambda t: _not_json(
        f"{V}/harbor/registrations", t
    ),
    ("post", "/api/v1/forums/{slug}/registrations", 404): lambda t: _call(
        "post",
        f"{V}/nowhere/registrations",
        t,
        body={"person": {"name": "An", "email": "an@example.vn"}, "category": "guest"},
    ),
    ("post", "/api/v1/forums/{slug}/registrations", 422): lambda t: _call(
        "post",
        f"{V}/harbor/registrations",
        t,
        body={"person": {"name": "An", "email": "an@example.vn"}, "category": "nobody"},
    ),
    ("post", "/api/v1/forums/{slug}/checkins", 400): lambda t: _not_json(
        f"{V}/harbor/checkins", t, "door"
    ),
    ("post", "/api/v1/forums/{slug}/checkins", 401): lambda t: _call(
        "post", f"{V}/harbor/checkins", t, body={"code": "x", "door": "A"}
    ),
    ("post", "/api/v1/forums/{slug}/checkins", 403): lambda t: _call(
        "post", f"{V}/harbor/checkins", t, "viewer", {"code": "x", "door": "A"}
    ),
    ("post", "/api/v1/forums/{slug}/checkins", 404): lambda t: _call(
        "post", f"{V}/nowhere/checkins", t, "door", {"code": "x", "door": "A"}
    ),
    ("post", "/api/v1/forums/{slug}/checkins", 422): lambda t: _call(
        "post", f"{V}/harbor/checkins", t, "door", {"code": "x", "door": "A", "session": "no"}
    ),
    ("post", "/api/v1/forums/{slug}/checkins", 429): lambda t: _twice_unknown(
        "post", f"{V}/harbor/checkins", t, {"code": "x", "door": "A"}
    ),
    ("get", "/api/v1/forums/{slug}/matchmaking/figures", 401): lambda t: _call(
        "get", f"{V}/harbor/matchmaking/figures", t
    ),
    ("get", "/api/v1/forums/{slug}/matchmaking/figures", 403): lambda t: _call(
        "get", f"{V}/harbor/matchmaking/figures", t, "stranger"
    ),
    ("get", "/api/v1/forums/{slug}/matchmaking/figures", 404): lambda t: _call(
        "get", f"{V}/nowhere/matchmaking/figures", t, "viewer"
    ),
    ("get", "/api/v1/forums/{slug}/matchmaking/figures", 422): lambda t: _call(
        "get", f"{V}/harbor/matchmaking/figures", t, "viewer", by="colour"
    ),
    ("get", "/api/v1/forums/{slug}/matchmaking/figures", 429): lambda t: _twice_unknown(
        "get", f"{V}/harbor/matchmaking/figures", t
    ),
    # Not published yet (an unknown forum answers 404 too, with the common body).
    ("get", "/api/v1/forums/{slug}/report", 404): lambda t: _call("get", f"{V}/harbor/report", t),
    ("get", "/api/v1/forums/{slug}/report", 422): lambda t: _call(
        "get", f"{V}/harbor/report", t, lang="xx"
    ),
}


@functools.cache
def _document():
    """openapi.json, built once: it depends on the code alone."""
    return Client().get("/api/v1/openapi.json").json()


def _documented_errors(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    yield (method, path, int(status)), response


def test_openapi_documents_exactly_the_errors_each_operation_answers(db):
    assert {key for key, _response in _documented_errors(_document())} == set(TRIGGERS)


@pytest.mark.parametrize("key", list(TRIGGERS), ids="{0[0]} {0[1]} {0[2]}".format)
def test_documented_error_example_is_the_real_answer(harbor, key):
    document = _document()
    documented = dict(_documented_errors(document))[key]
    content = documented["content"]["application/json"]
    response = TRIGGERS[key](harbor)
    assert response.status_code == key[2]
    assert response.json() == content["example"]
    schema = content["schema"]
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    jsonschema.validate(response.json(), schema)


def test_a_json_file_is_documented_as_a_json_object(db):
    # The fuzzer found it described as a binary string, which no JSON answer can be.
    ok = _document()["paths"]["/api/v1/forums/{slug}/schedule.json"]["get"]["responses"]["200"]

    assert ok["content"] == {"application/json": {"schema": {"type": "object"}}}


def test_file_exports_document_their_media_types(db):
    paths = _document()["paths"]
    media = {
        path: list(paths[path]["get"]["responses"]["200"]["content"])
        for path in [
            "/api/v1/forums/{slug}/projects.csv",
            "/api/v1/forums/{slug}/projects.xlsx",
            "/api/v1/forums/{slug}/projects/iati.xml",
            "/api/v1/forums/{slug}/schedule.xml",
        ]
    }
    assert media == {
        "/api/v1/forums/{slug}/projects.csv": ["text/csv"],
        "/api/v1/forums/{slug}/projects.xlsx": [
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ],
        "/api/v1/forums/{slug}/projects/iati.xml": ["application/xml"],
        "/api/v1/forums/{slug}/schedule.xml": ["application/vnd.c3voc.schedule+xml"],
    }
