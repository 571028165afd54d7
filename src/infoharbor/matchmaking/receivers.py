"""What the matchmaking does when registration tells it something (registration/signals.py).

A leaf, imported from the app's `ready`: a registration that ends withdraws its requests and
takes its meetings off the schedule, in the cancelling transaction.
"""

from typing import Any

from django.dispatch import receiver

from infoharbor.matchmaking import services
from infoharbor.registration.models import Participant
from infoharbor.registration.signals import registration_cancelled


@receiver(registration_cancelled, dispatch_uid="matchmaking.withdraw")
def withdraw(sender: Any, participant: Participant, **kwargs: Any) -> None:
    services.withdraw(participant)
