"""The production shape on one machine: how throughput grows with a second app instance.

Two gunicorn instances on two ports behind nginx (Debian's package) as the load balancer, Redis
for the cache and the sessions, Celery workers for the emails and the badge batch, PostgreSQL,
every setting from the environment as the README's "Production" section sets it. Two nginx
servers front the same instances from the same site file (`deploy/nginx/infoharbor.conf`): one
with the first instance alone, one with both; the benchmark measures through each in turn
(one, two, one, two …), so the figure and its baseline share one run:

- the public program page of 500 sessions (requests per second, warm, accepting gzip);
- the registration rush through the public web form (form, post, private page; 16 customers,
  100 seats): acknowledged registrations per second.

Each rush is checked: every acknowledged registration is in the database, the SMTP sink (a
small server in this process) received exactly one email for each and no other, and no seat
was sold twice over. Then one badge batch of the seated participants is rendered by a Celery
worker. The closing lines are the ratios two instances / one.

Needs nginx and redis-server on the PATH (`scripts/system-deps.sh bench` installs them); without
them it says so and measures nothing. Redis runs as its own throw-away server on a free port.

Run: .venv/bin/python benchmarks/bench_topology.py  (DATABASE_URL names the PostgreSQL server)
"""

from __future__ import annotations

import collections
import contextlib
import email
import os
import re
import shlex
import shutil
import signal
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from bench_program_page import PATH as PROGRAM_PATH
from bench_program_page import SESSIONS
from bench_program_page import build as build_program
from bench_registration_rush import CUSTOMERS, SEATS, _register, _reset, _seats
from bench_registration_rush import _setup as setup_rush
from harness import BROWSER_HEADERS, ROOT, requests_per_second, setup_django, worker_memory_line
from infoharbor import serving

POSTGRES = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/infoharbor")
NGINX_SITE = ROOT / "deploy" / "nginx" / "infoharbor.conf"
ATTEMPTS = int(os.environ.get("TOPOLOGY_ATTEMPTS", "300"))
RUNS = int(os.environ.get("TOPOLOGY_RUNS", "2"))
PAGE_RUNS = 5  # short and many: a shared machine's noise evens out in the median
# Per instance. One sync process per instance makes the second instance a second core's worth.
WORKERS = int(os.environ.get("TOPOLOGY_WORKERS", "1"))
THREADS = 4
CELERY_CONCURRENCY = 2
DRAIN_SECONDS = 120


