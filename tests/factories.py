"""Builders for test data: each makes a valid object with sensible defaults, overridable."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from infoharbor.api.services import issue_api_token
from infoharbor.core.models import (
    City,
    Forum,
    ForumRole,
    Organization,
    Person,
    Platform,
    Room,
    Venue,
)
from infoharbor.core.services import set_travel_time
from infoharbor.core.translated import TranslatedText
from infoharbor.matchmaking import services as matchmaking_services
from infoharbor.matchmaking.models import BusinessProfile, Topic
from infoharbor.program import services as program_services
from infoharbor.program.models import Session
from infoharbor.program.services import SpeakerSpec
from infoharbor.projects import services as project_services
from infoharbor.projects.models import ExchangeRate, Project
from infoharbor.protocol.models import Rank
from infoharbor.registration import services as registration_services
from infoharbor.registration.models import Category, Participant, Question
from infoharbor.registration.services import PersonInput, RegistrationInput

_seq = itertools.count(1)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def text(en: str, **others: str) -> TranslatedText:
    return TranslatedText({"en": en, **{k.replace("_", "-"): v for k, v in others.items()}})


def make_forum(**fields: Any) -> Forum:
    n = next(_seq)
    defaults: dict[str, Any] = {
        "slug": f"forum-{n}",
        "name": text(f"Forum {n}", zh_hans=f"论坛 {n}", th=f"ฟอรั่ม {n}"),
        "start_date": dt.date(2018, 9, 11),
        "end_date": dt.date(2018, 9, 18),
        "timezone": "Asia/Shanghai",
        "languages": ["zh-hans", "en", "th"],
        "default_language": "zh-hans",
        "is_published": True,
    }
    defaults.update(fields)
    return Forum.objects.create(**defaults)


def make_city(name: str = "", country: str = "CN", **names: str) -> City:
    return City.objects.create(name=text(name or f"City {next(_seq)}", **names), country=country)


def make_room(forum: Forum, city: City, name: str = "", capacity: int | None = 100) -> Room:
    venue = Venue.objects.create(forum=forum, city=city, name=text(f"Venue {next(_seq)}"))
    return Room.objects.create(
        venue=venue, name=text(name or f"Room {next(_seq)}"), capacity=capacity
    )


def make_platform(forum: Forum, code: str = "", name: str = "") -> Platform:
    code = code or f"platform-{next(_seq)}"
    return Platform.objects.create(forum=forum, code=code, name=text(name or code))


def make_organization(
    forum: Forum, name: str = "", country: str = "CN", **fields: Any
) -> Organization:
    fields.setdefault("kind", Organization.Kind.ENTERPRISE)
    return Organization.objects.create(
        forum=forum, name=text(name or f"Org {next(_seq)}"), country=country, **fields
    )


def make_person(forum: Forum, name: str = "", name_latin: str = "", **fields: Any) -> Person:
    n = next(_seq)
    return Person.objects.create(
        forum=forum, name=name or f"人 {n}", name_latin=name_latin or f"Person {n}", **fields
    )


def at(day: int, hhmm: str) -> dt.datetime:
    """A moment on `day` September 2018, Shanghai time."""
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime(2018, 9, day, hour, minute, tzinfo=SHANGHAI)


def make_session(
    forum: Forum,
    city: City,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    speakers: list[Person] | None = None,
    kind: str = "sub_forum",
    title: str = "",
    **fields: Any,
) -> Session:
    n = next(_seq)
    start = start or at(12, "09:00")
    session = Session(
        forum=forum,
        city=city,
        slug=fields.pop("slug", f"session-{n}"),
        kind=kind,
        title=text(title or f"Session {n}"),
        start=start,
        end=end or start + dt.timedelta(hours=1),
        **fields,
    )
    return program_services.save_session(
        None, session, speakers=[SpeakerSpec(p) for p in speakers or []]
    )


def make_user(username: str = "", **fields: Any) -> Any:
    return get_user_model().objects.create_user(
        username=username or f"user{next(_seq)}", password="pw-for-tests-only", **fields
    )


def make_organiser(forum: Forum, role: str = ForumRole.Role.OWNER, **fields: Any) -> Any:
    user = make_user(is_staff=True, **fields)
    ForumRole.objects.create(forum=forum, user=user, role=role)
    return user


def link_cities(a: City, b: City, minutes: int) -> None:
    set_travel_time(a, b, minutes)


def make_api_token(user: Any, name: str = "test client") -> str:
    """A bearer token for `user`; returns the raw value to send."""
    return issue_api_token(None, user, name)[1]


def make_project(
    forum: Forum, *, parties: list[tuple[Organization, str]] | None = None, **fields: Any
) -> Any:
    """A signed project (through the service, so its history starts); parties default to one."""
    n = next(_seq)
    platforms = fields.pop("platforms", [])
    defaults: dict[str, Any] = {
        "reference": f"p-{n}",
        "title": text(f"Project {n}", zh_hans=f"项目 {n}"),
        "kind": Project.Kind.CONTRACT,
        "signed_on": forum.start_date,
        "amount": 1_000_000,
        "currency": "CNY",
    }
    defaults.update(fields)
    project = Project(forum=forum, **defaults)
    specs = [
        project_services.PartySpec(org, role)
        for org, role in (parties or [(make_organization(forum), "funder")])
    ]
    return project_services.save_project(None, project, parties=specs, platforms=platforms)


def make_rate(
    currency: str, rate: str, day: dt.date, base: str = "GBP", forum: Forum | None = None
) -> Any:
    return ExchangeRate.objects.create(
        forum=forum, base=base, currency=currency, date=day, rate=Decimal(rate), source="test rates"
    )


# --- registration -------------------------------------------------------------------------------


def make_category(
    forum: Forum, code: str = "", needs_approval: bool = False, **fields: Any
) -> Category:
    code = code or f"category-{next(_seq)}"
    return Category.objects.create(
        forum=forum,
        code=code,
        name=fields.pop("name", text(code, zh_hans=f"类别 {code}", th=f"ประเภท {code}")),
        needs_approval=needs_approval,
        **fields,
    )


def make_question(forum: Forum, code: str = "", kind: str = "text", **fields: Any) -> Question:
    code = code or f"question-{next(_seq)}"
    return Question.objects.create(
        forum=forum, code=code, kind=kind, label=fields.pop("label", text(code)), **fields
    )


def set_capacity(session: Session, capacity: int | None) -> None:
    registration_services.set_capacity(None, session, capacity)


def registration_input(category: Category, **fields: Any) -> RegistrationInput:
    n = next(_seq)
    person = {"name": f"参会者 {n}", "name_latin": f"Participant {n}", "email": f"p{n}@example.org"}
    person.update(fields.pop("person", {}))
    fields.setdefault("language", "en")
    return RegistrationInput(person=PersonInput(**person), category=category.code, **fields)


def make_participant(
    category: Category, sessions: list[Session] | None = None, **fields: Any
) -> Participant:
    """A participant registered through the service, with seats or waiting-list places."""
    source = fields.pop("source", "web")
    data = registration_input(category, sessions=[s.slug for s in sessions or []], **fields)
    return registration_services.register(category.forum, data, source=source).participant


# --- badges and check-in ------------------------------------------------------------------------


def make_approved_participant(
    category: Category, name: str = "", name_latin: str = "", country: str = "", **fields: Any
) -> Participant:
    """A participant whose registration the registration desk has approved."""
    given = {"name": name, "name_latin": name_latin, "country": country}
    person = {key: value for key, value in given.items() if value}
    participant = make_participant(category, person=person, **fields)
    if participant.status != Participant.Status.APPROVED:
        participant = registration_services.approve(None, participant)
    return participant


def make_door_staff(forum: Forum, **fields: Any) -> Any:
    return make_organiser(forum, role=ForumRole.Role.DOOR_STAFF, **fields)


# --- people's photos ----------------------------------------------------------------------------


def photo_upload(
    kind: str = "PNG", size: tuple[int, int] = (40, 50), name: str = "", padding: int = 0
) -> SimpleUploadedFile:
    """A small image made with Pillow, as a browser would upload it; `padding` adds bytes."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=kind)
    content_types = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
    return SimpleUploadedFile(
        name or f"photo.{kind.lower()}",
        buffer.getvalue() + b"\0" * padding,
        content_type=content_types.get(kind, "application/octet-stream"),
    )


# --- matchmaking --------------------------------------------------------------------------------


def make_topic(
    forum: Forum, code: str, keywords: dict[str, list[str]] | None = None, **names: str
) -> Topic:
    return Topic.objects.create(
        forum=forum, code=code, name=text(code, **names), keywords=keywords or {}
    )


def make_profile(
    participant: Participant, *opportunities: Any, language: str = "en"
) -> BusinessProfile:
    """A business profile with `opportunities` (matchmaking OpportunitySpec values)."""
    return matchmaking_services.save_profile(
        participant,
        summary="",
        language=language,
        open_to_meetings=True,
        opportunities=list(opportunities),
    )


# --- protocol -----------------------------------------------------------------------------------


def make_rank(forum: Forum, code: str = "", order: int = 0, name: str = "") -> Rank:
    code = code or f"rank-{next(_seq)}"
    return Rank.objects.create(forum=forum, code=code, name=text(name or code), order=order)


def make_signing_session(forum: Forum, city: City, **fields: Any) -> Session:
    return make_session(forum, city, kind="signing", **fields)
