from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    name = "infoharbor.program"
    label = "program"
    verbose_name = _("Program")

    def ready(self) -> None:
        from infoharbor.program.search import register_types  # needs the loaded models

        register_types()
