from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "infoharbor.matchmaking"
    label = "matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        from infoharbor.matchmaking import (
            audit,  # noqa: F401  (declares what the log keeps)
            emails,  # noqa: F401  (fills its emails' placeholders)
            receivers,  # noqa: F401  (hears of registrations that end)
        )
