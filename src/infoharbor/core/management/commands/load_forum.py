from typing import Any

from django.core.management.base import BaseCommand, CommandError

from infoharbor.core.forum_loader import ForumFilesRefused, load_forum


class Command(BaseCommand):
    help = (
        "Load a forum described in files (a folder with forum.toml, places.toml, sessions.toml …; "
        "see docs/organisers.md). All or nothing; loading it again brings it up to date."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="the forum's folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            forum = load_forum(options["path"], report=lambda line: self.stdout.write(f"  {line}"))
        except ForumFilesRefused as refused:
            raise CommandError(
                "Nothing was loaded:\n" + "\n".join(f"  {p}" for p in refused.problems)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(f"Forum ready: /{forum.default_language}/forums/{forum.slug}/")
        )
