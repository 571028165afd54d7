"""What the program makes searchable: its sessions, and the people who speak at them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from infoharbor.core import search
from infoharbor.core.models import Person
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import Session, SessionSpeaker


def public_people() -> QuerySet[Person]:
    """Only people who speak at a session are public; nobody else's name or data is ever shown."""
    speaking = SessionSpeaker.objects.filter(person=OuterRef("pk"))
    return Person.objects.filter(Exists(speaking)).select_related("forum")


def register_types() -> None:
    search.register(
        search.Searchable(
            model=Session,
            fields=("title", "description"),
            title=lambda session: session.title,
            url=lambda session: reverse("program:session", args=[session.forum.slug, session.slug]),
            key=lambda session: session.slug,
            public=lambda: Session.objects.select_related("forum"),
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
