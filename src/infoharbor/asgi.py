"""ASGI entry point for uvicorn: `uvicorn infoharbor.asgi:application`."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infoharbor.settings")
application = get_asgi_application()
