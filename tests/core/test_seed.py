"""The seed forum as the press release states it, loaded twice without duplicates."""

import datetime as dt

import pytest

from infoharbor.core.forum_loader import load_seed_forum
from infoharbor.core.models import (
    AuditEntry,
    City,
    Organization,
    Person,
    Platform,
    Room,
    Venue,
)
from infoharbor.core.translated import TranslatedField
from infoharbor.program.models import Session
from infoharbor.projects.models import Project, Sector
from infoharbor.protocol.models import Rank, SeatingPlan, Signing
from infoharbor.registration.models import Category, Delegation, Question

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


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


TEN_LANGUAGES = {"zh-hans", "en", "th", "vi", "id", "ms", "km", "lo", "my", "fil"}


def _seed_records(forum):
    """Every record the seed's files describe (not the participants' own entries)."""
    return [
        [forum],
        forum.cities.all(),
        Venue.objects.filter(forum=forum),
        Room.objects.filter(venue__forum=forum),
        Platform.objects.filter(forum=forum),
        Organization.objects.filter(forum=forum),
        Person.objects.filter(forum=forum, registrations=None),
        Session.objects.filter(forum=forum),
        Project.objects.filter(forum=forum),
        Sector.objects.filter(forum=forum),
        Category.objects.filter(forum=forum),
        Question.objects.filter(forum=forum),
        Delegation.objects.filter(forum=forum),
        Rank.objects.filter(forum=forum),
        Signing.objects.filter(run_sheet__session__forum=forum),
        SeatingPlan.objects.filter(forum=forum),
    ]


def test_every_translated_field_of_the_seed_is_in_all_ten_languages(seed_forum):
    missing = []
    checked = 0
    for records in _seed_records(seed_forum):
        for record in records:
            texts = {
                f.name: getattr(record, f.name).data
                for f in record._meta.get_fields()
                if isinstance(f, TranslatedField)
            }
            if isinstance(record, Question):
                texts |= {f"option {o['value']}": o["label"] for o in record.options}
            for name, data in texts.items():
                filled = {lang for lang, text in data.items() if text.strip()}
                checked += 1
                if filled and filled != TEN_LANGUAGES:
                    missing.append((str(record), name, sorted(TEN_LANGUAGES - filled)))
    assert missing == []
    assert checked == 594  # with the 94 projects' provenance notes and 8 delegations' names


def test_the_seed_names_places_as_each_language_writes_them(seed_forum):
    nanning = seed_forum.cities.get(name__en="Nanning")

    assert (nanning.name.get("km"), nanning.name.get("lo"), nanning.name.get("my")) == (
        "ណាននីង",
        "ໜານໜິງ",
        "နန်နင်း",
    )
    assert sorted(c.name.get("vi") for c in seed_forum.cities.all()) == [
        "Bắc Hải",
        "Nam Ninh",
        "Quế Lâm",
    ]
    # Delegations are named with their country's name in each language, never its code.
    names = {d.country: d.name for d in Delegation.objects.filter(forum=seed_forum)}
    assert (names["TH"].get("th"), names["ID"].get("id"), names["VN"].get("vi")) == (
        "คณะผู้แทนอย่างเป็นทางการ ไทย",
        "Delegasi resmi Indonesia",
        "Đoàn đại biểu chính thức Việt Nam",
    )
    assert names["VN"].get("lo") == "ຄະນະຜູ້ແທນທາງການ ຫວຽດນາມ"


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
