"""What registration tells the apps built on it, which it cannot import: a registration that
ended (`registration_cancelled`, sent with `participant=` inside the cancelling transaction, so
a receiver's writes commit or roll back with it). Receivers connect in their AppConfig.ready."""

from django.dispatch import Signal

registration_cancelled = Signal()
