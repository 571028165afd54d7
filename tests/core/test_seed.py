"""The seed forum as the press release states it, loaded twice without duplicates."""

import datetime as dt

import pytest

from infoharbor.core.forum_loader import load_seed_forum
from infoharbor.core.models import AuditEntry, City, Organization, Person, Platform
from infoharbor.program.models import Session

pytestmark = pytest.mark.django_db


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.timezone(dt.timedelta(hours=8)))


def test_seed_forum_has_the_seeds_structure(seed_forum):
    assert seed_forum.slug == "caihf-3"
    assert (seed_forum.start_date, seed_forum.end_date) == (
        dt.date(2018, 9, 11),
        dt.date(2018, 9, 18),
    )
    assert seed_forum.timezone == "Asia/Shanghai"
    assert sorted(c.name.get("en") for c in seed_forum.cities.all()) == [
        "Beihai",
        "Guilin",
        "Nanning",
    ]
    sessions = Session.objects.filter(forum=seed_forum)
    assert sessions.filter(kind="main_forum").count() == 1
    assert sessions.filter(kind="sub_forum").count() == 9
    assert sessions.filter(kind="dialogue").count() == 3
    assert [p.name.get("en") for p in Platform.objects.filter(forum=seed_forum)] == [
        "Network infrastructure",
        "Technical cooperation",
        "Economic and trade services",
        "Information sharing",
        "People-to-people exchange",
    ]


def test_seed_signing_ceremonies_are_on_the_seeds_days_and_cities(seed_forum):
    nanning = Session.objects.get(forum=seed_forum, slug="guangxi-signing")
    beihai = Session.objects.get(forum=seed_forum, slug="beihai-signing")
    assert (nanning.kind, local(nanning.start).date(), nanning.city.name.get("en")) == (
        "signing",
        dt.date(2018, 9, 13),
        "Nanning",
    )
    assert (beihai.kind, local(beihai.start).date(), beihai.city.name.get("en")) == (
        "signing",
        dt.date(2018, 9, 14),
        "Beihai",
    )
    assert beihai.parent.title.get("en") == (
        "New Generation Information Technology Industry Innovation & Development Forum"
    )


def test_seed_named_guilin_events_are_on_18_september(seed_forum):
    for slug in ["satellite-forum", "network-culture-forum", "huawei-logistics-summit"]:
        session = Session.objects.get(forum=seed_forum, slug=slug)
        assert (local(session.start).date(), session.city.name.get("en")) == (
            dt.date(2018, 9, 18),
            "Guilin",
        )
        assert session.synthetic is False


def test_every_seed_title_is_in_chinese_english_and_thai(seed_forum):
    for session in Session.objects.filter(forum=seed_forum):
        assert {"zh-hans", "en", "th"} <= set(session.title.data), session.slug


def test_invented_data_is_marked_synthetic(seed_forum):
    invented = Session.objects.get(forum=seed_forum, slug="cybersecurity-forum")
    named = Session.objects.get(forum=seed_forum, slug="new-gen-it-forum")
    assert invented.synthetic is True
    assert invented.provenance == "Not in the seed: invented for the demo."
    assert named.synthetic is False
    assert named.provenance.startswith("Named in the seed")
    assert Person.objects.get(forum=seed_forum, name_latin="Chen Guoliang").synthetic is False
    assert Person.objects.get(forum=seed_forum, name_latin="Wang Fang").synthetic is True


def test_loading_the_seed_twice_changes_nothing(seed_forum):
    counts = [
        m.objects.count() for m in (City, Platform, Organization, Person, Session, AuditEntry)
    ]
    load_seed_forum(report=lambda line: None)
    assert [
        m.objects.count() for m in (City, Platform, Organization, Person, Session, AuditEntry)
    ] == counts
