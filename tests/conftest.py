"""Shared fixtures. Each test builds its own data through tests/factories.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file under ../shared/; skips the test where that folder is absent (a user's machine)."""
    path = SHARED.joinpath(*parts)
    if not SHARED.is_dir():
        pytest.skip("../shared/ is absent here (it is always present in CI)")
    return path


@pytest.fixture(autouse=True)
def _no_background_email(settings):
    """Tests send queued email themselves; a sending thread would outlive the test database."""
    settings.INFOHARBOR_EMAIL_WORKER = "off"


@pytest.fixture(autouse=True)
def _english_by_default():
    with translation.override("en"):
        yield


@pytest.fixture
def seed_forum(db):
    from infoharbor.core.seed import load_seed_forum  # needs the database fixture first

    return load_seed_forum(report=lambda line: None)
