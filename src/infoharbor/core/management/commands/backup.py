from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from infoharbor.core.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the database and every uploaded file to one tar file; safe while the site runs "
        "(docs/operators.md, “Backup and restore”)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file to write, e.g. backup.tar")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup(options["path"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Backed up the %(engine)s database and %(files)s files to %(path)s.")
                % {"engine": summary.engine, "files": summary.files, "path": summary.path}
            )
        )
