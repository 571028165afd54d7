"""Meeting requests, answers, expiry, negotiation blocks, booking and what came of a meeting."""

import datetime as dt

import pytest
from django.utils import timezone

from infoharbor.matchmaking import services
from infoharbor.matchmaking.models import Meeting, MeetingRequest
from infoharbor.matchmaking.services import MatchmakingError, OpportunitySpec
from infoharbor.program import kinds
from tests.factories import (
    at,
    link_cities,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_participant,
    make_profile,
    make_session,
    set_capacity,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def negotiation(db):
    forum = make_forum()
    city = make_city("Nanning")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "14:00"), end=at(14, "16:00")
    )
    block = services.set_up_block(None, session, slot_minutes=30, tables=1)
    category = make_category(forum)
    people = [make_approved_participant(category) for _ in range(4)]
    for person in people:
        make_profile(person, OpportunitySpec("offer", products="tea"))
    return forum, block, people


def test_block_is_cut_into_slots_of_its_length(negotiation):
    _forum, block, _people = negotiation
    assert [(s.index, s.start, s.end) for s in block.slots.order_by("index")] == [
        (0, at(14, "14:00"), at(14, "14:30")),
        (1, at(14, "14:30"), at(14, "15:00")),
        (2, at(14, "15:00"), at(14, "15:30")),
        (3, at(14, "15:30"), at(14, "16:00")),
    ]


def test_block_refuses_a_session_of_another_kind():
    forum = make_forum()
    session = make_session(forum, make_city(), kind=kinds.DIALOGUE.code)
    with pytest.raises(MatchmakingError, match="Only trade-negotiation sessions"):
        services.set_up_block(None, session, slot_minutes=30, tables=5)


def test_request_accept_and_book_the_first_free_table(negotiation):
    _forum, block, (a, b, _c, _d) = negotiation
    request = services.request_meeting(a, b, message="Tea?", priority=3)
    first = block.slots.get(index=0)
    services.accept(request, b, slot=first)
    meeting = Meeting.objects.get(request=request)
    assert (meeting.slot, meeting.table) == (first, 1)
    assert MeetingRequest.objects.get(pk=request.pk).status == MeetingRequest.Status.ACCEPTED


def test_only_the_invitee_answers(negotiation):
    _forum, _block, (a, b, _c, _d) = negotiation
    request = services.request_meeting(a, b)
    with pytest.raises(MatchmakingError, match="Only the invited participant"):
        services.accept(request, a)


def test_second_live_request_between_the_same_two_is_refused(negotiation):
    _forum, _block, (a, b, _c, _d) = negotiation
    services.request_meeting(a, b)
    with pytest.raises(MatchmakingError, match="already a request"):
        services.request_meeting(b, a)


def test_declined_request_may_be_asked_again(negotiation):
    _forum, _block, (a, b, _c, _d) = negotiation
    services.decline(services.request_meeting(a, b), b)
    assert services.request_meeting(a, b).status == MeetingRequest.Status.REQUESTED


def test_unanswered_requests_expire(negotiation):
    forum, _block, (a, b, c, _d) = negotiation
    services.save_settings(None, forum, answer_hours=1, remind_hours_before=0)
    old = services.request_meeting(a, b)
    services.save_settings(None, forum, answer_hours=7 * 24, remind_hours_before=24)
    fresh = services.request_meeting(a, c)
    assert services.expire_requests(forum, now=timezone.now() + dt.timedelta(hours=2)) == 1
    assert MeetingRequest.objects.get(pk=old.pk).status == MeetingRequest.Status.EXPIRED
    assert MeetingRequest.objects.get(pk=fresh.pk).status == MeetingRequest.Status.REQUESTED


def test_booking_refuses_a_full_slot_and_a_double_booking(negotiation):
    _forum, block, (a, b, c, d) = negotiation
    first = block.slots.get(index=0)
    services.accept(services.request_meeting(a, b), b, slot=first)
    with pytest.raises(MatchmakingError, match="Every table is taken"):
        services.accept(services.request_meeting(c, d), d, slot=first)
    with pytest.raises(MatchmakingError, match="has another meeting then"):
        services.accept(services.request_meeting(c, a), a, slot=first)
    assert Meeting.objects.count() == 1


def test_booking_refuses_a_slot_the_participant_keeps_free(negotiation):
    _forum, block, (a, b, _c, _d) = negotiation
    first = block.slots.get(index=0)
    services.keep_free(b, [first])
    request = services.request_meeting(a, b)
    with pytest.raises(MatchmakingError, match="cannot meet then: kept free"):
        services.accept(request, b, slot=first)


def test_booking_counts_travel_to_a_session_in_another_city(negotiation):
    forum, block, (a, _b, _c, _d) = negotiation
    beihai = make_city("Beihai")
    forum.cities.add(beihai)
    link_cities(block.session.city, beihai, 180)
    talk = make_session(forum, beihai, start=at(14, "17:00"), end=at(14, "18:00"))
    set_capacity(talk, 10)
    seated = make_approved_participant(make_category(forum), sessions=[talk])
    make_profile(seated, OpportunitySpec("request", products="tea"))
    request = services.request_meeting(a, seated)
    with pytest.raises(MatchmakingError, match="cannot meet then: at "):
        services.accept(request, seated, slot=block.slots.get(index=3))


def test_changing_a_block_keeps_booked_slots_or_refuses(negotiation):
    _forum, block, (a, b, _c, _d) = negotiation
    last = block.slots.get(index=3)
    services.accept(services.request_meeting(a, b), b, slot=last)
    with pytest.raises(MatchmakingError, match="move them first"):
        services.set_up_block(None, block.session, slot_minutes=60, tables=1)
    services.set_up_block(None, block.session, slot_minutes=30, tables=2)
    assert Meeting.objects.get().slot_id == last.pk


def test_attendance_and_outcome(negotiation):
    _forum, block, (a, b, c, _d) = negotiation
    request = services.request_meeting(a, b)
    services.accept(request, b, slot=block.slots.get(index=1))
    meeting = Meeting.objects.get()
    services.report_meeting(meeting, a, held=True, rating=4)
    assert meeting.attendance == Meeting.Attendance.HELD
    services.report_meeting(meeting, b, held=False)
    assert Meeting.objects.get().attendance == Meeting.Attendance.NOT_HELD
    with pytest.raises(MatchmakingError, match="Only the two participants"):
        services.report_meeting(meeting, c, held=True)
    with pytest.raises(MatchmakingError, match="from 1 to 5"):
        services.report_meeting(meeting, a, held=False, rating=3)
    services.record_outcome(meeting, a, Meeting.Outcome.NEGOTIATION)
    assert Meeting.objects.get().outcome == "negotiation"


def test_request_to_an_unapproved_or_closed_participant_is_refused(negotiation):
    forum, _block, (a, b, _c, _d) = negotiation
    pending = make_participant(make_category(forum, needs_approval=True))
    with pytest.raises(MatchmakingError, match="is not an approved participant"):
        services.request_meeting(a, pending)
    profile = b.business_profile
    profile.open_to_meetings = False
    profile.save()
    with pytest.raises(MatchmakingError, match="does not take meeting requests"):
        services.request_meeting(a, b)
