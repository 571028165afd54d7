"""Rate limits on guessing passwords, private registration links and API tokens."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from infoharbor.core import ratelimit
from infoharbor.core.models import AuditEntry
from tests.factories import (
    make_api_token,
    make_category,
    make_forum,
    make_organiser,
    make_participant,
)

pytestmark = pytest.mark.integration

PASSWORD = "pw-for-tests-only"


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.INFOHARBOR_RATE_LIMITS = {
        "login_account": {"count": 3, "seconds": 600},
        "login_address": {"count": 5, "seconds": 600},
        "private_link": {"count": 4, "seconds": 600},
        "api_token": {"count": 4, "seconds": 600},
    }


def _login(client, username, password="wrong", address="198.51.100.7"):
    return client.post(
        "/en/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_login_is_refused_after_too_many_failures_for_the_account(db):
    make_organiser(make_forum(), username="owner")
    client = Client()
    for address in ["198.51.100.1", "198.51.100.2", "198.51.100.3"]:
        assert _login(client, "owner", address=address).status_code == 200
    refused = _login(client, "Owner", password=PASSWORD, address="198.51.100.4")
    assert refused.status_code == 429
    assert "Too many failed attempts. Please try again in 10 minutes." in refused.content.decode()
    assert int(refused.headers["Retry-After"]) in range(590, 602)
    entry = AuditEntry.objects.get(action="ratelimit.blocked")
    assert (entry.object_id, entry.changes) == (
        "login_account",
        {"limit": "login_account", "key": "owner", "about": "login", "failures": 3},
    )
    assert "wrong" not in str(entry.changes) and PASSWORD not in str(entry.changes)


def test_login_is_refused_after_too_many_failures_from_one_address(db):
    make_organiser(make_forum(), username="owner")
    client = Client()
    for n in range(5):
        assert _login(client, f"guess{n}").status_code == 200
    assert _login(client, "owner", password=PASSWORD).status_code == 429
    assert _login(client, "owner", password=PASSWORD, address="203.0.113.9").status_code == 302
    entry = AuditEntry.objects.get(action="ratelimit.blocked")
    assert (entry.object_id, entry.changes["key"]) == ("login_address", "198.51.100.7")


def test_login_that_succeeds_clears_the_account_count(db):
    make_organiser(make_forum(), username="owner")
    client = Client()
    for _ in range(2):
        _login(client, "owner", address="198.51.100.1")
    assert _login(Client(), "owner", password=PASSWORD, address="198.51.100.2").status_code == 302
    for _ in range(2):
        assert _login(client, "owner", address="198.51.100.3").status_code == 200
    assert AuditEntry.objects.filter(action="ratelimit.blocked").count() == 0


def test_login_refusal_is_in_the_visitors_language(db):
    make_organiser(make_forum(), username="owner")
    client = Client()
    for _ in range(3):
        client.post("/th/admin/login/", {"username": "owner", "password": "x"})
    refused = client.post("/th/admin/login/", {"username": "owner", "password": PASSWORD})
    assert refused.status_code == 429
    assert "พยายามไม่สำเร็จหลายครั้งเกินไป" in refused.content.decode()


def test_private_link_guessing_is_refused_with_429(db):
    forum = make_forum()
    participant = make_participant(make_category(forum))
    client = Client()
    for n in range(4):
        guess = client.get(f"/en/forums/{forum.slug}/registration/guess-{n}/")
        assert guess.status_code == 404
    own = client.get(f"/en/forums/{forum.slug}/registration/{participant.token}/")
    assert own.status_code == 429
    assert "Too many failed attempts" in own.content.decode()
    other = Client().get(
        f"/en/forums/{forum.slug}/registration/{participant.token}/", REMOTE_ADDR="203.0.113.9"
    )
    assert other.status_code == 200
    entry = AuditEntry.objects.get(action="ratelimit.blocked")
    assert (entry.forum, entry.object_id, entry.changes) == (
        forum,
        "private_link",
        {
            "limit": "private_link",
            "key": "127.0.0.1",
            "about": "registration:manage",
            "failures": 4,
        },
    )
    assert "guess" not in str(entry.changes)


def test_private_link_lookups_that_succeed_are_not_counted(db):
    forum = make_forum()
    participant = make_participant(make_category(forum))
    client = Client()
    for _ in range(6):
        page = client.get(f"/en/forums/{forum.slug}/registration/{participant.token}/")
        assert page.status_code == 200


def _private_link_names(patterns=None, namespace=""):
    """Every named page whose address holds a participant's private token, from the URLconf."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _private_link_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and "/registration/<str:token>/" in str(entry.pattern):
            yield (
                f"{namespace}{entry.name}",
                [key for key in entry.pattern.converters if key not in ("slug", "token")],
            )


