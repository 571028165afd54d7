import csv
import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from infoharbor.core import imports as core_imports
from infoharbor.core import spreadsheets, tasks
from infoharbor.core.models import ImportJob
from infoharbor.projects import imports, sheets
from infoharbor.projects.models import Project
from tests.factories import (
    make_city,
    make_forum,
    make_organiser,
    make_organization,
    make_platform,
    make_project,
    text,
)
from tests.spreadsheets import HOSTILE, csv_rows, types_of

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _xlsx(rows: list[dict[str, str]], forum) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    header = sheets.columns(forum)
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(c, "") for c in header])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("p.xlsx", out.getvalue())


def _forum(slug: str | None = None):
    forum = make_forum(languages=["en"], default_language="en", **({"slug": slug} if slug else {}))
    make_platform(forum, "network-infrastructure")
    make_organization(forum, "Huawei", short_name="Huawei")
    make_organization(forum, "Thai agency", country="TH", short_name="depa")
    return forum


def _import(forum, upload) -> ImportJob:
    job = core_imports.start_job(None, forum, imports.KIND, upload)
    tasks.discard_pending()  # the test runs the job itself
    return core_imports.run_job(job.pk)


GOOD = {
    "reference": "a-1",
    "title_en": "Smart city",
    "kind": "contract",
    "platforms": "network-infrastructure",
    "funders": "Huawei",
    "partners": "depa",
    "signed_on": "2018-09-13",
    "amount": "1500000",
    "currency": "CNY",
    "amount_kind": "total_investment",
}


def test_import_of_a_good_file_creates_every_project():
    forum = _forum()
    rows = [
        GOOD,
        {**GOOD, "reference": "a-2", "amount": "", "amount_kind": "undisclosed", "currency": ""},
    ]

    job = _import(forum, _xlsx(rows, forum))

    assert (job.status, job.written) == ("done", 2)
    saved = list(Project.objects.order_by("reference"))
    assert [p.reference for p in saved] == ["a-1", "a-2"]
    assert saved[0].china_asean is True
    assert list(saved[0].platforms.values_list("code", flat=True)) == ["network-infrastructure"]


def _everything() -> dict[str, list[dict]]:
    return {
        m._meta.label: list(m.objects.order_by("pk").values())
        for m in apps.get_models()
        if m is not ImportJob
    }


def test_a_bad_file_is_refused_with_every_problem_and_changes_nothing():
    forum = _forum()
    make_project(forum, reference="old")
    rows = [
        GOOD,
        {**GOOD, "reference": "b-1", "currency": "XYZ"},
        {**GOOD, "reference": "b-2", "amount": "-5"},
        {**GOOD, "reference": "b-3", "platforms": "space"},
        {**GOOD, "reference": "b-4", "signed_on": "2018-10-01"},
        {**GOOD, "reference": "b-5", "funders": "Nobody Ltd"},
        {**GOOD, "reference": "old"},
        {**GOOD, "reference": "b-6", "location_country": "XX"},
        {**GOOD, "reference": "b-7", "currency": "cnyy"},
    ]
    job = core_imports.start_job(None, forum, imports.KIND, _xlsx(rows, forum))
    before = _everything()

    job = core_imports.run_job(job.pk)

    assert job.status == "refused"
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (3, "currency"),
        (4, "amount"),
        (5, "platforms"),
        (6, "signed_on"),
        (7, "funders"),
        (8, "reference"),
        (9, "location_country"),
        (10, "currency"),
    ]
    assert job.errors[0]["message"] == "“XYZ” is not an ISO 4217 currency code."
    assert job.errors[6]["message"] == "“XX” is not an ISO 3166-1 country code."
    assert job.errors[7]["message"] == "At most 3 characters; this cell has 4."
    assert _everything() == before


def test_currency_codes_are_normalised():
    forum = _forum()

    job = _import(forum, _xlsx([{**GOOD, "currency": " cny "}], forum))

    assert job.status == "done"
    assert Project.objects.get().currency == "CNY"


def test_import_reads_csv_and_reports_progress():
    forum = _forum()
    header = sheets.columns(forum)
    upload = SimpleUploadedFile(
        "p.csv", spreadsheets.write_csv(header, [[GOOD.get(c, "") for c in header]])
    )

    job = _import(forum, upload)

    assert (job.status, job.done, job.total) == ("done", 1, 1)
    assert Project.objects.get(reference="a-1").signed_on == dt.date(2018, 9, 13)


def test_an_unreadable_file_is_refused():
    forum = _forum()

    job = _import(forum, SimpleUploadedFile("p.xlsx", b"not a workbook"))

    assert job.errors == [{"row": 0, "column": "", "message": "This is not a readable XLSX file."}]


def _cells(content: bytes, fmt: str) -> list[list[str]]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    [(_number, header), *rows] = spreadsheets.read_table("p.xlsx", io.BytesIO(content))
    return [header, *(cells for _number, cells in rows)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_of_projects_imports_back_unchanged(client, fmt):
    forum = _forum("registry")
    nanning = make_city(name="Nanning")
    rows = [
        {**GOOD, "location_city": "Nanning", "location_country": "CN", "signing_city": "Nanning"},
        {**GOOD, "reference": "a-2", "funders": "Huawei; depa", "partners": "", "amount": "2.50"},
        {**GOOD, "reference": "a-3", "amount": "", "amount_kind": "undisclosed", "currency": ""},
    ]
    assert _import(forum, _xlsx(rows, forum)).status == "done"
    assert Project.objects.get(reference="a-1").city == nanning
    client.force_login(make_organiser(forum))
    exported = client.get(f"/en/forums/registry/orga/projects/import/export.{fmt}").content
    other = _forum("registry-copy")

    job = _import(other, SimpleUploadedFile(f"p.{fmt}", exported))

    assert (job.status, job.errors, job.written) == ("done", [], 3)
    copy = [sheets.export_row(other, p) for p in Project.objects.filter(forum=other).order_by("pk")]
    assert _cells(exported, fmt)[1:] == copy


@pytest.mark.slow
def test_the_template_example_row_imports_into_its_forum(seed_forum, settings, tmp_path):
    header = sheets.columns(seed_forum)
    example = spreadsheets.write_csv(header, [sheets.template_example(seed_forum)])

    job = _import(seed_forum, SimpleUploadedFile("template.csv", example))

    assert (job.status, job.errors) == ("done", [])
    assert [
        (p.reference, p.signing_session.slug) for p in Project.objects.filter(reference="NN-001")
    ] == [("NN-001", "guangxi-signing")]


@pytest.mark.parametrize("value", HOSTILE)
def test_import_format_export_and_template_write_formula_like_text_as_text(client, value):
    forum = _forum("registry")
    forum.organizations.update(short_name="")
    make_organization(forum, "Evil", short_name=value)
    make_project(forum, title=text(value))
    client.force_login(make_organiser(forum))
    base = "/en/forums/registry/orga/projects/import"

    for url in (f"{base}/export", f"{base}/template"):
        [header, row] = csv_rows(client.get(f"{url}.csv").content)
        xlsx = client.get(f"{url}.xlsx").content
        column = "title_en" if url.endswith("export") else "funders"
        assert row[header.index(column)] == "'" + value
        assert types_of(xlsx, value) == {"s"}
