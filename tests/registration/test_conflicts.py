"""A participant cannot choose two sessions that overlap, counting travel between cities."""

import pytest
from django.utils import translation

from infoharbor.registration import services
from infoharbor.registration.models import Participant
from tests.factories import (
    at,
    link_cities,
    make_category,
    make_city,
    make_forum,
    make_participant,
    make_session,
    registration_input,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

TRAVEL = (
    "You cannot be at “Port logistics” in Nanning (Sept. 12, 2018, 9 a.m.) and at "
    "“Smart city” in Beihai (Sept. 12, 2018, 11 a.m.): travel between the two cities takes "
    "180 minutes."
)


@pytest.fixture
def forum():
    return make_forum(slug="harbor")


@pytest.fixture
def category(forum):
    return make_category(forum, code="delegate")


@pytest.fixture
def two_cities(forum):
    nanning = make_city("Nanning", th="หนานหนิง")
    beihai = make_city("Beihai", th="เป่ยไห่")
    link_cities(nanning, beihai, 180)
    port = make_session(forum, nanning, slug="port", title="Port logistics", start=at(12, "09:00"))
    port.title = {"en": "Port logistics", "th": "โลจิสติกส์ท่าเรือ"}
    port.save()
    smart = make_session(forum, beihai, slug="smart", title="Smart city", start=at(12, "11:00"))
    smart.title = {"en": "Smart city", "th": "เมืองอัจฉริยะ"}
    smart.save()
    return port, smart


def test_sessions_in_two_cities_without_time_to_travel_are_refused(forum, category, two_cities):
    with pytest.raises(services.RegistrationError) as error:
        services.register(forum, registration_input(category, sessions=["smart", "port"]))
    assert error.value.message_dict == {"sessions": [TRAVEL]}
    assert not Participant.objects.exists()


def test_the_collision_is_named_in_the_readers_language(forum, category, two_cities):
    with translation.override("th"), pytest.raises(services.RegistrationError) as error:
        services.register(forum, registration_input(category, sessions=["port", "smart"]))
    [message] = error.value.message_dict["sessions"]
    assert "โลจิสติกส์ท่าเรือ" in message
    assert "เมืองอัจฉริยะ" in message
    assert "หนานหนิง" in message
    assert "เป่ยไห่" in message
    assert "Port logistics" not in message


def test_enough_time_to_travel_is_accepted(forum, category, two_cities):
    _port, smart = two_cities
    smart.start, smart.end = at(12, "13:00"), at(12, "14:00")
    smart.save()
    participant = make_participant(category, sessions=list(two_cities))
    assert participant.session_choices.count() == 2


def test_overlap_in_one_city_is_refused_naming_both(forum, category):
    city = make_city("Nanning")
    make_session(forum, city, slug="a", title="Opening", start=at(12, "09:00"), end=at(12, "11:00"))
    make_session(forum, city, slug="b", title="Keynotes", start=at(12, "10:00"))
    with pytest.raises(services.RegistrationError) as error:
        services.register(forum, registration_input(category, sessions=["a", "b"]))
    assert error.value.message_dict == {
        "sessions": [
            "“Opening” (Sept. 12, 2018, 9 a.m. – Sept. 12, 2018, 11 a.m.) and “Keynotes” "
            "(Sept. 12, 2018, 10 a.m. – Sept. 12, 2018, 11 a.m.) overlap: choose one of them."
        ]
    }


def test_a_sub_forum_and_its_own_agenda_do_not_collide(forum, category):
    city = make_city("Nanning")
    sub_forum = make_session(forum, city, slug="sub", start=at(12, "09:00"), end=at(12, "12:00"))
    talk = make_session(forum, city, slug="talk", start=at(12, "10:00"), parent=sub_forum)
    participant = make_participant(category, sessions=[talk, sub_forum])
    assert participant.session_choices.count() == 2


def test_changing_sessions_into_a_collision_is_refused(forum, category, two_cities):
    port, _smart = two_cities
    participant = make_participant(category, sessions=[port])
    with pytest.raises(services.RegistrationError) as error:
        services.change_sessions(participant, ["port", "smart"])
    assert error.value.message_dict == {"sessions": [TRAVEL]}
    assert [c.session.slug for c in participant.session_choices.all()] == ["port"]


def test_a_drop_in_exhibition_collides_with_nothing(forum, category, two_cities):
    port, _smart = two_cities
    exhibition = make_session(
        forum,
        port.city,
        slug="expo",
        kind="exhibition",
        start=at(12, "09:00"),
        end=at(15, "18:00"),
    )
    participant = make_participant(category, sessions=[port, exhibition])
    assert participant.session_choices.count() == 2
