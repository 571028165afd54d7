import pytest
from django.db.models import Count, Q

from infoharbor.core.models import Person
from infoharbor.registration.models import (
    Category,
    Delegation,
    Participant,
    SessionCapacity,
    SessionChoice,
)
from infoharbor.registration.seed import SYNTHETIC_PARTICIPANTS, seed_participants

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _seeded(forum):
    return list(
        Participant.objects.filter(forum=forum)
        .order_by("pk")
        .values_list("person__name", "person__email", "category__code", "status")
    )


def _assert_deterministic_and_idempotent(seed_forum):
    first = _seeded(seed_forum)

    assert seed_participants(seed_forum).endswith("2000 participants (already there)")
    assert _seeded(seed_forum) == first
    Person.objects.filter(registrations__forum=seed_forum).delete()
    Delegation.objects.filter(forum=seed_forum).delete()
    seed_participants(seed_forum)
    assert _seeded(seed_forum) == first


def test_seed_registers_synthetic_participants_with_consistent_seats(seed_forum):
    participants = Participant.objects.filter(forum=seed_forum)

    assert participants.count() == SYNTHETIC_PARTICIPANTS
    assert not Person.objects.filter(registrations__forum=seed_forum, synthetic=False).exists()
    assert sorted(Category.objects.filter(forum=seed_forum).values_list("code", flat=True)) == [
        "enterprise",
        "exhibitor",
        "guest",
        "media",
        "official",
        "speaker",
        "staff",
    ]
    for cap in SessionCapacity.objects.filter(session__forum=seed_forum):
        counts = SessionChoice.objects.filter(session=cap.session).aggregate(
            seats=Count("pk", filter=Q(status="seat")),
            waiting=Count("pk", filter=Q(status="waiting")),
        )
        assert counts["seats"] == cap.seats_taken <= cap.capacity
        assert counts["waiting"] == cap.queue_counter
        assert counts["waiting"] == 0 or cap.seats_taken == cap.capacity
    assert SessionChoice.objects.filter(session__forum=seed_forum, status="waiting").exists()
    assert not SessionChoice.objects.filter(
        participant__status__in=["rejected", "cancelled"]
    ).exists()
    _assert_deterministic_and_idempotent(seed_forum)
