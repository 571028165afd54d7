"""Erasing one participant's personal data: nothing of them stays, every count stays right."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from infoharbor.core.models import AuditEntry, Person
from infoharbor.registration import queries, services
from infoharbor.registration.door import queries as door_queries
from infoharbor.registration.door import services as door_services
from infoharbor.registration.erasure import PLACEHOLDER, erase_participant
from infoharbor.registration.models import (
    Answer,
    OutboxEmail,
    Participant,
    SessionCapacity,
    SessionChoice,
)
from infoharbor.registration.outbox import deliver_due
from tests.factories import (
    at,
    make_category,
    make_city,
    make_door_staff,
    make_forum,
    make_organiser,
    make_participant,
    make_question,
    make_session,
    photo_upload,
    set_capacity,
)
from tests.tables import cells_containing

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

PERSONAL = {
    "name": "Nguyễn Văn An",
    "name_latin": "Nguyen Van An",
    "email": "an.nguyen@example.vn",
    "phone": "+84 24 3943 5555",
}
PASSPORT = "C1234567"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def forum():
    return make_forum(slug="harbor")


@pytest.fixture
def visit(forum):
    session = make_session(forum, make_city(), slug="visit", start=at(12, "09:00"))
    set_capacity(session, 1)
    return session


def _counts(forum, visit):
    inside, _rooms = door_queries.live_counts(forum, at(12, "09:00").date())
    return {
        "statuses": queries.status_counts(forum),
        "inside": [(c.session.slug, c.inside, c.refused) for c in inside],
        "seats": SessionCapacity.objects.get(session=visit).seats_taken,
        "choices": sorted(SessionChoice.objects.values_list("participant_id", "status")),
    }


def _lived(forum, visit, django_capture_on_commit_callbacks):
    """A participant with answers, an uploaded file, a photo, emails, a seat and a check-in."""
    make_question(forum, "passport")
    make_question(forum, "letter", kind="file")
    category = make_category(forum, needs_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        registered = make_participant(
            category,
            [visit],
            person=PERSONAL,
            answers={
                "passport": PASSPORT,
                "letter": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 an invitation"),
            },
        )
        participant = services.approve(make_organiser(forum, role="registration_desk"), registered)
        services.request_info(None, make_participant(category, sessions=[visit]), "Passport?")
        services.change_photo(participant, photo_upload())
    door = door_services.Door(forum, "Hall A", make_door_staff(forum))
    assert door_services.scan(door, participant.badge_code, visit, at(12, "09:05")).allowed
    deliver_due()
    return Participant.objects.select_related("person").get(pk=participant.pk)


def test_erasure_removes_every_personal_value_from_every_table(
    client, forum, visit, django_capture_on_commit_callbacks
):
    participant = _lived(forum, visit, django_capture_on_commit_callbacks)
    person = participant.person
    owner = make_organiser(forum)
    client.force_login(owner)
    # An admin edit leaves the names in the audit log and in the admin's own history.
    edited = client.post(
        f"/en/admin/core/person/{person.pk}/change/",
        {
            "forum": forum.pk,
            "name": person.name,
            "name_latin": "Nguyen V. An",
            "email": person.email,
        },
    )
    assert edited.status_code == 302
    assert AuditEntry.objects.get(action="person.changed").changes == {
        "name_latin": ["Nguyen Van An", "Nguyen V. An"]
    }
    files = [person.photo.name, Answer.objects.get(question__code="letter").file.name]
    old_token, old_badge = participant.token, participant.badge_code
    assert all(default_storage.exists(name) for name in files)
    assert cells_containing(PERSONAL["name"]) != set()

    with django_capture_on_commit_callbacks(execute=True):
        erase_participant(owner, participant)

    for value in [*PERSONAL.values(), "Nguyen V. An", PASSPORT, old_token, old_badge, *files]:
        assert cells_containing(value) == set(), value
    assert [default_storage.exists(name) for name in files] == [False, False]
    person = Person.objects.get(pk=person.pk)
    assert (person.name, person.name_latin, person.email, person.photo.name) == (
        PLACEHOLDER,
        "",
        "",
        "",
    )
    assert (
        list(OutboxEmail.objects.filter(participant=participant).values("to", "body"))
        == [{"to": "", "body": ""}] * OutboxEmail.objects.filter(participant=participant).count()
    )


def test_erasure_keeps_status_seat_waiting_list_and_live_counts(
    forum, visit, django_capture_on_commit_callbacks
):
    participant = _lived(forum, visit, django_capture_on_commit_callbacks)
    before = _counts(forum, visit)
    assert before["seats"] == 1
    assert before["inside"] == [("visit", 1, 0)]

    erase_participant(make_organiser(forum), participant)

    assert _counts(forum, visit) == before
    erased = Participant.objects.get(pk=participant.pk)
    assert (erased.status, erased.category_id) == ("approved", participant.category_id)


def test_erasure_is_audited_without_personal_data_and_scrubs_earlier_entries(
    forum, visit, django_capture_on_commit_callbacks
):
    participant = _lived(forum, visit, django_capture_on_commit_callbacks)
    owner = make_organiser(forum)

    erase_participant(owner, participant)

    entry = AuditEntry.objects.get(action="participant.erased")
    assert (entry.actor, entry.object_id, entry.object_repr, entry.changes) == (
        owner,
        str(participant.pk),
        PLACEHOLDER,
        {},
    )
    earlier = AuditEntry.objects.filter(
        object_type="registration.participant", object_id=str(participant.pk)
    ).exclude(pk=entry.pk)
    assert {e.object_repr for e in earlier} == {"erased"}
    assert [e.action for e in earlier.order_by("pk")] == [
        "participant.registered",
        "participant.approved",
        "participant.photo_changed",
    ]


def test_erased_private_link_and_badge_lead_nowhere(
    client, forum, visit, django_capture_on_commit_callbacks
):
    participant = _lived(forum, visit, django_capture_on_commit_callbacks)
    erase_participant(make_organiser(forum), participant)

    assert client.get(f"/en/forums/harbor/registration/{participant.token}/").status_code == 404
    door = door_services.Door(forum, "Hall A", make_door_staff(forum))
    scan = door_services.scan(door, participant.badge_code, visit, at(12, "10:00"))
    assert (scan.allowed, scan.reason) == (False, "unknown_code")


def test_desk_erasure_asks_first_and_is_for_owners_only(
    client, forum, visit, django_capture_on_commit_callbacks
):
    participant = _lived(forum, visit, django_capture_on_commit_callbacks)
    page = f"/en/forums/harbor/orga/participants/{participant.person.public_id}/"
    client.force_login(make_organiser(forum, role="registration_desk"))
    assert "Erase personal data" not in client.get(page).content.decode()
    assert client.get(f"{page}erase/").status_code == 403
    assert client.post(f"{page}erase/").status_code == 403

    client.force_login(make_organiser(forum))
    assert f'href="{page}erase/"' in client.get(page).content.decode()
    confirm = client.get(f"{page}erase/")
    assert confirm.status_code == 200
    assert Participant.objects.get(pk=participant.pk).person.name == PERSONAL["name"]
    erased = client.post(f"{page}erase/")

    assert erased["Location"] == "/en/forums/harbor/orga/participants/"
    assert Participant.objects.get(pk=participant.pk).person.name == PLACEHOLDER
    assert AuditEntry.objects.filter(action="participant.erased").count() == 1
