"""The program's sections of a forum folder: `sessions.toml`, one [[session]] table per session,
and `releases.toml`, the schedule releases made public.

Read by `core.forum_loader`. Sessions are saved through `program.services.save_session`, so a
file's sessions pass the same checks (dates, rooms, people in two places) as the editor's; a
second load finds each session again by its slug.
"""

from __future__ import annotations

from typing import Any

from infoharbor.core.forum_loader import Loader, forum_section
from infoharbor.core.models import Forum
from infoharbor.program import kinds, services
from infoharbor.program.models import ScheduleRelease, Session, SessionSpeaker
from infoharbor.program.releases import release_schedule
from infoharbor.program.services import SpeakerSpec

DEFAULT_INTERPRETATION = ["en", "th", "vi"]


@forum_section("sessions", after=("places", "platforms", "people"))
def load(forum: Forum, data: dict[str, Any], loader: Loader) -> str:
    entries = loader.items(data, "session")
    for path, spec in entries:
        with loader.entry(*path):
            slug = loader.value(spec, "slug", path, str)
            session = Session.objects.filter(forum=forum, slug=slug).first() or Session(
                forum=forum, slug=slug
            )
            session.kind = loader.choice(spec, "kind", path, [k.code for k in kinds.all_kinds()])
            session.title = loader.text(spec, "title", path)
            session.description = loader.text(spec, "description", path, required=False)
            session.city = loader.get("city", spec.get("city"), [*path, "city"])
            room = spec.get("room")
            session.room = loader.get("room", room, [*path, "room"]) if room else None
            session.start = loader.moment(spec, "start", path)
            session.end = loader.moment(spec, "end", path)
            parent = spec.get("parent")
            session.parent = loader.get("session", parent, [*path, "parent"]) if parent else None
            session.language = loader.choice(
                spec, "language", path, forum.languages, default=forum.default_language
            )
            session.interpretation = list(
                loader.value(spec, "interpretation", path, list, default=DEFAULT_INTERPRETATION)
            )
            session.synthetic = loader.value(spec, "synthetic", path, bool, default=False)
            session.provenance = loader.value(spec, "provenance", path, str, default="")
            speakers = []
            for speaker_path, speaker in loader.items(spec, "speakers", path):
                speakers.append(
                    SpeakerSpec(
                        loader.get("person", speaker.get("person"), [*speaker_path, "person"]),
                        loader.choice(
                            speaker,
                            "role",
                            speaker_path,
                            list(SessionSpeaker.Role.values),
                            default=SessionSpeaker.Role.SPEAKER,
                        ),
                    )
                )
            platforms = [
                loader.get("platform", code, [*path, "platforms"])
                for code in loader.value(spec, "platforms", path, list, default=[])
            ]
            saved = services.save_session(None, session, speakers=speakers, platforms=platforms)
            loader.add("session", slug, saved)
    sub_forums = sum(1 for _path, s in entries if s.get("kind") == kinds.SUB_FORUM.code)
    return f"{len(entries)} sessions, {sub_forums} sub-forums"


@forum_section("releases", after=("sessions",))
def load_releases(forum: Forum, data: dict[str, Any], loader: Loader) -> str:
    """`releases.toml`: [[release]] tables (version, note) released in order, once each: a
    release already made is kept, so loading again leaves later edits as work in progress."""
    entries = loader.items(data, "release")
    made = 0
    for path, spec in entries:
        with loader.entry(*path):
            version = loader.value(spec, "version", path, str)
            note = loader.text(spec, "note", path, required=False)
            if not ScheduleRelease.objects.filter(forum=forum, version=version).exists():
                release_schedule(None, forum, version, note)
                made += 1
    return f"{len(entries)} schedule releases, {made} new"
