from django.apps import AppConfig
from django.core.signals import request_started
from django.utils.translation import gettext_lazy as _

from infoharbor.core import tasks


def _send_what_is_left(**kwargs: object) -> None:
    """The first request of a process sends what an earlier process left queued."""
    request_started.disconnect(dispatch_uid="registration-outbox")
    tasks.enqueue("registration.deliver_outbox")


class RegistrationConfig(AppConfig):
    name = "infoharbor.registration"
    label = "registration"
    verbose_name = _("Registration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from infoharbor.registration import audit  # noqa: F401  (declares what the log keeps)
        from infoharbor.registration.signals import watch_content

        watch_content()

        request_started.connect(_send_what_is_left, dispatch_uid="registration-outbox")
