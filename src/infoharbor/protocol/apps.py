from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolConfig(AppConfig):
    name = "infoharbor.protocol"
    label = "protocol"
    verbose_name = _("Protocol")

    def ready(self) -> None:
        # audit declares what the log keeps; flags registers its system check.
        from infoharbor.protocol import audit, flags  # noqa: F401
