"""A delegation's name becomes translated text: each name so far is kept as the text of its
head's language (the language they registered in), or of the forum's language when it has no
head.

A new column is filled and then takes the old one's name, as in reports/0002: PostgreSQL cannot
cast the text to JSON in place.
"""

from django.db import migrations, models

import infoharbor.core.translated


def names_to_text(apps, schema_editor):
    Delegation = apps.get_model("registration", "Delegation")
    rows = Delegation.objects.values_list("pk", "name", "head__language", "forum__default_language")
    for pk, name, head_language, forum_language in rows:
        Delegation.objects.filter(pk=pk).update(
            translated_name={head_language or forum_language: name} if name else {}
        )


def text_to_names(apps, schema_editor):
    Delegation = apps.get_model("registration", "Delegation")
    rows = Delegation.objects.values_list(
        "pk", "translated_name", "head__language", "forum__default_language"
    )
    for pk, text, head_language, forum_language in rows:
        values = text.data
        name = values.get(head_language) or values.get(forum_language)
        name = name or next(iter(values.values()), "")
        Delegation.objects.filter(pk=pk).update(name=name[:200])


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0009_meeting_emails"),
    ]

    operations = [
        # A default for the plain name, so that going back can add its column to existing rows.
        migrations.AlterField(
            model_name="delegation",
            name="name",
            field=models.CharField(default="", max_length=200, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="delegation",
            name="translated_name",
            field=infoharbor.core.translated.TranslatedField(default=dict, verbose_name="name"),
        ),
        migrations.RunPython(names_to_text, text_to_names),
        migrations.RemoveField(model_name="delegation", name="name"),
        migrations.RenameField(
            model_name="delegation", old_name="translated_name", new_name="name"
        ),
        migrations.AlterModelOptions(
            name="delegation",
            options={
                "ordering": ["forum_id", "id"],
                "verbose_name": "delegation",
                "verbose_name_plural": "delegations",
            },
        ),
    ]
