import datetime as dt
from decimal import Decimal

import pytest

from infoharbor.projects.conversion import RateBook
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
