from typing import Any

from infoharbor.core.forum_loader import SEED_FOLDER
from infoharbor.core.management.commands.load_forum import Command as LoadForum


class Command(LoadForum):
    help = "Load the 3rd China-ASEAN Information Harbor Forum (slug caihf-3). Safe to run again."

    def add_arguments(self, parser: Any) -> None:
        pass

    def handle(self, *args: Any, **options: Any) -> None:
        super().handle(*args, path=str(SEED_FOLDER), **options)
