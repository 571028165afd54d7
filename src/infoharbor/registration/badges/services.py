"""Batch printing: all approved badges of a category or a delegation as one PDF, in the background.

`start_batch` records a `BadgeBatch` (queued, with its total) and, once that commits, hands the
work to the task path (the task is in registration/tasks.py). The worker renders the badges in
chunks, counting `done` after each chunk so the organiser's page can show progress, and stores
the PDF only when every page is rendered. A batch that raised is queued again for the task
path's retries and marked failed with the error after the last (`mark_failed`); one whose
process died stops refreshing `heartbeat_at` and is shown as failed once that is older than
STALE_AFTER (`batches_of`, `batch_of`: worked out when read, so looking at a page writes
nothing), never left half-done.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from infoharbor.core import audit, tasks
from infoharbor.core.audit import Actor
from infoharbor.core.models import Forum
from infoharbor.registration.badges import rendering
from infoharbor.registration.models import BadgeBatch, Category, Delegation, Participant

CHUNK = 25
STALE_AFTER = dt.timedelta(minutes=2)


class BatchError(ValidationError):
    """A batch an organiser asked for that cannot be printed."""


def printable(
    forum: Forum, category: Category | None, delegation: Delegation | None
) -> QuerySet[Participant]:
    """Approved participants with a valid badge, in the order they are printed."""
    participants = Participant.objects.with_valid_badge().filter(forum=forum)
    if category is not None:
        participants = participants.filter(category=category)
    if delegation is not None:
        participants = participants.filter(delegation=delegation)
    return participants.select_related(
        "forum", "person__organization", "category", "delegation"
    ).order_by("person__name_latin", "person__name", "pk")


def start_batch(
    actor: Actor,
    forum: Forum,
    category: Category | None = None,
    delegation: Delegation | None = None,
) -> BadgeBatch:
    """Queue a batch of badges; the work starts once the caller's transaction commits."""
    total = printable(forum, category, delegation).count()
    if total == 0:
        raise BatchError(_("No approved participant with a valid badge matches this choice."))
    with transaction.atomic():
        batch = BadgeBatch.objects.create(
            forum=forum,
            category=category,
            delegation=delegation,
            total=total,
            requested_by=actor if isinstance(actor, get_user_model()) else None,
        )
        audit.record(
            actor,
            "registration.badge_batch_started",
            batch,
            forum=forum,
            # Not a snapshot: the empty PDF file field is not JSON.
            extra={
                "category": batch.category_id,
                "delegation": batch.delegation_id,
                "total": total,
            },
        )
        # If the broker is unreachable the batch stays queued and shows as failed once stale.
        tasks.enqueue("registration.render_badge_batch", batch.pk)
    return batch


def render_batch(batch_id: int) -> BadgeBatch:
    """Do the batch's work (the worker calls this): render, count progress, store the PDF."""
    claimed = BadgeBatch.objects.filter(pk=batch_id, status=BadgeBatch.Status.QUEUED).update(
        status=BadgeBatch.Status.RUNNING, heartbeat_at=timezone.now()
    )
    batch = BadgeBatch.objects.select_related("forum", "category", "delegation").get(pk=batch_id)
    if not claimed:  # another worker has it, or it is over
        return batch
    try:
        participants = list(printable(batch.forum, batch.category, batch.delegation))
        documents = []
        for start in range(0, len(participants), CHUNK):
            chunk = participants[start : start + CHUNK]
            documents.append(rendering.render_document(batch.forum, chunk))
            BadgeBatch.objects.filter(pk=batch.pk).update(
                done=start + len(chunk), heartbeat_at=timezone.now()
            )
        pdf = rendering.join_pdf(documents)
        batch.refresh_from_db()
        batch.pdf.save(
            f"{batch.forum.slug}-badges-{batch.public_id}.pdf", ContentFile(pdf), save=False
        )
        batch.status = BadgeBatch.Status.DONE
        batch.total = len(participants)
        batch.done = len(participants)
        batch.finished_at = timezone.now()
        batch.save(update_fields=["pdf", "status", "total", "done", "finished_at"])
    except Exception:
        # Nothing is stored until the last page: hand the batch back for the task path's retry.
        BadgeBatch.objects.filter(pk=batch_id).update(
            status=BadgeBatch.Status.QUEUED, done=0, heartbeat_at=timezone.now()
        )
        raise
    return batch


def mark_failed(error: Exception, batch_id: int) -> None:
    """The task path gave up on the batch: show it failed, with the error, to the organiser."""
    BadgeBatch.objects.filter(pk=batch_id).update(
        status=BadgeBatch.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
    )


def _as_shown(batch: BadgeBatch, now: dt.datetime) -> BadgeBatch:
    """The batch as organisers see it: one whose worker stopped answering (a crash or a
    restart) is failed. Only the object read is changed, never the row."""
    unfinished = batch.status in {BadgeBatch.Status.QUEUED, BadgeBatch.Status.RUNNING}
    if unfinished and batch.heartbeat_at < now - STALE_AFTER:
        batch.status = BadgeBatch.Status.FAILED
        batch.error = _("The worker stopped before the batch was finished. Start it again.")
    return batch


def batches_of(forum: Forum, limit: int = 50) -> list[BadgeBatch]:
    """The forum's latest batches, newest first, as organisers see them."""
    now = timezone.now()
    found = BadgeBatch.objects.filter(forum=forum).select_related("category", "delegation")
    return [_as_shown(batch, now) for batch in found[:limit]]


def batch_of(forum: Forum, public_id: str) -> BadgeBatch:
    """One batch of the forum as organisers see it; raises BadgeBatch.DoesNotExist."""
    batch = BadgeBatch.objects.select_related("forum", "category", "delegation").get(
        forum=forum, public_id=public_id
    )
    return _as_shown(batch, timezone.now())
