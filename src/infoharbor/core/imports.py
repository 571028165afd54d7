"""The import job: an uploaded spreadsheet imported in the background, all or nothing.

For apps that import a kind of rows (participants, projects …). A kind registers its columns
and two functions with `register(ImportKind(...))` in the app's `imports.py`:

- `check(job, rows, progress)` reads every row outside any transaction and returns the plan
  of what to write and the errors found (`RowError`: row, column, message);
- `write(job, plan)` writes the plan inside the one transaction the job opens, and returns
  what it wrote (`Written`); raising `ImportRefused` there rolls everything back.

`start_job` stores the file and queues the task; the task reads the file (core/spreadsheets.py),
maps its header to the kind's columns, refuses NUL bytes and text longer than a column allows,
then calls the kind. The job's row (`ImportJob`) carries status and progress for the page that
polls it; a refused file keeps every error and leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from infoharbor.core import audit, spreadsheets, tasks, text_input
from infoharbor.core.audit import Actor
from infoharbor.core.models import Forum, ImportJob

Status = ImportJob.Status
# A job whose worker has not been heard of for this long is shown failed (a crash, a restart).
STALE_AFTER = dt.timedelta(minutes=5)
PROGRESS_SECONDS = 0.5  # how often progress is written while rows are checked


@dataclass(frozen=True)
class Column:
    """One column a kind reads; `max_length` is its model field's, so no text is cut short."""

    name: str
    required: bool = False
    max_length: int | None = None


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet shows it: the header is row 1; 0 is the file as a whole
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]  # column name → text, for every column the file has


@dataclass(frozen=True)
class Written:
    rows: int
    result: dict[str, Any] = field(default_factory=dict)  # what the page shows, JSON


class ImportRefused(Exception):
    """The file was refused; nothing was written. Every problem is in `errors`."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = sorted(errors, key=lambda e: e.row)  # a row's errors in column order


class UploadRefused(ValidationError):
    """An upload refused before it is stored (its type or its size)."""


Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportKind:
    name: str
    columns: Callable[[Forum], list[Column]]
    check: Callable[[ImportJob, list[Row], Progress], tuple[Any, list[RowError]]]
    write: Callable[[ImportJob, Any], Written]


_kinds: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    _kinds[kind.name] = kind
    return kind


def kind_of(name: str) -> ImportKind:
    """The kind registered as `name`; a process that has not imported it yet finds it here."""
    if name not in _kinds:
        autodiscover_modules("imports")
    return _kinds[name]


def start_job(
    actor: Actor,
    forum: Forum,
    kind: str,
    upload: UploadedFile,
    options: dict[str, Any] | None = None,
) -> ImportJob:
    """Store the file and queue its import, which starts once the caller's transaction commits."""
    kind_of(kind)
    name = upload.name or ""
    if not spreadsheets.is_spreadsheet(name):
        raise UploadRefused(_("Upload an XLSX or CSV file."))
    limit = settings.INFOHARBOR_IMPORT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(
            _("The file is larger than %(mb)s MB; split it into smaller files.")
            % {"mb": f"{limit / 1_000_000:,.0f}"}
        )
    with transaction.atomic():
        job = ImportJob(forum=forum, kind=kind, file_name=name[-300:], options=options or {})
        if isinstance(actor, get_user_model()):
            job.created_by = actor
        job.file.save(name, upload, save=False)
        job.save()
        audit.record(
            actor, "import.started", job, forum=forum, extra={"kind": kind, "file": job.file_name}
        )
        tasks.enqueue("core.run_import", job.pk)
    return job


def _refuse(row: int, column: str, message: str) -> ImportRefused:
    return ImportRefused([RowError(row, column, message)])


def _cell_errors(number: int, values: dict[str, str], columns: dict[str, Column]) -> list[RowError]:
    errors = []
    for name, text in values.items():
        if text_input.NUL in text:
            errors.append(RowError(number, name, _("The cell holds a NUL character; remove it.")))
        limit = columns[name].max_length
        if limit is not None and len(text) > limit:
            errors.append(
                RowError(
                    number,
                    name,
                    _("At most %(limit)s characters; this cell has %(length)s.")
                    % {"limit": limit, "length": len(text)},
                )
            )
    return errors


