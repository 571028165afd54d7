"""Program pages: public in every forum language, and the organisers' timetable and editor."""

import json
import re

import pytest

from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.program import services
from infoharbor.program.models import Session
from tests.factories import (
    at,
    link_cities,
    make_city,
    make_forum,
    make_organiser,
    make_organization,
    make_person,
    make_platform,
    make_room,
    make_session,
    text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def sessions_listed(html: str) -> list[str]:
    return re.findall(r'data-slug="([^"]+)"', html)


def test_program_groups_sub_forums_by_day_and_city(client, seed_forum):
    html = client.get("/en/forums/caihf-3/program/").content.decode()
    day_14 = html[html.index('data-day="2018-09-14"') : html.index('data-day="2018-09-15"')]
    beihai = day_14[day_14.index('data-city="Beihai"') :]
    assert sessions_listed(beihai) == ["new-gen-it-forum", "beihai-negotiations"]
    assert "Beihai project signing ceremony" in beihai


def test_program_in_thai_shows_thai_titles(client, seed_forum):
    html = client.get("/th/forums/caihf-3/program/").content.decode()
    assert '<html lang="th"' in html
    assert "พิธีลงนามโครงการที่เมืองเป๋ยไห่" in html
    assert "เป๋ยไห่" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=signing", ["guangxi-signing", "beihai-signing"]),
        ("day=2018-09-18", ["satellite-forum", "network-culture-forum", "huawei-logistics-summit"]),
        (
            "platform=people-to-people&kind=sub_forum",
            ["digital-tourism-forum", "network-culture-forum"],
        ),
    ],
)
def test_program_filters(client, seed_forum, query, expected):
    html = client.get(f"/en/forums/caihf-3/program/?{query}").content.decode()
    assert sessions_listed(html) == expected


def test_program_filter_by_city(client, seed_forum):
    guilin = seed_forum.cities.get(name__en="Guilin")
    html = client.get(f"/en/forums/caihf-3/program/?city={guilin.pk}").content.decode()
    assert sessions_listed(html) == [
        "digital-tourism-forum",
        "satellite-forum",
        "network-culture-forum",
        "huawei-logistics-summit",
    ]


def test_session_page_has_schema_org_event(client, seed_forum):
    page = client.get("/zh-hans/forums/caihf-3/sessions/beihai-signing/")
    html = page.content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["@type"] == "Event"
    assert data["name"] == "北海新一代信息技术产业项目签约仪式"
    assert data["startDate"] == "2018-09-14T14:00:00+08:00"
    assert data["endDate"] == "2018-09-14T15:30:00+08:00"
    assert data["location"]["address"]["addressLocality"] == "北海"
    assert data["superEvent"]["name"] == "新一代信息技术产业创新发展论坛"
    assert data["performer"] == [{"@type": "Person", "name": "刘洋 (Liu Yang)"}]


def test_session_page_of_a_session_of_several_days_names_its_last_day(client, seed_forum):
    def when(language, slug):
        page = client.get(f"/{language}/forums/caihf-3/sessions/{slug}/").content.decode()
        return re.search(r"<dd>(.*?)</dd>", page).group(1)

    assert when("en", "exhibition") == (
        "Wednesday, September 12, 2018, 09:00 – Saturday, September 15, 2018, 18:00"
    )
    assert when("km", "exhibition") == "ពុធ 12 កញ្ញា 2018, 09:00 – សៅរ៍ 15 កញ្ញា 2018, 18:00"
    assert when("en", "beihai-signing") == "Friday, September 14, 2018, 14:00–15:30"


def test_speaker_page_uses_public_id_and_lists_sessions(client, seed_forum):
    person = seed_forum.people.get(name_latin="Zhang Wei")
    html = client.get(f"/en/forums/caihf-3/speakers/{person.public_id}/").content.decode()
    assert sessions_listed(html) == ["new-gen-it-keynotes", "huawei-logistics-summit"]
    assert client.get(f"/en/forums/caihf-3/speakers/{person.pk}/").status_code == 404


