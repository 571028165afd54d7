import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from infoharbor.core.models import AuditEntry, Organization, Person
from infoharbor.registration import imports, services
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
)

pytestmark = pytest.mark.django_db

HEADER = "name,name_latin,email,category,country,sessions,head,answer:diet\n"


@pytest.fixture
def forum():
    forum = make_forum(slug="harbor")
    make_category(forum, "official", needs_approval=True)
    make_question(forum, "diet", kind="choice", options=[{"value": "halal", "label": "Halal"}])
    set_capacity(make_session(forum, make_city(), slug="main-forum"), 1)
    return forum


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("delegation.csv", text.encode("utf-8"))


def _import(forum, upload, actor=None):
    steps = list(
        services.import_delegation(actor, forum, "Myanmar", "MM", imports.read_rows(upload))
    )
    return steps, steps[-1].result


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

    steps, result = _import(forum, upload, desk)

    assert [(s.label, s.done, s.total) for s in steps[:-1]] == [("Checked", 2, 2), ("Saved", 2, 2)]
    assert (result.errors, result.created) == ([], 2)
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
    before = _tables()
    assert all(before.values())
    upload = _csv(
        HEADER
        + "အောင်ကျော်,Aung Kyaw,aung@example.mm,official,MM,main-forum,yes,halal\n"
        + ",No Name,bad-email,visitor,Myanmar,nowhere,yes,beef\n"
        + "မြင့်မြင့်,Myint Myint,aung@example.mm,official,MM,,,\n"
    )

    _steps, result = _import(forum, upload)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "head", "Only one head of delegation per file."),
        (3, "head", "Only one head of delegation per file."),
        (3, "name", "Give the name as written in your own script."),
        (3, "email", "Give a valid email address."),
        (3, "country", "Use an ISO 3166-1 alpha-2 code, e.g. CN or TH."),
        (3, "category", "Choose one of the forum's categories."),
        (3, "answer:diet", "Choose one of the options."),
        (3, "sessions", "No such session: nowhere"),
        (4, "email", "The same email address is on row 2."),
    ]
    assert result.created == 0
    assert _tables() == before


def test_import_xlsx_template_round_trip(forum):
    template = load_workbook(io.BytesIO(imports.template_xlsx(forum)))
    header = [c.value for c in template["participants"][1]]
    assert header == [*imports.COLUMNS, "answer:diet"]
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

    _steps, result = _import(forum, SimpleUploadedFile("d.xlsx", data.getvalue()))

    assert (result.errors, result.created) == ([], 1)
    assert Participant.objects.get().language == "ms"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("d.pdf", b"%PDF", "Upload an XLSX or CSV file."),
        ("d.xlsx", b"not a zip", "This is not a readable XLSX file."),
        ("d.csv", b"name,email\n", "Columns missing: category"),
        ("d.csv", b"name,email,category,shoe\nA,a@b.org,official,42\n", "Unknown columns: shoe"),
        ("d.csv", HEADER.encode(), "The file has no rows to import."),
    ],
)
def test_import_unreadable_files_are_refused(forum, name, content, message):
    with pytest.raises(imports.ImportFileError) as raised:
        imports.read_rows(SimpleUploadedFile(name, content))

    assert raised.value.messages == [message]


def test_import_page_streams_progress_and_result(client, forum):
    client.force_login(make_organiser(forum, role="registration_desk"))
    upload = _csv(HEADER + "Aung Kyaw,,aung@example.mm,official,MM,,,\n")

    response = client.post(
        "/en/forums/harbor/orga/participants/import/",
        {"delegation": "Myanmar", "country": "MM", "file": upload},
    )

    page = b"".join(response.streaming_content).decode()
    assert '<p class="import-progress">Checked 1 / 1</p>' in page
    assert '<p class="import-progress">Saved 1 / 1</p>' in page
    assert "Participants imported into Myanmar: 1" in page


def test_import_template_download(client, forum):
    client.force_login(make_organiser(forum, role="registration_desk"))

    response = client.get("/en/forums/harbor/orga/participants/import/template.xlsx")

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["participants", "values"]
