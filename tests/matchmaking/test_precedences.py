"""Meeting orders: one meeting before another, kept by self-booking (a clear refusal, and only
slots that keep it offered) and by the scheduler's runs."""

import pytest

from infoharbor.matchmaking import queries, scheduling, services
from infoharbor.matchmaking.models import Meeting
from infoharbor.matchmaking.scheduler import Why
from infoharbor.matchmaking.services import MatchmakingError, OpportunitySpec
from infoharbor.program import kinds
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_profile,
    make_session,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def fair(db):
    """A company, a ministry and a buyer; three 30-minute slots, two tables."""
    forum = make_forum()
    city = make_city("Nanning")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "09:00"), end=at(14, "10:30")
    )
    block = services.set_up_block(None, session, slot_minutes=30, tables=2)
    category = make_category(forum)
    company, ministry, buyer = (
        make_approved_participant(category, name=name, name_latin=name)
        for name in ("Company", "Ministry", "Buyer")
    )
    for person in (company, ministry, buyer):
        make_profile(person, OpportunitySpec("offer", products="tea"))
    with_ministry = services.accept(services.request_meeting(company, ministry), ministry)
    with_buyer = services.accept(services.request_meeting(company, buyer), buyer)
    slots = list(block.slots.order_by("index"))
    return forum, slots, with_ministry, with_buyer


def test_self_booking_refuses_a_slot_before_the_meeting_it_must_follow(fair):
    _forum, (first, second, third), with_ministry, with_buyer = fair
    services.add_precedence(None, with_ministry, with_buyer)
    services.book(with_ministry, second)
    assert queries.free_slots(with_buyer) == [third]
    with pytest.raises(
        MatchmakingError,
        match=(
            r"^\['This meeting must come after the meeting Company · Ministry, which ends at "
            r"Sept. 14, 2018, 10 a.m.: choose a later slot.'\]$"
        ),
    ):
        services.book(with_buyer, first)
    assert services.book(with_buyer, third).slot == third


def test_self_booking_refuses_a_slot_after_the_meeting_it_must_precede(fair):
    _forum, (first, second, third), with_ministry, with_buyer = fair
    services.add_precedence(None, with_ministry, with_buyer)
    services.book(with_buyer, second)
    assert queries.free_slots(with_ministry) == [first]
    with pytest.raises(MatchmakingError, match="must come before the meeting Company · Buyer"):
        services.book(with_ministry, third)


def test_orders_refuse_a_circle_a_repeat_and_a_schedule_already_the_other_way(fair):
    forum, (first, second, _third), with_ministry, with_buyer = fair
    services.add_precedence(None, with_ministry, with_buyer)
    with pytest.raises(MatchmakingError, match="go round in a circle"):
        services.add_precedence(None, with_buyer, with_ministry)
    with pytest.raises(MatchmakingError, match="already set"):
        services.add_precedence(None, with_ministry, with_buyer)
    with pytest.raises(MatchmakingError, match="cannot come before itself"):
        services.add_precedence(None, with_buyer, with_buyer)
    [order] = queries.precedences(forum)
    services.remove_precedence(None, order)
    services.book(with_buyer, first)
    services.book(with_ministry, second)
    with pytest.raises(MatchmakingError, match="already scheduled the other way round"):
        services.add_precedence(None, with_ministry, with_buyer)


def run_now(forum):
    run = services.start_run(None, forum, time_limit=5)
    services.run_scheduler(run.pk)
    run.refresh_from_db()
    return run


def test_scheduler_run_keeps_the_order(fair):
    forum, slots, with_ministry, with_buyer = fair
    services.add_precedence(None, with_buyer, with_ministry)
    # The buyer's meeting is pinned last but one: the ministry's must go after it.
    services.pin_meeting(None, services.book(with_buyer, slots[1]))
    run = run_now(forum)
    assert run.result["placements"] == {
        str(with_buyer.pk): slots[1].pk,
        str(with_ministry.pk): slots[2].pk,
    }
    assert run.result["unplaced"] == []
    services.publish_run(None, run)
    assert Meeting.objects.get(request=with_ministry).slot == slots[2]


def test_scheduler_run_places_a_chain_of_orders_as_long_as_the_block(fair):
    forum, slots, with_ministry, with_buyer = fair
    company = with_ministry.requester
    agent = make_approved_participant(company.category, name="Agent", name_latin="Agent")
    make_profile(agent, OpportunitySpec("offer", products="tea"))
    with_agent = services.accept(services.request_meeting(company, agent), agent)
    # The company sees the buyer, then the ministry, then the agent: one order of three slots.
    services.add_precedence(None, with_buyer, with_ministry)
    services.add_precedence(None, with_ministry, with_agent)
    run = run_now(forum)
    assert run.result["placements"] == {
        str(with_buyer.pk): slots[0].pk,
        str(with_ministry.pk): slots[1].pk,
        str(with_agent.pk): slots[2].pk,
    }
    assert (run.result["placed_weight"], run.result["upper_bound"]) == (3, 3)
    assert run.result["unplaced"] == []


def test_scheduler_leaves_out_a_meeting_that_cannot_keep_its_order_and_says_why(fair):
    forum, slots, with_ministry, with_buyer = fair
    services.add_precedence(None, with_buyer, with_ministry)
    services.pin_meeting(None, services.book(with_buyer, slots[2]))  # the last slot
    run = run_now(forum)
    assert run.result["placements"] == {str(with_buyer.pk): slots[2].pk}
    assert run.result["placed_weight"] == 1
    [left] = run.result["unplaced"]
    assert (left["request"], left["why"], left["after"]) == (
        with_ministry.pk,
        Why.ORDER,
        with_buyer.pk,
    )
    assert (
        scheduling.reason_text(left, {}, {with_buyer.pk: "Company · Buyer"})
        == "it could not be kept in order with the meeting Company · Buyer"
    )
