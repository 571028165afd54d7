"""The project served by gunicorn on a free loopback port, for the tests that need a real server
(concurrent registrations, scans, idempotent retries) and for the benchmarks.

    with served(workers=2, threads=8, env={"DATABASE_URL": url}) as base:
        urllib.request.urlopen(f"{base}/api/v1/forums")

The server answers once `/api/v1/forums` does; it is stopped when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def served(
    app: str = "infoharbor.wsgi:application",
    *,
    workers: int = 2,
    threads: int = 4,
    chdir: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: int = 120,
) -> Iterator[str]:
    """Serve `app` (a WSGI path importable from `chdir`) until the block ends; yields its base
    URL. The server gets this process's environment with `env` on top."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        app,
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",
        "--backlog=2048",
        f"--timeout={timeout}",
        "--log-level=warning",
    ]
    if chdir is not None:
        command.append(f"--chdir={chdir}")
    process = subprocess.Popen(command, env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/v1/forums", timeout=30).read()
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
