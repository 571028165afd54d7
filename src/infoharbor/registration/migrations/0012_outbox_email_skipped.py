"""Emails of synthetic participants are "skipped", not failed: their addresses are invented, so
they were never tried and the console has nothing to flag. Those a forum loaded from files
earlier marked as failed, with the reason written out, become skipped."""

from django.db import migrations, models

# What the loader wrote on each before there was a status for it.
WRITTEN_BEFORE = (
    "Not sent: a synthetic participant of a forum loaded from files (invented address)."
)


def skip(apps, schema_editor):
    OutboxEmail = apps.get_model("registration", "OutboxEmail")
    OutboxEmail.objects.filter(status="failed", last_error=WRITTEN_BEFORE).update(
        status="skipped", last_error=""
    )


class Migration(migrations.Migration):
    dependencies = [("registration", "0011_field_names")]

    operations = [
        migrations.AlterField(
            model_name="outboxemail",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "waiting to be sent"),
                    ("sent", "sent"),
                    ("failed", "gave up"),
                    ("skipped", "not sent: synthetic participant"),
                ],
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(skip, migrations.RunPython.noop),
    ]
