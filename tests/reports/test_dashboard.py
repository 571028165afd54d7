"""The organisers' dashboard over a small forum whose every figure is known: participation by
category, country, city, day and session; the sessions' seats, attendance and no-shows; the
signed projects by each dimension in the reporting currency; the earlier editions; and the rows
behind every figure."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from infoharbor.core.models import Forum
from infoharbor.projects import services as project_services
from infoharbor.projects.models import Project
from infoharbor.registration import services as registration_services
from infoharbor.registration.door.models import CheckIn
from infoharbor.reports import dashboard, services
from infoharbor.reports.models import ReportSettings
from tests.factories import (
    at,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_organization,
    make_participant,
    make_platform,
    make_project,
    make_rate,
    make_session,
    make_signing_session,
    make_user,
    set_capacity,
    text,
)

pytestmark = pytest.mark.integration

TODAY = dt.date(2019, 6, 1)


@pytest.fixture
def world(db):
    forum = make_forum(slug="dash")
    nanning = make_city("Nanning", th="หนานหนิง")
    beihai = make_city("Beihai")
    forum.cities.set([nanning, beihai])
    s1 = make_session(forum, nanning, slug="s1", start=at(12, "09:00"), title="Opening")
    s2 = make_session(forum, nanning, slug="s2", start=at(13, "09:00"), title="Ports")
    s3 = make_session(forum, beihai, slug="s3", start=at(14, "09:00"), title="Fisheries")
    for session, seats in ((s1, 10), (s2, 4), (s3, 2)):
        set_capacity(session, seats)
    official = make_category(forum, "official", name=text("Officials"))
    enterprise = make_category(forum, "enterprise", needs_approval=True, name=text("Firms"))
    a = make_participant(official, [s1, s2], person={"country": "TH"})
    b = make_participant(official, [s1], person={"country": "VN"})
    c = make_participant(enterprise, [s3], person={"country": "TH"})
    d = make_participant(enterprise, [s2], person={"country": "CN"})
    registration_services.reject(None, d)
    let_in = CheckIn.Result.ALLOWED
    for participant, session, result, reason in (
        (a, s1, let_in, ""),
        (b, s1, let_in, ""),
        (b, s2, CheckIn.Result.REFUSED, "no_seat"),
        (c, s3, let_in, ""),
    ):
        CheckIn.objects.create(
            forum=forum,
            participant=participant,
            session=session,
            day=session.start.astimezone(forum.tz).date(),
            door="main",
            result=result,
            reason=reason,
        )
    ceremony = make_signing_session(forum, nanning, slug="signing", start=at(13, "15:00"))
    cn = make_organization(forum, country="CN")
    th = make_organization(forum, country="TH")
    vn = make_organization(forum, country="VN")
    network = make_platform(forum, "network", "Network")
    day13, day14 = dt.date(2018, 9, 13), dt.date(2018, 9, 14)
    make_rate("CNY", "8.75", day13)
    make_rate("USD", "1.25", day13)
    make_project(
        forum,
        reference="p1",
        kind="contract",
        signed_on=day13,
        signing_session=ceremony,
        amount=Decimal("1000000"),
        parties=[(cn, "funder"), (th, "partner")],
        platforms=[network],
    )
    make_project(
        forum,
        reference="p2",
        kind="mou",
        signed_on=day13,
        signing_session=ceremony,
        amount=Decimal("100000"),
        currency="USD",
        parties=[(cn, "funder")],
    )
    p3 = make_project(
        forum,
        reference="p3",
        kind="investment",
        signed_on=day14,
        amount=None,
        amount_kind="undisclosed",
        parties=[(vn, "funder")],
    )
    for status, day in (
        ("preparation", dt.date(2019, 1, 10)),
        ("implementation", dt.date(2019, 5, 1)),
    ):
        project_services.record_status_change(
            None, p3, status, day, source_url="https://example.org/news"
        )
    earlier = make_forum(
        slug="dash-2016", start_date=dt.date(2016, 9, 11), end_date=dt.date(2016, 9, 13)
    )
    ReportSettings.objects.create(forum=earlier, series="dash", reported_attendance=500)
    ReportSettings.objects.create(forum=forum, series="dash")
    return {
        "forum": forum,
        "cities": (nanning, beihai),
        "sessions": (s1, s2, s3),
        "people": (a, b, c, d),
    }


def board_of(forum, language="en"):
    with translation.override(language):
        return dashboard.build(forum, language, today=TODAY)


def counts(rows):
    return {r.label: (r.counts.registered, r.counts.approved, r.counts.checked_in) for r in rows}


def test_participation_by_category_country_city_and_day(world):
    board = board_of(world["forum"])
    splits = board.tables["participation"]
    assert counts(splits["category"]) == {"Officials": (2, 2, 2), "Firms": (1, 0, 1)}
    # The rejected registration from China counts nowhere.
    assert counts(splits["country"]) == {"Thailand": (2, 1, 2), "Vietnam": (1, 1, 1)}
    assert counts(splits["city"]) == {"Nanning": (2, 2, 2), "Beihai": (1, 0, 1)}
    assert [
        (r.counts.key, r.counts.registered, r.counts.approved, r.counts.checked_in)
        for r in splits["day"]
    ] == [
        (dt.date(2018, 9, 12), 2, 2, 2),
        (dt.date(2018, 9, 13), 1, 1, 0),
        (dt.date(2018, 9, 14), 1, 0, 1),
    ]


def test_sessions_against_capacity_busiest_and_no_shows(world):
    board = board_of(world["forum"])
    rows = {
        r.session.slug: (r.seats, r.confirmed, r.approved, r.checked_in, r.no_shows)
        for r in board.tables["sessions"]
    }
    # A refused scan is not a visit: b never came in to s2, where a held a seat and stayed away.
    assert rows == {"s1": (10, 2, 2, 2, 0), "s2": (4, 1, 1, 0, 1), "s3": (2, 1, 0, 1, 0)}
    assert [r.session.slug for r in board.tables["busiest"]] == ["s3", "s1", "s2"]
    assert board.tables["no_shows"] == 1


def test_projects_by_every_dimension_in_the_reporting_currency(world):
    board = board_of(world["forum"])
    stats = board.tables["project_stats"]

    def groups(dimension):
        return {
            g.key: (g.count, g.binding.count, g.non_binding.count, g.total)
            for g in stats[dimension].groups
        }

    # 100,000 USD at 8.75 / 1.25 = 7 CNY to the dollar; the undisclosed amount adds nothing.
    assert groups("session") == {
        "signing": (2, 1, 1, Decimal("1700000.00")),
        "": (1, 1, 0, Decimal("0.00")),
    }
    assert groups("kind") == {
        "contract": (1, 1, 0, Decimal("1000000.00")),
        "mou": (1, 0, 1, Decimal("700000.00")),
        "investment": (1, 1, 0, Decimal("0.00")),
    }
    assert groups("country") == {
        "CN": (2, 1, 1, Decimal("1700000.00")),
        "TH": (1, 1, 0, Decimal("1000000.00")),
        "VN": (1, 1, 0, Decimal("0.00")),
    }
    assert groups("platform") == {
        "network": (1, 1, 0, Decimal("1000000.00")),
        "": (2, 1, 1, Decimal("700000.00")),
    }
    assert groups("status") == {
        "signed": (2, 1, 1, Decimal("1700000.00")),
        "implementation": (1, 1, 0, Decimal("0.00")),
    }
    assert groups("date") == {
        "2018-09-13": (2, 1, 1, Decimal("1700000.00")),
        "2018-09-14": (1, 1, 0, Decimal("0.00")),
    }
    overall = board.tables["overall"]
    assert (overall.count, overall.binding.count, overall.non_binding.count) == (3, 2, 1)
    assert board.tables["overall_total"] == "CN¥1,700,000.00"
    assert board.tables["moved_on"] == 1
    assert sorted(p.reference for p in board.tables["stalled"]) == ["p1", "p2"]
    mou = next(g for g in stats["kind"].groups if g.key == "mou")
    usd = [f for f in mou.figures if f.currency == "USD"]
    assert [(f.amount, f.converted, f.conversion.rate) for f in usd] == [
        (Decimal("100000"), Decimal("700000.00"), Decimal("7"))
    ]


def test_attendance_against_the_earlier_editions(world):
    board = board_of(world["forum"])
    assert [(a.forum.slug, a.count) for a in board.tables["editions"]] == [
        ("dash-2016", 500),
        ("dash", 3),
    ]
    chart, _svg = board.charts["attendance-by-edition"]
    # A bar links to its edition's report only once that is published (the page is 404 before).
    assert [(b.value, b.url) for b in chart.bars] == [(500, ""), (3, "")]
    earlier = Forum.objects.get(slug="dash-2016")
    services.publish_generated(earlier, "en")
    chart, _svg = board_of(world["forum"]).charts["attendance-by-edition"]
    assert [(b.value, b.url) for b in chart.bars] == [
        (500, "/en/forums/dash-2016/report/"),
        (3, ""),
    ]
    assert [
        b.url for b in board_of(world["forum"], "th").charts["attendance-by-edition"][0].bars
    ] == [
        "",
        "",
    ]


def test_every_bar_links_to_the_rows_behind_it(world, client):
    forum = world["forum"]
    nanning = world["cities"][0]
    board = board_of(forum)
    bars = {
        key: [(b.label, b.url) for b in chart.bars] for key, (chart, _svg) in board.charts.items()
    }
    assert bars["participants-by-city"] == [
        ("Nanning", f"/en/forums/dash/orga/participants/?city={nanning.pk}"),
        ("Beihai", f"/en/forums/dash/orga/participants/?city={world['cities'][1].pk}"),
    ]
    assert (
        bars["check-ins-by-day"][0][1]
        == "/en/forums/dash/orga/participants/?day=2018-09-12&checked_in=on"
    )
    assert bars["signings-timeline"][0][1] == "/en/forums/dash/projects/?signed_on=2018-09-13"
    assert ("China", "/en/forums/dash/projects/?country=CN") in bars["projects-by-country"]
    client.force_login(make_organiser(forum))
    a, b, c, _d = world["people"]

    def desk(query):
        response = client.get(f"/en/forums/dash/orga/participants/?{query}")
        assert response.status_code == 200
        return {p.pk for p in response.context["participants"]}

    assert desk(f"city={nanning.pk}") == {a.pk, b.pk}
    assert desk("day=2018-09-13") == {a.pk}
    assert desk("session=s2&checked_in=on") == set()
    assert desk("session=s1&checked_in=on") == {a.pk, b.pk}
    assert desk("country=TH&checked_in=on") == {a.pk, c.pk}
    assert desk("country=TH&status=approved") == {a.pk}
    registry = client.get("/en/forums/dash/projects/?signed_on=2018-09-13")
    assert sorted(p.reference for p in registry.context["page"]) == ["p1", "p2"]


def test_the_page_in_thai_labels_its_charts_and_links_its_tables(world, client):
    client.force_login(make_organiser(world["forum"]))
    html = client.get("/th/forums/dash/orga/dashboard/").content.decode()
    with translation.override("th"):
        title = translation.gettext("Registered participants by city")
    assert title != "Registered participants by city"
    assert f'<title id="participants-by-city-title">{title}</title>' in html
    assert "หนานหนิง" in html
    nanning = world["cities"][0]
    assert (
        f'<a href="/th/forums/dash/orga/participants/?city={nanning.pk}&amp;status=approved">2</a>'
        in html
    )
    assert re.search(r'<table class="figures" id="participation-session">', html)
    svg = client.get("/th/forums/dash/orga/dashboard/charts/participants-by-city.svg")
    assert svg["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert title in svg.content.decode()


def test_the_public_report_shows_the_figures_as_published(seed_forum, client):
    release = services.generated(seed_forum, "en", "gregorian")
    services.publish(make_user("publisher"), seed_forum, "en", release.headline, release.body)
    Project.objects.filter(forum=seed_forum, reference="BH-07").delete()
    html = client.get("/en/forums/caihf-3/report/").content.decode()
    row = re.search(r'<tr data-figure="signing.beihai-signing.count">.*?</tr>', html).group(0)
    assert ">59</a>" in row  # as published, not the 58 the data now holds


def test_the_dashboard_costs_the_same_queries_for_more_rows(world, django_assert_num_queries):
    """No query per participant, session, ceremony or project: a bigger forum, the same count."""
    forum = world["forum"]
    board_of(forum)  # what a process reads once (content types, the URL map) is read now
    with CaptureQueriesContext(connection) as small:
        board_of(forum)
    beihai = world["cities"][1]
    official = forum.categories.get(code="official")
    more = [make_session(forum, beihai, start=at(15, "10:00")) for _n in range(3)]
    for session in more:
        set_capacity(session, 5)
        make_participant(official, [session], person={"country": "MY"})
    second = make_signing_session(forum, beihai, slug="signing-2", start=at(14, "15:00"))
    for _n in range(3):
        make_project(forum, signing_session=second, signed_on=dt.date(2018, 9, 14))
    with django_assert_num_queries(len(small.captured_queries)):
        board_of(forum)


def test_a_bad_filter_on_the_desk_is_named_not_a_500(world, client):
    client.force_login(make_organiser(world["forum"]))
    response = client.get("/en/forums/dash/orga/participants/?day=13.09.2018&city=999")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["day"] == ["Enter a valid date."]
    assert errors["city"] == ["Select a valid choice. 999 is not one of the available choices."]
