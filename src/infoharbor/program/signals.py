"""What of the program public pages show, for the forum's content version (core.content_version).

People and organizations count only when the program shows them (speakers, hosts): a
registration creates people too, and must not replace the version (nor lock the forum row).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from infoharbor.core.content_version import watch, watch_many
from infoharbor.core.models import Organization, Person
from infoharbor.program.models import ScheduleRelease, Session, SessionSpeaker


def _forum_of_session_side(instance: Any, pk_set: set[int]) -> Q:
    # Either side of sessions' platforms and hosts belongs to exactly one forum.
    return Q(pk=instance.forum_id)


def watch_content() -> None:
    watch(Session, lambda session: Q(pk=session.forum_id))
    # A release changes what the public program shows (its slots are written with it).
    watch(ScheduleRelease, lambda release: Q(pk=release.forum_id))
    watch(SessionSpeaker, lambda speaker: Q(sessions=speaker.session_id))
    # A new person or organization speaks at and hosts nothing yet (every registration makes
    # one): the speaker row or the hosts' relation bumps the version when it comes.
    watch(
        Person,
        lambda person: Q(pk=person.forum_id, sessions__speakers__person=person.pk),
        on_create=False,
    )
    watch(
        Organization,
        lambda org: (
            Q(pk=org.forum_id)
            & (Q(sessions__hosts=org.pk) | Q(sessions__speakers__person__organization=org.pk))
        ),
        on_create=False,
    )
    watch_many(Session.platforms.through, _forum_of_session_side)
    watch_many(Session.hosts.through, _forum_of_session_side)
