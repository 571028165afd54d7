from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "infoharbor.projects"
    label = "projects"
    verbose_name = _("Signed projects")

    def ready(self) -> None:
        from infoharbor.projects import search  # models are ready only now

        search.register_types()
