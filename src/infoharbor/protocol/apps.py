from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolConfig(AppConfig):
    name = "infoharbor.protocol"
    label = "protocol"
    verbose_name = _("Protocol")

    def ready(self) -> None:
        from infoharbor.protocol import audit  # noqa: F401  (declares what the log keeps)