PRIVATE_PAGES = sorted(_private_link_names())


def test_the_private_pages_are_found_in_every_app():
    names = {name for name, _ in PRIVATE_PAGES}
    assert {"registration:manage", "badges:badge", "matchmaking:meetings", "protocol:my_seat"} <= (
        names
    )
    assert len(names) == len(PRIVATE_PAGES) >= 15


@pytest.mark.parametrize(("name", "extra"), PRIVATE_PAGES, ids=[n for n, _ in PRIVATE_PAGES])
def test_every_private_page_counts_wrong_tokens_as_guesses(db, name, extra):
    forum = make_forum()
    participant = make_participant(make_category(forum))
    cache.clear()

    def url(token):
        args = [forum.slug, token, *("x1" for _ in extra)]
        return reverse(name, args=args)

    client = Client()
    for n in range(4):
        guess = client.get(url(f"guess-{n}"))
        if guess.status_code == 405:
            guess = client.post(url(f"guess-{n}"))
        assert guess.status_code == 404, name
    own = client.get(f"/en/forums/{forum.slug}/registration/{participant.token}/")
    assert own.status_code == 429, name


def test_api_token_guessing_is_refused_with_429(db):
    forum = make_forum()
    token = make_api_token(make_organiser(forum))
    client = Client()
    url = f"/api/v1/forums/{forum.slug}/sessions"
    for n in range(4):
        guess = client.post(
            url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer ih_guess{n}"
        )
        assert guess.status_code == 401
    refused = client.post(
        url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert refused.status_code == 429
    assert refused.json() == {"detail": "Too many failed attempts. Please try again in 10 minutes."}
    entry = AuditEntry.objects.get(action="ratelimit.blocked")
    assert (entry.object_id, entry.changes["key"], entry.changes["about"]) == (
        "api_token",
        "127.0.0.1",
        "api",
    )
    assert "ih_" not in str(entry.changes)


def test_requests_without_a_token_are_not_counted_as_guesses(db):
    forum = make_forum()
    client = Client()
    for _ in range(6):
        response = client.post(
            f"/api/v1/forums/{forum.slug}/sessions", {}, content_type="application/json"
        )
        assert response.status_code == 401


def test_window_slides_old_failures_out(db, settings):
    settings.INFOHARBOR_RATE_LIMITS = {"login_account": {"count": 2, "seconds": 1}}
    rule = ratelimit.limit("login_account")
    ratelimit.fail(rule, "someone")
    ratelimit.fail(rule, "someone")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check(rule, "someone")
    time.sleep(1.05)
    ratelimit.check(rule, "someone")


def test_client_address_behind_a_proxy_is_the_one_the_proxy_saw(rf, settings):
    settings.INFOHARBOR_NUM_PROXIES = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.20", REMOTE_ADDR="10.0.0.1")
    assert ratelimit.client_address(request) == "198.51.100.20"
    settings.INFOHARBOR_NUM_PROXIES = 0
    assert ratelimit.client_address(request) == "10.0.0.1"
