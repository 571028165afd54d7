"""The participant's matchmaking pages through their private link."""

import re

import pytest

from infoharbor.core.models import ForumRole
from infoharbor.matchmaking import services
from infoharbor.matchmaking.models import BusinessProfile, Meeting, MeetingRequest
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
    make_project,
    make_session,
    make_topic,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def profile_post(rows: list[dict[str, str]], **fields: str) -> dict[str, object]:
    data: dict[str, object] = {
        "summary": "",
        "language": "th",
        "open_to_meetings": "on",
        "opportunities-TOTAL_FORMS": str(len(rows)),
        "opportunities-INITIAL_FORMS": "0",
        **fields,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"opportunities-{i}-{key}"] = value
    return data


def test_profile_saves_with_a_blank_row_present(client):
    forum = make_forum(is_published=True)
    participant = make_approved_participant(make_category(forum))
    topic = make_topic(forum, "logistics")
    url = f"/th/forums/{forum.slug}/registration/{participant.token}/meetings/profile/"
    answer = client.post(
        url,
        profile_post(
            [
                {"kind": "offer", "products": "รถห้องเย็น", "topics": str(topic.pk)},
                {"kind": "offer", "products": "", "text": ""},
            ]
        ),
    )
    assert answer.status_code == 302
    profile = BusinessProfile.objects.get(participant=participant)
    assert [(o.kind, o.products) for o in profile.opportunities.all()] == [("offer", "รถห้องเย็น")]


def test_profile_page_offers_no_pre_rendered_blank_row(client):
    forum = make_forum(is_published=True)
    participant = make_approved_participant(make_category(forum))
    page = client.get(
        f"/en/forums/{forum.slug}/registration/{participant.token}/meetings/profile/"
    ).content.decode()
    assert 'name="opportunities-TOTAL_FORMS" value="0"' in page
    assert 'data-add-row="opportunities"' in page
    assert "opportunities-__prefix__-kind" in page


def test_request_accept_and_report_through_the_pages(client):
    forum = make_forum(is_published=True)
    city = make_city("Nanning")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "14:00"), end=at(14, "15:00")
    )
    block = services.set_up_block(None, session, slot_minutes=30, tables=3)
    category = make_category(forum)
    topic = make_topic(forum, "tea")
    seller = make_approved_participant(category, name="王伟")
    buyer = make_approved_participant(category, name="สมชาย")
    make_profile(seller, OpportunitySpec("offer", topics=[topic], products="green tea"))
    make_profile(buyer, OpportunitySpec("request", topics=[topic]))
    buyer_home = f"/en/forums/{forum.slug}/registration/{buyer.token}/meetings/"
    page = client.get(buyer_home).content.decode()
    assert "offers green tea" in page
    profile_id = seller.business_profile.public_id
    client.post(
        f"{buyer_home}ask/{profile_id}/",
        {"message": "Hello", "priority": "3", "time_of_day": "afternoon"},
    )
    request = MeetingRequest.objects.get()
    assert (request.requester, request.invitee, request.priority, request.time_of_day) == (
        buyer,
        seller,
        3,
        "afternoon",
    )

    seller_home = f"/en/forums/{forum.slug}/registration/{seller.token}/meetings/"
    page = client.get(seller_home).content.decode()
    first = block.slots.get(index=0)
    assert re.search(rf'<option value="{first.pk}">', page)
    client.post(
        f"{seller_home}requests/{request.public_id}/answer/", {"answer": "accept", "slot": first.pk}
    )
    meeting = Meeting.objects.get()
    assert (meeting.slot, meeting.table) == (first, 1)
    assert "table 1" in client.get(buyer_home).content.decode()
    client.post(f"{buyer_home}meetings/{request.public_id}/report/", {"held": "yes", "rating": "5"})
    assert Meeting.objects.get().requester_rating == 5


def test_a_participant_cannot_answer_or_report_for_others(client):
    forum = make_forum(is_published=True)
    category = make_category(forum)
    a, b, c = (make_approved_participant(category) for _ in range(3))
    make_profile(b, OpportunitySpec("offer", products="tea"))
    request = services.request_meeting(a, b)
    outsider = f"/en/forums/{forum.slug}/registration/{c.token}/meetings/"
    assert (
        client.post(
            f"{outsider}requests/{request.public_id}/answer/", {"answer": "accept"}
        ).status_code
        == 404
    )
    assert MeetingRequest.objects.get().status == MeetingRequest.Status.REQUESTED


def test_private_page_links_the_meetings_page(client):
    forum = make_forum(is_published=True)
    participant = make_approved_participant(make_category(forum))
    page = client.get(f"/en/forums/{forum.slug}/registration/{participant.token}/").content.decode()
    assert f'href="/en/forums/{forum.slug}/registration/{participant.token}/meetings/"' in page


def test_organiser_sets_up_slots_and_sees_the_figures(client):
    forum = make_forum()
    city = make_city("Beihai")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "09:00"), end=at(14, "12:00")
    )
    client.force_login(make_organiser(forum, ForumRole.Role.REGISTRATION_DESK))
    url = f"/en/forums/{forum.slug}/orga/matchmaking/"
    answer = client.post(url, {"session": session.slug, "slot_minutes": "20", "tables": "12"})
    assert answer.status_code == 302
    block = session.negotiation_block
    assert (block.slot_minutes, block.tables, block.slots.count()) == (20, 12, 9)
    page = client.get(url).content.decode()
    assert "9 slots, 12 tables" in page
    assert '<dd data-figure="requested">0</dd>' in page


