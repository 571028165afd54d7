"""Security of the public site: what it publishes, the headers it sends, where logins lead, and
the production settings that `check --deploy` accepts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.utils import translation

from infoharbor.core.models import Organization
from tests.factories import (
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_organization,
    make_participant,
    make_person,
    make_session,
    text,
)

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]

# The production environment of README.md's "Production" section, with example values.
PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": "k7#Qz9!vR2@pL5^wN8&xT1*bM4(cF6)hJ3_yD0+eG9-sA2=uK7~iO5",
    "ALLOWED_HOSTS": "forum.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://forum.example.org",
    "INFOHARBOR_BASE_URL": "https://forum.example.org",
    "INFOHARBOR_HTTPS": "1",
    "INFOHARBOR_HSTS_PRELOAD": "1",
    "INFOHARBOR_PROXY_SSL_HEADER": "1",
    "INFOHARBOR_NUM_PROXIES": "1",
}


def _forum_with_a_registrant_organization():
    forum = make_forum()
    session = make_session(forum, make_city(), slug="opening")
    host = make_organization(forum, name="Harbour Hosting Bureau")
    session.hosts.add(host)
    make_participant(
        make_category(forum),
        person={"organization": "Quokka Private Trading", "organization_kind": "enterprise"},
    )
    return forum, host


def test_registrant_organization_is_never_public(db):
    forum, _host = _forum_with_a_registrant_organization()
    private = Organization.objects.get(forum=forum, name__en="Quokka Private Trading")
    client = Client()
    page = client.get(f"/en/forums/{forum.slug}/search/", {"q": "quokka"})
    assert page.status_code == 200
    assert "Quokka" not in page.content.decode()
    api = client.get(f"/api/v1/forums/{forum.slug}/search", {"q": "quokka"})
    assert api.json()["results"] == []
    for url in [
        f"/en/forums/{forum.slug}/",
        f"/en/forums/{forum.slug}/program/",
        f"/en/forums/{forum.slug}/speakers/",
        f"/en/forums/{forum.slug}/projects/",
        f"/en/forums/{forum.slug}/sessions/opening/",
    ]:
        response = client.get(url)
        assert (url, response.status_code) == (url, 200)
        assert str(private.name) not in response.content.decode()


def test_organization_that_hosts_a_session_is_public(db):
    forum, _host = _forum_with_a_registrant_organization()
    api = Client().get(f"/api/v1/forums/{forum.slug}/search", {"q": "harbour"})
    assert [(r["type"], r["title"]) for r in api.json()["results"]] == [
        ("organization", {"en": "Harbour Hosting Bureau"})
    ]
    page = Client().get(f"/en/forums/{forum.slug}/sessions/opening/")
    assert "Harbour Hosting Bureau" in page.content.decode()


def test_organization_becomes_public_through_a_speaker(db):
    forum = make_forum()
    org = make_organization(forum, name="Mekong Speakers Institute")
    speaker = make_person(forum, name="Somchai", organization=org)
    assert (
        Client().get(f"/api/v1/forums/{forum.slug}/search", {"q": "mekong"}).json()["results"] == []
    )
    make_session(forum, make_city(), speakers=[speaker])
    results = Client().get(f"/api/v1/forums/{forum.slug}/search", {"q": "mekong"}).json()
    assert [r["title"] for r in results["results"]] == [{"en": "Mekong Speakers Institute"}]


POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _directives(policy):
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_public_pages_answer_with_the_content_security_policy(db):
    forum, _host = _forum_with_a_registrant_organization()
    client = Client()
    for url in [
        "/en/",
        f"/en/forums/{forum.slug}/",
        f"/en/forums/{forum.slug}/program/",
        f"/en/forums/{forum.slug}/register/",
        f"/en/forums/{forum.slug}/search/?q=x",
        "/api/v1/docs",
    ]:
        response = client.get(url)
        assert (url, response.status_code) == (url, 200)
        assert _directives(response.headers["Content-Security-Policy"]) == POLICY


def test_api_docs_load_nothing_from_another_site(db):
    page = Client().get("/api/v1/docs").content.decode()
    assert "cdn." not in page
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in page


def test_orga_sends_an_organiser_of_one_forum_to_it(db):
    forum = make_forum(slug="harbor")
    client = Client()
    client.force_login(make_organiser(forum))
    response = client.get("/en/orga/")
    assert (response.status_code, response.headers["Location"]) == (
        302,
        "/en/forums/harbor/orga/",
    )


def test_orga_lists_the_forums_of_an_organiser_of_several(db):
    user = make_organiser(make_forum(slug="first", name=text("First forum")))
    make_organiser(make_forum(slug="second", name=text("Second forum")))
    user.forum_roles.create(forum=make_forum(slug="third", name=text("Third forum")), role="viewer")
    client = Client()
    client.force_login(user)
    response = client.get("/en/orga/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "/en/forums/first/orga/" in page
    assert "/en/forums/third/orga/" in page
    assert "Second forum" not in page


def test_orga_asks_a_visitor_to_log_in(db):
    response = Client().get("/en/orga/")
    assert (response.status_code, response.headers["Location"]) == (
        302,
        "/en/admin/login/?next=/en/orga/",
    )


def test_login_redirect_url_is_the_organiser_landing_page(db):
    with translation.override("th"):
        assert resolve_url(settings.LOGIN_REDIRECT_URL) == "/th/orga/"


@pytest.mark.slow
def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT / "src"),
        "INFOHARBOR_VAR_DIR": str(tmp_path),
        **PRODUCTION_ENVIRONMENT,
    }
    result = subprocess.run(
        [sys.executable, "-m", "infoharbor", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_environment_is_the_one_the_readme_documents():
    readme = (ROOT / "README.md").read_text()
    for name, _value in PRODUCTION_ENVIRONMENT.items():
        assert f"{name}=" in readme


@pytest.mark.django_db
def test_pages_name_the_favicon(client):
    page = client.get("/km/").content.decode()
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in page
