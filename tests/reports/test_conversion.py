"""Totals in the forum's reporting currency, with the rates they were converted with shown in
the release's language; a forum that chose no currency reports in yuan."""

import datetime as dt
import subprocess

import pytest

from infoharbor.projects.conversion import HMRC_SOURCE
from infoharbor.projects.models import ExchangeRate
from infoharbor.reports import services
from infoharbor.reports.models import ReportSettings
from tests.factories import (
    at,
    make_city,
    make_forum,
    make_organization,
    make_project,
    make_rate,
    make_signing_session,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2018, 9, 13)


@pytest.fixture
def forum():
    """One ceremony in Nanning on 13 September: 100 million baht and 50 million yuan, with a
    yuan at 5 baht and a US dollar at 7 yuan that day."""
    forum = make_forum(languages=["zh-hans", "en", "th", "km"])
    city = make_city("Nanning", zh_hans="南宁", th="หนานหนิง", km="ណាននីង")
    forum.cities.add(city)
    ceremony = make_signing_session(
        forum, city, slug="signing", title="Signing ceremony", start=at(13, "10:00")
    )
    thai = make_organization(forum, "Thai Digital Co.", country="TH")
    for amount, currency in ((100_000_000, "THB"), (50_000_000, "CNY")):
        make_project(
            forum,
            parties=[(thai, "funder")],
            signing_session=ceremony,
            signed_on=DAY,
            amount=amount,
            currency=currency,
        )
    make_rate("THB", "5", DAY, base="CNY")
    make_rate("CNY", "7", DAY, base="USD")
    return forum


def release(client, forum, language):
    services.publish_generated(forum, language)
    response = client.get(f"/{language}/forums/{forum.slug}/report/press-release/")
    assert response.status_code == 200
    return response.context


def text(client, forum, language):
    services.publish_generated(forum, language)
    response = client.get(f"/api/v1/forums/{forum.slug}/report?lang={language}")
    assert response.status_code == 200
    return response.json()["text"]


def test_totals_are_in_yuan_with_the_baht_converted(client, forum):
    context = release(client, forum, "en")
    assert context["release"].figures["signing.signing.total"].value == 70_000_000
    assert "with a total investment of CNY 70 million." in text(client, forum, "en")
    assert context["conversion"].intro == (
        "Totals are in Chinese Yuan; amounts signed in other currencies were converted at the "
        "stored exchange rates of their signing day:"
    )
    assert context["conversion"].rates == [
        "1 Thai Baht (THB) = 0.2 CNY, rate of September 13, 2018, test rates"
    ]


@pytest.mark.parametrize(
    ("language", "total", "intro", "rate"),
    [
        (
            "th",
            "มูลค่าการลงทุนรวมทั้งสิ้น 70 ล้านหยวน",
            "ยอดรวมคิดเป็นหยวนจีน จำนวนเงินที่ลงนามในสกุลเงินอื่นแปลงค่าตามอัตราแลกเปลี่ยนที่บันทึกไว้ของวันที่ลงนาม ดังนี้",
            "1 บาท (THB) = 0.2 CNY อัตรา ณ วันที่ 13 กันยายน 2018 แหล่งที่มา test rates",
        ),
        (
            "zh-hans",
            "共签约2个项目，总投资7000万元。",
            "总额以人民币计；以其他货币签约的金额按签约当日存档的汇率换算：",
            "1 泰铢（THB）= 0.2 CNY，2018年9月13日汇率，来源：test rates",
        ),
        (
            "km",
            "ដោយមានទុនវិនិយោគសរុប 70 លាន CNY។",
            "ចំនួនសរុបគិតជាយ័នចិន។ ទឹកប្រាក់ដែលបានចុះហត្ថលេខាជារូបិយប័ណ្ណផ្សេង "
            "ត្រូវបានប្តូរតាមអត្រាប្តូរប្រាក់ដែលបានរក្សាទុកនៃថ្ងៃចុះហត្ថលេខា៖",
            # CLDR writes the baht's Khmer name with a zero-width space.
            "1 បាត\u200bថៃ (THB) = 0.2 CNY អត្រានៅថ្ងៃ 13 កញ្ញា 2018 ប្រភព៖ test rates",
        ),
    ],
)
def test_the_conversion_is_explained_in_the_releases_language(
    client, forum, language, total, intro, rate
):
    context = release(client, forum, language)
    assert total in text(client, forum, language)
    assert context["conversion"].intro == intro
    assert context["conversion"].rates == [rate]


