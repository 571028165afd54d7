import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from infoharbor.core import imports as core_imports
from infoharbor.core import tasks
from infoharbor.core.models import AuditEntry, ImportJob, Organization, Person
from infoharbor.registration import imports
from infoharbor.registration.models import (
    Answer,
    Delegation,
    OutboxEmail,
    Participant,
    SessionCapacity,
    SessionChoice,
)
from tests.factories import (
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_question,
    make_session,
    set_capacity,
    text,
)
from tests.spreadsheets import HOSTILE, csv_rows, types_of, xlsx_cells

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

HEADER = "name,name_latin,email,category,country,sessions,head,answer:diet\n"


def _harbor(slug: str = "harbor"):
    forum = make_forum(slug=slug)
    make_category(forum, "official", needs_approval=True)
    make_question(forum, "diet", kind="choice", options=[{"value": "halal", "label": "Halal"}])
    set_capacity(make_session(forum, make_city(), slug="main-forum"), 1)
    return forum


@pytest.fixture
def forum(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return _harbor()


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("delegation.csv", text.encode("utf-8"))


def _start(forum, upload, actor=None) -> ImportJob:
    options = {"delegation": "Myanmar", "country": "MM"}
    job = core_imports.start_job(actor, forum, imports.KIND, upload, options)
    tasks.discard_pending()  # the test runs the job itself
    return job


def _import(forum, upload, actor=None) -> ImportJob:
    return core_imports.run_job(_start(forum, upload, actor).pk)


def _tables():
    """Every table an import writes to, as comparable rows."""
    return {
        model.__name__: list(model.objects.order_by("pk").values_list())
        for model in [
            Person,
            Organization,
            Participant,
            Delegation,
            Answer,
            SessionChoice,
            OutboxEmail,
            AuditEntry,
        ]
    } | {"capacity": list(SessionCapacity.objects.order_by("pk").values_list())}


def test_import_csv_registers_the_whole_delegation(forum):
    desk = make_organiser(forum, role="registration_desk")
    upload = _csv(
        HEADER
        + "အောင်ကျော်,Aung Kyaw,aung@example.mm,official,MM,main-forum,yes,halal\n"
        + "မြင့်မြင့်,Myint Myint,myint@example.mm,official,MM,main-forum,,\n"
    )

    job = _import(forum, upload, desk)

    assert (job.status, job.done, job.total, job.errors, job.written) == ("done", 2, 2, [], 2)
    assert job.result == {"delegation": "Myanmar"}
    delegation = Delegation.objects.get()
    assert delegation.head.person.name_latin == "Aung Kyaw"
    assert sorted(delegation.members.values_list("person__name", flat=True)) == [
        "မြင့်မြင့်",
        "အောင်ကျော်",
    ]
    assert sorted(SessionChoice.objects.values_list("status", "queue_number")) == [
        ("seat", None),
        ("waiting", 1),
    ]
    assert AuditEntry.objects.filter(action="delegation.imported", actor=desk).count() == 1


def test_import_with_bad_rows_names_each_and_changes_nothing(forum):
    make_participant(
        forum.categories.get(),
        [forum.sessions.get()],
        person={"organization": "Lao National Internet Center"},
        answers={"diet": "halal"},
        delegation_name="Lao delegation",
    )
    upload = _csv(
        HEADER
        + "အောင်ကျော်,Aung Kyaw,aung@example.mm,official,MM,main-forum,yes,halal\n"
        + ",No Name,bad-email,visitor,Myanmar,nowhere,yes,beef\n"
        + "မြင့်မြင့်,Myint Myint,aung@example.mm,official,XX,,,\n"
        + "Nul\x00Byte,"
        + "N" * 201
        + ",nul@example.mm,official,MM,,,\n"
    )
    job = _start(forum, upload)
    before = _tables()
    assert all(before.values())

    job = core_imports.run_job(job.pk)

    assert job.status == "refused"
    assert [(e["row"], e["column"], e["message"]) for e in job.errors] == [
        (2, "head", "Only one head of delegation per file."),
        (3, "country", "At most 2 characters; this cell has 7."),
        (3, "head", "Only one head of delegation per file."),
        (3, "name", "Give the name as written in your own script."),
        (3, "email", "Give a valid email address."),
        (3, "category", "Choose one of the forum's categories."),
        (3, "answer:diet", "Choose one of the options."),
        (3, "sessions", "No such session: nowhere"),
        (4, "country", "Use an ISO 3166-1 alpha-2 code, e.g. CN or TH."),
        (4, "email", "The same email address is on row 2."),
        (5, "name", "The cell holds a NUL character; remove it."),
        (5, "name_latin", "At most 200 characters; this cell has 201."),
    ]
    assert job.written == 0
    assert _tables() == before


def test_import_xlsx_template_round_trip(forum):
    template = load_workbook(io.BytesIO(imports.template_xlsx(forum)))
    header = [c.value for c in template["participants"][1]]
    assert header == [*imports.COLUMNS, "answer:diet"]
    assert header == [c.name for c in imports.columns(forum)]
    book = Workbook()
    book.active.append(header)
    book.active.append(
        [
            "Siti Nurhaliza",
            "",
            "",
            "",
            "",
            "",
            "MY",
            "siti@example.my",
            "",
            "official",
            "ms",
            "main-forum",
            "",
            "halal",
        ]
    )
    data = io.BytesIO()
    book.save(data)

    job = _import(forum, SimpleUploadedFile("d.xlsx", data.getvalue()))

    assert (job.status, job.errors, job.written) == ("done", [], 1)
    assert Participant.objects.get().language == "ms"


@pytest.mark.parametrize(
    ("content", "errors"),
    [
        (b"name,email\n", [(1, "category", "The column is missing.")]),
        (
            b"name,email,category,shoe\nA,a@b.org,official,42\n",
            [(1, "shoe", "This is not one of the import's columns.")],
        ),
        (HEADER.encode(), [(0, "", "The file has no rows to import.")]),
    ],
)
def test_import_files_without_rows_to_import_are_refused(forum, content, errors):
    job = _import(forum, SimpleUploadedFile("d.csv", content))

    assert [(e["row"], e["column"], e["message"]) for e in job.errors] == errors


def test_import_page_answers_at_once_and_the_job_runs_in_the_background(
    client, forum, django_capture_on_commit_callbacks
):
    client.force_login(make_organiser(forum, role="registration_desk"))
    upload = _csv(HEADER + "Aung Kyaw,,aung@example.mm,official,MM,,,\n")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/forums/harbor/orga/participants/import/",
            {"delegation": "Myanmar", "country": "MM", "file": upload},
        )

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/forums/harbor/orga/participants/import/{job.public_id}/"
    assert job.status == "queued"
    # The delegation's name is kept with the language it was typed in.
    assert job.options == {"delegation": "Myanmar", "language": "en", "country": "MM"}
    # (The first request of a process also queues the outbox's delivery.)
    assert ("core.run_import", (job.pk,)) in tasks.pending()
    assert Participant.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert '<strong id="import-status">queued</strong>' in page

    tasks.run_pending()

    state = client.get(response["Location"] + "?format=json").json()
    assert (state["status"], state["done"], state["total"], state["written"]) == ("done", 1, 1, 1)
    page = client.get(response["Location"]).content.decode()
    assert "Participants imported into Myanmar: 1" in page