def test_organiser_page_is_read_only_for_door_staff_and_closed_to_others(client):
    forum = make_forum()
    session = make_session(forum, make_city(), kind=kinds.NEGOTIATION.code)
    url = f"/en/forums/{forum.slug}/orga/matchmaking/"
    client.force_login(make_organiser(forum, ForumRole.Role.DOOR_STAFF))
    assert client.get(url).status_code == 200
    refused = client.post(url, {"session": session.slug, "slot_minutes": "20", "tables": "2"})
    assert refused.status_code == 403
    client.force_login(make_organiser(make_forum()))
    assert client.get(url).status_code == 403


@pytest.fixture
def booked(db):
    """Two participants with one meeting in the first of two slots; an organiser's page."""
    forum = make_forum(is_published=True)
    city = make_city("Nanning")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "14:00"), end=at(14, "15:00")
    )
    block = services.set_up_block(None, session, slot_minutes=30, tables=2)
    category = make_category(forum)
    a, b = (make_approved_participant(category) for _ in range(2))
    make_profile(b, OpportunitySpec("offer", products="tea"))
    request = services.accept(services.request_meeting(a, b), b)
    first, second = block.slots.order_by("index")
    meeting = services.book(request, first)
    return forum, (first, second), (a, b), meeting


def test_organiser_moves_a_meeting_which_pins_it_then_takes_it_off(client, booked):
    forum, (_first, second), _people, meeting = booked
    client.force_login(make_organiser(forum, ForumRole.Role.REGISTRATION_DESK))
    url = f"/en/forums/{forum.slug}/orga/matchmaking/"
    public_id = meeting.request.public_id
    answer = client.post(
        url, {"action": "move", "meeting": public_id, "slot": second.pk, "table": "2"}
    )
    assert answer.status_code == 302
    moved = Meeting.objects.get()
    assert (moved.slot, moved.table, moved.pinned) == (second, 2, True)
    refused = client.post(
        url, {"action": "move", "meeting": public_id, "slot": second.pk, "table": "3"}, follow=True
    )
    assert "Table 3 is not free in this slot." in refused.content.decode()
    client.post(url, {"action": "unschedule", "meeting": public_id})
    assert Meeting.objects.count() == 0
    assert client.post(url, {"action": "unschedule", "meeting": "nope"}).status_code == 404


def test_organiser_sets_deadlines_and_meeting_orders_on_the_page(client, booked):
    forum, _slots, (a, _b), meeting = booked
    c = make_approved_participant(a.category)
    make_profile(c, OpportunitySpec("offer", products="rice"))
    later = services.accept(services.request_meeting(a, c), c)
    client.force_login(make_organiser(forum, ForumRole.Role.REGISTRATION_DESK))
    url = f"/en/forums/{forum.slug}/orga/matchmaking/"
    saved = client.post(
        url, {"action": "settings", "answer_hours": "72", "remind_hours_before": "6"}, follow=True
    )
    assert "The request deadlines are saved." in saved.content.decode()
    deadlines = forum.matchmaking_settings
    assert (deadlines.answer_hours, deadlines.remind_hours_before) == (72, 6)
    refused = client.post(
        url, {"action": "settings", "answer_hours": "5", "remind_hours_before": "6"}, follow=True
    )
    assert "The reminder comes before the request expires." in refused.content.decode()
    client.post(url, {"action": "order", "earlier": meeting.request.pk, "later": later.pk})
    [order] = forum.meeting_precedences.all()
    assert (order.earlier, order.later) == (meeting.request, later)
    page = client.get(url).content.decode()
    assert f'<li data-order="{order.pk}">' in page
    circle = client.post(
        url, {"action": "order", "earlier": later.pk, "later": meeting.request.pk}, follow=True
    )
    assert "go round in a circle" in circle.content.decode()
    client.post(url, {"action": "unorder", "order": order.pk})
    assert forum.meeting_precedences.count() == 0


def test_participant_keeps_slots_free_but_not_one_holding_a_meeting(client, booked):
    forum, (first, second), (a, _b), _meeting = booked
    home = f"/en/forums/{forum.slug}/registration/{a.token}/meetings/"
    client.post(f"{home}free/", {"slot": [second.pk]})
    assert list(a.blocked_slots.values_list("slot", flat=True)) == [second.pk]
    page = client.get(home).content.decode()
    assert f'<input type="checkbox" name="slot" value="{second.pk}" checked>' in page
    refused = client.post(f"{home}free/", {"slot": [first.pk, second.pk]}, follow=True)
    assert "You have a meeting at Sept. 14, 2018, 2 p.m.: ask the organisers to move it first." in (
        refused.content.decode()
    )
    assert list(a.blocked_slots.values_list("slot", flat=True)) == [second.pk]
    client.post(f"{home}free/", {})
    assert a.blocked_slots.count() == 0


def test_an_agreement_links_the_signed_project_of_the_registry(client, booked):
    forum, _slots, (a, _b), meeting = booked
    project = make_project(forum)
    elsewhere = make_project(make_forum())
    home = f"/en/forums/{forum.slug}/registration/{a.token}/meetings/"
    client.post(f"{home}meetings/{meeting.request.public_id}/report/", {"held": "yes"})
    page = client.get(home).content.decode()
    assert f'<option value="{project.pk}">{project.title}</option>' in page
    assert str(elsewhere.title) not in page
    url = f"{home}meetings/{meeting.request.public_id}/outcome/"
    client.post(url, {"outcome": "agreement", "project": elsewhere.pk})
    assert Meeting.objects.get().project is None  # not a choice: the form refuses it
    client.post(url, {"outcome": "agreement", "project": project.pk})
    assert (Meeting.objects.get().outcome, Meeting.objects.get().project) == ("agreement", project)