def test_people_who_do_not_speak_have_no_public_page(client, seed_forum):
    person = seed_forum.people.get(name_latin="Chen Guoliang")
    assert client.get(f"/en/forums/caihf-3/speakers/{person.public_id}/").status_code == 404


def test_unpublished_forum_is_hidden_from_the_public_but_not_its_organisers(client):
    forum = make_forum(is_published=False)
    assert client.get(f"/en/forums/{forum.slug}/program/").status_code == 404
    client.force_login(make_organiser(forum, ForumRole.Role.VIEWER))
    assert client.get(f"/en/forums/{forum.slug}/program/").status_code == 200


def test_timetable_needs_a_role_at_the_forum(client, seed_forum):
    other = make_forum()
    client.force_login(make_organiser(other))
    assert client.get("/en/forums/caihf-3/orga/timetable/").status_code == 403
    client.force_login(make_organiser(seed_forum, ForumRole.Role.VIEWER))
    beihai = seed_forum.cities.get(name__en="Beihai")
    page = client.get(f"/en/forums/caihf-3/orga/timetable/?city={beihai.pk}&day=2018-09-14")
    assert page.status_code == 200
    assert "Silver Beach Hall" in page.content.decode()
    assert "Beihai project signing ceremony" in page.content.decode()


def test_anonymous_visitor_is_sent_to_log_in_for_the_timetable(client, seed_forum):
    page = client.get("/en/forums/caihf-3/orga/timetable/")
    assert page.status_code == 302
    assert page.headers["Location"].startswith("/en/admin/login/")


def edit_form(forum, city, room, **overrides):
    data = {
        "kind": "sub_forum",
        "title_zh-hans": "测试分论坛",
        "title_en": "Test sub-forum",
        "start": "2018-09-13T09:00",
        "end": "2018-09-13T10:00",
        "city": city.pk,
        "room": room.pk,
        "language": "zh-hans",
        "interpretation": ["en"],
        "slug": "test-sub-forum",
        "speakers-TOTAL_FORMS": "1",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
        "hosts-TOTAL_FORMS": "0",
        "hosts-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor_setup(client):
    forum = make_forum(languages=["zh-hans", "en"])
    nanning, beihai = make_city("Nanning"), make_city("Beihai")
    forum.cities.set([nanning, beihai])
    link_cities(nanning, beihai, 180)
    client.force_login(make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR))
    return forum, nanning, beihai


def test_program_editor_creates_a_session_with_a_speaker(client, editor_setup):
    forum, nanning, _ = editor_setup
    room, speaker = make_room(forum, nanning), make_person(forum)
    data = edit_form(
        forum,
        nanning,
        room,
        **{
            "speakers-0-person": str(speaker),
            "speakers-0-person_key": speaker.public_id,
            "speakers-0-role": "moderator",
        },
    )
    page = client.post(f"/en/forums/{forum.slug}/orga/sessions/new/", data)
    assert page.status_code == 302
    session = Session.objects.get(forum=forum, slug="test-sub-forum")
    assert session.title == text("Test sub-forum", zh_hans="测试分论坛")
    assert [(s.person, s.role) for s in session.speakers.all()] == [(speaker, "moderator")]
    assert (
        AuditEntry.objects.filter(action="session.created", object_id=str(session.pk)).count() == 1
    )


def test_session_editor_saves_with_a_blank_row_added(client, editor_setup):
    forum, nanning, _ = editor_setup
    room, speaker = make_room(forum, nanning), make_person(forum)
    rows = {
        "speakers-TOTAL_FORMS": "2",
        "speakers-0-person": str(speaker),
        "speakers-0-person_key": speaker.public_id,
        "speakers-0-role": "speaker",
        "speakers-1-person": "",
        "speakers-1-role": "moderator",  # a select always sends a value
    }
    page = client.post(
        f"/en/forums/{forum.slug}/orga/sessions/new/", edit_form(forum, nanning, room, **rows)
    )
    assert page.status_code == 302
    session = Session.objects.get(forum=forum, slug="test-sub-forum")
    assert [(s.person, s.role) for s in session.speakers.all()] == [(speaker, "speaker")]


