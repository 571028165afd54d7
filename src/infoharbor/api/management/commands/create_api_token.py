"""`infoharbor create_api_token <username> <name>`: a bearer token for an organiser's software."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from infoharbor.api.services import issue_api_token


class Command(BaseCommand):
    help = "Issue an API token for a user and print it; it is shown this once and never again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. the name of the software.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(
                _("No user is called “%(username)s”.") % {"username": options["username"]}
            )
        try:
            _token, raw = issue_api_token(None, user, options["name"])
        except ValidationError as invalid:
            raise CommandError(" ".join(invalid.messages)) from invalid
        # The token alone on stdout, so scripts can capture it; the advice goes to stderr.
        self.stdout.write(raw)
        self.stderr.write(_("Store this token now: it cannot be shown again."))
