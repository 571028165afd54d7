from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from infoharbor.core.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and every uploaded file with those of a backup; stop the app "
        "processes first (docs/operators.md, “Backup and restore”)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a file written by `infoharbor backup`")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing everything"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            question = _("This replaces the whole database and every uploaded file. Go on?")
            if input(f"{question} [y/N] ").strip().lower() not in {"y", "yes"}:
                raise CommandError(_("Nothing was restored."))
        try:
            summary = restore(options["path"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored the %(engine)s database and %(files)s files from %(path)s.")
                % {"engine": summary.engine, "files": summary.files, "path": summary.path}
            )
        )
