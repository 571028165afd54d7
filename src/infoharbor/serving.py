"""The project served by gunicorn on a free loopback port, for the tests that need a real server
(concurrent registrations, scans, idempotent retries) and for the benchmarks.

    with served(workers=2, threads=8, env={"DATABASE_URL": url}) as base:
        urllib.request.urlopen(f"{base}/api/v1/forums")

The server answers once `/api/v1/forums` does; it is stopped when the block ends. `Server` is
the same server as an object, for the tests that kill it (`kill -9`) and start it again, and for
the benchmarks, which report its workers' peak memory (`workers_peak_rss`).
"""

from __future__ import annotations

import contextlib
import os
import signal
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


class Server:
    """gunicorn serving `app` on one loopback port, in a process group of its own.

    `start()` waits until the server answers; `kill()` is `kill -9` of the master and every
    worker at once (a machine losing power, for the crash tests); `start()` again serves the
    same port. The server gets this process's environment with `env` on top.
    """

    def __init__(
        self,
        app: str = "infoharbor.wsgi:application",
        *,
        workers: int = 2,
        threads: int = 4,
        chdir: Path | None = None,
        env: Mapping[str, str] | None = None,
        timeout: int = 120,
    ) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.command = [
            str(Path(sys.executable).with_name("gunicorn")),
            app,
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            # threads=0: gunicorn's sync workers, one request at a time each (the set-up pretix
            # and pretalx document, for side-by-side figures); else threaded workers.
            *(
                ["--worker-class=sync"]
                if threads == 0
                else [f"--threads={threads}", "--worker-class=gthread"]
            ),
            "--backlog=2048",
            f"--timeout={timeout}",
            "--log-level=warning",
        ]
        if chdir is not None:
            self.command.append(f"--chdir={chdir}")
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        """Start the server and wait until `/api/v1/forums` answers; returns the base URL."""
        self.process = process = subprocess.Popen(
            self.command, env=self.env, start_new_session=True
        )
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{self.base}/api/v1/forums", timeout=30).read()
                return self.base
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline or process.poll() is not None:
                    self.stop()
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)

    def worker_pids(self) -> list[int]:
        """The process ids of the master's workers now (Linux: read from /proc)."""
        if self.process is None:
            return []
        master = str(self.process.pid)
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:  # ended meanwhile
                    continue
                # "pid (command) state ppid ...": the command may hold spaces, so split after it.
                if stat.rpartition(")")[2].split()[1] == master:
                    pids.append(int(entry.name))
        return sorted(pids)

    def workers_peak_rss(self) -> list[int]:
        """Each worker's peak resident memory so far, in bytes (the kernel's VmHWM), by pid."""
        peaks = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
            peaks.append(int(line.split()[1]) * 1024)
        return peaks

    def kill(self) -> None:
        """SIGKILL to the master and all its workers: nothing is finished or cleaned up."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
            self.process = None

    def stop(self) -> None:
        """Stop the server as an operator would (SIGTERM: workers finish their requests)."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


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
    server = Server(app, workers=workers, threads=threads, chdir=chdir, env=env, timeout=timeout)
    try:
        yield server.start()
    finally:
        server.stop()
