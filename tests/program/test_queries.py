"""Reads of the program: the organisers' timetable grid and the public grouping."""

import datetime as dt

import pytest
from django.utils import translation

from infoharbor.core.translated import forum_fallback
from infoharbor.program import queries
from infoharbor.program.models import Session
from tests.factories import at, make_city, make_forum, make_person, make_session

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def test_timetable_grid_for_nanning_on_13_september(seed_forum):
    nanning = seed_forum.cities.get(name__en="Nanning")
    grid = queries.timetable(seed_forum, nanning, dt.date(2018, 9, 13))
    assert [room.name.get("en") for room in grid.rooms] == [
        "Main Hall",
        "Hall A",
        "Hall B",
        "Negotiation Area",
        "Exhibition Hall",
    ]
    rows = {moment.strftime("%H:%M"): cells for moment, cells in grid.rows}
    assert next(iter(rows)) == "08:00"
    assert list(rows)[-1] == "19:30"
    assert [s.slug for s in rows["09:00"][0].starting] == ["main-forum", "opening-ceremony"]
    assert [s.slug for s in rows["09:30"][0].starting] == ["keynotes"]
    assert (rows["10:00"][0].starting, rows["10:00"][0].ongoing) == ([], True)
    assert [s.slug for s in rows["08:00"][4].starting] == ["exhibition"]
    assert (rows["12:00"][1].starting, rows["12:00"][1].ongoing) == ([], False)


def test_program_by_day_nests_agenda_under_its_session(seed_forum):
    days = queries.program_by_day(seed_forum)
    assert [d.day.day for d in days] == [11, 12, 13, 14, 15, 16, 17, 18]
    day_13 = days[2]
    nanning, sessions = day_13.cities[0]
    assert (nanning.name, nanning.name_en) == ("Nanning", "Nanning")
    assert [s.slug for s in sessions] == ["main-forum", "nanning-negotiations"]
    assert [s.slug for s in sessions[0].agenda] == [
        "opening-ceremony",
        "keynotes",
        "five-platforms-dialogue",
        "digital-silk-road-dialogue",
        "guangxi-signing",
    ]


def test_filter_matching_only_an_agenda_item_lists_it_on_its_own(seed_forum):
    days = queries.program_by_day(seed_forum, queries.ProgramFilter(kind="dialogue"))
    listed = [s.slug for d in days for _city, sessions in d.cities for s in sessions]
    assert listed == [
        "ministerial-dialogue",
        "five-platforms-dialogue",
        "digital-silk-road-dialogue",
    ]


def test_language_filter_matches_spoken_and_interpreted_languages(seed_forum):
    days = queries.program_by_day(
        seed_forum, queries.ProgramFilter(language="th", day=dt.date(2018, 9, 15))
    )
    listed = [s.slug for d in days for _city, sessions in d.cities for s in sessions]
    assert listed == ["marine-information-forum"]


def test_listing_times_do_not_depend_on_the_database_session_settings(seed_forum):
    """The read model takes times as text written in a fixed format by the database: on
    PostgreSQL neither the DateStyle nor the session's time zone changes what it reads."""
    from django.db import connection

    expected = {
        s.slug: (s.start, s.end, s.updated_at)
        for s in queries.place_as_released(seed_forum, list(seed_forum.sessions.all()))
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # LOCAL: until the test's transaction is rolled back.
            cursor.execute("SET LOCAL DateStyle TO 'SQL, DMY'")
            cursor.execute("SET LOCAL TIME ZONE 'America/Los_Angeles'")
    items = queries.program_items(seed_forum, queries.matching_sessions(seed_forum))
    read = {item.slug: (item.start, item.end, item.updated_at) for item in items}
    assert read == expected
    assert {(item.start.tzinfo, item.end.tzinfo) for item in items} == {(seed_forum.tz,) * 2}


@pytest.mark.parametrize("listed", [3, 55], ids=["by their ids", "read for the whole forum"])
def test_program_items_show_the_speakers_of_the_listed_sessions_only(listed):
    # Up to 50 sessions their speakers are read by the sessions' ids, beyond that all the
    # forum's are read and those of unlisted sessions left out: either way, the same speakers.
    forum = make_forum()
    city = make_city()
    sessions = [
        make_session(forum, city, speakers=[make_person(forum, f"讲者 {n}", f"Speaker {n}")])
        for n in range(60)
    ]
    chosen = [s.pk for s in sessions[:listed]]

    items = queries.program_items(forum, Session.objects.filter(pk__in=chosen))

    assert {item.slug: [s.name_latin for s in item.speakers] for item in items} == {
        s.slug: [f"Speaker {n}"] for n, s in enumerate(sessions[:listed])
    }


def test_program_items_show_text_in_the_readers_language_then_the_forums_then_any():
    forum = make_forum()
    forum.fallback_languages = ["zh-hans", "en"]
    forum.save()
    city = make_city()
    titles = {
        "thai": {"th": "เวทีหลัก", "zh-hans": "主论坛", "en": "Main forum"},
        "chinese": {"zh-hans": "主论坛", "en": "Main forum"},
        "english": {"en": "Main forum", "km": "វេទិកាធំ"},
        "khmer only": {"km": "វេទិកាធំ"},
        "empty thai": {"th": "", "vi": "Diễn đàn chính"},
    }
    for n, (slug, title) in enumerate(titles.items()):
        make_session(forum, city, slug=slug.replace(" ", "-"), start=at(12, f"{9 + n}:00"))
        Session.objects.filter(slug=slug.replace(" ", "-")).update(title=title)
    Session.objects.filter(slug="thai").update(description={"en": "Opening."})

    with translation.override("th"), forum_fallback(forum):
        items = queries.program_items(forum)

    assert [(item.title, item.description) for item in items] == [
        ("เวทีหลัก", "Opening."),
        ("主论坛", ""),
        ("Main forum", ""),
        ("វេទិកាធំ", ""),
        ("Diễn đàn chính", ""),
    ]
