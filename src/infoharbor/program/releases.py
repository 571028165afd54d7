"""Schedule releases, as pretalx makes them: the program editors work on, made public in versions.

`pending_changes` compares the program as edited with the last release (what moved, was added,
removed or changed), for the release page's preview and for the release's change list;
`release_schedule` makes a new version public. Public reads (queries.program_items and the
filters) follow `current_release`; a forum that never released shows its program as edited.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from infoharbor.core import audit, locking
from infoharbor.core.audit import Actor
from infoharbor.core.models import Forum
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import ReleasedSession, ScheduleRelease, Session, SessionSpeaker

ADDED, REMOVED, MOVED, CHANGED = "added", "removed", "moved", "changed"
# What a change list compares besides the time and the place, in the order it names them.
CONTENT_FIELDS = ("kind", "title", "description", "parent", "language", "interpretation")
RELATED_FIELDS = ("speakers", "platforms", "hosts")


_MEMO = "_current_schedule_release"


def current_release(forum: Forum) -> ScheduleRelease | None:
    """The forum's latest release, looked up once per Forum object (one per request)."""
    if not hasattr(forum, _MEMO):
        # Without its change list: public reads need the version, and a first release of a
        # 500-session program lists 500 additions (decoding them cost more than the page).
        latest = (
            ScheduleRelease.objects.filter(forum=forum)
            .order_by("-released_at", "-id")
            .defer("changes")
        )
        setattr(forum, _MEMO, latest.first())
    release: ScheduleRelease | None = getattr(forum, _MEMO)
    return release


def _placement(start: Any, end: Any, city_id: int, room_id: int | None) -> dict[str, Any]:
    return {"start": start.isoformat(), "end": end.isoformat(), "city": city_id, "room": room_id}


def _content(session: Session) -> dict[str, Any]:
    return {
        "kind": session.kind,
        "title": session.title.data,
        "description": session.description.data,
        "parent": session.parent.slug if session.parent else None,
        "language": session.language,
        "interpretation": list(session.interpretation or []),
        "speakers": [[s.person.public_id, s.role] for s in session.speakers.all()],
        "platforms": sorted(p.code for p in session.platforms.all()),
        "hosts": sorted(o.pk for o in session.hosts.all()),
    }


def _edited(forum: Forum) -> list[Session]:
    speakers = SessionSpeaker.objects.select_related("person").order_by("order", "id")
    return list(
        Session.objects.filter(forum=forum)
        .select_related("parent")
        .prefetch_related(Prefetch("speakers", queryset=speakers), "platforms", "hosts")
        .order_by("start", "end", "id")
    )


def _change(kind: str, slug: str, title: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {"change": kind, "slug": slug, "title": title, **extra}


def pending_changes(forum: Forum) -> list[dict[str, Any]]:
    """What a release now would change, in time order: added, moved, changed, then removed."""
    release = current_release(forum)
    before = {s.session_id: s for s in release.slots.all()} if release else {}
    changes = []
    sessions = _edited(forum)
    for session in sessions:
        after = _placement(session.start, session.end, session.city_id, session.room_id)
        slot = before.get(session.pk)
        if slot is None:
            changes.append(_change(ADDED, session.slug, session.title.data, after=after))
            continue
        was = _placement(slot.start, slot.end, slot.city_id, slot.room_id)
        content = _content(session)
        fields = [
            f for f in (*CONTENT_FIELDS, *RELATED_FIELDS) if slot.content.get(f) != content[f]
        ]
        if was != after:
            changes.append(
                _change(
                    MOVED, session.slug, session.title.data, before=was, after=after, fields=fields
                )
            )
        elif fields:
            changes.append(_change(CHANGED, session.slug, session.title.data, fields=fields))
    kept = {session.pk for session in sessions}
    for slot in before.values():
        if slot.session_id not in kept:
            was = _placement(slot.start, slot.end, slot.city_id, slot.room_id)
            changes.append(_change(REMOVED, slot.slug, slot.title.data, before=was))
    return changes


def release_schedule(
    actor: Actor, forum: Forum, version: str, note: TranslatedText | None = None
) -> ScheduleRelease:
    """Make the program as edited public as `version`, with its change list since the last.

    Refused (ValidationError on `version`) for a version the forum already released, or when
    nothing changed since the last release.
    """
    version = version.strip()
    with locking.lock(Forum, [forum.pk]):
        if not version:
            raise ValidationError({"version": _("Give the release a version, e.g. 2 or 1.1.")})
        if ScheduleRelease.objects.filter(forum=forum, version=version).exists():
            raise ValidationError(
                {"version": _("Version “%(version)s” was released before.") % {"version": version}}
            )
        forum.__dict__.pop(_MEMO, None)  # another process may have released meanwhile
        previous = current_release(forum)
        changes = pending_changes(forum)
        if previous is not None and not changes:
            raise ValidationError(
                {
                    "version": _("Nothing changed since version “%(version)s”.")
                    % {"version": previous.version}
                }
            )
        release = ScheduleRelease.objects.create(
            forum=forum,
            version=version,
            note=note or TranslatedText({}),
            released_at=timezone.now(),
            released_by=actor if isinstance(actor, get_user_model()) else None,
            changes=changes,
        )
        ReleasedSession.objects.bulk_create(
            ReleasedSession(
                release=release,
                session=session,
                slug=session.slug,
                title=session.title,
                start=session.start,
                end=session.end,
                city_id=session.city_id,
                room_id=session.room_id,
                content=_content(session),
            )
            for session in _edited(forum)
        )
        setattr(forum, _MEMO, release)
        audit.record(
            actor,
            "schedule.released",
            release,
            forum=forum,
            after=audit.snapshot(release),
            extra={"changes": len(changes)},
        )
        return release
