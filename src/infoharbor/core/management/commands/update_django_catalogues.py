from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from infoharbor.core import catalogues


class Command(BaseCommand):
    help = (
        "Report, per UI language, the Django strings that Django leaves untranslated and our "
        "locale_django catalogue does not translate yet; --add-missing adds them, empty, to it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--add-missing", action="store_true")
        parser.add_argument(
            "languages", nargs="*", help="language codes (default: every UI language)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        languages = options["languages"] or [c for c, _n in settings.ALL_LANGUAGES if c != "en"]
        for domain in catalogues.DJANGO_COMPONENTS:
            for language in languages:
                todo = catalogues.update_gap_catalogue(
                    language, domain, add_missing=options["add_missing"]
                )
                self.stdout.write(f"{language} {domain}: {len(todo)} missing")
