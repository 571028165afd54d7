from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from infoharbor.core.models import Forum
from infoharbor.core.search import reindex


class Command(BaseCommand):
    help = "Rebuild the search index of every forum (or of one, by slug) from the indexed objects."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--forum", help="slug of the one forum to reindex")

    def handle(self, *args: Any, **options: Any) -> None:
        forum = Forum.objects.get(slug=options["forum"]) if options["forum"] else None
        for object_type, count in reindex(forum).items():
            self.stdout.write(f"  {object_type}: {count}")
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
