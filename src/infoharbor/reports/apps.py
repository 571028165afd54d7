from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "infoharbor.reports"
    label = "reports"
    verbose_name = _("Outcomes and reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from infoharbor.reports import audit  # noqa: F401  (declares what the audit log keeps)

        # Every app's report sections (core/figures.py), including apps added later.
        autodiscover_modules("outcomes")
