"""The registration rush through the public web form, side by side with pretix's checkout.

16 customers at once, 300 attempts, 100 seats (pretix: a quota of 100), PostgreSQL, two sync
gunicorn workers on each side (pretix's documented set-up; `threads=0` in serving.py). An
InfoHarbor customer loads the registration form, posts it with one session chosen and follows
the redirect to their private page: that is one registration, and it holds a seat or a
waiting-list place. A pretix customer goes through the shop's five pages
(`../shared/peers/bench-pretix-checkout.py`). The figure is seats (orders) per second until the
last one was confirmed, in interleaved runs (InfoHarbor, pretix, InfoHarbor, …); the median of
each side and their ratio. Both sides must sell exactly the quota, never more.

pretix comes from the peer harness in `../shared/peers/` (its README): set it up once with
  cd ../shared/peers && PRETIX_DATA=/tmp/peers/pretix-data-pg PRETIX_DB=postgresql PGPORT=5432 \
      ./setup-pretix.sh 100
The benchmark serves it itself; without that folder or that set-up it measures InfoHarbor alone
and says why.

Run: .venv/bin/python benchmarks/bench_registration_rush.py  (DATABASE_URL names the server)
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from harness import ROOT, served, setup_django

POSTGRES = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/infoharbor")
PEERS = ROOT.parent / "shared" / "peers"
PEERS_DIR = Path(os.environ.get("PEERS_DIR", "/tmp/peers"))
PRETIX_DATA = Path(os.environ.get("PRETIX_DATA", PEERS_DIR / "pretix-data-pg"))
PRETIX_PORT = 8193

CUSTOMERS = 16
ATTEMPTS = int(os.environ.get("RUSH_ATTEMPTS", "300"))
SEATS = 100
RUNS = int(os.environ.get("RUSH_RUNS", "3"))
WORKERS = 2

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _setup() -> tuple[str, str]:
    from infoharbor.core.models import City, Forum
    from infoharbor.core.translated import TranslatedText
    from infoharbor.program.models import Session
    from infoharbor.registration.models import Category, SessionCapacity

    forum = Forum.objects.create(
        slug="rush",
        name=TranslatedText("Rush"),
        start_date="2018-09-11",
        end_date="2018-09-18",
        is_published=True,
    )
    Category.objects.create(
        forum=forum, code="guest", name=TranslatedText("Guest"), needs_approval=False
    )
    city = City.objects.create(name=TranslatedText("Nanning"), country="CN")
    session = Session.objects.create(
        forum=forum,
        slug="main",
        kind="main_forum",
        title=TranslatedText("Main"),
        start="2018-09-12T01:00Z",
        end="2018-09-12T09:00Z",
        city=city,
    )
    SessionCapacity.objects.create(session=session, capacity=SEATS)
    return forum.slug, session.slug


def _reset(session: str) -> None:
    """An empty shop again: no participants, the seat counter at zero."""
    from infoharbor.core.models import Person
    from infoharbor.registration.models import OutboxEmail, Participant, SessionCapacity

    OutboxEmail.objects.all().delete()
    Participant.objects.all().delete()
    Person.objects.all().delete()
    SessionCapacity.objects.filter(session__slug=session).update(seats_taken=0, queue_counter=0)


def _seats(session: str) -> int:
    from infoharbor.registration.models import SessionChoice

    return SessionChoice.objects.filter(
        session__slug=session, status=SessionChoice.Status.SEAT
    ).count()


def _register(base: str, forum: str, session: str, number: int) -> str:
    """One customer: the form, the post, the private page. "seat", "waiting" or "error"."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base}/en/forums/{forum}/register/"
    try:
        form = opener.open(url, timeout=60).read().decode()
        token = CSRF.search(form)
        if token is None:
            return "error"
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "name": "参会者",
            "email": f"rush-{number}@example.org",
            "organization_kind": "enterprise",
            "category": "guest",
            "sessions": session,
        }
        request = urllib.request.Request(
            url, urllib.parse.urlencode(data).encode(), {"Referer": url}
        )
        with opener.open(request, timeout=60) as answer:
            page = answer.read().decode()
            landed = "/registration/" in answer.geturl()
    except OSError:
        return "error"
    if not landed:
        return "error"
    return "seat" if 'data-status="seat"' in page else "waiting"


