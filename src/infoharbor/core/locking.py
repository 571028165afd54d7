"""The one lock helper, for every service whose write depends on what it just read.

Seats (a session's `SessionCapacity` row), door check-ins (the participant's row), program edits
(the forum's row) and whatever comes later lock through `lock()`, the way pretix's
`base/services/locking.py` protects its quotas:

    with locking.lock(SessionCapacity, session_ids) as capacities:
        cap = capacities.get(session.pk)   # read under the lock
        ...                                # decide and write in the same transaction

`lock()` opens a transaction (a savepoint when one is open already) and holds the rows until the
outermost transaction ends. On PostgreSQL it takes `SELECT ... FOR UPDATE` on the rows, sorted by
primary key so two callers never wait on each other in a circle, with `lock_timeout` set for just
that statement. Most locks are free when asked for (a door's badge, a session's seats): a lock
that opens the transaction first asks with `NOWAIT`, one round trip instead of three, and only if
another holds a row starts again, waiting with the timeout. A counter that only goes up to a
limit (a new registration taking a seat) needs no lock before it: `increment` checks and writes
in one conditional UPDATE, which holds the row it changed as `lock` would.
On SQLite the transaction is IMMEDIATE (settings.py): BEGIN takes the database's
write lock, so writers already queue one by one; the timeout then bounds how long BEGIN waits.
Either way a lock not had in time raises `LockTimeout`, whose message tells people to try again.

Lock order across models, to keep deadlocks out: a participant before sessions' capacities.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.db.models import F, Model, QuerySet
from django.utils.translation import gettext_lazy as _

M = TypeVar("M", bound=Model)

# Seconds. A rush of registrations queues behind one SQLite writer for a while (the same 20 s as
# its connection timeout in settings.py); a lock stuck for longer fails instead of hanging.
DEFAULT_TIMEOUT = 20.0

# PostgreSQL's SQLSTATE for "lock_not_available", raised when lock_timeout runs out.
_PG_LOCK_NOT_AVAILABLE = "55P03"


class LockTimeout(ValidationError):
    """The rows stayed locked by others for longer than the timeout; nothing was changed.

    A ValidationError like the services' own errors, so it reaches people as a message (the API
    answers it with 503), never as a server error.
    """

    def __init__(self) -> None:
        super().__init__(
            _("The system is busy right now. Nothing was changed: please try again."), code="busy"
        )


def _timed_out(error: OperationalError) -> bool:
    cause = error.__cause__
    if connection.vendor == "postgresql":
        return getattr(cause, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE
    return "database is locked" in str(error)


@contextmanager
def _sqlite_busy_timeout(timeout: float) -> Iterator[None]:
    """Bound how long SQLite's BEGIN IMMEDIATE waits for the write lock; only the outermost
    transaction waits there (a savepoint takes no new lock). A timeout equal to the
    connection's own (settings.py) costs no statements."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    usual = float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5))
    if timeout == usual:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(usual * 1000)}")


def _set_lock_timeout(timeout: float) -> str:
    """Set PostgreSQL's lock_timeout until the transaction ends; returns the one it replaced."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
            [f"{int(timeout * 1000)}ms"],
        )
        return str(cursor.fetchone()[0])


# The timeout `atomic` set for the whole of the transaction it opened, on this connection.
_TRANSACTION_TIMEOUT = "infoharbor_lock_timeout"


def _locked_rows(query: QuerySet[M], timeout: float) -> dict[Any, M]:
    if connection.vendor != "postgresql":
        return {row.pk: row for row in query}
    if getattr(connection, _TRANSACTION_TIMEOUT, None) == timeout:
        return {row.pk: row for row in query.select_for_update(of=("self",))}
    # For this statement only: later waits in the transaction keep the server's setting.
    usual = _set_lock_timeout(timeout)
    found = {row.pk: row for row in query.select_for_update(of=("self",))}
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [usual])
    return found


@contextmanager
def atomic(*, timeout: float = DEFAULT_TIMEOUT, savepoint: bool = True) -> Iterator[None]:
    """A transaction (a savepoint inside one) in which a lock not had within `timeout` seconds
    (SQLite's write lock at BEGIN; on PostgreSQL any row a statement waits for, from `lock`,
    `increment` or a unique index) raises LockTimeout. For services that write rows of their own
    before they take what others wait for. The transaction it opens sets the timeout once, so
    the locks taken in it cost no statements more.

    `savepoint=False` inside a transaction that any error rolls back whole anyway (Django's
    `atomic(savepoint=False)`): two statements fewer.
    """
    outermost = connection.vendor == "postgresql" and not connection.in_atomic_block
    try:
        with _sqlite_busy_timeout(timeout), transaction.atomic(savepoint=savepoint):
            if outermost:
                _set_lock_timeout(timeout)
                setattr(connection, _TRANSACTION_TIMEOUT, timeout)
            try:
                yield
            finally:
                if outermost:
                    setattr(connection, _TRANSACTION_TIMEOUT, None)
    except OperationalError as error:
        if _timed_out(error):
            raise LockTimeout from error
        raise


def increment(rows: QuerySet[Any], field: str, *, below: str | None = None) -> int:
    """Add one to `field` of the rows of `rows`, in one statement; returns how many it changed.

    With `below`, only rows whose `field` is still less than their `below` field change (a seat
    taken while one is free): the check and the write are one statement, so two callers never
    both take the last one. The rows changed stay held until the transaction ends, like those
    `lock` holds; rows at their limit are neither changed nor held (`lock` them to decide what
    to do instead). Call it inside `atomic()`, so a wait beyond its timeout raises LockTimeout.
    """
    if below is not None:
        rows = rows.filter(**{f"{field}__lt": F(below)})
    try:
        return rows.update(**{field: F(field) + 1})
    except OperationalError as error:
        if _timed_out(error):
            raise LockTimeout from error
        raise


@contextmanager
def _held(query: QuerySet[M], timeout: float, savepoint: bool) -> Iterator[dict[Any, M]]:
    """The rows of `query`, locked, inside a transaction that stays open while the block runs."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        transaction_ = ExitStack()
        transaction_.enter_context(transaction.atomic())
        try:
            found = {row.pk: row for row in query.select_for_update(of=("self",), nowait=True)}
        except OperationalError as error:
            # Rolled back: nothing was done in this transaction but the asking.
            transaction_.__exit__(type(error), error, error.__traceback__)
            if not _timed_out(error):
                raise
        else:
            with transaction_:
                yield found
            return
    with transaction.atomic(savepoint=savepoint):
        yield _locked_rows(query, timeout)


@contextmanager
def lock(
    rows: type[M] | QuerySet[M],
    pks: Iterable[Any] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    savepoint: bool = True,
) -> Iterator[dict[Any, M]]:
    """Hold the rows of `rows` (a model or a queryset) with these primary keys; yield them by pk.

    Without `pks`, the rows the queryset selects are held (a lookup and its lock in one query:
    `rows` names them by what the caller knows, e.g. a badge code).
    The rows are read under the lock, so what the caller decides on is current. Keys with no row
    are left out. Raises LockTimeout when the lock is not had within `timeout` seconds.
    `savepoint` as for `atomic`.
    """
    queryset = rows if isinstance(rows, QuerySet) else rows._default_manager.all()
    if pks is not None:
        queryset = queryset.filter(pk__in=sorted(set(pks)))
    try:
        with (
            _sqlite_busy_timeout(timeout),
            _held(queryset.order_by("pk"), timeout, savepoint) as found,
        ):
            yield found
    except OperationalError as error:
        if _timed_out(error):
            raise LockTimeout from error
        raise
