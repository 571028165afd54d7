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
from infoharbor.registration.seed import seed_participants

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _seeded(forum):
    return list(
        Participant.objects.filter(forum=forum)
        .order_by("pk")
        .values_list("person__name", "person__email", "category__code", "status")
    )


def _assert_deterministic_and_idempotent(full_seed_forum):
    first = _seeded(full_seed_forum)

    assert seed_participants(full_seed_forum).endswith("2000 participants (already there)")
    assert _seeded(full_seed_forum) == first
    Person.objects.filter(registrations__forum=full_seed_forum).delete()
    Delegation.objects.filter(forum=full_seed_forum).delete()
    seed_participants(full_seed_forum)
    assert _seeded(full_seed_forum) == first


def test_seed_registers_synthetic_participants_with_consistent_seats(full_seed_forum):
    participants = Participant.objects.filter(forum=full_seed_forum)

    assert participants.count() == 2000
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
        assert counts["waiting"] == cap.queue_counter
        assert counts["waiting"] == 0 or cap.seats_taken == cap.capacity
    assert SessionChoice.objects.filter(session__forum=full_seed_forum, status="waiting").exists()
    assert not SessionChoice.objects.filter(
        participant__status__in=["rejected", "cancelled"]
    ).exists()
    _assert_deterministic_and_idempotent(full_seed_forum)
