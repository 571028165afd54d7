"""Scheduler runs over the forum's accepted requests: preview, reasons, publish, pinned meetings."""

import pytest

from infoharbor.core import tasks
from infoharbor.core.models import ForumRole
from infoharbor.matchmaking import queries, scheduling, services
from infoharbor.matchmaking.models import Meeting, SchedulerRun
from infoharbor.matchmaking.services import OpportunitySpec
from infoharbor.program import kinds
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_profile,
    make_session,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def market(db):
    """Four traders, two 30-minute slots with one table each."""
    forum = make_forum()
    city = make_city("Beihai")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "09:00"), end=at(14, "10:00")
    )
    block = services.set_up_block(None, session, slot_minutes=30, tables=1)
    category = make_category(forum)
    people = [make_approved_participant(category, name=f"Trader {i}") for i in range(4)]
    for person in people:
        make_profile(person, OpportunitySpec("offer", products="tea"))
    return forum, block, people


def accepted(a, b, priority=1):
    request = services.request_meeting(a, b, priority=priority)
    return services.accept(request, b)


def run_now(forum):
    run = services.start_run(None, forum, time_limit=5)
    services.run_scheduler(run.pk)
    run.refresh_from_db()
    return run


def test_run_places_what_fits_and_says_why_the_rest_does_not(market):
    forum, _block, (a, b, c, d) = market
    first = accepted(a, b, priority=3)
    second = accepted(a, c, priority=3)
    third = accepted(a, d, priority=1)
    run = run_now(forum)
    assert run.status == SchedulerRun.Status.PREVIEW
    placed = run.result["placements"]
    assert set(placed) == {str(first.pk), str(second.pk)}
    assert placed[str(first.pk)] != placed[str(second.pk)]
    assert run.result["placed_weight"] == 6
    assert run.result["upper_bound"] >= 6
    [left] = run.result["unplaced"]
    assert left["request"] == third.pk
    names = {a.pk: "Trader 0"}
    assert scheduling.reason_text(left, names) == "Trader 0 has 3 requests and 2 free slots"
    assert Meeting.objects.count() == 0  # a preview writes no meeting


def test_publish_makes_the_meetings_and_a_pinned_one_never_moves(market):
    forum, block, (a, b, c, d) = market
    services.set_up_block(None, block.session, slot_minutes=30, tables=2)
    first = accepted(a, b)
    second = accepted(c, d)
    services.publish_run(None, run_now(forum))
    assert Meeting.objects.count() == 2
    pinned = Meeting.objects.get(request=first)
    services.pin_meeting(None, pinned)
    third = accepted(b, c)
    run = run_now(forum)
    assert run.result["placements"][str(first.pk)] == pinned.slot_id
    services.publish_run(None, run)
    again = Meeting.objects.get(request=first)
    assert (again.slot_id, again.table) == (pinned.slot_id, pinned.table)
    assert Meeting.objects.filter(request__in=[second, third]).count() == 2
    slots_of = {m.request_id: m.slot_id for m in Meeting.objects.all()}
    assert slots_of[third.pk] != slots_of[first.pk]  # b meets a then c, never both at once


def test_only_a_preview_is_published_or_discarded(market):
    forum, _block, (a, b, _c, _d) = market
    accepted(a, b)
    run = run_now(forum)
    services.discard_run(None, run)
    with pytest.raises(services.MatchmakingError, match="Only a run ready to review"):
        services.publish_run(None, run)


def test_preview_lists_what_changes_per_participant(market):
    forum, _block, (a, b, _c, _d) = market
    accepted(a, b)
    run = run_now(forum)
    changes = queries.run_changes(run)
    assert [(ch.participant, ch.before, len(ch.after)) for ch in changes] == [
        (a, [], 1),
        (b, [], 1),
    ]


def test_organiser_runs_previews_and_publishes_from_the_page(
    client, market, django_capture_on_commit_callbacks
):
    forum, _block, (a, b, c, _d) = market
    accepted(a, b)
    accepted(a, c)
    client.force_login(make_organiser(forum, ForumRole.Role.REGISTRATION_DESK))
    url = f"/en/forums/{forum.slug}/orga/matchmaking/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"scheduler": "run"})
    assert "matchmaking.run_scheduler" in [attempt.name for attempt in tasks.run_pending()]
    run = SchedulerRun.objects.get()
    page = client.get(url).content.decode()
    assert f'data-run="{run.pk}"' in page
    assert "Priority placed: 2 of at most 2 (a proven bound)." in page
    client.post(url, {"scheduler": "publish", "run": run.pk})
    assert Meeting.objects.count() == 2
    assert SchedulerRun.objects.get().status == SchedulerRun.Status.PUBLISHED


@pytest.fixture
def day_of_talks(db):
    """One block from 11:00 to 13:00 in 30-minute slots: two morning, two afternoon; one table."""
    forum = make_forum()
    city = make_city("Nanning")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "11:00"), end=at(14, "13:00")
    )
    block = services.set_up_block(None, session, slot_minutes=30, tables=1)
    category = make_category(forum)
    people = [make_approved_participant(category) for _ in range(2)]
    for person in people:
        make_profile(person, OpportunitySpec("offer", products="rice"))
    return forum, block, people


def test_time_of_day_wish_is_kept_by_the_scheduler(day_of_talks):
    forum, block, (a, b) = day_of_talks
    request = services.request_meeting(a, b, time_of_day="afternoon")
    services.accept(request, b)
    problem = scheduling.problem_of(forum)
    assert [problem.instance.half_of(s) for s in range(4)] == [1, 1, 2, 2]
    run = run_now(forum)
    slot = block.slots.get(pk=run.result["placements"][str(request.pk)])
    assert slot.start in (at(14, "12:00"), at(14, "12:30"))


def test_time_of_day_wish_limits_self_booking(day_of_talks):
    _forum, block, (a, b) = day_of_talks
    request = services.request_meeting(a, b, time_of_day="morning")
    assert [s.start for s in queries.free_slots(request)] == [at(14, "11:00"), at(14, "11:30")]
    services.accept(request, b)
    with pytest.raises(services.MatchmakingError, match=r"This meeting is wished in the morning\."):
        services.book(request, block.slots.get(index=2))
    assert services.book(request, block.slots.get(index=1)).slot.index == 1
