"""The project's WSGI application with the locks switched off, for control runs' live servers."""

from infoharbor.wsgi import application
from tests import unsafe_locking

unsafe_locking.install()

__all__ = ["application"]
