"""Backup and restore of a whole installation: the database and the uploaded files, for operators.

`backup(path)` writes one tar file holding `manifest.json`, the database and every file under
MEDIA_ROOT (`media/...`); `restore(path)` puts the database and the files back exactly as they
were. The database is copied while the site runs:

- SQLite through its online backup API, which copies a consistent snapshot page by page while
  other connections keep reading and writing;
- PostgreSQL with `pg_dump --format=custom` (one consistent snapshot), restored with
  `pg_restore --clean --if-exists --single-transaction`, so a failed restore changes nothing.

A restore replaces everything: stop the app processes first (docs/operators.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

FORMAT_VERSION = 1
SQLITE_NAME = "database.sqlite3"
POSTGRESQL_NAME = "database.pgdump"
MEDIA_DIR = "media"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    engine: str
    files: int


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def _pg_environment(alias: str) -> tuple[dict[str, str], str]:
    """Connection settings for pg_dump and pg_restore, passed in the environment, not argv."""
    db = connections[alias].settings_dict
    env = {**os.environ}
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    return env, str(db["NAME"])


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            _("%(program)s is not installed (Debian: apt-get install postgresql-client).")
            % {"program": command[0]}
        ) from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]}: {error.stderr.strip()}") from None


def _dump_database(alias: str, engine: str, into: Path) -> Path:
    if engine == "sqlite":
        target = into / SQLITE_NAME
        source = sqlite3.connect(connections[alias].settings_dict["NAME"])
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
            source.close()
        return target
    target = into / POSTGRESQL_NAME
    env, name = _pg_environment(alias)
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", name], env)
    return target


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def backup(path: Path, alias: str = "default") -> BackupSummary:
    """Write the database and the uploaded files to the tar file `path` (replaced if present)."""
    engine = _engine(alias)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = Path(settings.MEDIA_ROOT)
    files = _media_files()
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        database = _dump_database(alias, engine, Path(work))
        manifest = {
            "format": FORMAT_VERSION,
            "engine": engine,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "files": len(files),
        }
        (Path(work) / "manifest.json").write_text(json.dumps(manifest, indent=1))
        partial = Path(work) / "backup.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(Path(work) / "manifest.json", arcname="manifest.json")
            archive.add(database, arcname=database.name)
            for file in files:
                archive.add(file, arcname=f"{MEDIA_DIR}/{file.relative_to(root).as_posix()}")
        # Written aside and renamed, so `path` is never a half-written backup.
        partial.replace(path)
    return BackupSummary(path, engine, len(files))


def _read_manifest(archive: tarfile.TarFile) -> dict[str, object]:
    try:
        member = archive.extractfile("manifest.json")
    except KeyError:
        member = None
    if member is None:
        raise BackupError(_("This file is not an InfoHarbor backup (no manifest.json)."))
    manifest: dict[str, object] = json.loads(member.read())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(_("This backup's format is not one this version can restore."))
    return manifest


def _restore_database(alias: str, engine: str, source: Path) -> None:
    connections[alias].close()
    if engine == "sqlite":
        backup_copy = sqlite3.connect(source)
        live = sqlite3.connect(connections[alias].settings_dict["NAME"], timeout=20)
        try:
            with live:
                backup_copy.backup(live)
        finally:
            live.close()
            backup_copy.close()
        return
    env, name = _pg_environment(alias)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={name}",
            str(source),
        ],
        env,
    )


def _restore_media(extracted: Path) -> None:
    """Make MEDIA_ROOT hold exactly the backup's files: the new tree is moved in whole."""
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    incoming = extracted / MEDIA_DIR
    incoming.mkdir(exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=root.parent))
    shutil.move(str(incoming), staged / "media")
    old = staged / "old"
    if root.exists():
        root.rename(old)
    (staged / "media").rename(root)
    shutil.rmtree(staged)


def restore(path: Path, alias: str = "default") -> BackupSummary:
    """Replace the database and the uploaded files with those of the backup at `path`."""
    engine = _engine(alias)
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("No backup file at %(path)s.") % {"path": path})
    with tarfile.open(path) as archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive)
        if manifest.get("engine") != engine:
            raise BackupError(
                _("This backup holds a %(backup)s database; this installation uses %(here)s.")
                % {"backup": manifest.get("engine"), "here": engine}
            )
        # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
        archive.extractall(work, filter="data")
        database = Path(work) / (SQLITE_NAME if engine == "sqlite" else POSTGRESQL_NAME)
        if not database.is_file():
            raise BackupError(_("This backup holds no database."))
        _restore_database(alias, engine, database)
        _restore_media(Path(work))
    return BackupSummary(path, engine, int(str(manifest.get("files", 0))))
