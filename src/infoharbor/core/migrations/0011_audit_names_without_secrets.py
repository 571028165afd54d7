"""Audit entries written when an invitation was named with its email ("<forum> · <email>"):
each is renamed as invitations now name themselves, without it."""

from django.db import migrations


def rename(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    named = AuditEntry.objects.filter(object_type="core.invitation", object_repr__contains="@")
    for entry in named:
        forum = entry.object_repr.rsplit(" · ", 1)[0]
        entry.object_repr = f"{forum} · #{entry.object_id}"
        entry.save(update_fields=["object_repr"])


class Migration(migrations.Migration):
    dependencies = [("core", "0010_field_names")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
