import pytest
from django.db.models import Count, Q
from django.test import override_settings

from infoharbor.core.forum_loader import load_seed_forum
from infoharbor.core.models import AuditEntry, Person
from infoharbor.registration import queries
from infoharbor.registration.models import (
    Category,
    Delegation,
    OutboxEmail,
    Participant,
    SessionCapacity,
    SessionChoice,
)
from tests.conftest import TEST_SEED_PARTICIPANTS

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.slow]


def _seeded(forum):
    return list(
        Participant.objects.filter(forum=forum)
        .order_by("pk")
        .values_list("person__name", "person__email", "category__code", "status")
    )


@pytest.mark.xdist_group("full-seed")  # one worker loads the full seed once
def test_seed_registers_synthetic_participants_with_consistent_seats(full_seed_forum):
    participants = Participant.objects.filter(forum=full_seed_forum)

    assert participants.count() == 2150
    assert not Person.objects.filter(registrations__forum=full_seed_forum, synthetic=False).exists()
    assert sorted(
        Category.objects.filter(forum=full_seed_forum).values_list("code", flat=True)
    ) == [
        "enterprise",
        "exhibitor",
        "guest",
        "media",
        "official",
        "speaker",
        "staff",
    ]
    for cap in SessionCapacity.objects.filter(session__forum=full_seed_forum):
        counts = SessionChoice.objects.filter(session=cap.session).aggregate(
            seats=Count("pk", filter=Q(status="seat")),
            waiting=Count("pk", filter=Q(status="waiting")),
        )
        assert counts["seats"] == cap.seats_taken <= cap.capacity
        assert counts["waiting"] <= cap.queue_counter
        assert counts["waiting"] == 0 or cap.seats_taken == cap.capacity
    assert SessionChoice.objects.filter(session__forum=full_seed_forum, status="waiting").exists()
    assert not SessionChoice.objects.filter(
        participant__status__in=["rejected", "cancelled"]
    ).exists()


def test_seed_participants_are_deterministic_and_loaded_once(seed_forum):
    first = _seeded(seed_forum)

    load_seed_forum(report=lambda line: None)
    assert _seeded(seed_forum) == first
    Person.objects.filter(registrations__forum=seed_forum).delete()
    Delegation.objects.filter(forum=seed_forum).delete()
    with override_settings(INFOHARBOR_SEED_PARTICIPANTS=TEST_SEED_PARTICIPANTS):
        load_seed_forum(report=lambda line: None)
    assert _seeded(seed_forum) == first


def test_seed_participants_register_through_the_services(seed_forum):
    participants = Participant.objects.filter(forum=seed_forum)
    registered = AuditEntry.objects.filter(forum=seed_forum, action="participant.registered")
    approved = AuditEntry.objects.filter(forum=seed_forum, action="participant.approved")
    reviewed = participants.filter(category__needs_approval=True, status="approved")

    assert participants.count() == 120
    assert registered.count() == 120
    assert approved.count() == reviewed.count() > 0
    assert set(participants.values_list("source", flat=True)) == {"seed"}
    emails = OutboxEmail.objects.filter(forum=seed_forum)
    assert emails.count() > 120
    # Their addresses are invented: never sent, and no failure for the console to flag.
    assert set(emails.values_list("status", flat=True)) == {"skipped"}
    assert set(emails.values_list("last_error", flat=True)) == {""}
    assert queries.failed_emails(seed_forum) == 0


def test_seed_delegations_are_named_in_every_language(seed_forum):
    thai = Delegation.objects.get(forum=seed_forum, country="TH")
    assert thai.name.data == {
        "zh-hans": "泰国官方代表团",
        "en": "Official delegation Thailand",
        "th": "คณะผู้แทนอย่างเป็นทางการ ไทย",
        "vi": "Đoàn đại biểu chính thức Thái Lan",
        "id": "Delegasi resmi Thailand",
        "ms": "Delegasi rasmi Thailand",
        "km": "គណៈប្រតិភូផ្លូវការ ថៃ",
        "lo": "ຄະນະຜູ້ແທນທາງການ ໄທ",
        "my": "ထိုင်း တရားဝင် ကိုယ်စားလှယ်အဖွဲ့",
        "fil": "Opisyal na delegasyon ng Thailand",
    }
    names = Delegation.objects.filter(forum=seed_forum).values_list("name", flat=True)
    assert all(len(name.data) == 10 for name in names)
