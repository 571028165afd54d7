import pytest


@pytest.fixture(autouse=True)
def _registration_test_settings(settings):
    """Email into django.core.mail.outbox with stable links; fast password hashing."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.INFOHARBOR_BASE_URL = "https://forum.example"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
