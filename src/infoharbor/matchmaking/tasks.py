"""The matchmaking's background work on the task path (core/tasks.py): scheduler runs.

A leaf: it imports the matchmaking services; only the task registry imports it.
"""

from infoharbor.core import tasks
from infoharbor.matchmaking import services

tasks.task("matchmaking.run_scheduler", retries=0, on_failure=services.mark_run_failed)(
    services.run_scheduler
)
