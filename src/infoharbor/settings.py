"""Django settings. Everything a deployment changes comes from the environment (see README)."""

import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from infoharbor.web import static_headers

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
    # Only for its templates and static files: /api/v1/docs is served from here, not a CDN.
    "ninja",
    "infoharbor.core",
    "infoharbor.program",
    "infoharbor.projects",
    "infoharbor.registration",
    "infoharbor.matchmaking",
    "infoharbor.protocol",
    "infoharbor.reports",
    "infoharbor.api",
    "infoharbor.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "infoharbor.core.middleware.NulInPathMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "infoharbor.core.middleware.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "infoharbor.core.translated.ForumLanguageMiddleware",
    "infoharbor.core.middleware.EraPreferenceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "infoharbor.core.ratelimit.RateLimitMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, refusing a blocked account or address before checking a password.
    "infoharbor.core.ratelimit.RateLimitedModelBackend",
]

ROOT_URLCONF = "infoharbor.urls"
WSGI_APPLICATION = "infoharbor.wsgi.application"
ASGI_APPLICATION = "infoharbor.asgi.application"

# Every form of the site, with the empty option of a list in words (core/forms.py).
FORM_RENDERER = "infoharbor.core.forms.FormRenderer"

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
# Seconds a statement waits for a lock (a row on PostgreSQL, the write lock on SQLite) before it
# fails (core/locking.py): every connection starts with it, so a transaction needs no statement
# to set it.
LOCK_TIMEOUT = 20
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c lock_timeout={LOCK_TIMEOUT}s".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE makes a transaction take the
    # write lock at BEGIN, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": LOCK_TIMEOUT,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Kept like PostgreSQL's: opening a SQLite connection (pragmas, ICU collations) costs ~3 ms,
    # more than answering a kept public page.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
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
LOGIN_REDIRECT_URL = "web:orga"

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
WHITENOISE_ADD_HEADERS_FUNCTION = static_headers.add_headers

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if "EMAIL_FILE_PATH" in os.environ:  # the folder of Django's file backend (development, tests)
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
# Django's SMTP backend (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "forum@infoharbor.example")

NINJA_PAGINATION_PER_PAGE = 100

# Production security (README, "Production"). INFOHARBOR_HTTPS=1 says the site is served over
# HTTPS only: plain HTTP is redirected, browsers are told to keep to HTTPS (HSTS), and cookies
# never travel unencrypted. Behind a proxy that ends TLS, INFOHARBOR_PROXY_SSL_HEADER=1 trusts its
# X-Forwarded-Proto header (only set it when the proxy always sets or strips that header).
INFOHARBOR_HTTPS = os.environ.get("INFOHARBOR_HTTPS", "") == "1"
SECURE_SSL_REDIRECT = INFOHARBOR_HTTPS
SECURE_HSTS_SECONDS = (
    int(os.environ.get("INFOHARBOR_HSTS_SECONDS", "31536000")) if INFOHARBOR_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = INFOHARBOR_HTTPS
SECURE_HSTS_PRELOAD = INFOHARBOR_HTTPS and os.environ.get("INFOHARBOR_HSTS_PRELOAD", "") == "1"
SESSION_COOKIE_SECURE = INFOHARBOR_HTTPS
CSRF_COOKIE_SECURE = INFOHARBOR_HTTPS
if os.environ.get("INFOHARBOR_PROXY_SSL_HEADER", "") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts REMOTE_ADDR alone.
# Rate limits count per client address, so a wrong number lets clients choose their address.
INFOHARBOR_NUM_PROXIES = int(os.environ.get("INFOHARBOR_NUM_PROXIES", "0"))

# Country flags (SVG, one file per ISO 3166-1 code) from the flag-icons npm package that
# `make install` puts beside the source; a deployment may keep them elsewhere.
FLAG_ICONS = PACKAGE_DIR.parents[1] / "node_modules" / "flag-icons" / "flags" / "4x3"
INFOHARBOR_FLAGS_DIR = Path(os.environ.get("INFOHARBOR_FLAGS_DIR", FLAG_ICONS))

# Content-Security-Policy (django-csp): scripts only from the site itself, never inline. Style
# attributes stay allowed because pages colour session kinds and categories from data
# (style="--kind: ..."); <style> elements and style sheets from elsewhere do not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Rate limits (core/ratelimit.py): at most `count` failures per `seconds`, a sliding window, per
# account or client address. They live in the cache: set REDIS_URL with several app processes, or
# each process counts on its own.
INFOHARBOR_RATE_LIMITS = {
    "login_account": {"count": 5, "seconds": 15 * 60},
    "login_address": {"count": 20, "seconds": 15 * 60},
    "private_link": {"count": 20, "seconds": 10 * 60},
    "api_token": {"count": 20, "seconds": 10 * 60},
}

# How many synthetic participants the seed forum registers (the press release: 2,000+ guests).
INFOHARBOR_SEED_PARTICIPANTS = int(os.environ.get("INFOHARBOR_SEED_PARTICIPANTS", "2150"))

# Registration: links in emails, and uploads.
INFOHARBOR_BASE_URL = os.environ.get("INFOHARBOR_BASE_URL", "http://127.0.0.1:8000")
INFOHARBOR_MAX_UPLOAD_BYTES = 10_000_000
# People's photos (core/photos.py): the largest file accepted.
INFOHARBOR_MAX_PHOTO_BYTES = 5_000_000

# The task path (core/tasks.py): Celery when a broker is configured, else worker threads in each
# app process; "manual" holds tasks until tasks.run_pending() (the tests' runner).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
INFOHARBOR_TASK_RUNNER = os.environ.get(
    "INFOHARBOR_TASK_RUNNER", "celery" if CELERY_BROKER_URL else "thread"
)
INFOHARBOR_TASK_THREADS = int(os.environ.get("INFOHARBOR_TASK_THREADS", "2"))
# Periodic work, for `celery -A infoharbor.core.celery beat` beside the workers (without a
# broker, cron runs the same through `infoharbor follow_up_meeting_requests`).
CELERY_BEAT_SCHEDULE = {
    "matchmaking-follow-up-requests": {
        "task": "matchmaking.follow_up_requests",
        "schedule": 15 * 60.0,
    },
}

# Imports of spreadsheets (core/imports.py): the largest file, the most rows, and how far an
# XLSX file (a zip archive) may unpack before it is refused as a zip bomb.
INFOHARBOR_IMPORT_MAX_BYTES = int(os.environ.get("INFOHARBOR_IMPORT_MAX_BYTES", "10000000"))
INFOHARBOR_IMPORT_MAX_ROWS = int(os.environ.get("INFOHARBOR_IMPORT_MAX_ROWS", "20000"))
INFOHARBOR_IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("INFOHARBOR_IMPORT_MAX_UNPACKED_BYTES", "100000000")
)

# Every handler drops private tokens from the addresses it logs (core/logs.py); the development
# server's request lines keep Django's format.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private_links": {"()": "infoharbor.core.logs.RedactPrivateLinks"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["private_links"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["private_links"],
        },
    },
    # Django's own handlers (a console for DEBUG, mail to ADMINS) are dropped: its records reach
    # the root's console, filtered.
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
