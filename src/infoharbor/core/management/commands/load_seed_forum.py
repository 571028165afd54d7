from typing import Any

from django.core.management.base import BaseCommand

from infoharbor.core.seed import load_seed_forum


class Command(BaseCommand):
    help = "Load the 3rd China-ASEAN Information Harbor Forum (slug caihf-3). Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        forum = load_seed_forum(report=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(
            self.style.SUCCESS(f"Seed forum ready: /{forum.default_language}/forums/{forum.slug}/")
        )
