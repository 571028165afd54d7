import datetime as dt
from decimal import Decimal

import pytest

from infoharbor.projects.conversion import CROSS, HMRC_SOURCE, RateBook, explained_sources
from infoharbor.projects.models import ExchangeRate
from infoharbor.projects.queries import statistics
from tests.factories import make_forum, make_organization, make_project, make_rate

pytestmark = [pytest.mark.django_db, pytest.mark.integration]
SEP = dt.date(2018, 9, 1)


def test_conversion_crosses_through_gbp_with_the_rate_of_the_month():
    make_rate("CNY", "8.8375", SEP)
    make_rate("USD", "1.2909", SEP)
    make_rate("USD", "1.3000", dt.date(2018, 10, 1))

    conversion = RateBook(ExchangeRate.objects.all()).conversion("USD", "CNY", dt.date(2018, 9, 14))

    assert conversion is not None
    assert conversion.rate == Decimal("8.8375") / Decimal("1.2909")
    assert conversion.rate_date == SEP
    assert conversion.source == "test rates"


def test_conversion_prefers_a_fresher_direct_rate_of_the_organisers():
    forum = make_forum()
    make_rate("CNY", "8.8375", SEP)
    make_rate("USD", "1.2909", SEP)
    make_rate("CNY", "6.85", dt.date(2018, 9, 13), base="USD", forum=forum)

    conversion = RateBook.for_forum(forum).conversion("CNY", "USD", dt.date(2018, 9, 14))

    assert conversion is not None
    assert conversion.rate == Decimal(1) / Decimal("6.85")
    assert conversion.rate_date == dt.date(2018, 9, 13)


def test_conversion_before_the_first_rate_finds_nothing():
    make_rate("CNY", "8.8375", SEP)
    make_rate("USD", "1.2909", SEP)

    assert (
        RateBook(ExchangeRate.objects.all()).conversion("USD", "CNY", dt.date(2018, 8, 31)) is None
    )


def test_statistics_report_a_figure_without_a_rate_as_left_out():
    forum = make_forum()
    make_rate("CNY", "8.8375", SEP)
    make_project(forum, amount=Decimal("1000"), currency="CNY", signed_on=dt.date(2018, 9, 14))
    make_project(
        forum,
        amount=Decimal("5000000"),
        currency="KHR",
        signed_on=dt.date(2018, 9, 14),
        parties=[(make_organization(forum, country="KH"), "host")],
    )

    stats = statistics(forum, "date", "CNY")

    group = stats.groups[0]
    assert group.count == 2
    assert group.total == Decimal("1000.00")
    assert [lo.message for lo in group.left_out] == ["left out: no rate for KHR on 2018-09-14"]
    assert group.left_out[0].amount == Decimal("5000000")


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("zh-hans", "英国税务海关总署月度汇率（2018年9月）和Bank of Thailand"),
        ("km", "អត្រាប្តូរប្រាក់ប្រចាំខែរបស់នាយកដ្ឋានពន្ធដារ និងគយចក្រភពអង់គ្លេស (HMRC) "
               "កញ្ញា 2018 និង\u200bBank of Thailand"),
    ],
)  # fmt: skip
def test_rate_sources_are_said_in_the_readers_words(language, said):
    source = CROSS.join([HMRC_SOURCE.format(month="2018-09"), "Bank of Thailand"])

    assert explained_sources(source, language) == said


def test_the_shipped_rates_say_where_they_come_from_on_the_statistics_page(client):
    forum = make_forum()
    make_project(forum, amount=1_000_000, currency="USD")
    for currency, rate in [("CNY", "8.8375"), ("USD", "1.2909")]:
        ExchangeRate.objects.create(
            base="GBP", currency=currency, date=SEP, rate=Decimal(rate),
            source=HMRC_SOURCE.format(month="2018-09"),
        )  # fmt: skip

    html = client.get(f"/lo/forums/{forum.slug}/projects/statistics/").content.decode()

    assert (
        "(2018-09-01, ອັດຕາແລກປ່ຽນປະຈຳເດືອນຂອງກົມສ່ວຍສາອາກອນ ແລະ ພາສີ ສະຫະລາຊະອານາຈັກ (HMRC), ກັນຍາ 2018)"
        in html
    )
    assert "hmrc-rates" not in html
