"""Private tokens never reach the logs, though the addresses that held them do."""

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.test import Client

from infoharbor.core.logs import redact
from tests.factories import make_category, make_forum, make_participant


@contextmanager
def _written_by(logger: logging.Logger) -> Iterator[io.StringIO]:
    """What the settings' own console handler of `logger` writes, while inside the block."""
    (handler,) = [h for h in logger.handlers if type(h) is logging.StreamHandler]
    written = io.StringIO()
    before = handler.setStream(written)
    try:
        yield written
    finally:
        handler.setStream(before)


@pytest.mark.unit
def test_redact_hides_the_token_of_private_links_and_invitations_only():
    assert redact("Not Found: /th/forums/caihf-3/registration/Ab-9_x/badge.pdf") == (
        "Not Found: /th/forums/caihf-3/registration/[token]/badge.pdf"
    )
    assert redact('"GET /en/invitations/Zz_1-q/ HTTP/1.1" 200') == (
        '"GET /en/invitations/[token]/ HTTP/1.1" 200'
    )
    assert redact("/en/forums/caihf-3/registration/tok?next=1") == (
        "/en/forums/caihf-3/registration/[token]?next=1"
    )
    unchanged = "Not Found: /en/forums/caihf-3/register/ and /en/admin/registration/category/"
    assert redact(unchanged) == unchanged


@pytest.mark.integration
def test_a_refused_private_page_logs_its_address_without_the_token(db):
    forum = make_forum()
    participant = make_participant(make_category(forum))
    with _written_by(logging.getLogger()) as written:
        page = Client().get(f"/en/forums/{forum.slug}/registration/{participant.token}/seat/x1/")
    assert page.status_code == 404
    logged = written.getvalue()
    assert logged == f"Not Found: /en/forums/{forum.slug}/registration/[token]/seat/x1/\n"


@pytest.mark.unit
def test_development_server_request_lines_lose_the_token():
    server = logging.getLogger("django.server")
    with _written_by(server) as written:
        server.info('"%s" %s %s', "GET /en/forums/x/registration/s3cr3t/ HTTP/1.1", "200", "51")
    assert written.getvalue().endswith(
        '] "GET /en/forums/x/registration/[token]/ HTTP/1.1" 200 51\n'
    )
    assert "s3cr3t" not in written.getvalue()
