"""A participant's sessions and waiting-list positions as their private page and the desk read
them (registration/queries.py)."""

import pytest

from infoharbor.core.models import Forum
from infoharbor.registration import services
from infoharbor.registration.models import Participant, SessionChoice
from infoharbor.registration.queries import (
    choices_of,
    participant_for_desk,
    waiting_position,
    waiting_positions,
)
from tests.factories import (
    at,
    make_category,
    make_city,
    make_forum,
    make_participant,
    make_session,
    set_capacity,
    text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def forum():
    return make_forum(slug="harbor")


@pytest.fixture
def guest(forum):
    return make_category(forum, "guest", needs_approval=False)


@pytest.fixture
def sessions(forum):
    """Three sessions out of time order by id: the morning one is made last."""
    city = make_city("Nanning")
    return [
        make_session(forum, city, slug="afternoon", title="Afternoon", start=at(12, "14:00")),
        make_session(forum, city, slug="evening", title="Evening", start=at(12, "19:00")),
        make_session(forum, city, slug="morning", title="Morning", start=at(12, "09:00")),
    ]


def _as_read_by_a_page(participant: Participant) -> Participant:
    """The participant with their forum read afresh, as a private page or the desk reads them."""
    participant = Participant.objects.get(pk=participant.pk)
    participant.forum = Forum.objects.get(pk=participant.forum_id)
    return participant


def _waiting_on_two_lists(guest, sessions) -> Participant:
    """Seated in the morning; second on the afternoon's waiting list, first on the evening's."""
    afternoon, evening, _morning = sessions
    set_capacity(afternoon, 1)
    set_capacity(evening, 0)
    make_participant(guest, [afternoon])
    make_participant(guest, [afternoon])
    return make_participant(guest, sessions)


def test_waiting_positions_reads_every_list_of_the_participant_in_one_query(
    guest, sessions, django_assert_num_queries
):
    afternoon, evening, _morning = sessions
    participant = _waiting_on_two_lists(guest, sessions)

    with django_assert_num_queries(1):
        positions = waiting_positions(participant)

    assert positions == {afternoon.pk: 2, evening.pk: 1}
    assert {
        c.session_id: waiting_position(c)
        for c in SessionChoice.objects.filter(participant=participant)
    } == {**positions, sessions[2].pk: None}


def test_waiting_positions_move_up_when_a_place_ahead_is_freed(guest, sessions):
    afternoon = sessions[0]
    set_capacity(afternoon, 0)
    ahead = make_participant(guest, [afternoon])
    participant = make_participant(guest, [afternoon])
    assert waiting_positions(participant) == {afternoon.pk: 2}

    services.cancel(ahead)

    assert waiting_positions(participant) == {afternoon.pk: 1}
    assert waiting_positions(ahead) == {}


def test_choices_of_takes_the_sessions_from_the_offer_in_time_order(
    guest, sessions, django_assert_num_queries
):
    afternoon, evening, _morning = sessions
    seated = _as_read_by_a_page(make_participant(guest, sessions))
    set_capacity(afternoon, 2)
    set_capacity(evening, 1)
    make_participant(guest, [afternoon])
    make_participant(guest, [afternoon])
    waiting = _as_read_by_a_page(make_participant(guest, sessions))
    choices_of(seated)  # the offer is read once per content version, and kept

    # the choices; with a place on a waiting list, every position in one more
    with django_assert_num_queries(1):
        seats = choices_of(seated)
    with django_assert_num_queries(2):
        places = choices_of(waiting)

    assert [(c.session.title.get("en"), c.status, p) for c, p in seats] == [
        ("Morning", "seat", None),
        ("Afternoon", "seat", None),
        ("Evening", "seat", None),
    ]
    assert [(c.session.title.get("en"), c.status, p) for c, p in places] == [
        ("Morning", "seat", None),
        ("Afternoon", "waiting", 2),
        ("Evening", "waiting", 1),
    ]


def test_choices_of_shows_a_session_as_edited_just_before(guest, sessions):
    participant = make_participant(guest, sessions[:1])
    assert [c.session.title.get("en") for c, _p in choices_of(_as_read_by_a_page(participant))] == [
        "Afternoon"
    ]
    afternoon = sessions[0]
    afternoon.title = text("Afternoon dialogue")
    afternoon.save()

    choices = choices_of(_as_read_by_a_page(participant))

    assert [c.session.title.get("en") for c, _p in choices] == ["Afternoon dialogue"]


def test_the_desk_reads_a_registration_in_one_query_and_keeps_the_forum_it_was_given(
    guest, forum, django_assert_num_queries
):
    participant = make_participant(guest)
    page_forum = Forum.objects.get(pk=forum.pk)
    with django_assert_num_queries(1):
        read = participant_for_desk(page_forum, participant.person.public_id)
        assert (read.pk, read.person.name, read.category.code) == (
            participant.pk,
            participant.person.name,
            "guest",
        )
    assert read.forum is page_forum
    with pytest.raises(Participant.DoesNotExist):
        participant_for_desk(make_forum(), participant.person.public_id)
