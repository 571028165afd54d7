"""Headers the project's static serving (WhiteNoise) adds to some of its files.

A service worker may control only pages under its own folder unless its script is served with
`Service-Worker-Allowed`. The door's worker is a static file under /static/registration/ and
controls the door page, /<language>/forums/<forum>/door/: it needs the header.
"""

from __future__ import annotations

from wsgiref.headers import Headers

SERVICE_WORKERS = ("registration/door-sw.js",)


def add_headers(headers: Headers, path: str, url: str) -> None:
    """WhiteNoise's WHITENOISE_ADD_HEADERS_FUNCTION: called once per file at start-up."""
    if url.endswith(SERVICE_WORKERS):
        # The page registers its worker with its own path as the scope; this only permits it.
        headers["Service-Worker-Allowed"] = "/"
        # A new worker is picked up at the next visit, not after a minute of caching.
        headers["Cache-Control"] = "no-cache"
