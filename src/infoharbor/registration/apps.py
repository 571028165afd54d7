from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "infoharbor.registration"
    label = "registration"
    verbose_name = _("Registration")
    default_auto_field = "django.db.models.BigAutoField"
