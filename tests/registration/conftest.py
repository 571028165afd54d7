import pytest


@pytest.fixture(autouse=True)
def _deliver_email_in_tests(settings):
    """Tests send the outbox themselves (deliver_due), into django.core.mail.outbox."""
    settings.INFOHARBOR_EMAIL_WORKER = "off"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.INFOHARBOR_BASE_URL = "https://forum.example"
