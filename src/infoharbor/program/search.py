"""What the program makes searchable: its sessions, the people who speak at them, and the
organizations that host sessions or send their speakers (which the program publishes)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from infoharbor.core import search
from infoharbor.core.models import Person
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import ReleasedSession, ScheduleRelease, Session, SessionSpeaker


def public_people() -> QuerySet[Person]:
    """Only people who speak at a session are public; nobody else's name or data is ever shown."""
    speaking = SessionSpeaker.objects.filter(person=OuterRef("pk"))
    return Person.objects.filter(Exists(speaking)).select_related("forum")


def released_sessions() -> QuerySet[Session]:
    """Sessions in their forum's current schedule release (every session of a forum that never
    released): unreleased work in progress is not found by visitors."""
    latest = ScheduleRelease.objects.filter(forum=OuterRef(OuterRef("forum_id"))).order_by(
        "-released_at", "-id"
    )
    in_latest = ReleasedSession.objects.filter(
        session=OuterRef("pk"), release=Subquery(latest.values("pk")[:1])
    )
    never = ~Exists(ScheduleRelease.objects.filter(forum=OuterRef("forum_id")))
    return Session.objects.filter(Exists(in_latest) | never).select_related("forum")


def hosts_or_sends_speakers() -> Q:
    hosting = Session.hosts.through.objects.filter(organization=OuterRef("pk"))
    speaking = SessionSpeaker.objects.filter(person__organization=OuterRef("pk"))
    return Q(Exists(hosting)) | Q(Exists(speaking))


def register_types() -> None:
    search.publish_organizations("program", hosts_or_sends_speakers)
    search.register(
        search.Searchable(
            model=Session,
            fields=("title", "description"),
            title=lambda session: session.title,
            url=lambda session: reverse("program:session", args=[session.forum.slug, session.slug]),
            key=lambda session: session.slug,
            public=released_sessions,
        )
    )
    search.register(
        search.Searchable(
            model=Person,
            fields=("name", "name_latin", "honorific", "position"),
            title=lambda person: TranslatedText(str(person)),
            url=lambda person: reverse(
                "program:speaker", args=[person.forum.slug, person.public_id]
            ),
            key=lambda person: person.public_id,
            public=public_people,
        )
    )
