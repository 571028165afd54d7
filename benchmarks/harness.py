"""Shared set-up for benchmarks: a throw-away database, a real server, a request loop.

Each benchmark builds its data in a fresh database (SQLite under a temp folder by default,
PostgreSQL when DATABASE_URL is set), serves it with gunicorn on a loopback port and measures
with keep-alive clients, so that a figure and its baseline share one server and one run.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from infoharbor import serving

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent


def fresh_database_url(name: str, url: str | None = None) -> tuple[str, str]:
    """A new, empty database for this run: its URL and "PostgreSQL" or "SQLite" for the line.

    PostgreSQL when `url` (default: DATABASE_URL) names one; the database `name` is dropped and
    created on that server. Otherwise a SQLite file in a new temp folder.
    """
    url = url if url is not None else os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        folder = tempfile.mkdtemp(prefix=f"{name}-")
        return f"sqlite:///{folder}/bench.sqlite3", "SQLite"
    import psycopg  # only PostgreSQL runs need the driver here

    base, _, _old = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}", "PostgreSQL"


def setup_django(name: str, url: str | None = None, task_runner: str = "manual") -> str:
    """Point Django at a fresh database, migrate it; returns "PostgreSQL" or "SQLite".

    Background work is held, never run, unless `task_runner` names another runner (the
    topology benchmark's Celery workers)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infoharbor.settings")
    os.environ["INFOHARBOR_VAR_DIR"] = tempfile.mkdtemp(prefix=f"{name}-var-")
    os.environ["INFOHARBOR_TASK_RUNNER"] = task_runner
    os.environ["DATABASE_URL"], kind = fresh_database_url(name, url)
    import django  # after the environment is set

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return kind


@contextmanager
def served(
    app: str = "infoharbor.wsgi:application",
    workers: int = 2,
    threads: int = 1,
    chdir: Path = ROOT,
) -> Iterator[int]:
    """Serve `app` with the project's gunicorn launcher (infoharbor/serving.py, shared with the
    tests) in this process's environment, so on the same database; yields its port.

    When the block ends, prints the web workers' peak memory under the load it ran (each worker
    must stay under WORKER_RSS_LIMIT)."""
    server = serving.Server(app, workers=workers, threads=threads, chdir=chdir)
    try:
        server.start()
        yield server.port
        peaks = server.workers_peak_rss()
    finally:
        server.stop()
    print(worker_memory_line(peaks))


# --- baselines served by the same server -------------------------------------------------------

BASELINE_PATH = "/bench/baseline/"


def _insert_checkin(payload: dict) -> int:
    """A bare transaction inserting one check-in row through Django's ORM."""
    import datetime as dt

    from django.db import transaction

    from infoharbor.registration.models import CheckIn

    with transaction.atomic():
        row = CheckIn.objects.create(
            forum_id=int(payload["forum"]),
            day=dt.date(2018, 9, 12),
            door=payload["door"],
            scanned_code=payload["code"],
            result=CheckIn.Result.ALLOWED,
        )
    return row.pk


def _insert_and_count(payload: dict) -> int:
    """A bare transaction inserting one row and updating one shared counter."""
    from django.db import transaction
    from django.db.models import F

    from infoharbor.core.models import AuditEntry
    from infoharbor.registration.models import SessionCapacity

    with transaction.atomic():
        row = AuditEntry.objects.create(action="bench", object_type="bench", object_id="1")
        SessionCapacity.objects.filter(pk=int(payload["counter"])).update(
            queue_counter=F("queue_counter") + 1
        )
    return row.pk


# By the last part of the path under BASELINE_PATH (or DJANGO_BASELINE_PATH).
BASELINES = {"checkin": _insert_checkin, "registration": _insert_and_count}

# The same work behind Django's whole request cycle: the project's handler and middleware
# (sessions, locale, CSRF, authentication, rate limits …) around a plain view. What it costs is
# what any endpoint of the project pays before doing anything, so it bounds the ratio any
# endpoint can reach against the bare baseline.
DJANGO_BASELINE_PATH = BASELINE_PATH + "django/"

_project = None
_through_django = None


def _baseline_view(request):  # type: ignore[no-untyped-def]
    from django.http import HttpResponse

    row = BASELINES[request.path_info.removeprefix(DJANGO_BASELINE_PATH)](json.loads(request.body))
    return HttpResponse(json.dumps({"id": row}), status=201, content_type="application/json")


def _baseline_handler():  # type: ignore[no-untyped-def]
    """The project's WSGI handler, resolving every path to `_baseline_view` instead of through
    the project's URLs (which never name a baseline)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.urls import ResolverMatch
    from django.views.decorators.csrf import csrf_exempt

    view = csrf_exempt(_baseline_view)

    class Handler(WSGIHandler):
        def resolve_request(self, request):  # type: ignore[no-untyped-def]
            request.resolver_match = ResolverMatch(view, (), {})
            return request.resolver_match

    return Handler()


def application(environ: dict, start_response):  # type: ignore[no-untyped-def]
    """What `with_baseline` serves: the project, under BASELINE_PATH the bare work a baseline
    does, and under DJANGO_BASELINE_PATH that work through Django's request cycle, in the same
    workers, so a figure and its baselines pay the same HTTP cost. Mounted only here, never in
    the project's URLs."""
    global _project, _through_django
    if _project is None:  # sets Django up, which the baselines need as well
        from django.core.wsgi import get_wsgi_application

        _project = get_wsgi_application()
        _through_django = _baseline_handler()
    path = environ.get("PATH_INFO", "")
    if path.startswith(DJANGO_BASELINE_PATH):
        return _through_django(environ, start_response)
    if not path.startswith(BASELINE_PATH):
        return _project(environ, start_response)
    from django.db import close_old_connections

    length = int(environ.get("CONTENT_LENGTH") or 0)
    payload = json.loads(environ["wsgi.input"].read(length))
    row = BASELINES[path.removeprefix(BASELINE_PATH)](payload)
    close_old_connections()  # what Django does after each request (CONN_MAX_AGE keeps it)
    start_response("201 Created", [("Content-Type", "application/json")])
    return [json.dumps({"id": row}).encode()]


def with_baseline(workers: int = 4, threads: int = 8) -> AbstractContextManager[int]:
    """`served`, with the baselines beside the project (`application`); yields the port."""
    return served("harness:application", workers=workers, threads=threads, chdir=HERE)


Request = tuple[str, dict[str, str], dict]  # path, headers, JSON payload


def load(port: int, requests: list[list[Request]]) -> tuple[float, list[float]]:
    """Each client sends its POSTs one after another on a kept-alive connection, all clients at
    once; any answer but 201 ends the run. Returns the wall time and every request's latency
    (seconds)."""
    latencies: list[list[float]] = [[] for _ in requests]
    failures: list[str] = []
    barrier = threading.Barrier(len(requests) + 1)

    def client(n: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        barrier.wait()
        for path, headers, payload in requests[n]:
            started = time.perf_counter()
            connection.request("POST", path, json.dumps(payload), headers)
            response = connection.getresponse()
            body = response.read()
            latencies[n].append(time.perf_counter() - started)
            if response.status != 201:
                failures.append(f"{response.status} {body[:200]!r}")
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(len(requests))]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")
    return wall, [latency for client_latencies in latencies for latency in client_latencies]


@dataclass
class Measured:
    """Requests answered, over how many seconds, and each one's latency."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def p99_ms(self) -> float:
        return p99(self.latencies) * 1000


def side_by_side(
    port: int, rounds: int, *requests_of: Callable[[int], list[list[Request]]]
) -> list[Measured]:
    """`load` each side's requests in turn (baselines, then the figure), `rounds` times each
    (the callables get the round's number), so a change in the machine's load meanwhile falls
    on every side alike; returns each side's sums, in the order given."""
    sides = [Measured() for _ in requests_of]
    for number in range(rounds):
        for side, requests in zip(sides, requests_of, strict=True):
            wall, latencies = load(port, requests(number))
            side.seconds += wall
            side.latencies.extend(latencies)
    return sides


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


WORKER_RSS_LIMIT = 200 * 1024 * 1024  # bytes, issue 15


def worker_memory_line(peaks: list[int]) -> str:
    """The line a benchmark prints about its web workers' peak RSS (bytes each)."""
    if not peaks:
        return "web workers' peak RSS: no worker found"
    mb = [peak / 1024 / 1024 for peak in peaks]
    verdict = "under" if max(peaks) < WORKER_RSS_LIMIT else "OVER"
    return (
        f"web workers' peak RSS: max {max(mb):.0f} MB, each of {len(mb)}: "
        f"{', '.join(f'{m:.0f}' for m in mb)} MB ({verdict} the "
        f"{WORKER_RSS_LIMIT // 1024 // 1024} MB limit)"
    )


def rate(clients: int, seconds: float, work: Callable[[int, int], bool]) -> float:
    """Calls `work(client, n)` from `clients` threads until time runs out; successes per second."""
    done = [0] * clients
    stop = time.monotonic() + seconds

    def loop(client: int) -> None:
        n = 0
        while time.monotonic() < stop:
            if work(client, n):
                done[client] += 1
            n += 1

    threads = [threading.Thread(target=loop, args=(c,)) for c in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started)


# What every browser and CDN sends; the static file is served the same way for the baseline.
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br"}


def requests_per_second(
    port: int,
    path: str,
    seconds: float = 5.0,
    clients: int = 4,
    headers: dict[str, str] | None = None,
) -> float:
    """Completed 200 responses per second for `path`, with `clients` keep-alive connections."""
    connections = [
        http.client.HTTPConnection("127.0.0.1", port, timeout=30) for _ in range(clients)
    ]

    def get(client: int, _n: int) -> bool:
        conn = connections[client]
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        return True

    try:
        return rate(clients, seconds, get)
    finally:
        for conn in connections:
            conn.close()


def interleaved_rates(
    port: int,
    paths: dict[str, tuple[str, dict[str, str] | None]],
    rounds: int = 5,
    seconds: float = 2.0,
) -> dict[str, float]:
    """Requests per second of each named (path, headers), measured in turn (a, b, c, a, b, c …)
    for `rounds` rounds; the median of each. On a shared machine the others' load drifts: in
    turns, a figure and its baseline meet the same drift."""
    runs: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(rounds):
        for name, (path, headers) in paths.items():
            runs[name].append(requests_per_second(port, path, seconds=seconds, headers=headers))
    return {name: statistics.median(rates) for name, rates in runs.items()}


def median_ms(
    port: int, path: str, before: Callable[[], None] | None = None, runs: int = 15
) -> float:
    """The median milliseconds of one GET of `path`, `before()` (if given) called ahead of each
    (untimed), e.g. to make every request miss the kept renderings."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    try:
        for _ in range(runs):
            if before is not None:
                before()
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
    finally:
        conn.close()
    return sorted(times)[len(times) // 2]
