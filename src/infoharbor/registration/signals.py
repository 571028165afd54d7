"""What of registration public pages show, for the forum's content version (core.content_version):
the registration form's categories and questions, so that the form's kept structure
(queries.registration_form) is read anew after an edit."""

from __future__ import annotations

from django.db.models import Q

from infoharbor.core.content_version import watch
from infoharbor.registration.models import Category, Question


def watch_content() -> None:
    watch(Category, lambda category: Q(pk=category.forum_id))
    watch(Question, lambda question: Q(pk=question.forum_id))
