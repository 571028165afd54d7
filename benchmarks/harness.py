"""Shared set-up for benchmarks: a throw-away database, a real server, a request loop.

Each benchmark builds its data in a fresh database (SQLite under a temp folder by default,
PostgreSQL when DATABASE_URL is set), serves it with gunicorn on a loopback port and measures
requests per second with keep-alive clients, so that a figure and its baseline share one server.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django() -> None:
    """Point Django at a fresh database and migrate it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infoharbor.settings")
    if "DATABASE_URL" not in os.environ:
        os.environ["INFOHARBOR_VAR_DIR"] = tempfile.mkdtemp(prefix="infoharbor-bench-")
    else:
        os.environ["DATABASE_URL"] = _fresh_postgres(os.environ["DATABASE_URL"])
    import django  # after the environment is set

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fresh_postgres(url: str) -> str:
    import psycopg

    base, _, _name = url.rpartition("/")
    name = f"infoharbor_bench_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(workers: int = 2) -> Iterator[int]:
    """Serve the project with gunicorn on a free loopback port for the duration of the block."""
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "infoharbor.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        env=os.environ.copy(),
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def requests_per_second(port: int, path: str, seconds: float = 5.0, clients: int = 4) -> float:
    """Completed 200 responses per second for `path`, with `clients` keep-alive connections."""
    done = [0] * clients
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            done[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started)
