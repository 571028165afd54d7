from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "infoharbor.projects"
    label = "projects"
    verbose_name = _("Signed projects")

    def ready(self) -> None:
        # Models are ready only now.
        from infoharbor.projects import audit, search  # noqa: F401  (audit: what the log keeps)

        search.register_types()
