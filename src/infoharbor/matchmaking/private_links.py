"""The B2B meetings page on the participant's private page."""

from django.utils.translation import gettext_lazy as _

from infoharbor.registration.private_links import private_link

private_link(_("My B2B meetings"), "matchmaking:meetings", order=10)
