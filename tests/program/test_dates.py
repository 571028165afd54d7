import pytest
from django.test import Client

from tests.factories import at, make_city, make_forum, make_person, make_session

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def _program(buddhist_era=False):
    forum = make_forum(buddhist_era=buddhist_era)
    speaker = make_person(forum)
    # 00:30 on the 12th in Nanning is still the 11th in UTC: headings use the forum's day.
    session = make_session(forum, make_city(), start=at(12, "00:30"), speakers=[speaker])
    return forum, session, speaker


def test_program_day_heading_in_thai_buddhist_era_when_the_forum_chooses_it():
    forum, _session, _speaker = _program(buddhist_era=True)
    page = Client().get(f"/th/forums/{forum.slug}/program/").content.decode()
    assert "<h2>วันพุธที่ 12 กันยายน พ.ศ. 2561</h2>" in page


def test_program_day_heading_gregorian_in_english_even_when_the_forum_chooses_buddhist():
    forum, _session, _speaker = _program(buddhist_era=True)
    page = Client().get(f"/en/forums/{forum.slug}/program/").content.decode()
    assert "<h2>Wednesday, September 12, 2018</h2>" in page


def test_reader_choice_of_era_is_remembered_in_a_cookie():
    forum, session, _speaker = _program()
    client = Client()
    first = client.get(f"/th/forums/{forum.slug}/program/?era=buddhist")
    assert first.cookies["era"].value == "buddhist"
    assert "<h2>วันพุธที่ 12 กันยายน พ.ศ. 2561</h2>" in first.content.decode()
    later = client.get(f"/th/forums/{forum.slug}/sessions/{session.slug}/").content.decode()
    assert "<dd>วันพุธที่ 12 กันยายน พ.ศ. 2561, 00:30–01:30</dd>" in later


def test_speaker_page_day_label_in_the_reader_language():
    forum, _session, speaker = _program()
    page = Client().get(f"/zh-hans/forums/{forum.slug}/speakers/{speaker.public_id}/")
    assert '<div class="day-label">2018年9月12日星期三</div>' in page.content.decode()


def test_thai_readers_get_era_links_keeping_their_filters():
    forum, _session, _speaker = _program(buddhist_era=True)
    page = Client().get(f"/th/forums/{forum.slug}/program/?kind=sub_forum").content.decode()
    assert (
        '<span class="era-choice"><a href="?kind=sub_forum&amp;era=buddhist" aria-current="true">'
        'พ.ศ.</a> · <a href="?kind=sub_forum&amp;era=gregorian">ค.ศ.</a></span>'
    ) in page


def test_other_readers_get_no_era_links():
    forum, _session, _speaker = _program(buddhist_era=True)
    page = Client().get(f"/vi/forums/{forum.slug}/program/").content.decode()
    assert "era-choice" not in page
