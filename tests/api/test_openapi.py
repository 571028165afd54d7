"""The API documents itself: openapi.json lists every public URL, the docs page renders it."""

import pytest


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
    assert sorted(create["responses"]) == ["201", "401", "403", "404", "422"]


@pytest.mark.integration
def test_docs_page_renders(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content
