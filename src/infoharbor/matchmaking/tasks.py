"""The matchmaking's background work on the task path (core/tasks.py): scheduler runs, and the
follow-up of unanswered requests (reminders, expiry; see `services.follow_up_requests`).

A leaf: it imports the matchmaking services; only the task registry imports it.
"""

from infoharbor.core import tasks
from infoharbor.matchmaking import services

tasks.task("matchmaking.run_scheduler", retries=0, on_failure=services.mark_run_failed)(
    services.run_scheduler
)


@tasks.task("matchmaking.follow_up_requests")
def follow_up_requests() -> None:
    services.follow_up_requests()
