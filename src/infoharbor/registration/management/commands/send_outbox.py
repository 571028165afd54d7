"""Send the registration emails that are due (for deployments without a background worker)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from infoharbor.registration.outbox import deliver_due

POLL_SECONDS = 30.0


class Command(BaseCommand):
    help = "Send queued registration emails; --loop keeps sending until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running, polling for email.")

    def handle(self, *args: Any, loop: bool = False, **options: Any) -> None:
        while True:
            report = deliver_due()
            self.stdout.write(
                f"sent {report.sent}, retrying {report.retrying}, failed {report.failed}"
            )
            if not loop:
                return
            time.sleep(POLL_SECONDS)