def test_import_page_refuses_a_file_that_is_no_spreadsheet(client, forum):
    client.force_login(make_organiser(forum, role="registration_desk"))
    upload = SimpleUploadedFile("d.pdf", b"%PDF")

    response = client.post(
        "/en/forums/harbor/orga/participants/import/",
        {"delegation": "Myanmar", "country": "MM", "file": upload},
    )

    assert response.status_code == 200
    assert "Upload an XLSX or CSV file." in response.content.decode()
    assert ImportJob.objects.count() == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_of_participants_imports_back_unchanged(client, forum, fmt, settings):
    make_participant(
        forum.categories.get(),
        [forum.sessions.get()],
        person={"name": "အောင်ကျော်", "name_latin": "Aung Kyaw", "country": "MM"},
        answers={"diet": "halal"},
        language="en",
    )
    make_participant(
        forum.categories.get(), person={"organization": "Lao National Internet Center"}
    )
    client.force_login(make_organiser(forum, role="registration_desk"))
    exported = client.get(f"/en/forums/harbor/orga/participants/export.{fmt}").content
    other = _harbor("harbor-copy")

    job = _import(other, SimpleUploadedFile(f"p.{fmt}", exported))

    assert (job.status, job.errors, job.written) == ("done", [], 2)
    again = imports.export_participants(other, imports.exportable(other), fmt)
    assert _cells(again, fmt) == _cells(exported, fmt)
    assert len(_cells(exported, fmt)) == 3