def read_rows(job: ImportJob, kind: ImportKind) -> tuple[list[Row], list[RowError]]:
    """The job's file as rows keyed by the kind's column names, and the cells it refuses."""
    try:
        with job.file.open("rb") as stream:
            table = spreadsheets.read_table(job.file_name, stream)
    except spreadsheets.SpreadsheetError as error:
        raise _refuse(0, "", str(error)) from error
    if not table:
        raise _refuse(0, "", _("The file is empty."))
    columns = {c.name: c for c in kind.columns(job.forum)}
    by_key = {spreadsheets.header_key(name): name for name in columns}
    header_number, titles = table[0]
    header = [by_key.get(spreadsheets.header_key(title), "") for title in titles]
    problems = [
        RowError(header_number, title, _("This is not one of the import's columns."))
        for title, name in zip(titles, header, strict=True)
        if title and not name
    ]
    problems += [
        RowError(header_number, c.name, _("The column is missing."))
        for c in columns.values()
        if c.required and c.name not in header
    ]
    if problems:
        raise ImportRefused(problems)
    rows, errors = [], []
    for number, cells in table[1:]:
        values = {name: text for name, text in zip(header, cells, strict=False) if name}
        errors += _cell_errors(number, values, columns)
        rows.append(Row(number, values))
    if not rows:
        raise _refuse(0, "", _("The file has no rows to import."))
    return rows, errors


def _progress(job: ImportJob) -> Progress:
    last = 0.0

    def report(done: int, total: int) -> None:
        nonlocal last
        if done < total and time.monotonic() - last < PROGRESS_SECONDS:
            return
        last = time.monotonic()
        ImportJob.objects.filter(pk=job.pk).update(
            done=done, total=total, heartbeat_at=timezone.now()
        )

    return report


def _finish(job: ImportJob, status: str, **fields: Any) -> None:
    ImportJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now(), **fields)
    if status != Status.FAILED:
        job.file.delete(save=False)  # the rows are in the database, or refused: keep no copy
        ImportJob.objects.filter(pk=job.pk).update(file="")


def run_job(job_id: int) -> ImportJob:
    """Do the job's work (the task path calls this): check every row, then write all or none."""
    claimed = ImportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.CHECKING, heartbeat_at=timezone.now()
    )
    job = ImportJob.objects.select_related("forum", "created_by").get(pk=job_id)
    if not claimed:  # another worker has it, or it is over
        return job
    kind = kind_of(job.kind)
    try:
        rows, errors = read_rows(job, kind)
        plan, found = kind.check(job, rows, _progress(job))
        # A cell refused as such (a NUL, too long) needs no second message from the kind.
        refused_cells = {(e.row, e.column) for e in errors}
        errors += [e for e in found if (e.row, e.column) not in refused_cells]
        if errors:
            raise ImportRefused(errors)
        ImportJob.objects.filter(pk=job.pk).update(
            status=Status.WRITING, done=len(rows), total=len(rows), heartbeat_at=timezone.now()
        )
        with transaction.atomic():
            written = kind.write(job, plan)
    except ImportRefused as refused:
        _finish(job, Status.REFUSED, errors=[e.as_dict() for e in refused.errors])
    except Exception:
        # Nothing was written (the transaction rolled back): hand the job back for a retry.
        ImportJob.objects.filter(pk=job.pk).update(
            status=Status.QUEUED, heartbeat_at=timezone.now()
        )
        raise
    else:
        _finish(job, Status.DONE, written=written.rows, result=written.result)
    job.refresh_from_db()
    return job


def _failed(error: Exception, job_id: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=Status.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        finished_at=timezone.now(),
    )


tasks.task("core.run_import", on_failure=_failed)(run_job)


def _as_shown(job: ImportJob) -> ImportJob:
    """The job as its page shows it: one whose worker stopped answering (a crash or a restart)
    is failed, never "checking" for ever. Only the object read is changed, never the row, so
    looking at a page writes nothing."""
    unfinished = job.status in {Status.QUEUED, Status.CHECKING, Status.WRITING}
    if unfinished and job.heartbeat_at < timezone.now() - STALE_AFTER:
        job.status = Status.FAILED
        job.error = _("The worker stopped before the import was finished. Upload the file again.")
    return job


def job_for_page(forum: Forum, kind: str, public_id: str) -> ImportJob:
    """The job as its page shows it (a stale one as failed); DoesNotExist if there is none."""
    return _as_shown(ImportJob.objects.get(forum=forum, kind=kind, public_id=public_id))


def job_state(job: ImportJob) -> dict[str, Any]:
    """What the polling page needs, as JSON."""
    return {
        "status": job.status,
        "label": str(job.get_status_display()),
        "done": job.done,
        "total": job.total,
        "written": job.written,
        "errors": job.errors,
        "error": job.error,
        "result": job.result,
        "over": job.is_over,
    }