def _infoharbor_run(port: int, forum: str, session: str) -> dict[str, float]:
    _reset(session)
    base = f"http://127.0.0.1:{port}"
    outcomes: list[tuple[str, float]] = []
    numbers = iter(range(ATTEMPTS))
    lock = threading.Lock()
    started = time.monotonic()

    def customer() -> None:
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            outcome = _register(base, forum, session, number)
            with lock:
                outcomes.append((outcome, time.monotonic() - started))

    threads = [threading.Thread(target=customer) for _ in range(CUSTOMERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seated = [at for outcome, at in outcomes if outcome == "seat"]
    errors = sum(1 for outcome, _at in outcomes if outcome == "error")
    held = _seats(session)
    return {
        "per_second": len(seated) / max(seated) if seated else 0.0,
        "seats": len(seated),
        "errors": errors,
        "oversold": held - SEATS,
        "unseen": held - len(seated),
    }


def _pretix_ready() -> str:
    """Why pretix cannot be measured here, or "" when it can."""
    if not PEERS.is_dir():
        return f"{PEERS} is absent"
    if not (PEERS_DIR / "pretix" / "bin" / "python").exists() or not PRETIX_DATA.is_dir():
        return f"pretix is not set up under {PEERS_DIR} (see this file's notes)"
    return ""


def _pretix_environment() -> dict[str, str]:
    """This process's environment without what points Django at InfoHarbor."""
    ours = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH"}
    kept = {k: v for k, v in os.environ.items() if k not in ours and not k.startswith("INFOHARBOR")}
    return {**kept, "PEERS_DIR": str(PEERS_DIR), "PRETIX_DATA": str(PRETIX_DATA)}


def _pretix_run() -> dict[str, float]:
    report_file = Path(tempfile.mkdtemp(prefix="rush-")) / "pretix.json"
    subprocess.run(
        [
            "python3",
            str(PEERS / "bench-pretix-checkout.py"),
            "--port",
            str(PRETIX_PORT),
            "--orders",
            str(ATTEMPTS),
            "--concurrency",
            str(CUSTOMERS),
            "--runs",
            "1",
            "--quota",
            str(SEATS),
            "--json",
            str(report_file),
        ],
        capture_output=True,
        env=_pretix_environment(),
        check=False,
    )
    run = json.loads(report_file.read_text())["runs"][0]
    return {
        "per_second": run["orders_per_s"],
        "seats": run["ordered"],
        "errors": run["errors"],
        "oversold": run["oversold_db"],
    }


def main() -> None:
    setup_django("infoharbor_bench_rush", POSTGRES)
    forum, session = _setup()
    why_not = _pretix_ready()
    ours: list[dict[str, float]] = []
    peer: list[dict[str, float]] = []
    if not why_not:
        subprocess.run(
            [str(PEERS / "serve-pretix.sh"), str(PRETIX_PORT)],
            env=_pretix_environment(),
            check=True,
        )
    try:
        with served(workers=WORKERS, threads=0) as port:
            for _ in range(RUNS):
                ours.append(_infoharbor_run(port, forum, session))
                if not why_not:
                    peer.append(_pretix_run())
    finally:
        if not why_not:
            subprocess.run(
                [str(PEERS / "serve-pretix.sh"), "stop", str(PRETIX_PORT)],
                env=_pretix_environment(),
                check=False,
            )
    for name, runs in (("InfoHarbor", ours), ("pretix", peer)):
        for run in runs:
            print(f"{name}: {json.dumps(run)}")
    mine = statistics.median(r["per_second"] for r in ours)
    line = (
        f"registration rush, web form, {CUSTOMERS} customers, {SEATS} seats, PostgreSQL, "
        f"gunicorn {WORKERS} sync workers: InfoHarbor {mine:.1f} seats/s "
        f"(oversold {max(r['oversold'] for r in ours):.0f})"
    )
    if why_not:
        print(f"{line}; pretix not measured: {why_not}")
        return
    theirs = statistics.median(r["per_second"] for r in peer)
    print(
        f"{line}; pretix checkout {theirs:.2f} orders/s "
        f"(oversold {max(r['oversold'] for r in peer):.0f}); ratio {mine / theirs:.1f}"
    )


if __name__ == "__main__":
    main()
