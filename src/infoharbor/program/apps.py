from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    name = "infoharbor.program"
    label = "program"
    verbose_name = _("Program")

    def ready(self) -> None:
        # Both need the loaded models.
        from infoharbor.program import audit  # noqa: F401  (declares what the audit log keeps)
        from infoharbor.program.search import register_types
        from infoharbor.program.signals import watch_content

        register_types()
        watch_content()
