"""The API fuzzed from its own OpenAPI document (schemathesis): no server error, and no answer
the document does not describe (status, body, content type), on whichever database runs.

Bounded (a few hundred cases in all) and marked slow; CI runs it on SQLite and PostgreSQL. The
token belongs to an owner who is also door staff, so every operation reaches its handler; the
path's forum and session are the fixture's most of the time, random the rest.
"""

from __future__ import annotations

import json
import zlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from infoharbor.api.urls import api
from infoharbor.core.models import ForumRole
from tests.factories import (
    make_api_token,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_person,
    make_platform,
    make_project,
    make_question,
    make_room,
    make_session,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration, pytest.mark.slow]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
KNOWN = {"slug": "harbor", "session_slug": "opening"}


@pytest.fixture
def fuzzed_forum():
    forum = make_forum(slug="harbor", languages=["zh-hans", "en", "th"])
    nanning = make_city("Nanning", zh_hans="南宁")
    forum.cities.set([nanning])
    room = make_room(forum, nanning, "Main Hall")
    make_platform(forum, "information-sharing")
    make_session(forum, nanning, slug="opening", room=room, speakers=[make_person(forum)])
    make_category(forum, "enterprise")
    make_question(forum, "diet")
    make_project(forum)
    return forum


@pytest.fixture
def owner_token(fuzzed_forum):
    owner = make_organiser(fuzzed_forum)
    ForumRole.objects.create(forum=fuzzed_forum, user=owner, role=ForumRole.Role.DOOR_STAFF)
    return make_api_token(owner)


@pytest.fixture
def _test_connection_kept():
    """Django's WSGI handler closes the database connection after each request; the test's
    transaction lives on it (Django's test client keeps it the same way)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# The document /api/v1/openapi.json serves (the first test asserts it is), built in-process so
# that collecting the tests needs no database.
DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1/")
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(DOCUMENT, cls=NinjaJSONEncoder)))
schema.app = get_wsgi_application()


@schema.hook
def map_path_parameters(context, path_parameters):
    # Three times in four the fixture's forum and session, so handlers do more than answer 404;
    # which times follows from the generated values, so a failing case replays the same.
    if path_parameters is None or zlib.crc32(repr(path_parameters).encode()) % 4 == 0:
        return path_parameters
    return {**path_parameters, **{k: v for k, v in KNOWN.items() if k in path_parameters}}


def test_the_fuzzed_document_is_the_one_served(client):
    served = client.get("/api/v1/openapi.json")

    assert served.json() == schema.raw_schema


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same cases on every run; nothing kept between runs either
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_document_says(case, owner_token, _test_connection_kept):
    case.call_and_validate(headers={"Authorization": f"Bearer {owner_token}"}, checks=CHECKS)
