"""The site's own pages run under its Content-Security-Policy without a single violation."""

import pytest

from tests.factories import (
    make_approved_participant,
    make_category,
    make_city,
    make_door_staff,
    make_forum,
    make_session,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Playwright injects this through the DevTools protocol, which the page's policy does not govern.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _visit(page, url, ready):
    page.goto(url)
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__violations")


def test_pages_load_without_csp_violations(live_server, transactional_db, page):
    forum = make_forum(slug="harbor", default_language="en")
    make_session(forum, make_city(), slug="opening")
    participant = make_approved_participant(make_category(forum, "delegate"))
    staff = make_door_staff(forum, username="door1")
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    base = live_server.url

    assert _visit(page, f"{base}/en/forums/harbor/program/", "article.session") == []
    assert _visit(page, f"{base}/en/forums/harbor/register/", "form") == []
    manage = f"{base}/en/forums/harbor/registration/{participant.token}/"
    assert _visit(page, manage, "h1") == []
    assert _visit(page, f"{base}/api/v1/docs", ".swagger-ui .info") == []

    page.goto(f"{base}/en/admin/login/?next=/en/forums/harbor/door/")
    page.fill("#id_username", staff.username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("input[type=submit]")
    page.wait_for_selector("#scan")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []

    # The language menu (plain links, no script) keeps the reader on the same page.
    page.goto(f"{base}/en/forums/harbor/program/")
    with page.expect_navigation():
        page.click(".language-switcher a[lang=th]")
    assert page.url == f"{base}/th/forums/harbor/program/"
    assert page.evaluate("window.__violations") == []
    assert [m for m in console if "Content Security Policy" in m] == []
