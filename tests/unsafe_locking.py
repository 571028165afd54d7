"""For the control runs of concurrency tests only: the lock helper switched off, the window wide.

A control run shows that its concurrency test can fail: under the same load, with
`core.locking.lock` replaced by `unlocked` (rows read with no lock and no transaction, then a
pause), `core.locking.increment` by `read_then_write` (the same, then the write) and
`core.locking.atomic` by `untransacted` (no transaction, so no SQLite write lock) seats are
oversold and a badge is let in twice. `install()` makes the replacement in this
process (pass pytest's `monkeypatch.setattr` to have it undone); a live server gets it by serving
tests/unsafe_wsgi.py. Nothing in src/ knows about it, the way pretix keeps its debug switch out of
its lock.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import QuerySet

from infoharbor.core import locking
from infoharbor.registration.door import services as door_services

WINDOW = 0.05  # seconds between reading and writing: wide enough for the race to show every time


@contextmanager
def unlocked(
    rows: Any, pks: Iterable[Any] | None = None, *, timeout: float = 0, savepoint: bool = True
) -> Iterator[dict[Any, Any]]:
    """What `locking.lock` would be without locks: a plain read, then the pause."""
    queryset = rows if isinstance(rows, QuerySet) else rows._default_manager.all()
    if pks is not None:
        queryset = queryset.filter(pk__in=list(pks))
    found = {row.pk: row for row in queryset}
    time.sleep(WINDOW)
    yield found


@contextmanager
def untransacted(*, timeout: float = 0, savepoint: bool = True) -> Iterator[None]:
    """What `locking.atomic` would be without locks: every statement on its own."""
    yield


def read_then_write(rows: QuerySet[Any], field: str, *, below: str | None = None) -> int:
    """What `locking.increment` would be without locks: read, pause, then write what was read."""
    changed = 0
    for row in list(rows):
        value = getattr(row, field)
        time.sleep(WINDOW)
        if below is None or value < getattr(row, below):
            rows.filter(pk=row.pk).update(**{field: value + 1})
            changed += 1
    return changed


def _slowly(decide: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(decide)
    def paused(*args: Any, **kwargs: Any) -> Any:
        decision = decide(*args, **kwargs)
        time.sleep(WINDOW)  # between the door's "not inside yet" and its entry
        return decision

    return paused


def install(patch: Callable[[Any, str, Any], None] = setattr) -> None:
    patch(locking, "lock", unlocked)
    patch(locking, "atomic", untransacted)
    patch(locking, "increment", read_then_write)
    patch(door_services, "_refusal", _slowly(door_services._refusal))
