"""Every URL pattern of the site, as every role, against the table in access_table.py.

For each role of world.ROLES, every pattern resolved from the URLconf (the pages and the API;
not the admin) is requested with GET, and with the write methods its table row names (POST with
a valid CSRF token, as a browser sends it). Each write runs in a savepoint that is rolled back,
so every request sees the same data. Every answer that is text is searched for every
participant's private-link token and badge code (only the participant's own may appear, on
their own pages) and for the other forum's data (world.LEAK_MARK).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from infoharbor.registration.models import Participant
from tests.security import world as worlds
from tests.security.access_table import ACCESS

pytestmark = pytest.mark.integration

# The admin has its own permission tests (tests/*/test_admin.py); its 200-odd generated
# patterns are left out of the walk.
SKIPPED_NAMESPACES = {"admin"}
TEXT_TYPES = ("text/", "application/json", "application/xml", "image/svg+xml")
TOKEN_RUN = re.compile(r"[A-Za-z0-9_-]{22,}")
TOKEN_CHARS = 22  # core.tokens.new_public_token's length
EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9.-]+")
# Contact details are for the registration desk (core/rules.py: can_see_personal_data).
SEE_CONTACTS = {"owner", "registration_desk"}
DJANGO_BLANK_CHOICE = "---------"


def _walk(patterns: list, namespace: str = "") -> Iterator[tuple[str, list[str]]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            if inner.split(":")[0] in SKIPPED_NAMESPACES:
                continue
            for name, arguments in _walk(entry.url_patterns, inner):
                yield name, [*_arguments(entry), *arguments]
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), _arguments(entry)


def _arguments(entry: URLPattern | URLResolver) -> list[str]:
    return list(entry.pattern.regex.groupindex)


def url_patterns() -> dict[str, list[str]]:
    """Every named pattern outside the admin, with its arguments."""
    return dict(_walk(get_resolver().url_patterns))


def outcome(response: HttpResponse) -> str:
    """The table's word for an answer: its status, or `login` for a redirect to sign in."""
    if response.status_code in (301, 302, 303) and "/admin/login/" in response["Location"]:
        return "login"
    return str(response.status_code)


def send(
    world: worlds.World, client: Client, role: str, name: str, method: str, *, foreign: bool = False
) -> HttpResponse:
    """One request, in a savepoint rolled back after it: each request sees the same data."""
    kwargs = world.url_kwargs(name, url_patterns()[name], role, foreign=foreign)
    with transaction.atomic():
        response = _request(world, client, role, name, method, reverse(name, kwargs=kwargs))
        transaction.set_rollback(True)
    cache.clear()  # rate limits count every refusal; each request starts afresh
    return response


def _request(
    world: worlds.World, client: Client, role: str, name: str, method: str, url: str
) -> HttpResponse:
    headers = {}
    if name.startswith("api:"):
        if role in world.api_tokens:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {world.api_tokens[role]}"
        if method == "GET":
            return client.get(url, **headers)
        body = json.dumps(world.api_bodies.get(name, {}))
        return client.generic(method, url, body, "application/json", **headers)
    if method == "GET":
        return client.get(url)
    return client.post(url, {})


def emails_shown(body: str, emails: dict[str, int]) -> set[int]:
    """The participants (ids) whose email address appears in `body`."""
    return {emails[found] for found in EMAIL.findall(body.lower()) if found in emails}


def secrets_shown(body: str, secrets: dict[str, int]) -> set[int]:
    """The participants (ids) whose token or badge code appears in `body`."""
    found = set()
    for run in TOKEN_RUN.findall(body):
        for start in range(len(run) - TOKEN_CHARS + 1):
            owner = secrets.get(run[start : start + TOKEN_CHARS])
            if owner is not None:
                found.add(owner)
    return found


def test_every_url_pattern_has_a_row_in_the_access_table():
    assert sorted(set(url_patterns()) - set(ACCESS)) == []
    assert sorted(set(ACCESS) - set(url_patterns())) == []


def test_the_access_table_is_sorted_and_has_a_column_per_role():
    assert list(ACCESS) == sorted(ACCESS)
    widths = {len(row.split()) for checks in ACCESS.values() for row in checks.values()}
    assert widths == {len(worlds.ROLES)}


def test_every_page_is_tried_with_get_and_post():
    """Pages are POSTed too (a view that writes must refuse whom it refuses to show); only
    the PDF renderings, which only read, are left at GET. API rows name their own methods."""
    pages = {name: set(checks) for name, checks in ACCESS.items() if not name.startswith("api:")}
    expected = {n: {"GET"} if n.endswith("_pdf") else {"GET", "POST"} for n in pages}
    assert pages == expected


@pytest.mark.parametrize("role", worlds.ROLES)
def test_each_role_reaches_what_the_table_says_and_sees_no_one_elses_secrets(
    role, seed_forum, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    world = worlds.build(seed_forum)
    client = world.client(role)
    secrets, emails = {}, {}
    people = Participant.objects.values_list("pk", "token", "badge_code", "person__email")
    for pk, token, badge_code, email in people:
        secrets[token] = secrets[badge_code] = pk
        if email:
            emails[email.lower()] = pk
    own = {"participant_a": {world.a.pk}, "participant_b": {world.b.pk}}.get(role, set())
    column = worlds.ROLES.index(role)

    wrong, leaks, dashes = [], [], []
    for name in sorted(url_patterns()):
        for method, row in ACCESS.get(name, {}).items():
            response = send(world, client, role, name, method)
            expected, got = row.split()[column], outcome(response)
            if got != expected:
                wrong.append(f"{name} {method}: {got}, the table says {expected}")
            if not response.get("Content-Type", "").startswith(TEXT_TYPES):
                continue
            body = b"".join(response).decode(errors="replace")  # streamed answers too
            others = secrets_shown(body, secrets) - own
            if others:
                leaks.append(f"{name} {method}: private links or badge codes of {len(others)}")
            contacts = emails_shown(body, emails) - own
            if contacts and (role not in SEE_CONTACTS or world.other_participant.pk in contacts):
                leaks.append(f"{name} {method}: email addresses of {len(contacts)}")
            if role != "other_owner" and worlds.LEAK_MARK in body:
                leaks.append(f"{name} {method}: the other forum's data")
            if DJANGO_BLANK_CHOICE in body:
                dashes.append(f"{name} {method}")
    assert wrong == [], "\n".join(wrong)
    assert leaks == [], "\n".join(leaks)
    # Every page this role reaches, walked once: none offers Django's bare "---------" for an
    # unchosen option (core.forms.BLANK_CHOICE says it in the reader's language).
    assert dashes == [], "\n".join(dashes)


def test_the_other_forums_objects_are_not_found_at_this_forums_addresses(
    seed_forum, settings, tmp_path
):
    """The owner of the seed forum asks for the other forum's participant, project, session,
    run sheet, seating plan, badge batch and imports under the seed forum's address."""
    settings.MEDIA_ROOT = tmp_path
    world = worlds.build(seed_forum)
    client = world.client("owner")
    found = [
        f"{name} {method}: {outcome(response)}"
        for name in sorted(world.foreign_kwargs)
        for method in ACCESS[name]
        # 405: a view that only takes POST refuses a GET before it looks anything up.
        if outcome(response := send(world, client, "owner", name, method, foreign=True))
        not in {"404", "405"}
    ]
    assert found == [], "\n".join(found)
