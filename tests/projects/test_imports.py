import datetime as dt
import io

import pytest
from django.apps import apps
from openpyxl import Workbook

from infoharbor.projects import services, sheets
from infoharbor.projects.models import Project
from tests.factories import make_forum, make_organization, make_platform, make_project

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[dict[str, str]], forum) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    header = sheets.columns(forum)
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(c, "") for c in header])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _forum():
    forum = make_forum(languages=["en"], default_language="en")
    make_platform(forum, "network-infrastructure")
    make_organization(forum, "Huawei", short_name="Huawei")
    make_organization(forum, "Thai agency", country="TH", short_name="depa")
    return forum


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

    saved = services.import_projects(None, forum, "p.xlsx", _xlsx(rows, forum))

    assert [p.reference for p in saved] == ["a-1", "a-2"]
    assert saved[0].china_asean is True
    assert list(saved[0].platforms.values_list("code", flat=True)) == ["network-infrastructure"]


def _everything() -> dict[str, list[dict]]:
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in apps.get_models()}


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
    ]
    before = _everything()

    with pytest.raises(services.ImportRefused) as refused:
        services.import_projects(None, forum, "p.xlsx", _xlsx(rows, forum))

    assert [(p.row, p.column) for p in refused.value.problems] == [
        (3, "currency"),
        (4, "amount"),
        (5, "platforms"),
        (6, "signed_on"),
        (7, "funders"),
        (8, "reference"),
    ]
    assert refused.value.problems[0].message == "“XYZ” is not an ISO 4217 currency code."
    assert _everything() == before


def test_import_reads_csv_and_reports_progress():
    forum = _forum()
    header = sheets.columns(forum)
    csv_bytes = sheets.write_csv(header, [[GOOD.get(c, "") for c in header]])
    seen = []

    services.import_projects(
        None,
        forum,
        "p.csv",
        io.BytesIO(csv_bytes),
        progress=lambda state, done, total: seen.append((state, done, total)),
    )

    assert seen == [("checking", 0, 1), ("saving", 0, 1)]
    assert Project.objects.get(reference="a-1").signed_on == dt.date(2018, 9, 13)


def test_an_unreadable_file_is_refused():
    forum = _forum()

    with pytest.raises(services.ImportRefused) as refused:
        services.import_projects(None, forum, "p.xlsx", io.BytesIO(b"not a workbook"))

    assert refused.value.problems[0].row == 0


@pytest.mark.slow
def test_the_template_example_row_imports_into_its_forum(seed_forum):
    header = sheets.columns(seed_forum)
    example = sheets.write_csv(header, [sheets.template_example(seed_forum)])

    saved = services.import_projects(None, seed_forum, "template.csv", io.BytesIO(example))

    assert [(p.reference, p.signing_session.slug) for p in saved] == [("NN-001", "guangxi-signing")]
