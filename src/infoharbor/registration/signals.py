"""What registration tells others, and what of it public pages show.

`registration_cancelled` tells the apps built on registration, which it cannot import, that a
registration ended: sent with `participant=` inside the cancelling transaction, so a receiver's
writes commit or roll back with it. Receivers connect in their AppConfig.ready.

`watch_content` names, for the forum's content version (core.content_version), the
registration form's categories and questions, so that the form's kept structure
(queries.registration_form) is read anew after an edit.
"""

from __future__ import annotations

from django.db.models import Q
from django.dispatch import Signal

from infoharbor.core.content_version import watch
from infoharbor.registration.models import Category, Question

registration_cancelled = Signal()


def watch_content() -> None:
    watch(Category, lambda category: Q(pk=category.forum_id))
    watch(Question, lambda question: Q(pk=question.forum_id))
