"""The email that carries an invitation to a forum's team, sent on the task path.

Declared here, not in core/tasks.py (the path itself) nor in core/services.py (which enqueues it):
core's AppConfig imports this module, so web processes and Celery workers both know the task.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from infoharbor.core import tasks
from infoharbor.core.models import ForumRole, Invitation


def invitation_url(invitation: Invitation) -> str:
    path = reverse("core:accept_invitation", args=[invitation.token])
    return f"{settings.INFOHARBOR_BASE_URL}{path}"


@tasks.task("core.send_invitation")
def send_invitation(invitation_id: int) -> None:
    """Send the invitation in its language; a withdrawn or accepted one is not sent."""
    invitation = Invitation.objects.select_related("forum").filter(pk=invitation_id).first()
    if invitation is None or invitation.withdrawn or invitation.accepted_at is not None:
        return
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "roles": [ForumRole.Role(role).label for role in invitation.roles],
            "url": invitation_url(invitation),
        }
        subject = _("Invitation to the team of %(forum)s") % {"forum": invitation.forum.name}
        body = render_to_string("core/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])
