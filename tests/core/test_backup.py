"""Backup and restore: after a restore every table holds the same rows, every file its bytes."""

import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from infoharbor.core.models import Organization
from infoharbor.program.models import Session
from infoharbor.registration import services as registration_services
from infoharbor.registration.models import Participant
from tests.factories import (
    make_category,
    make_city,
    make_forum,
    make_organization,
    make_participant,
    make_project,
    make_session,
    photo_upload,
    text,
)

pytestmark = pytest.mark.integration


def _tables():
    """Every table's rows, in a stable order, read with plain SQL."""
    with connection.cursor() as cursor:
        tables = {}
        for name in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(name)}")
            tables[name] = sorted(repr(row) for row in cursor.fetchall())
        return tables


def _files(root):
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def installation(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    forum = make_forum(slug="harbor")
    city = make_city("Nanning")
    session = make_session(forum, city, slug="opening")
    session.hosts.add(make_organization(forum, name="Host Bureau"))
    category = make_category(forum, "guest")
    for n in range(3):
        participant = make_participant(category, sessions=[session])
        registration_services.change_photo(participant, photo_upload(name=f"p{n}.png"))
    make_project(forum)
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "documents" / "agreement.pdf").write_bytes(b"%PDF-1.7 signed")
    return forum


def test_restore_brings_back_every_table_and_every_file(installation, settings, tmp_path):
    media = settings.MEDIA_ROOT
    before_tables, before_files = _tables(), _files(media)
    assert len(before_files) == 4
    call_command("backup", str(tmp_path / "backup.tar"))

    Participant.objects.first().delete()
    session = Session.objects.get(slug="opening")
    session.title = text("Changed after the backup")
    session.save()
    make_organization(installation, name="Created after the backup")
    (media / "documents" / "agreement.pdf").write_bytes(b"overwritten")
    (media / "documents" / "new.pdf").write_bytes(b"new after the backup")
    assert _tables() != before_tables

    call_command("restore", str(tmp_path / "backup.tar"), "--yes")

    assert _tables() == before_tables
    assert _files(media) == before_files
    assert not Organization.objects.filter(name__en="Created after the backup").exists()


def test_backup_is_one_tar_with_manifest_database_and_files(installation, tmp_path):
    call_command("backup", str(tmp_path / "backup.tar"))
    with tarfile.open(tmp_path / "backup.tar") as archive:
        names = archive.getnames()
    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    assert names[:2] == ["manifest.json", database]
    assert sorted(n for n in names[2:] if n.startswith("media/documents/")) == [
        "media/documents/agreement.pdf"
    ]
    assert len(names) == 6


def test_restore_refuses_a_file_that_is_no_backup(transactional_db, tmp_path):
    bogus = tmp_path / "bogus.tar"
    with tarfile.open(bogus, "w"):
        pass
    with pytest.raises(CommandError, match=r"not an InfoHarbor backup \(no manifest.json\)"):
        call_command("restore", str(bogus), "--yes")
