"""The data migrations of registration: a delegation's name as translated text, and the emails
of synthetic participants skipped rather than failed."""

import pytest

from tests.factories import make_category, make_forum, make_participant
from tests.migrations import migrate_to

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BEFORE = [("registration", "0009_meeting_emails")]
AFTER = [("registration", "0010_translated_delegation_name")]


@pytest.mark.django_db(transaction=True)
def test_delegation_names_become_text_of_their_heads_language_and_back():
    forum = make_forum(slug="harbor", languages=["zh-hans", "en", "lo"])
    head = make_participant(make_category(forum), language="lo")
    Delegation = migrate_to(BEFORE).get_model("registration", "Delegation")
    Delegation.objects.create(forum_id=forum.pk, name="ຄະນະຜູ້ແທນລາວ", country="LA", head_id=head.pk)
    Delegation.objects.create(forum_id=forum.pk, name="中国代表团", country="CN")

    after = migrate_to(AFTER).get_model("registration", "Delegation")
    names = sorted(
        (country, name.data) for country, name in after.objects.values_list("country", "name")
    )
    # The head's language where it has a head; the forum's default language where it has none.
    assert names == [("CN", {"zh-hans": "中国代表团"}), ("LA", {"lo": "ຄະນະຜູ້ແທນລາວ"})]

    back = migrate_to(BEFORE).get_model("registration", "Delegation")
    assert sorted(back.objects.values_list("country", "name")) == [
        ("CN", "中国代表团"),
        ("LA", "ຄະນະຜູ້ແທນລາວ"),
    ]
    migrate_to(AFTER)


@pytest.mark.django_db(transaction=True)
def test_emails_a_loaded_forum_marked_failed_for_invented_addresses_become_skipped():
    from infoharbor.registration.models import OutboxEmail

    participant = make_participant(make_category(make_forum(slug="harbor")))
    synthetic = OutboxEmail.objects.get(participant=participant)  # the registration's
    migrate_to([("registration", "0011_field_names")])
    OutboxEmail.objects.filter(pk=synthetic.pk).update(
        status="failed",
        last_error=(
            "Not sent: a synthetic participant of a forum loaded from files (invented address)."
        ),
    )
    refused = OutboxEmail.objects.create(
        forum=participant.forum,
        participant=participant,
        kind=synthetic.kind,
        to=synthetic.to,
        status="failed",
        last_error="550 mailbox unavailable",
    )

    migrate_to([("registration", "0012_outbox_email_skipped")])

    assert sorted(OutboxEmail.objects.values_list("pk", "status", "last_error")) == [
        (synthetic.pk, "skipped", ""),
        (refused.pk, "failed", "550 mailbox unavailable"),
    ]