def _cells(content: bytes, fmt: str) -> list[list[str]]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.slow
def test_a_4000_row_delegation_imports_as_a_background_job_with_progress(
    forum, django_capture_on_commit_callbacks
):
    rows = "".join(f"Delegate {n},,delegate{n}@example.mm,official,MM,,,\n" for n in range(4000))
    with django_capture_on_commit_callbacks(execute=True):
        job = core_imports.start_job(
            None,
            forum,
            imports.KIND,
            _csv(HEADER + rows),
            {"delegation": "Myanmar", "language": "my"},
        )

    assert [a.name for a in tasks.run_pending()] == ["core.run_import"]
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.written) == ("done", 4000, 4000, 4000)
    # Named in the language of the organiser who started it.
    delegation = Delegation.objects.get(forum=forum)
    assert delegation.name.data == {"my": "Myanmar"}
    assert delegation.members.count() == 4000


def test_import_template_download(client, forum):
    client.force_login(make_organiser(forum, role="registration_desk"))

    response = client.get("/en/forums/harbor/orga/participants/import/template.xlsx")

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["participants", "values"]


def test_import_template_explains_each_answer_value_in_the_readers_language(forum):
    options = [{"value": "veg", "label": {"en": "Vegetarian", "lo": "ອາຫານຜັກ"}}]
    make_question(forum, "meal", kind="choice", label={"en": "Meal"}, options=options, order=2)
    make_question(forum, "visa", kind="yes_no", label={"en": "Visa", "lo": "ວີຊາ"}, order=3)

    with translation.override("lo"):
        book = load_workbook(io.BytesIO(imports.template_xlsx(forum)))

    rows = [r for r in book["values"].iter_rows(values_only=True) if r[0].startswith("answer:")]
    assert rows == [
        ("answer:diet", None, "diet"),
        ("answer:diet", "halal", "Halal"),
        ("answer:meal", None, "Meal"),
        ("answer:meal", "veg", "ອາຫານຜັກ"),
        ("answer:visa", None, "ວີຊາ"),
        ("answer:visa", "yes", "ແມ່ນ"),
        ("answer:visa", "no", "ບໍ່"),
    ]


@pytest.mark.parametrize("value", HOSTILE)
def test_participants_export_writes_formula_like_text_as_text(client, forum, value):
    make_participant(
        forum.categories.get(), person={"name": value, "organization": value, "phone": "+66 2 141"}
    )
    client.force_login(make_organiser(forum, role="registration_desk"))
    base = "/en/forums/harbor/orga/participants/export"
    value = value.strip()  # as registration stores a name

    [header, row] = csv_rows(client.get(f"{base}.csv").content)
    xlsx = client.get(f"{base}.xlsx").content

    at = header.index
    assert (row[at("name")], row[at("organization")]) == ("'" + value, "'" + value)
    assert row[at("phone")] == "'+66 2 141"
    assert types_of(xlsx, value) == types_of(xlsx, "+66 2 141") == {"s"}


def test_delegation_template_writes_formula_like_text_as_text(client, forum):
    # XLSX only: openpyxl turns "=…" into a formula, the other starts into text by itself.
    value = HOSTILE[0]
    make_category(forum, "guest", name=text(value))
    make_question(forum, "note", label=text(value))
    client.force_login(make_organiser(forum, role="registration_desk"))

    template = client.get("/en/forums/harbor/orga/participants/import/template.xlsx").content

    assert types_of(template, value, sheet=1) == {"s"}
    assert ("s", value) in [cell for row in xlsx_cells(template, sheet=1) for cell in row]
