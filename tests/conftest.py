"""Shared fixtures. Each test builds its own data through tests/factories.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
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
    from infoharbor.core.forum_loader import load_seed_forum  # needs the database fixture first

    with override_settings(INFOHARBOR_SEED_PARTICIPANTS=participants):
        return load_seed_forum(report=lambda line: None)


# Every test says what kind it is (its file's `pytestmark`), so `-m` picks meaningful runs.
CATEGORIES = {"unit", "integration", "browser", "concurrency"}


@pytest.hookimpl(trylast=True)  # after pytest-xdist's, which names each grouped test's group
def pytest_collection_modifyitems(config, items):
    """Tests of the shared seed run last, so the others never see it in their database; a test
    without a category marker is an error. With `--dist loadgroup`, a worker's grouped tests
    must carry their group in their node id, or the controller spreads a group over the workers
    without a word (a live server per worker is more than PostgreSQL's connections allow)."""
    unmarked = [i.nodeid for i in items if not CATEGORIES & {m.name for m in i.iter_markers()}]
    if unmarked:
        raise pytest.UsageError(f"tests without a category marker: {unmarked[:10]}")
    if getattr(config.option, "loadgroup", False):
        lost = [
            i.nodeid for i in items if i.get_closest_marker("xdist_group") and "@" not in i.nodeid
        ]
        if lost:
            raise pytest.UsageError(f"pytest-xdist did not group these tests: {lost[:5]}")
    items.sort(key=lambda item: "seed_forum" in getattr(item, "fixturenames", ()))


class Snapshot:
    """Every row of every table, read after the seed was loaded once, to be written back where a
    test needs the seed again: a transactional test (a live server) empties every table, and
    loading the seed through its services again costs seconds; writing its rows back costs
    a fraction of one. Foreign keys are checked at commit (Django declares them deferrable), so
    the tables are written in any order."""

    def __init__(self) -> None:
        from django.apps import apps
        from django.db import connection

        quote = connection.ops.quote_name
        self.tables: dict[str, tuple[list[str], list[tuple]]] = {}
        with connection.cursor() as cursor:
            for model in apps.get_models(include_auto_created=True):
                if model._meta.managed and not model._meta.proxy:
                    # The model's columns: columns a migration adds itself are stored by the
                    # database (core_searchentry's tsvector) and written back by it.
                    columns = [field.column for field in model._meta.concrete_fields]
                    names = ", ".join(quote(column) for column in columns)
                    cursor.execute(f"SELECT {names} FROM {quote(model._meta.db_table)}")
                    self.tables[model._meta.db_table] = (columns, cursor.fetchall())

    def restore(self) -> None:
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection, transaction

        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"DELETE FROM {quote(table)}")
            for table, (columns, rows) in self.tables.items():
                if rows:
                    names = ", ".join(quote(column) for column in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    insert = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"
                    cursor.executemany(insert, rows)
        # A flush made the content types anew under other keys; the restored ones count now.
        ContentType.objects.clear_cache()
        cache.clear()


@pytest.fixture(scope="session")
def _seed_snapshot(django_db_setup, django_db_blocker):
    """The seed, loaded once per session (per xdist worker) and read back as rows."""
    with django_db_blocker.unblock():
        forum = load_seed(TEST_SEED_PARTICIPANTS)
        return forum.pk, Snapshot()


@pytest.fixture(scope="session")
def _shared_seed_forum(_seed_snapshot, django_db_blocker):
    """The seed, committed once per session (per xdist worker) for `seed_forum`.

    Each test still runs in a transaction that is rolled back, so a test may change the seed
    freely; tests that need an empty database run before these (see the hook above). Flushed
    at the end (as a transactional test does) so a reused test database starts empty.
    """
    pk, snapshot = _seed_snapshot
    with django_db_blocker.unblock():
        snapshot.restore()
    yield pk
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def seed_forum(_shared_seed_forum, _seed_snapshot, db):
    from infoharbor.core.models import Forum

    forum = Forum.objects.filter(pk=_shared_seed_forum).first()
    if forum is None:  # a transactional test (a live server) emptied every table
        _seed_snapshot[1].restore()
        forum = Forum.objects.get(pk=_shared_seed_forum)
    return forum


@pytest.fixture(scope="session")
def _full_seed_snapshot(django_db_setup, django_db_blocker):
    """The seed with all its synthetic participants, loaded once per session (per xdist worker)
    in a transaction that is rolled back, and kept as rows."""
    from django.conf import settings
    from django.db import transaction

    from infoharbor.core.forum_loader import SEED_FORUM_SLUG
    from infoharbor.core.models import Forum

    with django_db_blocker.unblock(), transaction.atomic():
        Forum.objects.filter(slug=SEED_FORUM_SLUG).delete()
        forum = load_seed(settings.INFOHARBOR_SEED_PARTICIPANTS)
        snapshot = Snapshot()
        transaction.set_rollback(True)
    cache.clear()
    return forum.pk, snapshot


@pytest.fixture
def full_seed_forum(_full_seed_snapshot, db):
    """The seed with all its synthetic participants, in this test's transaction only. Tests
    that take it share one xdist worker (`xdist_group("full-seed")`), which loads it once."""
    from infoharbor.core.models import Forum

    pk, snapshot = _full_seed_snapshot
    snapshot.restore()
    return Forum.objects.get(pk=pk)
