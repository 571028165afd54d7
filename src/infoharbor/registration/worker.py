"""Who sends the outbox: Celery on Redis when a broker is configured, else a thread in-process.

`wake()` runs after each commit that queued an email. With `CELERY_BROKER_URL` set it enqueues
a Celery task (start workers with `celery -A infoharbor.registration.worker worker`); without
it, the embedded default, one daemon thread per process sends the mail and wakes every
RETRY_POLL seconds for retries. `INFOHARBOR_EMAIL_WORKER = "off"` leaves delivery to
`infoharbor send_outbox` (tests deliver explicitly).
"""

from __future__ import annotations

import logging
import threading

import django
from celery import Celery, signals
from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)
RETRY_POLL_SECONDS = 30.0

app = Celery("infoharbor")
app.config_from_object("django.conf:settings", namespace="CELERY")


@signals.worker_init.connect
def _set_up_django(**kwargs: object) -> None:
    django.setup()


def _deliver() -> None:
    # Imported here because outbox imports this module (to wake it) and because a Celery worker
    # imports this module before Django is set up.
    from infoharbor.registration.outbox import deliver_due

    deliver_due()


@app.task(name="registration.deliver_outbox", autoretry_for=(Exception,), retry_backoff=True)
def deliver_outbox() -> None:
    _deliver()


@app.task(name="registration.render_badge_batch")
def render_badge_batch(batch_id: int) -> None:
    """A batch of badges (registration/badges/services.py); it marks itself failed if it raises."""
    # Imported here: a Celery worker imports this module before Django is set up.
    from infoharbor.registration.badges.services import render_batch

    render_batch(batch_id)


class _ThreadWorker:
    def __init__(self) -> None:
        self._event = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._event.set()

    def _run(self) -> None:
        while True:
            self._event.wait(RETRY_POLL_SECONDS)
            self._event.clear()
            if settings.INFOHARBOR_EMAIL_WORKER != "thread":
                continue  # switched off (tests do this), so leave the database alone
            try:
                _deliver()
            except Exception:  # keep the worker alive; the emails stay queued for the next round
                log.exception("Sending the outbox failed")
            finally:
                # Hold no connection between rounds (one per process, not one per idle thread).
                connections.close_all()


_thread_worker: _ThreadWorker | None = None
_thread_lock = threading.Lock()


def _thread() -> _ThreadWorker:
    global _thread_worker
    with _thread_lock:
        if _thread_worker is None:
            _thread_worker = _ThreadWorker()
        return _thread_worker


def wake() -> None:
    """Have queued emails sent soon, by whichever worker this deployment uses."""
    mode = settings.INFOHARBOR_EMAIL_WORKER
    if mode == "celery":
        deliver_outbox.delay()
    elif mode == "thread":
        _thread().wake()


def start_with_server(**kwargs: object) -> None:
    """request_started receiver: the first request of a process starts its sending thread."""
    if _thread_worker is None and settings.INFOHARBOR_EMAIL_WORKER == "thread":
        _thread().wake()
