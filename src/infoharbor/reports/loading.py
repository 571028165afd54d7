"""The forum loader's `report.toml` (core/forum_loader.py): the forum's report settings, its
series, the attendance reported for an edition not run here, the earlier editions to load
from their own folders beside this one (small synthetic forums, for the series' record), and
`published = true` to publish the generated press release in every language of the forum.

The release freezes the figures as they stand when it is published, so this section runs after
every section whose data the figures read (the program, registrations, projects, run sheets),
and publishes last, after the earlier editions its record compares with."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from infoharbor.core.figures import DEFAULT_CURRENCY
from infoharbor.core.forum_loader import ForumFilesRefused, Loader, forum_section, load_forum
from infoharbor.core.models import Forum
from infoharbor.reports import services
from infoharbor.reports.models import ReportSettings


@forum_section("report", after=("sessions", "registration", "projects", "protocol"))
def load(forum: Forum, data: dict[str, Any], loader: Loader) -> str:
    with loader.entry():
        settings = ReportSettings.objects.filter(forum=forum).first() or ReportSettings(forum=forum)
        settings.series = loader.value(data, "series", [], str, default="")
        settings.currency = loader.value(data, "currency", [], str, default=DEFAULT_CURRENCY)
        settings.stalled_after_days = loader.value(data, "stalled_after_days", [], int, default=180)
        if "reported_attendance" in data:
            settings.reported_attendance = loader.value(data, "reported_attendance", [], int)
            settings.attendance_source = loader.text(data, "attendance_source", [])
        services.save_settings(None, settings)
    loaded = []
    for i, name in enumerate(data.get("earlier_editions", [])):
        where: list[str | int] = ["earlier_editions", i]
        if not isinstance(name, str) or "/" in name or name.startswith(".") or not name:
            loader.error(where, _("Name a folder beside this forum's folder."))
            continue
        try:
            edition = load_forum(loader.folder.parent / name, report=lambda line: None)
        except ForumFilesRefused as refused:
            for problem in refused.problems:
                loader.error(where, f"{name}/{problem}")
            continue
        loaded.append(edition.slug)
    published = False
    with loader.entry():
        if loader.value(data, "published", [], bool, default=False) and not loader.problems:
            for language in forum.content_languages():
                try:
                    services.publish_generated(forum, language)
                except services.ReleaseError as refused:
                    raise loader.fail(["published"], f"{language}: {refused}") from refused
            published = True
    return (
        f"series {settings.series or '-'}"
        + (f", earlier editions {', '.join(loaded)}" if loaded else "")
        + (f", published in {len(forum.content_languages())} languages" if published else "")
    )
