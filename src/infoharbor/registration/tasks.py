"""Registration's background work, declared on the task path (core/tasks.py).

A leaf: it imports registration's services; only the task registry imports it.
"""

from __future__ import annotations

from infoharbor.core import tasks
from infoharbor.registration import mailings, outbox
from infoharbor.registration.badges import services as badges

OUTBOX_BATCH = 200


@tasks.task("registration.deliver_outbox")
def deliver_outbox() -> None:
    """Send every email that is due; if some failed, come back when their retry is due."""
    retrying = 0
    while True:
        report = outbox.deliver_due(OUTBOX_BATCH)
        retrying += report.retrying
        if report.tried < OUTBOX_BATCH:  # a full batch means more may be due
            break
    wait = outbox.seconds_until_due()
    if retrying and wait is not None:
        # A second late rather than early: an early run finds nothing due and would stop here.
        tasks.enqueue("registration.deliver_outbox", delay=wait + 1)


tasks.task("registration.write_mailing")(mailings.write_emails)

tasks.task("registration.render_badge_batch", on_failure=badges.mark_failed)(badges.render_batch)
