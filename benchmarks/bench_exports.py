"""The program's exports (frab XML, iCalendar, frab JSON) of 500 sessions in 10 languages:
requests per second, one line each.

Baseline: a static file (the site's stylesheet) served by the same gunicorn in the same run,
all asked for as calendar apps and browsers ask (accepting gzip), in turns (harness.
interleaved_rates).
"""

from __future__ import annotations

from bench_program_page import SESSIONS, build
from harness import BROWSER_HEADERS, interleaved_rates, requests_per_second, served, setup_django

EXPORTS = {
    "frab XML": "/api/v1/forums/bench/schedule.xml?lang=th",
    "iCalendar": "/api/v1/forums/bench/schedule.ics?lang=th",
    "frab JSON": "/api/v1/forums/bench/schedule.json?lang=th",
}
STATIC = "static file"


def main() -> None:
    setup_django("infoharbor_bench_exports")
    build()
    with served() as port:
        for path in EXPORTS.values():
            requests_per_second(port, path, seconds=1)  # warm up both workers
        rates = interleaved_rates(
            port,
            {
                STATIC: ("/static/web/site.css", BROWSER_HEADERS),
                **{name: (path, BROWSER_HEADERS) for name, path in EXPORTS.items()},
            },
        )
    static = rates.pop(STATIC)
    for name, rate in rates.items():
        print(
            f"bench_exports: {name} ({SESSIONS} sessions, 10 languages) {rate:.1f} req/s; "
            f"baseline static file {static:.1f} req/s; ratio {rate / static:.3f}"
        )


if __name__ == "__main__":
    main()
