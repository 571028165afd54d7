"""Chromium through Playwright against the live test server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in fixtures are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, with static files served as in production: by the project's
    WhiteNoise middleware (and the headers it adds, e.g. the door's service worker's scope),
    not by the test-only static handler that pytest-django puts in front of the site."""
    from pytest_django.live_server_helper import LiveServer

    address = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.static_handler = _served_by_the_project
    server.start()
    yield server
    server.stop()


def _served_by_the_project(handler):
    return handler


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright  # only browser tests need Playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def live_seed_forum(_seed_snapshot, transactional_db):
    """The seed for a live server: its rows written back, committed (emptied after the test)."""
    from infoharbor.core.models import Forum

    pk, snapshot = _seed_snapshot
    snapshot.restore()
    return Forum.objects.get(pk=pk)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def layout_widths(page) -> tuple[float, float]:
    """(content width, viewport width) in CSS pixels, from Chromium's layout metrics (no script
    runs in the page): content wider than the viewport scrolls sideways."""
    metrics = page.context.new_cdp_session(page).send("Page.getLayoutMetrics")
    return metrics["cssContentSize"]["width"], metrics["cssLayoutViewport"]["clientWidth"]