def test_a_forum_reporting_in_dollars_converts_the_yuan_and_the_baht(client, forum):
    settings = ReportSettings(forum=forum, currency="USD")
    services.save_settings(None, settings)
    context = release(client, forum, "en")
    total = context["release"].figures["signing.signing.total"]
    assert (total.value, total.currency) == (10_000_000, "USD")
    assert "with a total investment of USD 10 million." in text(client, forum, "en")
    assert context["conversion"].rates == [
        "1 Chinese Yuan (CNY) = 0.1429 USD, rate of September 13, 2018, test rates",
        "1 Thai Baht (THB) = 0.02857 USD, rate of September 13, 2018, test rates",
    ]


def test_no_conversion_is_shown_when_every_amount_is_in_the_reporting_currency(client):
    forum = make_forum()
    city = make_city()
    ceremony = make_signing_session(forum, city, slug="signing", start=at(13, "10:00"))
    make_project(forum, signing_session=ceremony, signed_on=DAY, amount=5_000_000)
    context = release(client, forum, "en")
    assert context["release"].figures["signing.signing.total"].rates == ()
    assert context["conversion"] is None


def test_the_report_lists_the_rates_beside_each_total(client, forum):
    services.publish_generated(forum, "en")
    html = client.get(f"/en/forums/{forum.slug}/report/").content.decode()
    row = html[html.index('<tr data-figure="signing.signing.total">') :]
    row = row[: row.index("</tr>")]
    rate = "1 Thai Baht (THB) = 0.2 CNY, rate of September 13, 2018, test rates"
    assert f'<div class="note">{rate}</div>' in row


def test_the_pdf_release_states_the_rate_in_thai(client, forum, tmp_path):
    services.publish_generated(forum, "th")
    response = client.get(f"/th/forums/{forum.slug}/report/press-release.pdf")
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = text.replace("\u200b", "").replace(" ", "").replace("\n", "")
    assert "1บาท(THB)=0.2CNY" in flat
    assert "70ล้านหยวน" in flat


def test_the_api_gives_each_total_its_rates(client, forum):
    services.publish_generated(forum, "en")
    data = client.get(f"/api/v1/forums/{forum.slug}/report?lang=en").json()
    total = next(f for f in data["figures"] if f["key"] == "signing.signing.total")
    assert (total["value"], total["currency"]) == ("70000000.00", "CNY")
    assert total["rates"] == [
        {"currency": "THB", "rate": "0.2", "date": "2018-09-13", "source": "test rates"}
    ]


@pytest.mark.parametrize(
    ("language", "source"),
    [
        ("en", "HM Revenue & Customs (UK) monthly exchange rates, September 2018"),
        ("km", "ប្រភព៖ អត្រាប្តូរប្រាក់ប្រចាំខែរបស់នាយកដ្ឋានពន្ធដារ និងគយចក្រភពអង់គ្លេស (HMRC) កញ្ញា 2018"),
    ],
)
def test_a_shipped_rate_names_its_source_in_words_in_the_releases_language(
    client, forum, language, source
):
    ExchangeRate.objects.filter(currency="THB").update(source=HMRC_SOURCE.format(month="2018-09"))
    rates = release(client, forum, language)["conversion"].rates
    assert len(rates) == 1
    assert rates[0].endswith(source)
    assert "hmrc-rates" not in rates[0]
