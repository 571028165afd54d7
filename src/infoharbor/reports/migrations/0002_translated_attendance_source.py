"""The source of an edition's reported attendance becomes translated text: each source so far is
kept as its English.

A new column is filled and then takes the old one's name, rather than the column being altered
in place: PostgreSQL cannot cast the text to JSON, and a table rewritten in this transaction
would make each update queue a deferred key check that the next ALTER TABLE refuses.
"""

from django.db import migrations

import infoharbor.core.translated


def sources_to_text(apps, schema_editor):
    ReportSettings = apps.get_model("reports", "ReportSettings")
    for pk, source in ReportSettings.objects.values_list("pk", "attendance_source"):
        ReportSettings.objects.filter(pk=pk).update(
            translated_source={"en": source} if source else {}
        )


def text_to_sources(apps, schema_editor):
    ReportSettings = apps.get_model("reports", "ReportSettings")
    for pk, text in ReportSettings.objects.values_list("pk", "translated_source"):
        source = text.data.get("en") or next(iter(text.data.values()), "")
        ReportSettings.objects.filter(pk=pk).update(attendance_source=source[:300])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportsettings",
            name="translated_source",
            field=infoharbor.core.translated.TranslatedField(
                blank=True, default=dict, verbose_name="source of the attendance"
            ),
        ),
        migrations.RunPython(sources_to_text, text_to_sources),
        migrations.RemoveField(model_name="reportsettings", name="attendance_source"),
        migrations.RenameField(
            model_name="reportsettings", old_name="translated_source", new_name="attendance_source"
        ),
    ]
