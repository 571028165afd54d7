"""The task path: every app's background work, declared once, run by Celery or in-process.

For app developers. Declare a task in your app's leaf `tasks.py` (it may import your services;
nothing but this registry imports it back)::

    from infoharbor.core import tasks

    @tasks.task("registration.deliver_outbox")
    def deliver_outbox() -> None:
        outbox.deliver_due()

and have it run after the current transaction commits with
`tasks.enqueue("registration.deliver_outbox")`. Arguments travel to another process under
Celery, so pass ids and plain strings, never model instances.

`INFOHARBOR_TASK_RUNNER` chooses who runs tasks: `celery` (the default when `CELERY_BROKER_URL`
is set; workers start with `celery -A infoharbor.core.celery worker`), `thread` (the embedded
default: worker threads inside each app process) or `manual` (tests: tasks wait in memory until
`run_pending()` runs them, in order, skipping every wait). A task that raises is tried again
after `backoff * 2**n` seconds, `retries` times; when its last try fails, `on_failure(error,
*args)` records that on the row the task served (the badge batch, the import job), so the
organiser sees it failed instead of waiting for ever.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.utils.module_loading import autodiscover_modules

from infoharbor.core.celery import app as celery_app

log = logging.getLogger(__name__)

TaskFunction = Callable[..., Any]
FailureHandler = Callable[..., None]


@dataclass(frozen=True)
class Task:
    name: str
    function: TaskFunction
    retries: int
    backoff: float
    on_failure: FailureHandler | None


@dataclass(frozen=True)
class Attempt:
    """One try of a task, as `run_pending` reports it: `retry_in` is None when none follows."""

    name: str
    args: tuple[Any, ...]
    number: int
    error: str
    retry_in: float | None


_registry: dict[str, Task] = {}
_discovered = False


def task(
    name: str,
    *,
    retries: int = 3,
    backoff: float = 10.0,
    on_failure: FailureHandler | None = None,
) -> Callable[[TaskFunction], TaskFunction]:
    """Declare `function` as the task `name` ("<app>.<what it does>"); returns it unchanged."""

    def declare(function: TaskFunction) -> TaskFunction:
        declared = Task(name, function, retries, backoff, on_failure)
        _registry[name] = declared
        _declare_for_celery(declared)
        return function

    return declare


def _discover() -> None:
    # Tasks live in each app's tasks.py, and the import job's in core/imports.py; a worker
    # process, or a web process that has not imported them yet, finds them here.
    global _discovered
    if not _discovered:
        autodiscover_modules("tasks", "imports")
        _discovered = True


def get(name: str) -> Task:
    """The task declared as `name`; LookupError names the typo at once, not in a worker."""
    if name not in _registry:
        _discover()
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"No task is declared as {name!r}.") from None


def enqueue(name: str, *args: Any, delay: float = 0) -> None:
    """Run the task once the current transaction commits (at once outside a transaction).

    A broker that is down does not undo or fail the caller's committed work: the error is
    logged, and the work must be findable again (an email stays pending, a batch goes stale).
    """
    get(name)

    def dispatch() -> None:
        _dispatch(name, args, delay)

    transaction.on_commit(dispatch, robust=True)


def _try(declared: Task, args: tuple[Any, ...], number: int) -> Attempt:
    """Run one try; on the last failed one, let the task record its failure."""
    try:
        declared.function(*args)
    except Exception as error:
        message = f"{type(error).__name__}: {error}"
        if number <= declared.retries:
            wait = declared.backoff * 2 ** (number - 1)
            log.warning(
                "Task %s%r failed (try %s), again in %ss", declared.name, args, number, wait
            )
            return Attempt(declared.name, args, number, message, wait)
        log.exception("Task %s%r failed after %s tries", declared.name, args, number)
        if declared.on_failure is not None:
            declared.on_failure(error, *args)
        return Attempt(declared.name, args, number, message, None)
    return Attempt(declared.name, args, number, "", None)


def _runner() -> str:
    return str(settings.INFOHARBOR_TASK_RUNNER)


def _dispatch(name: str, args: tuple[Any, ...], delay: float) -> None:
    runner = _runner()
    if runner == "celery":
        celery_app.tasks[name].apply_async(args=args, countdown=delay or None)
    elif runner == "thread":
        _threads().put(name, args, 1, delay)
    elif runner == "manual":
        _pending.append((name, args, 1))
    else:
        raise ValueError(f"INFOHARBOR_TASK_RUNNER is {runner!r}: use celery, thread or manual.")


# --- Celery --------------------------------------------------------------------------------------


def _declare_for_celery(declared: Task) -> None:
    def run(self: Any, *args: Any) -> None:
        attempt = _try(declared, args, self.request.retries + 1)
        if attempt.retry_in is not None:
            raise self.retry(countdown=attempt.retry_in)

    celery_app.task(name=declared.name, bind=True, max_retries=None)(run)


# --- the in-process worker ---------------------------------------------------------------------


class _Threads:
    """Worker threads of this process, taking tasks by the time they are due."""

    def __init__(self, count: int) -> None:
        self._due: list[tuple[float, int, str, tuple[Any, ...], int]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        for n in range(count):
            threading.Thread(target=self._work, name=f"task-worker-{n}", daemon=True).start()

    def put(self, name: str, args: tuple[Any, ...], number: int, delay: float) -> None:
        with self._wake:
            heapq.heappush(
                self._due, (time.monotonic() + delay, next(self._order), name, args, number)
            )
            self._wake.notify()

    def _take(self) -> tuple[str, tuple[Any, ...], int]:
        with self._wake:
            while not self._due or self._due[0][0] > time.monotonic():
                self._wake.wait(self._due[0][0] - time.monotonic() if self._due else None)
            _at, _order, name, args, number = heapq.heappop(self._due)
            return name, args, number

    def _work(self) -> None:
        while True:
            name, args, number = self._take()
            try:
                attempt = _try(get(name), args, number)
            except Exception:  # a failing failure handler: keep the worker alive
                log.exception("Task %s%r could not record its failure", name, args)
                continue
            finally:
                # Hold no connection between tasks (one per busy thread, not per idle one).
                connections.close_all()
            if attempt.retry_in is not None:
                self.put(name, args, number + 1, attempt.retry_in)


_thread_pool: _Threads | None = None
_thread_lock = threading.Lock()


def _threads() -> _Threads:
    global _thread_pool
    with _thread_lock:
        if _thread_pool is None:
            _thread_pool = _Threads(settings.INFOHARBOR_TASK_THREADS)
        return _thread_pool


# --- manual running, for tests -------------------------------------------------------------------

_pending: list[tuple[str, tuple[Any, ...], int]] = []


def pending() -> list[tuple[str, tuple[Any, ...]]]:
    """What the manual runner holds: (task name, args), oldest first."""
    return [(name, args) for name, args, _number in _pending]


def run_pending() -> list[Attempt]:
    """Run every held task in order, retries too (without waiting), until none is left."""
    attempts = []
    while _pending:
        name, args, number = _pending.pop(0)
        attempt = _try(get(name), args, number)
        attempts.append(attempt)
        if attempt.retry_in is not None:
            _pending.append((name, args, number + 1))
    return attempts


def discard_pending() -> None:
    """Forget every held task (between tests)."""
    _pending.clear()
