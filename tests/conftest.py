"""Shared fixtures. Each test builds its own data through tests/factories.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from infoharbor.core import tasks

# The folder beside the project checkout; INFOHARBOR_SHARED_DIR names it from elsewhere (worktrees).
SHARED = Path(
    os.environ.get("INFOHARBOR_SHARED_DIR", Path(__file__).resolve().parents[1].parent / "shared")
)


def shared_path(*parts: str) -> Path:
    """A file under ../shared/; skips the test where that folder is absent (a user's machine)."""
    path = SHARED.joinpath(*parts)
    if not SHARED.is_dir():
        pytest.skip("../shared/ is absent here (it is always present in CI)")
    return path


@pytest.fixture(scope="session", autouse=True)
def _tasks_run_by_hand():
    """Queued tasks wait until a test runs them with `tasks.run_pending()`. For the whole
    session, not per test: a worker thread started by one test would otherwise run between
    tests, or after the test database is gone, and query a database that does not exist."""
    django_settings.INFOHARBOR_TASK_RUNNER = "manual"


@pytest.fixture(autouse=True)
def _no_tasks_left_over():
    yield
    tasks.discard_pending()


@pytest.fixture(autouse=True)
def _english_by_default():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Tests create many organisers; the production hasher costs ~0.7 s per password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Tests see the seed forum with fewer synthetic participants than the demo's 2,000, which
# would cost seconds per test; `full_seed_forum` loads all of them where a test needs that.
TEST_SEED_PARTICIPANTS = 120


def load_seed(participants: int) -> object:
    from infoharbor.core.seed import load_seed_forum  # needs the database fixture first

    with override_settings(INFOHARBOR_SEED_PARTICIPANTS=participants):
        return load_seed_forum(report=lambda line: None)


@pytest.fixture
def seed_forum(db):
    return load_seed(TEST_SEED_PARTICIPANTS)


@pytest.fixture
def full_seed_forum(db, settings):
    return load_seed(settings.INFOHARBOR_SEED_PARTICIPANTS)
