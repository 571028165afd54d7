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
from django.db import close_old_connections

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
            try:
                _deliver()
            except Exception:  # keep the worker alive; the emails stay queued for the next round
                log.exception("Sending the outbox failed")
            finally:
                close_old_connections()


_thread_worker: _ThreadWorker | None = None
_thread_lock = threading.Lock()


def wake() -> None:
    """Have queued emails sent soon, by whichever worker this deployment uses."""
    global _thread_worker
    mode = settings.INFOHARBOR_EMAIL_WORKER
    if mode == "celery":
        deliver_outbox.delay()
    elif mode == "thread":
        with _thread_lock:
            if _thread_worker is None:
                _thread_worker = _ThreadWorker()
        _thread_worker.wake()
