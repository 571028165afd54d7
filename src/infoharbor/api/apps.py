from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "infoharbor.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from infoharbor.api import audit  # noqa: F401  (declares what the log keeps; needs models)
