"""`infoharbor follow_up_meeting_requests`: remind invitees of requests nearing their deadline
and expire those past it, in every forum. For cron where no Celery beat runs (every 15 minutes
is plenty); running it again reminds nobody twice."""

from typing import Any

from django.core.management.base import BaseCommand

from infoharbor.matchmaking import services


class Command(BaseCommand):
    help = "Remind invitees of meeting requests nearing their deadline; expire those past it."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded, expired = services.follow_up_requests()
        self.stdout.write(f"reminded {reminded}, expired {expired}")
