"""Moving a session on the timetable: a dry run of the program's checks, then the move."""

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
    make_person,
    make_room,
    make_session,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def program():
    forum = make_forum()
    nanning, beihai = make_city("Nanning"), make_city("Beihai")
    forum.cities.set([nanning, beihai])
    link_cities(nanning, beihai, 180)
    hall, pier = make_room(forum, nanning, "Hall A"), make_room(forum, beihai, "Pier")
    wang = make_person(forum, "王芳", "Wang Fang")
    opening = make_session(
        forum, nanning, title="Opening", room=hall, start=at(12, "09:00"), slug="opening"
    )
    ports = make_session(
        forum, nanning, title="Ports", start=at(12, "14:00"), slug="ports", speakers=[wang]
    )
    return forum, hall, pier, opening, ports


def test_dry_run_names_the_room_taken_and_saves_nothing(program):
    _forum, hall, _pier, _opening, ports = program
    conflict = services.move_problems(ports, at(12, "09:30"), hall)
    assert conflict is not None
    assert conflict.messages == [
        f"Room “{hall}” is already used by “Opening” (Sept. 12, 2018, 9 a.m. – "
        "Sept. 12, 2018, 10 a.m.)."
    ]
    ports.refresh_from_db()
    assert (ports.start, ports.room) == (at(12, "14:00"), None)
    assert services.move_problems(ports, at(12, "10:00"), hall) is None


def test_move_to_a_room_in_another_city_takes_the_session_there_with_its_length(program):
    _forum, _hall, pier, _opening, ports = program
    services.move_session(None, ports, at(13, "10:00"), pier)
    ports.refresh_from_db()
    assert (ports.start, ports.end, ports.room, str(ports.city)) == (
        at(13, "10:00"),
        at(13, "11:00"),
        pier,
        "Beihai",
    )


def move_url(forum, session):
    return f"/en/forums/{forum.slug}/orga/sessions/{session.slug}/move/"


def test_move_page_shows_a_conflict_before_saving_and_moves_after(client, program):
    forum, hall, _pier, _opening, ports = program
    client.force_login(make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR))
    clash = {"day": "2018-09-12", "start": "09:30", "room": hall.pk}
    checked = client.get(move_url(forum, ports), {**clash, "fragment": "1"}).content.decode()
    assert "This move would conflict:" in checked
    assert "already used by “Opening”" in checked
    assert "<html" not in checked
    refused = client.post(move_url(forum, ports), clash)
    assert refused.status_code == 200
    assert refused.content.decode().count("already used by “Opening”") == 1
    assert Session.objects.get(slug="ports").start == at(12, "14:00")

    moved = client.post(move_url(forum, ports), {**clash, "start": "10:00"})
    assert moved.status_code == 302
    assert moved.headers["Location"] == (
        f"/en/forums/{forum.slug}/orga/timetable/?city={hall.venue.city_id}&day=2018-09-12"
    )
    assert Session.objects.get(slug="ports").start == at(12, "10:00")
    assert AuditEntry.objects.filter(action="session.changed", object_repr="Ports").count() == 1


def test_check_button_without_script_is_a_dry_run(client, program):
    forum, hall, _pier, _opening, ports = program
    client.force_login(make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR))
    data = {"day": "2018-09-12", "start": "10:00", "room": hall.pk, "check": "1"}
    page = client.post(move_url(forum, ports), data).content.decode()
    assert "No conflicts: the session can move here." in page
    assert Session.objects.get(slug="ports").start == at(12, "14:00")


def test_move_is_refused_to_a_viewer_and_names_a_bad_time(client, program):
    forum, _hall, _pier, _opening, ports = program
    client.force_login(make_organiser(forum, ForumRole.Role.VIEWER))
    assert client.get(move_url(forum, ports)).status_code == 403
    client.force_login(make_organiser(forum, ForumRole.Role.PROGRAM_EDITOR))
    page = client.post(move_url(forum, ports), {"day": "2018-09-12", "start": "25:00"})
    assert page.status_code == 200
    assert "Enter a valid time." in page.content.decode()
