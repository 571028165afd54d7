"""The label of a status code, for lists whose current status is an annotated column."""

from django import template

from infoharbor.projects.models import StatusChange

register = template.Library()


@register.filter
def status_label(code: str | None) -> str:
    return str(StatusChange.Status(code).label) if code else ""
