from django.apps import AppConfig
from django.core.signals import request_started
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "infoharbor.registration"
    label = "registration"
    verbose_name = _("Registration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The embedded default sends email from a thread in each web process; starting it with
        # the first request also sends what an earlier process left queued.
        # Both need the app registry, ready only now; audit declares what the log keeps.
        from infoharbor.registration import audit, worker  # noqa: F401

        request_started.connect(worker.start_with_server, dispatch_uid="registration-outbox")
