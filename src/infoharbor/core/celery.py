"""The Celery app of the task path (core/tasks.py), for operators who run Celery workers.

Start workers with `celery -A infoharbor.core.celery worker` beside the web processes, with the
same settings and `CELERY_BROKER_URL`. Apps never use this module: they declare tasks with
`core.tasks.task` and run them with `core.tasks.enqueue`.
"""

from __future__ import annotations

import os

import django
from celery import Celery, signals
from django.utils.module_loading import autodiscover_modules

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infoharbor.settings")

app = Celery("infoharbor")
app.config_from_object("django.conf:settings", namespace="CELERY")


@signals.worker_init.connect
def _set_up_django(**kwargs: object) -> None:
    # A worker imports this module before Django is set up; tasks are declared in the apps'
    # tasks.py (and core/imports.py), which need the app registry.
    django.setup()
    autodiscover_modules("tasks", "imports")
