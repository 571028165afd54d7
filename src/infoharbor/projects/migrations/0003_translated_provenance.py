"""Projects' provenance notes become translated text: each note so far is kept as its English."""

import json

from django.db import migrations, models

import infoharbor.core.translated


def _check_keys_now(schema_editor):
    """Run the foreign-key checks the updates queued, so that the next ALTER TABLE may run.

    The first ALTER rewrote the table, so every row is new in this transaction and PostgreSQL
    queues a deferred key check for each update; it refuses to alter a table with checks pending.
    """
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def notes_to_json(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    for pk, note in Project.objects.values_list("pk", "provenance"):
        Project.objects.filter(pk=pk).update(provenance=json.dumps({"en": note} if note else {}))
    _check_keys_now(schema_editor)


def json_to_notes(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    for pk, note in Project.objects.values_list("pk", "provenance"):
        Project.objects.filter(pk=pk).update(provenance=json.loads(note).get("en", ""))
    _check_keys_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_iso_countries_and_import_job_in_core"),
    ]

    operations = [
        # Text first, so a note longer than its JSON allows fits; then the JSON column.
        migrations.AlterField(
            model_name="project",
            name="provenance",
            field=models.TextField(blank=True, verbose_name="provenance"),
        ),
        migrations.RunPython(notes_to_json, json_to_notes),
        migrations.AlterField(
            model_name="project",
            name="provenance",
            field=infoharbor.core.translated.TranslatedField(
                blank=True, default=dict, verbose_name="provenance"
            ),
        ),
    ]
