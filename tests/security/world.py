"""The people and objects the access walk (test_access.py) needs, around the shared seed forum.

Every role of ROLES gets a client: anonymous, two participants (A and B, who hold nothing but
their private links), one user per organiser role at the seed forum, and the owner of another
forum. `url_kwargs` fills every URL pattern's arguments with objects of the seed forum that
belong to participant A (their meeting request, their seat), so participant B, who uses their
own private link with A's objects, must be refused wherever the page is A's.

The other forum holds one of each thing a seed page could show (a participant, an organization,
a session, a project), all named with LEAK_MARK, so a page of the seed forum that shows any of
them is found by a plain search.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.test import Client

from infoharbor.core.models import ForumRole, ImportJob, Invitation, Person, Platform, Room
from infoharbor.matchmaking import services as matchmaking
from infoharbor.matchmaking.services import OpportunitySpec
from infoharbor.program import kinds
from infoharbor.program.models import Session
from infoharbor.projects.models import Project
from infoharbor.protocol import services as protocol
from infoharbor.protocol.models import SeatingPlan, SeatingTable
from infoharbor.protocol.services import SignatorySpec
from infoharbor.registration import services as registration
from infoharbor.registration.badges import services as badges
from infoharbor.registration.models import Category, Delegation, Mailing, Participant
from tests.factories import (
    make_api_token,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_organization,
    make_profile,
    make_project,
    make_session,
    make_user,
    photo_upload,
    text,
)

Role = ForumRole.Role

# The columns of the access table, in this order.
ROLES = (
    "anonymous",
    "participant_a",
    "participant_b",
    "door_staff",
    "viewer",
    "other_owner",
    "owner",
    "program_editor",
    "registration_desk",
    "project_registrar",
    "protocol_officer",
)
PARTICIPANTS = ("participant_a", "participant_b")
ORGANISER_ROLES = {
    "door_staff": Role.DOOR_STAFF,
    "viewer": Role.VIEWER,
    "owner": Role.OWNER,
    "program_editor": Role.PROGRAM_EDITOR,
    "registration_desk": Role.REGISTRATION_DESK,
    "project_registrar": Role.PROJECT_REGISTRAR,
    "protocol_officer": Role.PROTOCOL_OFFICER,
}
# Who has no private link uses this one: it is nobody's.
NOBODYS_TOKEN = "n0b0dys-t0ken-n0b0dys-t0ken-0000"
LEAK_MARK = "Zqxleak"
CSRF_SECRET = "csrfsecretcsrfsecretcsrfsecret12"  # 32 characters: Django's unmasked secret


@dataclasses.dataclass
class World:
    forum: Any
    other_forum: Any
    a: Participant
    b: Participant
    other_participant: Participant
    users: dict[str, Any]
    api_tokens: dict[str, str]
    kwargs: dict[str, Any]  # by argument name
    kwargs_by_url: dict[str, dict[str, Any]]  # by URL name, where a name means different things
    api_bodies: dict[str, dict[str, Any]]  # a valid body for each API write, by URL name
    # The other forum's objects, by URL name, to be asked for under the seed forum's address.
    foreign_kwargs: dict[str, dict[str, Any]]

    def client(self, role: str) -> Client:
        """A client for `role`, with a CSRF cookie its POSTs send back (as a browser's would)."""
        client = Client(enforce_csrf_checks=True, HTTP_X_CSRFTOKEN=CSRF_SECRET)
        client.cookies["csrftoken"] = CSRF_SECRET
        if role in self.users:
            client.force_login(self.users[role])
        return client

    def token_of(self, role: str) -> str:
        if role == "participant_a":
            return self.a.token
        if role == "participant_b":
            return self.b.token
        return NOBODYS_TOKEN

    def url_kwargs(
        self, url_name: str, arguments: list[str], role: str, *, foreign: bool = False
    ) -> dict[str, Any]:
        """The pattern's arguments as `role` fills them: their own private link, A's objects;
        with `foreign`, the other forum's objects where it has them."""
        named = {**self.kwargs_by_url.get(url_name, {})}
        if foreign:
            named.update(self.foreign_kwargs[url_name])
        elif "token" not in named:
            named["token"] = self.token_of(role)
        given = {**self.kwargs, **named}
        missing = [name for name in arguments if name not in given]
        if missing:
            raise LookupError(f"{url_name}: no value for {missing}; add it in {__name__}")
        return {name: given[name] for name in arguments}


def _participant(category: Category, name: str, **fields: Any) -> Participant:
    return make_approved_participant(category, name=name, name_latin=name, country="TH", **fields)


def build(seed_forum: Any) -> World:
    forum = seed_forum
    users = {role: make_organiser(forum, role=value) for role, value in ORGANISER_ROLES.items()}

    other_forum = make_forum(
        slug="other-forum", is_published=False, name=text(f"{LEAK_MARK} Forum")
    )
    users["other_owner"] = make_organiser(other_forum, role=Role.OWNER)
    other_city = make_city(f"{LEAK_MARK} City")
    other_forum.cities.add(other_city)
    other_session = make_session(other_forum, other_city, title=f"{LEAK_MARK} session")
    other_organization = make_organization(other_forum, f"{LEAK_MARK} Organization", "VN")
    make_project(
        other_forum, title=text(f"{LEAK_MARK} project"), parties=[(other_organization, "partner")]
    )
    other_participant = _participant(make_category(other_forum), f"{LEAK_MARK} Person")
    other_ceremony = make_session(other_forum, other_city, kind=kinds.SIGNING.code)
    protocol.run_sheet_of(other_ceremony)
    other_plan = SeatingPlan.objects.create(forum=other_forum, name=text(f"{LEAK_MARK} dinner"))
    other_batch = badges.start_batch(users["other_owner"], other_forum)
    other_imports = {
        kind: ImportJob.objects.create(forum=other_forum, kind=kind, file_name="y.xlsx")
        for kind in ("participants", "projects")
    }

    category = Category.objects.filter(forum=forum).order_by("pk").first()
    answers = {"visa_letter": "no"}  # the seed's required question
    a, b, c, d = (
        _participant(category, f"Participant {name}", answers=answers)
        for name in ("Alpha", "Bravo", "Charlie", "Delta")
    )

    # A's matchmaking: C asked A for a meeting; A and D met at a booked slot.
    city = forum.cities.order_by("pk").first()
    negotiation = make_session(
        forum,
        city,
        kind=kinds.NEGOTIATION.code,
        start=dt.datetime(2018, 9, 14, 6, tzinfo=dt.UTC),
        end=dt.datetime(2018, 9, 14, 8, tzinfo=dt.UTC),
        title="Trade negotiations",
    )
    block = matchmaking.set_up_block(None, negotiation, slot_minutes=30, tables=4)
    for participant in (a, b, c, d):
        make_profile(participant, OpportunitySpec("offer", products="tea"))
    asked_a = matchmaking.request_meeting(c, a)
    met = matchmaking.request_meeting(a, d, message="met")
    matchmaking.accept(met, d, slot=block.slots.order_by("index").first())

    # A small ceremony and dinner of A's (the seed's own would make each PDF cost seconds).
    ceremony = make_session(forum, city, kind=kinds.SIGNING.code, title="Walk ceremony")
    run_sheet = protocol.run_sheet_of(ceremony)
    project = make_project(forum, parties=[(make_organization(forum, "Alpha Holdings"), "partner")])
    signing = protocol.add_signing(None, run_sheet, project, [SignatorySpec(a.person)])
    plan = SeatingPlan.objects.create(forum=forum, name=text("Walk dinner"))
    table = SeatingTable.objects.create(plan=plan, label="1", shape="round", seats=8, x=5, y=5)
    protocol.fix_seat(None, plan, a.person, table, 1)
    override = protocol.override_precedence(None, forum, b.person, a.person, "walk")
    registration.change_photo(a, photo_upload())

    owner = users["owner"]
    invitation = Invitation.objects.create(
        forum=forum, email="invitee@example.org", roles=["viewer"]
    )
    walkers = make_category(forum, "walkers")
    Participant.objects.filter(pk__in=[a.pk, b.pk]).update(category=walkers)
    batch = badges.render_batch(badges.start_batch(owner, forum, category=walkers).pk)
    Delegation.objects.create(forum=forum, name="Alpha's delegation", head=a)
    imports = {
        kind: ImportJob.objects.create(forum=forum, kind=kind, file_name="x.xlsx", status="refused")
        for kind in ("participants", "projects")
    }
    speaker = Person.objects.filter(forum=forum, session_roles__isnull=False).order_by("pk").first()
    session = Session.objects.filter(forum=forum, parent__isnull=True).order_by("pk").first()
    teammate = make_user()
    ForumRole.objects.create(forum=forum, user=teammate, role=Role.VIEWER)
    mailing = Mailing.objects.create(
        forum=forum, subject=text("Walk news"), body=text("Hello {name}"), submission="walk"
    )
    room = Room.objects.filter(venue__city__in=forum.cities.all()).order_by("pk").first()
    platform = Platform.objects.filter(forum=forum).order_by("pk").first()

    return World(
        forum=forum,
        other_forum=other_forum,
        a=a,
        b=b,
        other_participant=other_participant,
        users=users,
        api_tokens={role: make_api_token(user) for role, user in users.items()},
        kwargs={
            "slug": forum.slug,
            "token": NOBODYS_TOKEN,
            "session_slug": session.slug,
            "user_id": teammate.pk,
            "role": Role.VIEWER,
            "invitation_id": invitation.pk,
            "fmt": "csv",
            "pk": override.pk,
            "profile_id": c.business_profile.public_id,
        },
        kwargs_by_url={
            "core:accept_invitation": {"token": invitation.token},
            "program:speaker": {"public_id": speaker.public_id},
            "projects:project": {"public_id": project.public_id},
            "projects:edit_project": {"public_id": project.public_id},
            "projects:change_status": {"public_id": project.public_id},
            "projects:add_document": {"public_id": project.public_id},
            "projects:import_job": {"public_id": imports["projects"].public_id},
            "registration:import_job": {"public_id": imports["participants"].public_id},
            "registration:staff_photo": {"public_id": a.person.public_id},
            "registration:desk_participant": {"public_id": a.person.public_id},
            "registration:desk_erase": {"public_id": a.person.public_id},
            "badges:batch": {"public_id": batch.public_id},
            "badges:batch_pdf": {"public_id": batch.public_id},
            "matchmaking:answer": {"request_id": asked_a.public_id},
            "matchmaking:report": {"request_id": met.public_id},
            "matchmaking:outcome": {"request_id": met.public_id},
            **{
                f"protocol:{name}": {"session_slug": ceremony.slug, "pk": signing.pk}
                for name in (
                    "run_sheet",
                    "run_sheet_pdf",
                    "announcements_pdf",
                    "name_cards_pdf",
                    "stage_svg",
                )
            },
            **{
                f"protocol:{name}": {"public_id": plan.public_id}
                for name in ("seating", "seating_pdf", "table_cards_pdf", "my_seat")
            },
            **{
                f"protocol:{name}": {"public_id": plan.public_id}
                for name in ("edit_plan", "remove_plan")
            },
            "protocol:signing": {"session_slug": ceremony.slug, "pk": signing.pk},
            "protocol:layout": {"room_id": room.pk},
            "core:pick": {"kind": "person"},
            "registration:email_template": {"kind": "received", "language": "en"},
            "registration:email_template_reset": {"kind": "received", "language": "en"},
            "registration:mailing": {"public_id": mailing.public_id},
            "reports:chart": {"key": "participants-by-category", "fmt": "svg"},
            "reports:platform": {"code": platform.code},
            "api:session_calendar": {"session_slug": session.slug},
            "api:change_session": {"session_slug": session.slug},
            "api:remove_session": {"session_slug": session.slug},
        },
        api_bodies={
            "api:create_checkin": {"code": a.badge_code, "door": "Hall A"},
            "api:create_registration": {
                "person": {"name": "Walker", "email": "walker@example.org"},
                "category": category.code,
                "answers": answers,
            },
            "api:create_session": {
                "slug": "walk-new",
                "kind": kinds.SUB_FORUM.code,
                "title": {"en": "Walk"},
                "start": "2018-09-13T09:00",
                "end": "2018-09-13T10:00",
                "city": str(city.name.data["en"]).lower(),
            },
        },
        foreign_kwargs=_foreign_kwargs(
            token=other_participant.token,
            person=other_participant.person.public_id,
            project=Project.objects.get(forum=other_forum).public_id,
            session=other_session.slug,
            ceremony=other_ceremony.slug,
            plan=other_plan.public_id,
            batch=other_batch.public_id,
            imports={kind: job.public_id for kind, job in other_imports.items()},
        ),
    )


def _foreign_kwargs(
    token: str,
    person: str,
    project: str,
    session: str,
    ceremony: str,
    plan: str,
    batch: str,
    imports: dict[str, str],
) -> dict[str, dict[str, Any]]:
    by_url: dict[str, dict[str, Any]] = {
        "program:session": {"session_slug": session},
        "program:edit_session": {"session_slug": session},
        "api:session_calendar": {"session_slug": session},
        "api:change_session": {"session_slug": session},
        "api:remove_session": {"session_slug": session},
        "projects:import_job": {"public_id": imports["projects"]},
        "registration:import_job": {"public_id": imports["participants"]},
        "badges:batch": {"public_id": batch},
        "badges:batch_pdf": {"public_id": batch},
    }
    for name in ("project", "edit_project", "change_status", "add_document"):
        by_url[f"projects:{name}"] = {"public_id": project}
    for name in ("staff_photo", "desk_participant", "desk_erase"):
        by_url[f"registration:{name}"] = {"public_id": person}
    for name in ("manage", "change_sessions", "cancel", "info", "add_member", "change_photo"):
        by_url[f"registration:{name}"] = {"token": token}
    for name in ("photo", "agenda"):
        by_url[f"registration:{name}"] = {"token": token}
    by_url["badges:badge"] = {"token": token}
    for name in ("meetings", "profile", "agenda_ics", "agenda_pdf"):
        by_url[f"matchmaking:{name}"] = {"token": token}
    for name in ("run_sheet", "run_sheet_pdf", "announcements_pdf", "name_cards_pdf"):
        by_url[f"protocol:{name}"] = {"session_slug": ceremony}
    for name in ("seating", "seating_pdf", "table_cards_pdf"):
        by_url[f"protocol:{name}"] = {"public_id": plan}
    return by_url