def test_session_editor_shows_no_blank_row_but_a_button_to_add_one(client, editor_setup):
    forum, _nanning, _ = editor_setup
    page = client.get(f"/en/forums/{forum.slug}/orga/sessions/new/").content.decode()
    assert 'name="speakers-TOTAL_FORMS" value="0"' in page
    assert 'data-add-row="speakers"' in page


def test_editor_sees_the_travel_conflict_as_a_form_error(client, editor_setup):
    forum, nanning, beihai = editor_setup
    speaker = make_person(forum, "王芳", "Wang Fang")
    make_session(forum, nanning, title="Morning", start=at(13, "09:00"), speakers=[speaker])
    room = make_room(forum, beihai)
    data = edit_form(
        forum,
        beihai,
        room,
        start="2018-09-13T11:00",
        end="2018-09-13T12:00",
        **{
            "speakers-0-person": str(speaker),
            "speakers-0-person_key": speaker.public_id,
            "speakers-0-role": "speaker",
        },
    )
    page = client.post(f"/en/forums/{forum.slug}/orga/sessions/new/", data)
    assert page.status_code == 200
    assert "travel between the two cities takes 180 minutes" in page.content.decode()
    assert not Session.objects.filter(slug="test-sub-forum").exists()


def test_viewer_cannot_edit_the_program(client, seed_forum):
    client.force_login(make_organiser(seed_forum, ForumRole.Role.VIEWER))
    assert client.get("/en/forums/caihf-3/orga/sessions/main-forum/").status_code == 403


def test_cached_program_shows_a_changed_title_at_once(client, seed_forum):
    assert (
        "Beihai project signing ceremony"
        in client.get("/en/forums/caihf-3/program/").content.decode()
    )
    session = Session.objects.get(forum=seed_forum, slug="beihai-signing")
    session.title = text("Beihai signing of 59 projects")
    services.save_session(None, session)
    html = client.get("/en/forums/caihf-3/program/").content.decode()
    assert "Beihai signing of 59 projects" in html
    assert "Beihai project signing ceremony" not in html


NUL_REFUSED = "Null characters are not allowed."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        # Interpretation is a set of checkboxes: a value with a NUL is no choice of it.
        (
            "interpretation",
            "en\x00",
            "Select a valid choice. en\x00 is not one of the available choices.",
        ),
        ("title_en", "Test\x00", NUL_REFUSED),
        ("slug", "test\x00", NUL_REFUSED),
    ],
)
def test_session_editor_refuses_a_nul_next_to_the_field(
    client, editor_setup, field, value, message
):
    forum, nanning, _ = editor_setup
    data = edit_form(forum, nanning, make_room(forum, nanning), **{field: value})

    page = client.post(f"/en/forums/{forum.slug}/orga/sessions/new/", data)

    assert page.status_code == 200
    errors = page.context["form"].errors
    assert message in errors[field.removesuffix("_en")]
    assert not Session.objects.filter(forum=forum).exists()


def test_session_page_lists_platforms_and_hosts_as_the_language_lists(client):
    forum = make_forum(slug="harbor", is_published=True)
    session = make_session(forum, make_city("Nanning"), slug="dialogue")
    session.platforms.set([make_platform(forum, "cloud", "云"), make_platform(forum, "port", "港")])
    session.hosts.set([make_organization(forum, "华为"), make_organization(forum, "中兴")])

    html = client.get("/zh-hans/forums/harbor/sessions/dialogue/").content.decode()

    assert re.findall(r"<dd>([^<]+和[^<]+)</dd>", html) == ["云和港", "华为和中兴"]
