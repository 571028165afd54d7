"""A real server for concurrency tests: gunicorn (infoharbor/serving.py) on the test database.

The test process writes its data with committed transactions (transactional_db); the server's
workers see it because they open the same database (a file for SQLite). `unlocked=True` serves
tests/unsafe_wsgi.py instead: the control run, with the lock helper switched off.
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from django.db import connection

from infoharbor.serving import Server

REPOSITORY = Path(__file__).resolve().parents[2]  # where `tests` can be imported from


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def live_server(
    workers: int = 4, threads: int = 4, *, unlocked: bool = False, **env: str
) -> Server:
    """The project's server on the test database, not started yet."""
    app = "tests.unsafe_wsgi:application" if unlocked else "infoharbor.wsgi:application"
    environment = {
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "infoharbor.settings",
        "INFOHARBOR_TASK_RUNNER": "manual",
        **env,
    }
    return Server(app, workers=workers, threads=threads, chdir=REPOSITORY, env=environment)


@contextlib.contextmanager
def gunicorn(
    workers: int = 4, threads: int = 4, *, unlocked: bool = False, **env: str
) -> Iterator[str]:
    """Serve the project on the test database; yields the base URL."""
    server = live_server(workers, threads, unlocked=unlocked, **env)
    try:
        yield server.start()
    finally:
        server.stop()


def post_json(url: str, payload: dict[str, object]) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            return error.code, json.loads(body)
        except ValueError:
            return error.code, {"raw": body.decode(errors="replace")[:500]}
