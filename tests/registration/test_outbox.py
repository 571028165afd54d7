import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from infoharbor.core import tasks
from infoharbor.core.celery import app as celery_app
from infoharbor.registration.models import OutboxEmail
from infoharbor.registration.outbox import MAX_ATTEMPTS, deliver_due
from tests.factories import make_category, make_forum, make_participant, text

pytestmark = pytest.mark.integration


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def forum(db):
    return make_forum(
        slug="harbor", name=text("Harbor Forum", th="ฟอรั่มฮาร์เบอร์", zh_hans="信息港论坛")
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("en", "[Harbor Forum] Registration received"),
        ("th", "[ฟอรั่มฮาร์เบอร์] ได้รับการลงทะเบียนแล้ว"),
        ("zh-hans", "[信息港论坛] 已收到您的报名"),
    ],
)
def test_received_email_is_in_the_participants_language(forum, language, subject):
    official = make_category(forum, needs_approval=True)
    make_participant(official, language=language, person={"email": "guest@example.org"})

    report = deliver_due()

    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    [message] = mail.outbox
    assert (message.subject, message.to) == (subject, ["guest@example.org"])
    assert message.extra_headers["Content-Language"] == language
    participant = official.participants.get()
    assert f"https://forum.example/{language}/forums/harbor/registration/{participant.token}/" in (
        message.body
    )


@pytest.mark.django_db
def test_failed_send_is_retried_with_backoff_then_given_up(forum, settings):
    settings.EMAIL_BACKEND = "tests.registration.test_outbox.RefusingBackend"
    make_participant(make_category(forum))
    email = OutboxEmail.objects.get()

    started = timezone.now()
    report = deliver_due()
    email.refresh_from_db()

    assert (report.sent, report.retrying, report.failed) == (0, 1, 0)
    assert (email.status, email.attempts) == ("pending", 1)
    assert email.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert started + dt.timedelta(seconds=59) < email.next_attempt_at
    assert deliver_due().retrying == 0  # not due yet

    for attempt in range(2, MAX_ATTEMPTS + 1):
        OutboxEmail.objects.update(next_attempt_at=timezone.now())
        deliver_due()
        email.refresh_from_db()
        assert email.attempts == attempt
    assert email.status == "failed"


@pytest.mark.django_db
def test_send_outbox_command_delivers_what_is_due(forum, capsys):
    make_participant(make_category(forum))

    call_command("send_outbox")

    assert capsys.readouterr().out == "sent 1, retrying 0, failed 0\n"
    assert OutboxEmail.objects.get().status == "sent"


def test_queued_email_is_sent_by_the_task_path_after_commit(
    forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_participant(make_category(forum), person={"email": "queued@example.org"})
    assert mail.outbox == []

    assert [a.name for a in tasks.run_pending()] == ["registration.deliver_outbox"]
    assert [m.to for m in mail.outbox] == [["queued@example.org"]]
    assert OutboxEmail.objects.get().status == "sent"


def test_delivery_comes_back_when_a_failed_email_is_due_again(transactional_db, settings):
    settings.EMAIL_BACKEND = "tests.registration.test_outbox.RefusingBackend"
    make_participant(make_category(make_forum()))
    assert tasks.pending() == [("registration.deliver_outbox", ())]

    # The second delivery is the one queued for the retry (at once here, in a minute live); it
    # finds nothing due yet, so it queues no third.
    assert [a.name for a in tasks.run_pending()] == ["registration.deliver_outbox"] * 2
    assert OutboxEmail.objects.values_list("status", "attempts").get() == ("pending", 1)


def test_registration_survives_an_unreachable_celery_broker(transactional_db, settings):
    settings.INFOHARBOR_TASK_RUNNER = "celery"
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    celery_app.conf.broker_connection_retry_on_startup = False
    celery_app.conf.broker_connection_max_retries = 0
    try:
        participant = make_participant(make_category(make_forum()))
    finally:
        celery_app.conf.broker_url = None

    assert participant.pk is not None
    assert OutboxEmail.objects.get().status == "pending"
    assert deliver_due().sent == 1


@pytest.mark.django_db
def test_an_email_sent_again_after_a_lost_claim_carries_the_same_message_id(forum):
    make_participant(make_category(forum), person={"email": "guest@example.org"})
    deliver_due()
    # As after a worker died between sending and recording: the email is still pending.
    OutboxEmail.objects.update(status=OutboxEmail.Status.PENDING, next_attempt_at=timezone.now())
    deliver_due()

    first, again = mail.outbox
    assert first.extra_headers["Message-ID"] == again.extra_headers["Message-ID"]
    assert first.extra_headers["Message-ID"].startswith(f"<outbox.{OutboxEmail.objects.get().pk}.")
