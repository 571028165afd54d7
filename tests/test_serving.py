"""The shared gunicorn launcher tells the benchmarks how much memory its workers took."""

import pytest

from tests.registration.live import live_server

pytestmark = pytest.mark.integration


@pytest.mark.django_db(transaction=True)
def test_server_reports_each_workers_peak_memory():
    server = live_server(workers=2, threads=1)
    assert server.workers_peak_rss() == []  # not started: no workers
    server.start()
    try:
        pids = server.worker_pids()
        peaks = server.workers_peak_rss()
    finally:
        server.stop()

    assert len(pids) == 2
    assert server.process is None
    # A worker holds Python, Django and the project: tens of megabytes, not bytes nor gigabytes.
    assert len(peaks) == 2
    assert all(20 * 2**20 < peak < 2**30 for peak in peaks)
