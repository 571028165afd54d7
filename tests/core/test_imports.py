import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from infoharbor.core import imports, spreadsheets, tasks
from infoharbor.core.imports import Column, ImportKind, RowError, Written
from infoharbor.core.models import ImportJob
from tests.factories import make_forum

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

written: list[list[str]] = []


def _check(job, rows, progress):
    errors = [RowError(r.number, "name", "No Bobs.") for r in rows if r.values["name"] == "Bob"]
    return [r.values["name"] for r in rows], errors


def _write(job, names):
    if "Crash" in names:
        raise RuntimeError("the disk is full")
    written.append(names)
    return Written(len(names), {"names": names})


imports.register(
    ImportKind(
        "tests.names",
        lambda forum: [Column("name", required=True, max_length=12), Column("note")],
        _check,
        _write,
    )
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    written.clear()


def _xlsx(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewritten(data: bytes, member: str, change) -> bytes:
    """The workbook with one of its zip members changed, as a damaged or hostile file is."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def _run(name: str, content: bytes, django_capture_on_commit_callbacks) -> ImportJob:
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_job(
            None, make_forum(), "tests.names", SimpleUploadedFile(name, content)
        )
    tasks.run_pending()
    job.refresh_from_db()
    return job


def test_job_goes_from_queued_to_done_and_keeps_no_copy_of_the_file(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_job(
            None, make_forum(), "tests.names", SimpleUploadedFile("n.csv", b"name\nAda\nLin\n")
        )
    assert (job.status, tasks.pending()) == ("queued", [("core.run_import", (job.pk,))])
    stored = job.file.path

    tasks.run_pending()
    job.refresh_from_db()

    assert (job.status, job.done, job.total, job.written) == ("done", 2, 2, 2)
    assert (job.result, job.errors, job.file.name) == ({"names": ["Ada", "Lin"]}, [], "")
    assert written == [["Ada", "Lin"]]
    assert not (job.file.storage.exists(stored))


def test_rows_are_refused_with_every_problem_named(django_capture_on_commit_callbacks):
    job = _run(
        "n.csv",
        b"Name,note\nBob,\nAda\x00,\nAlexandria-Ptolemy,\n\nBob,x\n",
        django_capture_on_commit_callbacks,
    )

    assert job.status == "refused"
    assert job.errors == [
        {"row": 2, "column": "name", "message": "No Bobs."},
        {"row": 3, "column": "name", "message": "The cell holds a NUL character; remove it."},
        {"row": 4, "column": "name", "message": "At most 12 characters; this cell has 18."},
        {"row": 6, "column": "name", "message": "No Bobs."},
    ]
    assert written == []


@pytest.mark.parametrize(
    ("content", "errors"),
    [
        (b"note\nx\n", [(1, "name", "The column is missing.")]),
        (
            b"name,shoe\nAda,42\n",
            [(1, "shoe", "This is not one of the import's columns.")],
        ),
        (b"name\n", [(0, "", "The file has no rows to import.")]),
        (b"", [(0, "", "The file is empty.")]),
        (b"name\n\xff\n", [(0, "", "Save the CSV file as UTF-8.")]),
    ],
)
def test_files_without_rows_to_import_are_refused(
    content, errors, django_capture_on_commit_callbacks
):
    job = _run("n.csv", content, django_capture_on_commit_callbacks)

    assert job.status == "refused"
    assert [(e["row"], e["column"], e["message"]) for e in job.errors] == errors


def _no_sheet() -> bytes:
    return _rewritten(
        _xlsx(["name"], ["Ada"]),
        "xl/workbook.xml",
        lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml),
    )


def _malformed_xml() -> bytes:
    return _rewritten(_xlsx(["name"], ["Ada"]), "xl/worksheets/sheet1.xml", lambda xml: xml[:-30])


def _zip_bomb() -> bytes:
    """About 0.4 MB that unpacks to 147 MB: three million rows of one cell."""
    source, out = zipfile.ZipFile(io.BytesIO(_xlsx(["name"]))), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, content)
                continue
            head, tail = content.split(b"</sheetData>")
            with target.open(info.filename, "w") as sheet:
                sheet.write(head)
                rows = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 100_000
                for _ in range(30):
                    sheet.write(rows)
                sheet.write(b"</sheetData>" + tail)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("n.xlsx", b"not a zip", "This is not a readable XLSX file."),
        ("n.xlsx", _no_sheet(), "The workbook has no sheet."),
        (
            "n.xlsx",
            _malformed_xml(),
            "The workbook's XML is damaged: unclosed token: line 1, column 493",
        ),
        (
            "n.xlsx",
            _rewritten(  # openpyxl itself cuts cells at 32,767 characters
                _xlsx(["name"], ["CELL"]),
                "xl/worksheets/sheet1.xml",
                lambda xml: xml.replace(b"CELL", b"x" * 1_000_000),
            ),
            "Row 2, column A holds 1,000,000 characters; a cell may hold at most 32,767.",
        ),
        (
            "n.csv",
            b"name\n" + b"x" * 1_000_000 + b"\n",
            "Row 2 holds a cell longer than 32,767 characters.",
        ),
        (
            "n.xlsx",
            _zip_bomb(),
            "The workbook unpacks to 147 MB, more than the 100 MB allowed; it may be a zip bomb.",
        ),
    ],
    ids=["not-a-zip", "no-sheet", "malformed-xml", "1mb-cell-xlsx", "1mb-cell-csv", "zip-bomb"],
)
def test_malformed_files_are_refused_naming_what_is_wrong(
    name, content, message, django_capture_on_commit_callbacks
):
    job = _run(name, content, django_capture_on_commit_callbacks)

    assert (job.status, job.errors) == ("refused", [{"row": 0, "column": "", "message": message}])


def test_more_rows_than_the_operator_allows_are_refused(
    settings, django_capture_on_commit_callbacks
):
    settings.INFOHARBOR_IMPORT_MAX_ROWS = 3

    job = _run("n.csv", b"name\na\nb\nc\nd\n", django_capture_on_commit_callbacks)

    assert job.errors == [
        {
            "row": 0,
            "column": "",
            "message": "The file has more than 3 rows; split it into smaller files.",
        }
    ]


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("n.pdf", 10, "Upload an XLSX or CSV file."),
        ("n.csv", 2_000_001, "The file is larger than 2 MB; split it into smaller files."),
    ],
)
def test_uploads_of_the_wrong_type_or_size_are_refused_before_storing(
    settings, name, size, message
):
    settings.INFOHARBOR_IMPORT_MAX_BYTES = 2_000_000

    with pytest.raises(imports.UploadRefused) as refused:
        imports.start_job(None, make_forum(), "tests.names", SimpleUploadedFile(name, b"x" * size))

    assert refused.value.messages == [message]
    assert ImportJob.objects.count() == 0


def test_job_whose_write_keeps_failing_is_retried_then_shown_failed(
    django_capture_on_commit_callbacks,
):
    job = _run("n.csv", b"name\nCrash\n", django_capture_on_commit_callbacks)

    assert (job.status, job.error) == ("failed", "RuntimeError: the disk is full")
    assert imports.job_state(job)["label"] == "failed"


def test_job_whose_worker_died_is_shown_failed_not_checking(django_capture_on_commit_callbacks):
    forum = make_forum()
    job = imports.start_job(None, forum, "tests.names", SimpleUploadedFile("n.csv", b"name\nA\n"))
    ImportJob.objects.filter(pk=job.pk).update(
        status="checking", heartbeat_at=job.heartbeat_at - imports.STALE_AFTER * 2
    )

    job = imports.job_for_page(forum, "tests.names", job.public_id)

    assert (job.status, job.error) == (
        "failed",
        "The worker stopped before the import was finished. Upload the file again.",
    )
    assert ImportJob.objects.get(pk=job.pk).status == "checking"  # a look writes nothing


def test_cell_text_reads_as_people_type_it():
    assert [
        spreadsheets.cell_text(v)
        for v in [None, 3.0, 2.5, dt.date(2018, 9, 13), dt.datetime(2018, 9, 13), "  a "]
    ] == ["", "3", "2.5", "2018-09-13", "2018-09-13", "a"]
