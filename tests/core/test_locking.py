"""The lock helper: rows read under the lock, one transaction, a timeout that says "try again"."""

import threading
import time
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from infoharbor.core import locking
from infoharbor.core.models import Forum
from infoharbor.registration.models import SessionCapacity
from tests import unsafe_locking
from tests.factories import make_city, make_forum, make_session

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_lock_yields_the_rows_by_pk_and_leaves_out_missing_keys():
    first, second = make_forum(slug="first"), make_forum(slug="second")
    Forum.objects.filter(pk=second.pk).update(slug="second-renamed")

    with locking.lock(Forum, [second.pk, first.pk, second.pk, 0]) as rows:
        assert list(rows) == sorted([first.pk, second.pk])
        assert rows[second.pk].slug == "second-renamed"  # read under the lock, not passed in


@pytest.mark.django_db(transaction=True)
def test_lock_opens_a_transaction_that_a_failure_rolls_back():
    forum = make_forum(slug="before")

    with pytest.raises(RuntimeError), locking.lock(Forum, [forum.pk]) as rows:
        assert connection.in_atomic_block
        rows[forum.pk].slug = "after"
        rows[forum.pk].save(update_fields=["slug"])
        raise RuntimeError("a rule failed after the write")

    assert Forum.objects.get(pk=forum.pk).slug == "before"


@pytest.mark.django_db
def test_lock_of_a_queryset_keeps_its_related_rows():
    forum = make_forum(slug="harbor")
    with locking.lock(Forum.objects.filter(slug="harbor"), [forum.pk]) as rows:
        assert list(rows.values()) == [forum]


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_lock_held_elsewhere_for_longer_than_the_timeout_raises_lock_timeout():
    forum = make_forum()
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with locking.lock(Forum, [forum.pk]):
                Forum.objects.filter(pk=forum.pk).update(slug="held")  # SQLite: the write lock
                held.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        started = time.monotonic()
        with (
            pytest.raises(locking.LockTimeout) as refused,
            locking.lock(Forum, [forum.pk], timeout=0.2),
        ):
            pass
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()

    assert 0.15 < waited < 5
    assert refused.value.messages == [
        "The system is busy right now. Nothing was changed: please try again."
    ]
    with locking.lock(Forum, [forum.pk], timeout=0.2) as rows:  # free again once released
        assert rows[forum.pk].slug == "held"


@pytest.mark.postgresql
@pytest.mark.django_db
def test_lock_timeout_applies_to_the_lock_only_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's lock_timeout")
    forum = make_forum()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        usual = cursor.fetchone()[0]
        with locking.lock(Forum, [forum.pk], timeout=0.5):
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == usual


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_lock_held_elsewhere_for_a_moment_is_waited_for_and_then_had():
    """The first ask does not wait (PostgreSQL's NOWAIT); a row another holds is waited for."""
    forum = make_forum()
    held = threading.Event()

    def hold() -> None:
        try:
            with locking.lock(Forum, [forum.pk]):
                Forum.objects.filter(pk=forum.pk).update(slug="held")
                held.set()
                time.sleep(0.3)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        with locking.lock(Forum, [forum.pk], timeout=10) as rows:
            slug = rows[forum.pk].slug
    finally:
        holder.join()

    assert slug == "held"  # read once the holder had committed
    assert connection.get_autocommit()


@pytest.mark.django_db
def test_lock_without_keys_holds_the_rows_the_queryset_selects():
    harbor, other = make_forum(slug="harbor"), make_forum(slug="other")
    with locking.lock(Forum.objects.filter(slug="harbor")) as rows:
        assert rows == {harbor.pk: harbor}
    assert other.pk not in rows


def _capacity(seats: int, taken: int) -> SessionCapacity:
    session = make_session(make_forum(), make_city())
    return SessionCapacity.objects.create(session=session, capacity=seats, seats_taken=taken)


@pytest.mark.django_db
def test_increment_below_a_limit_changes_only_the_rows_under_it():
    free, full = _capacity(seats=3, taken=2), _capacity(seats=3, taken=3)
    both = SessionCapacity.objects.filter(pk__in=[free.pk, full.pk])

    with locking.atomic():
        assert locking.increment(both, "seats_taken", below="capacity") == 1
        assert locking.increment(both, "seats_taken", below="capacity") == 0

    assert dict(both.values_list("pk", "seats_taken")) == {free.pk: 3, full.pk: 3}


@pytest.mark.django_db
def test_increment_without_a_limit_adds_one_to_every_row():
    first, second = _capacity(seats=1, taken=1), _capacity(seats=1, taken=0)
    both = SessionCapacity.objects.filter(pk__in=[first.pk, second.pk])

    assert locking.increment(both, "queue_counter") == 2
    assert locking.increment(both.filter(pk=0), "queue_counter") == 0

    assert dict(both.values_list("pk", "queue_counter")) == {first.pk: 1, second.pk: 1}


def _take_concurrently(take: Callable[..., int], cap: SessionCapacity, callers: int) -> int:
    """`callers` threads at once each take one seat of `cap`; how many said they had one."""
    barrier = threading.Barrier(callers)
    taken: list[int] = []

    def one() -> None:
        try:
            barrier.wait()
            with locking.atomic():
                taken.append(
                    take(SessionCapacity.objects.filter(pk=cap.pk), "seats_taken", below="capacity")
                )
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(taken)


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_increment_below_a_limit_never_passes_it_under_concurrent_callers():
    cap = _capacity(seats=5, taken=0)

    assert _take_concurrently(locking.increment, cap, callers=12) == 5

    assert SessionCapacity.objects.get(pk=cap.pk).seats_taken == 5


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_control_read_then_write_passes_the_limit_under_concurrent_callers(monkeypatch):
    """Shows the test above can fail: the check and the write apart, the seats are oversold."""
    unsafe_locking.install(monkeypatch.setattr)
    cap = _capacity(seats=5, taken=0)

    assert _take_concurrently(locking.increment, cap, callers=12) > 5


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_atomic_sets_the_lock_timeout_for_its_whole_transaction_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's lock_timeout")
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        usual = cursor.fetchone()[0]
        with locking.atomic(timeout=0.5):
            forum = make_forum()
            with locking.lock(Forum, [forum.pk], timeout=0.5):
                cursor.execute("SHOW lock_timeout")
                assert cursor.fetchone()[0] == "500ms"
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == "500ms"
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == usual


@pytest.mark.django_db(transaction=True)
def test_a_transaction_at_the_connections_own_timeout_spends_no_statement_on_it():
    forum = make_forum()
    with (
        CaptureQueriesContext(connection) as spent,
        locking.atomic(),
        locking.lock(Forum, [forum.pk]),
    ):
        pass
    statements = [q["sql"] for q in spent.captured_queries]
    assert not [s for s in statements if "lock_timeout" in s or "busy_timeout" in s]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == f"{settings.LOCK_TIMEOUT}s"
