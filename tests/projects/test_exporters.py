import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from lxml import etree
from openpyxl import load_workbook

from infoharbor.core.models import Organization
from infoharbor.projects import exporters, services
from infoharbor.projects.models import IatiPublisher, Sector
from infoharbor.projects.queries import registry
from tests.conftest import shared_path
from tests.factories import make_forum, make_organization, make_project, text
from tests.spreadsheets import HOSTILE, csv_rows, xlsx_cells

pytestmark = [pytest.mark.django_db, pytest.mark.integration]
NO_NETWORK = etree.XMLParser(no_network=True)


def _forum_with_projects():
    forum = make_forum()
    IatiPublisher.objects.create(forum=forum, identifier="CN-USCI-123", name=text("Organiser"))
    services.add_dac_sectors(None, forum)
    sector = Sector.objects.get(forum=forum, code="22040")
    china = make_organization(forum, "CEC", kind=Organization.Kind.ENTERPRISE)
    thai = make_organization(forum, "depa", country="TH", kind=Organization.Kind.GOVERNMENT)
    make_project(
        forum,
        reference="a-1",
        sector=sector,
        country="TH",
        parties=[(china, "funder"), (thai, "host")],
    )
    memo = make_project(
        forum,
        reference="a-2",
        kind="mou",
        amount=None,
        currency="",
        amount_kind="undisclosed",
        parties=[(thai, "partner")],
    )
    services.record_status_change(
        None, memo, "cancelled", dt.date(2019, 1, 1), source_url="https://example.org/x"
    )
    return forum


def _codes(name: str) -> set[str]:
    tree = etree.parse(str(shared_path("schemas", "iati-codelists", f"{name}.xml")), NO_NETWORK)
    return set(tree.xpath("//codelist-item/code/text()"))


def test_iati_export_validates_and_uses_only_listed_codes():
    forum = _forum_with_projects()
    schema_doc = etree.parse(
        str(shared_path("schemas", "iati-2.03", "iati-activities-schema.xsd")), NO_NETWORK
    )
    schema = etree.XMLSchema(schema_doc)

    document = etree.fromstring(exporters.to_iati(forum, registry(forum)), NO_NETWORK)

    schema.assertValid(document)
    assert set(document.xpath("//activity-status/@code")) == {"1", "5"} <= _codes("ActivityStatus")
    assert set(document.xpath("//participating-org/@role")) <= _codes("OrganisationRole")
    assert set(
        document.xpath("//participating-org/@type") + document.xpath("//reporting-org/@type")
    ) <= _codes("OrganisationType")
    assert set(document.xpath("//transaction-type/@code")) == {"2"} <= _codes("TransactionType")
    assert set(document.xpath("//activity-date/@type")) <= _codes("ActivityDateType")
    assert set(document.xpath("//sector/@vocabulary")) <= _codes("SectorVocabulary")
    assert set(document.xpath("//@currency | //@default-currency")) <= _codes("Currency")
    assert document.xpath("//iati-identifier/text()") == ["CN-USCI-123-a-1", "CN-USCI-123-a-2"]


def test_csv_and_xlsx_exports_hold_every_project():
    forum = _forum_with_projects()

    csv_text = exporters.to_csv(registry(forum), "en").decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(exporters.to_xlsx(registry(forum), "en"))).active

    assert csv_text.splitlines()[0].split(",")[:3] == ["id", "reference", "title"]
    assert len(csv_text.splitlines()) == 3
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["a-1", "a-2"]


@pytest.mark.parametrize("value", HOSTILE)
def test_registry_csv_and_xlsx_write_formula_like_text_as_text(client, value):
    forum = make_forum()
    funder = make_organization(forum, value)
    make_project(
        forum, title=text(value), amount=Decimal("2500000.50"), parties=[(funder, "funder")]
    )
    base = f"/api/v1/forums/{forum.slug}"

    [header, row] = csv_rows(client.get(f"{base}/projects.csv").content)
    [cells_header, cells] = xlsx_cells(client.get(f"{base}/projects.xlsx").content)

    at = header.index
    assert (row[at("title")], row[at("parties")]) == ("'" + value, f"'{value} (CN, funder)")
    assert row[at("amount")] == "2500000.50"
    assert [value for _type, value in cells_header] == header
    assert (cells[at("title")], cells[at("parties")]) == (
        ("s", value),
        ("s", f"{value} (CN, funder)"),
    )
    assert cells[at("amount")] == ("n", 2500000.5)


def test_api_exports_answer_at_their_stable_urls(client):
    forum = _forum_with_projects()
    base = f"/api/v1/forums/{forum.slug}"

    data = json.loads(client.get(f"{base}/projects.json").content)

    assert [(p["reference"], p["status"], p["china_asean"]) for p in data] == [
        ("a-1", "signed", True),
        ("a-2", "cancelled", False),
    ]
    assert client.get(f"{base}/projects.csv")["Content-Type"] == "text/csv; charset=utf-8"
    assert client.get(f"{base}/projects.xlsx").status_code == 200
    assert client.get(f"{base}/projects/iati.xml").status_code == 200


def test_api_stats_give_totals_split_and_left_out(client):
    forum = _forum_with_projects()

    data = json.loads(
        client.get(
            f"/api/v1/forums/{forum.slug}/projects/stats?group_by=status&currency=CNY"
        ).content
    )

    groups = {g["key"]: g for g in data["groups"]}
    assert groups["signed"]["count"] == 1
    assert Decimal(groups["signed"]["total"]) == Decimal("1000000.00")
    assert groups["signed"]["binding"] == {"count": 1, "total": "1000000.00"}
    assert groups["cancelled"]["left_out"][0]["reason"] == "undisclosed"


def test_api_stats_name_each_bad_parameter(client):
    forum = make_forum()

    response = client.get(
        f"/api/v1/forums/{forum.slug}/projects/stats?group_by=colour&currency=ZZZ"
    )

    assert response.status_code == 422
    assert set(json.loads(response.content)["detail"]) == {"group_by", "currency"}


def test_iati_export_without_a_publisher_answers_409(client):
    forum = make_forum()

    response = client.get(f"/api/v1/forums/{forum.slug}/projects/iati.xml")

    assert response.status_code == 409
