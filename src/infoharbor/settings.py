"""Django settings. Everything a deployment changes comes from the environment (see README)."""

import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("INFOHARBOR_VAR_DIR", Path.cwd() / "var"))

DEBUG = os.environ.get("DEBUG", "").lower() in {"1", "true", "yes"}
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "infoharbor.core",
    "infoharbor.program",
    "infoharbor.projects",
    "infoharbor.registration",
    "infoharbor.matchmaking",
    "infoharbor.api",
    "infoharbor.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "infoharbor.core.translated.ForumLanguageMiddleware",
    "infoharbor.core.middleware.EraPreferenceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "infoharbor.urls"
WSGI_APPLICATION = "infoharbor.wsgi.application"
ASGI_APPLICATION = "infoharbor.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'infoharbor.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE makes a transaction take the
    # write lock at BEGIN, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file, not memory, so a live server in another process sees the same data
    # (concurrency tests); one file per checkout so parallel checkouts do not collide.
    DATABASES["default"]["TEST"] = {
        "NAME": str(
            Path(tempfile.gettempdir())
            / f"infoharbor-test-{hashlib.sha256(bytes(PACKAGE_DIR)).hexdigest()[:12]}.sqlite3"
        )
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "admin:login"

# The UI languages: Chinese and the ten ASEAN countries' languages. INFOHARBOR_LANGUAGES narrows
# the list for a deployment (comma-separated codes); English always stays as the last fallback.
ALL_LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("id", _("Indonesian")),
    ("ms", _("Malay")),
    ("km", _("Khmer")),
    ("lo", _("Lao")),
    ("my", _("Burmese")),
    ("fil", _("Filipino")),
]
_chosen = [c for c in os.environ.get("INFOHARBOR_LANGUAGES", "").split(",") if c]
LANGUAGES = [(c, n) for c, n in ALL_LANGUAGES if not _chosen or c in _chosen or c == "en"]
LANGUAGE_CODE = "en"
# Our catalogues first; then the Django strings that Django itself lacks in our languages.
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_django"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
FORMAT_MODULE_PATH = ["infoharbor.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "forum@infoharbor.example")

NINJA_PAGINATION_PER_PAGE = 100

# How many synthetic participants the seed forum registers (the press release: 2,000+ guests).
INFOHARBOR_SEED_PARTICIPANTS = int(os.environ.get("INFOHARBOR_SEED_PARTICIPANTS", "2000"))

# Registration: links in emails, uploads, and who sends the email outbox (registration/worker.py).
INFOHARBOR_BASE_URL = os.environ.get("INFOHARBOR_BASE_URL", "http://127.0.0.1:8000")
INFOHARBOR_MAX_UPLOAD_BYTES = 10_000_000
# People's photos (core/photos.py): the largest file accepted.
INFOHARBOR_MAX_PHOTO_BYTES = 5_000_000
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
INFOHARBOR_EMAIL_WORKER = os.environ.get(
    "INFOHARBOR_EMAIL_WORKER", "celery" if CELERY_BROKER_URL else "thread"
)
# Only the concurrency test's control run sets this: seats are then read and written without
# the lock, to show that the test catches an oversell.
INFOHARBOR_UNSAFE_NO_SEAT_LOCK = os.environ.get("INFOHARBOR_UNSAFE_NO_SEAT_LOCK") == "1"
# Likewise for door check-ins (registration/checkin.py): the control run of its concurrency test.
INFOHARBOR_UNSAFE_NO_CHECKIN_LOCK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
