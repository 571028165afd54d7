from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "infoharbor.core"
    label = "core"
    verbose_name = _("Forums")

    def ready(self) -> None:
        from infoharbor.core import languages  # registers language info Django lacks

        languages.register_language_info()
