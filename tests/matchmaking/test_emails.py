"""Emails of the B2B meetings: what changed (booked, published, moved, cancelled), one per
participant per change, in their language; reminders of unanswered requests, once, and expiry,
through the task path."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from infoharbor.core import tasks
from infoharbor.matchmaking import services
from infoharbor.matchmaking.models import Meeting, MeetingRequest
from infoharbor.matchmaking.services import OpportunitySpec
from infoharbor.program import kinds
from infoharbor.registration import email_templates, outbox
from infoharbor.registration import services as registration_services
from infoharbor.registration.models import OutboxEmail
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_profile,
    make_room,
    make_session,
    text,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHANGED = OutboxEmail.Kind.MEETINGS_CHANGED
REMINDER = OutboxEmail.Kind.MEETING_REMINDER


@pytest.fixture
def hall(db):
    """Two traders (one reading Thai, one Chinese) and a third; two slots, two tables."""
    forum = make_forum(name=text("Harbor Forum", th="ฟอรั่มฮาร์เบอร์", zh_hans="信息港论坛"))
    city = make_city("Nanning", th="หนานหนิง", zh_hans="南宁")
    forum.cities.add(city)
    room = make_room(forum, city, "Hall 3")
    session = make_session(
        forum,
        city,
        kind=kinds.NEGOTIATION.code,
        start=at(14, "14:00"),
        end=at(14, "15:00"),
        room=room,
    )
    block = services.set_up_block(None, session, slot_minutes=30, tables=2)
    category = make_category(forum)
    somchai = make_approved_participant(
        category, name="สมชาย ใจดี", name_latin="Somchai Jaidee", language="th"
    )
    wei = make_approved_participant(
        category, name="王伟", name_latin="Wang Wei", language="zh-hans"
    )
    third = make_approved_participant(category, name="Maria Santos", language="en")
    for person in (somchai, wei, third):
        make_profile(person, OpportunitySpec("offer", products="tea"))
    return forum, block, (somchai, wei, third)


def emails(kind=CHANGED):
    return list(OutboxEmail.objects.filter(kind=kind).order_by("pk"))


def body(email):
    return outbox.render(email)[1]


def test_self_booking_emails_both_sides_what_was_scheduled_in_their_language(hall):
    _forum, block, (somchai, wei, _third) = hall
    first = block.slots.get(index=0)
    request = services.request_meeting(wei, somchai)
    services.accept(request, somchai, slot=first)
    to_wei, to_somchai = sorted(emails(), key=lambda e: e.participant.person.name_latin)[::-1]
    assert (to_somchai.participant, to_somchai.language) == (somchai, "th")
    assert (to_wei.participant, to_wei.language) == (wei, "zh-hans")
    assert outbox.render(to_somchai)[0] == "[ฟอรั่มฮาร์เบอร์] การนัดหมายทางธุรกิจของคุณมีการเปลี่ยนแปลง"
    assert "- นัดหมายกับ 王伟 (Wang Wei): " in body(to_somchai)
    assert "หนานหนิง, Hall 3, โต๊ะ 1" in body(to_somchai)
    assert "- 已安排与 สมชาย ใจดี (Somchai Jaidee) 的洽谈：" in body(to_wei)
    assert "南宁, Hall 3, 1 号桌" in body(to_wei)


def test_english_email_names_the_time_place_and_table(hall):
    _forum, block, (_somchai, wei, third) = hall
    request = services.request_meeting(third, wei)
    services.accept(request, wei, slot=block.slots.get(index=1))
    [to_maria] = [e for e in emails() if e.participant == third]
    subject, text_body = outbox.render(to_maria)
    assert subject == "[Harbor Forum] Your B2B meetings have changed"
    assert (
        "These meetings of yours were scheduled, moved or cancelled:\n\n"
        "- Scheduled with 王伟 (Wang Wei): Sept. 14, 2018, 2:30 p.m., Nanning, Hall 3, table 1\n"
    ) in text_body


def test_a_move_lists_what_changed_and_an_unscheduled_meeting_is_cancelled(hall):
    _forum, block, (_somchai, wei, third) = hall
    first, second = block.slots.order_by("index")
    request = services.accept(services.request_meeting(third, wei), wei)
    services.book(request, first)
    services.book(request, second, table=2)
    moved = [e for e in emails() if e.participant == third][-1]
    assert (
        "- Moved with 王伟 (Wang Wei) (time, table): now Sept. 14, 2018, 2:30 p.m., Nanning, "
        "Hall 3, table 2; was Sept. 14, 2018, 2 p.m., Nanning, Hall 3, table 1\n"
    ) in body(moved)
    services.unschedule(None, Meeting.objects.get(request=request))
    cancelled = [e for e in emails() if e.participant == third][-1]
    assert (
        "- Cancelled with 王伟 (Wang Wei): Sept. 14, 2018, 2:30 p.m., Nanning, Hall 3, table 2\n"
    ) in body(cancelled)
    assert MeetingRequest.objects.get(pk=request.pk).status == MeetingRequest.Status.ACCEPTED


def test_a_publish_emails_each_participant_once_with_all_their_changes(hall):
    forum, _block, (somchai, wei, third) = hall
    services.accept(services.request_meeting(third, wei), wei)
    services.accept(services.request_meeting(third, somchai), somchai)
    run = services.start_run(None, forum, time_limit=5)
    services.run_scheduler(run.pk)
    run.refresh_from_db()
    assert services.publish_run(None, run) == 2
    sent = emails()
    assert sorted(e.participant.pk for e in sent) == sorted([third.pk, wei.pk, somchai.pk])
    assert {e.reference for e in sent} == {f"run:{run.pk}"}
    [to_maria] = [e for e in sent if e.participant == third]
    assert body(to_maria).count("- Scheduled with ") == 2
    # The same publish reported again (a retried task) emails nobody a second time.
    assert outbox.queue(third, CHANGED, reference=f"run:{run.pk}") == to_maria
    assert len(emails()) == 3


def test_a_publish_that_changes_nothing_for_someone_does_not_email_them(hall):
    forum, block, (somchai, wei, third) = hall
    pinned = services.accept(services.request_meeting(third, wei), wei)
    services.pin_meeting(None, services.book(pinned, block.slots.get(index=0)))
    services.accept(services.request_meeting(third, somchai), somchai)
    OutboxEmail.objects.filter(kind=CHANGED).delete()
    run = services.start_run(None, forum, time_limit=5)
    services.run_scheduler(run.pk)
    run.refresh_from_db()
    services.publish_run(None, run)
    assert sorted(e.participant.pk for e in emails()) == sorted([third.pk, somchai.pk])


def test_the_follow_up_task_reminds_once_then_expires(hall, django_capture_on_commit_callbacks):
    forum, _block, (somchai, wei, _third) = hall

    def follow_up(times=1):
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(times):
                tasks.enqueue("matchmaking.follow_up_requests")
        return [(a.name, a.error) for a in tasks.run_pending()]

    services.save_settings(None, forum, answer_hours=48, remind_hours_before=12)
    request = services.request_meeting(wei, somchai)
    assert request.expires_at - request.created_at == dt.timedelta(hours=48)
    tasks.discard_pending()
    # Nothing is due yet: the follow-up runs and does nothing.
    assert follow_up() == [("matchmaking.follow_up_requests", "")]
    assert emails(REMINDER) == []
    # Eleven hours before the deadline, the reminder falls due.
    MeetingRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() + dt.timedelta(hours=11)
    )
    assert follow_up(times=2) == [("matchmaking.follow_up_requests", "")] * 2
    [reminder] = emails(REMINDER)
    assert reminder.participant == somchai
    subject, text_body = outbox.render(reminder)
    assert subject == "[ฟอรั่มฮาร์เบอร์] คำขอนัดหมายรอการตอบของคุณ"
    assert "- 王伟 (Wang Wei) ขอนัดพบคุณ ตอบภายใน " in text_body
    assert MeetingRequest.objects.get(pk=request.pk).reminded_at is not None
    # Past the deadline, it expires (and is not reminded again).
    MeetingRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    follow_up()
    assert MeetingRequest.objects.get(pk=request.pk).status == MeetingRequest.Status.EXPIRED
    assert len(emails(REMINDER)) == 1


def test_request_meeting_enqueues_the_reminder_and_the_expiry(
    hall, django_capture_on_commit_callbacks
):
    forum, _block, (somchai, wei, third) = hall
    services.save_settings(None, forum, answer_hours=48, remind_hours_before=12)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_meeting(wei, somchai)
    assert [name for name, _args in tasks.pending()].count("matchmaking.follow_up_requests") == 2
    tasks.discard_pending()
    services.save_settings(None, forum, answer_hours=48, remind_hours_before=0)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_meeting(third, somchai)
    assert [name for name, _args in tasks.pending()].count("matchmaking.follow_up_requests") == 1


def test_follow_up_command_for_cron(hall, capsys):
    _forum, _block, (somchai, wei, third) = hall
    soon = services.request_meeting(wei, somchai)
    late = services.request_meeting(third, somchai)
    MeetingRequest.objects.filter(pk=soon.pk).update(
        expires_at=timezone.now() + dt.timedelta(hours=2)
    )
    MeetingRequest.objects.filter(pk=late.pk).update(
        expires_at=timezone.now() - dt.timedelta(hours=2)
    )
    call_command("follow_up_meeting_requests")
    assert capsys.readouterr().out == "reminded 1, expired 1\n"
    call_command("follow_up_meeting_requests")
    assert capsys.readouterr().out == "reminded 0, expired 0\n"


@pytest.mark.parametrize(
    ("answer_hours", "remind", "message"),
    [
        (0, 0, "between 1 hour and 60 days"),
        (24, 24, "The reminder comes before the request expires."),
    ],
)
def test_settings_refuse_a_deadline_out_of_range(hall, answer_hours, remind, message):
    forum, _block, _people = hall
    with pytest.raises(services.MatchmakingError, match=message):
        services.save_settings(None, forum, answer_hours=answer_hours, remind_hours_before=remind)


def test_organisers_word_the_change_email_with_its_placeholders(hall):
    forum, block, (_somchai, wei, third) = hall
    kind = email_templates.KINDS[CHANGED]
    assert kind.placeholders == ("name", "forum", "link", "meetings")
    with pytest.raises(ValidationError, match="Unknown placeholder"):
        email_templates.save(None, forum, kind, "en", "{forum}", "{requests}")
    email_templates.save(None, forum, kind, "en", "Meetings at {forum}", "{name}:\n{meetings}")
    services.accept(services.request_meeting(third, wei), wei, slot=block.slots.get(index=0))
    [to_maria] = [e for e in emails() if e.participant == third]
    assert outbox.render(to_maria) == (
        "Meetings at Harbor Forum",
        "Maria Santos:\n"
        "- Scheduled with 王伟 (Wang Wei): Sept. 14, 2018, 2 p.m., Nanning, Hall 3, table 1\n",
    )


def test_a_cancelled_registration_withdraws_its_requests_and_meetings(hall):
    _forum, block, (somchai, wei, third) = hall
    booked = services.accept(services.request_meeting(third, wei), wei, slot=block.slots.first())
    waiting = services.request_meeting(somchai, third)
    OutboxEmail.objects.filter(kind=CHANGED).delete()
    registration_services.cancel(third)
    assert Meeting.objects.count() == 0
    statuses = MeetingRequest.objects.filter(pk__in=[booked.pk, waiting.pk]).values_list(
        "status", flat=True
    )
    assert set(statuses) == {MeetingRequest.Status.CANCELLED}
    [to_wei] = [e for e in emails() if e.participant == wei]
    assert "- 已取消与 Maria Santos (Participant" in body(to_wei)