class SmtpSink(socketserver.ThreadingTCPServer):
    """Just enough of an SMTP server (RFC 5321) to take Django's messages: it counts the
    Message-IDs it was given (the outbox gives every email one of its own)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpSession)
        self.port = int(self.server_address[1])
        self.lock = threading.Lock()
        self.messages: collections.Counter[str] = collections.Counter()

    def taken(self) -> collections.Counter[str]:
        with self.lock:
            return collections.Counter(self.messages)

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


class _SmtpSession(socketserver.StreamRequestHandler):
    server: SmtpSink

    def _say(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self._say("220 sink ESMTP")
        while line := self.rfile.readline():
            verb = line[:4].decode("ascii", "replace").upper()
            if verb in {"EHLO", "HELO"}:
                self._say("250 sink")
            elif verb == "DATA":
                self._say("354 go on")
                lines = []
                while (line := self.rfile.readline()) not in {b".\r\n", b".\n", b""}:
                    lines.append(line)
                message = email.message_from_bytes(b"".join(lines))
                with self.server.lock:
                    self.server.messages[str(message["Message-ID"]).strip()] += 1
                self._say("250 kept")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self._say("250 OK")


def _missing() -> str:
    """What this machine lacks for the benchmark, or ""."""
    path = f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/bin"
    absent = [name for name in ("nginx", "redis-server") if shutil.which(name, path=path) is None]
    if absent:
        return f"{' and '.join(absent)} not installed (scripts/system-deps.sh bench installs them)"
    return ""


def _tool(name: str) -> str:
    found = shutil.which(name, path=f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/bin")
    assert found is not None
    return found


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=5).read()
    except (urllib.error.URLError, OSError):
        return False
    return True


@contextlib.contextmanager
def _process(command: list[str], ready: str, folder: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` (in a process group of its own, output to `folder`) until the block ends;
    `ready` is a URL that answers once it serves, or "" to wait for nothing."""
    handle, path = tempfile.mkstemp(prefix=f"{Path(command[0]).name}-", suffix=".log", dir=folder)
    log = os.fdopen(handle, "wb")
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + serving.START_SECONDS
        while ready and not _answers(ready):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{shlex.join(command)} did not start; see {path}")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _wait_for_redis(port: int) -> None:
    import redis

    client = redis.Redis(port=port)
    deadline = time.monotonic() + serving.START_SECONDS
    while True:
        try:
            client.ping()
            return
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _nginx_config(folder: Path, listen: int, instances: list[int]) -> Path:
    """The site file with this run's ports, inside the smallest nginx.conf that serves it."""
    site = NGINX_SITE.read_text()
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in instances)
    site, replaced = re.subn(r"(?m)(^    server 127\.0\.0\.1:\d+;\n)+", servers, site)
    site, listens = re.subn(r"listen 8000;", f"listen 127.0.0.1:{listen};", site)
    own = folder / f"nginx-{listen}"
    site, logs = re.subn(r"access_log /var/log/nginx/\S+ ", f"access_log {own}/access.log ", site)
    if (replaced, listens, logs) != (1, 1, 1):
        raise RuntimeError(
            f"{NGINX_SITE} no longer has one upstream list, `listen 8000;` and one access_log"
        )
    own.mkdir()
    (own / "site.conf").write_text(site)
    temp = "\n".join(
        f"    {kind}_temp_path {own}/{kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    config = own / "nginx.conf"
    config.write_text(
        f"daemon off;\nworker_processes 1;\npid {own}/nginx.pid;\nerror_log {own}/error.log;\n"
        f"events {{ worker_connections 1024; }}\n"
        f"http {{\n    access_log off;\n{temp}\n    uwsgi_temp_path {own}/uwsgi;\n"
        f"    scgi_temp_path {own}/scgi;\n    include {own}/site.conf;\n}}\n"
    )
    return config


def _rush(
    port: int, forum: str, session: str, sink: SmtpSink, access_log: Path
) -> dict[str, float]:
    """One rush through `port`; checks what it left in the database, the SMTP sink and nginx's
    access log (the private pages the customers landed on, none with its token)."""
    from infoharbor.registration import outbox
    from infoharbor.registration.models import OutboxEmail, Participant

    _reset(session)
    sink.clear()
    logged_before = access_log.stat().st_size if access_log.exists() else 0
    base = f"http://127.0.0.1:{port}"
    acknowledged: list[str] = []
    errors = 0
    numbers = iter(range(ATTEMPTS))
    lock = threading.Lock()

    def customer() -> None:
        nonlocal errors
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            outcome = _register(base, forum, session, number)
            with lock:
                if outcome == "error":
                    errors += 1
                else:
                    acknowledged.append(f"rush-{number}@example.org")

    started = time.monotonic()
    threads = [threading.Thread(target=customer) for _ in range(CUSTOMERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started

    # The Celery workers send what the registrations queued: a confirmation each, and a
    # waiting-list notice to those who got no seat.
    emails = OutboxEmail.objects.filter(forum__slug=forum)
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline and (
        emails.exclude(status=OutboxEmail.Status.SENT).exists()
        or sum(sink.taken().values()) < emails.count()
    ):
        time.sleep(0.2)
    stored = set(
        Participant.objects.filter(forum__slug=forum).values_list("person__email", flat=True)
    )
    confirmed = set(emails.filter(kind=OutboxEmail.Kind.APPROVED).values_list("to", flat=True))
    queued = collections.Counter(outbox.message_id(e) for e in emails)
    taken = sink.taken()
    with access_log.open("rb") as log:
        log.seek(logged_before)
        logged = log.read().decode()
    tokens = Participant.objects.filter(forum__slug=forum).values_list("token", flat=True)
    return {
        "per_second": len(acknowledged) / seconds,
        "acknowledged": len(acknowledged),
        "errors": errors,
        "missing": len(set(acknowledged) - stored),
        "unconfirmed": len(set(acknowledged) - confirmed),
        "emails": sum(taken.values()),
        "emails_wrong": sum(((taken - queued) + (queued - taken)).values()),
        "oversold": max(0, _seats(session) - SEATS),
        "private_pages_logged": logged.count(f"/forums/{forum}/registration/[token]/"),
        "tokens_logged": sum(token in logged for token in tokens),
    }


def _badge_batch(forum: str) -> str:
    """A badge batch of the forum's seated participants, rendered by a Celery worker."""
    from infoharbor.core.models import Forum
    from infoharbor.registration.badges import services as badges
    from infoharbor.registration.models import BadgeBatch

    started = time.monotonic()
    batch = badges.start_batch(None, Forum.objects.get(slug=forum))
    deadline = started + 600
    while batch.status not in {BadgeBatch.Status.DONE, BadgeBatch.Status.FAILED}:
        if time.monotonic() > deadline:
            return f"badge batch of {batch.total} not done after 600 s ({batch.status})"
        time.sleep(0.5)
        batch.refresh_from_db()
    return f"badge batch of {batch.total} {batch.status} in {time.monotonic() - started:.1f} s"


def main() -> None:
    why_not = _missing()
    if why_not:
        print(f"bench_topology: not measured: {why_not}")
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-topology-"))
    folder.chmod(0o755)  # nginx's workers may run as another user
    sink = SmtpSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    redis_port = serving.free_port()
    redis = [_tool("redis-server"), "--bind", "127.0.0.1", "--port", str(redis_port)]
    with _process([*redis, "--save", "", "--appendonly", "no"], "", folder):
        _wait_for_redis(redis_port)
        # What the README's "Production" section exports, less HTTPS (no TLS on loopback).
        settings = {
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/1",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink.port),
            "INFOHARBOR_NUM_PROXIES": "1",
        }
        os.environ.update(settings)
        setup_django("infoharbor_bench_topology", POSTGRES, task_runner="celery")
        settings["DATABASE_URL"] = os.environ["DATABASE_URL"]
        build_program()
        forum, session = setup_rush()
        instances = [serving.Server(workers=WORKERS, threads=THREADS) for _ in range(2)]
        ports = {1: serving.free_port(), 2: serving.free_port()}
        configs = {
            n: _nginx_config(folder, ports[n], [i.port for i in instances[:n]]) for n in (1, 2)
        }
        logs = {n: configs[n].with_name("access.log") for n in (1, 2)}
        celery = [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "infoharbor.core.celery",
            "worker",
            f"--concurrency={CELERY_CONCURRENCY}",
            "--loglevel=warning",
        ]
        nginx = {n: [_tool("nginx"), "-c", str(configs[n])] for n in (1, 2)}
        for name, value in settings.items():
            print(f"bench_topology: export {name}={value}")
        for number, instance in enumerate(instances, 1):
            print(f"bench_topology: instance {number}: {shlex.join(instance.command)}")
        print(f"bench_topology: workers: {shlex.join(celery)}")
        print(f"bench_topology: nginx: {NGINX_SITE.relative_to(ROOT)} as {configs[2]}")
        rushes: dict[int, list[dict[str, float]]] = {1: [], 2: []}
        pages: dict[int, list[float]] = {1: [], 2: []}
        try:
            for instance in instances:
                instance.start()
            with (
                _process(celery, "", folder),
                _process(nginx[1], f"http://127.0.0.1:{ports[1]}/api/v1/forums", folder),
                _process(nginx[2], f"http://127.0.0.1:{ports[2]}/api/v1/forums", folder),
            ):
                for n in (1, 2):
                    requests_per_second(ports[n], PROGRAM_PATH, seconds=1)  # warm every worker
                # The program page first: a rush's reset empties the people table, speakers too.
                for _ in range(PAGE_RUNS):
                    for n in (1, 2):
                        pages[n].append(
                            requests_per_second(
                                ports[n], PROGRAM_PATH, seconds=3, headers=BROWSER_HEADERS
                            )
                        )
                for _ in range(RUNS):
                    for n in (1, 2):
                        rushes[n].append(_rush(ports[n], forum, session, sink, logs[n]))
                badges = _badge_batch(forum)
            peaks = [peak for instance in instances for peak in instance.workers_peak_rss()]
        finally:
            for instance in instances:
                instance.stop()
    for n in (1, 2):
        for run in rushes[n]:
            print(f"bench_topology: rush through nginx, {n} instance(s): {run}")
    bad = [
        r
        for runs in rushes.values()
        for r in runs
        if r["missing"]
        or r["unconfirmed"]
        or r["emails_wrong"]
        or r["tokens_logged"]
        or not r["private_pages_logged"]
    ]
    oversold = max(r["oversold"] for runs in rushes.values() for r in runs)
    checks = (
        f"{'every' if not bad else 'NOT every'} acknowledged registration stored and "
        f"confirmed, every queued email sent once, no private token in nginx's access log, "
        f"oversold {oversold:.0f}; {badges}"
    )
    print(f"bench_topology: checks: {checks}")
    print(f"bench_topology: {worker_memory_line(peaks)}")
    page = {n: statistics.median(pages[n]) for n in (1, 2)}
    rush = {n: statistics.median(r["per_second"] for r in rushes[n]) for n in (1, 2)}
    shape = (
        f"nginx, gunicorn {WORKERS} worker(s) x {THREADS} threads per instance, Redis, "
        f"Celery, PostgreSQL, {os.cpu_count()} cores"
    )
    print(
        f"bench_topology: program page ({SESSIONS} sessions) through {shape}: two instances "
        f"{page[2]:.1f} req/s; baseline one instance {page[1]:.1f} req/s; "
        f"ratio {page[2] / page[1]:.2f}"
    )
    print(
        f"bench_topology: registration rush (web form, {CUSTOMERS} customers, {SEATS} seats, "
        f"{ATTEMPTS} attempts) through {shape}: two instances {rush[2]:.1f} registrations/s; "
        f"baseline one instance {rush[1]:.1f} registrations/s; ratio {rush[2] / rush[1]:.2f}"
    )
    if bad or oversold:
        raise SystemExit("bench_topology: a check failed (see above)")


if __name__ == "__main__":
    main()
