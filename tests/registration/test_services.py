import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from infoharbor.core import imports as core_imports
from infoharbor.core import tasks
from infoharbor.core.models import AuditEntry
from infoharbor.registration import imports, services
from infoharbor.registration.models import (
    Answer,
    Delegation,
    OutboxEmail,
    Participant,
    SessionCapacity,
    SessionChoice,
    normalise_email,
)
from infoharbor.registration.outbox import deliver_due
from infoharbor.registration.queries import choices_of
from tests.factories import (
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_question,
    make_session,
    registration_input,
    set_capacity,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def forum():
    return make_forum(slug="harbor", name={"en": "Harbor Forum", "th": "ฟอรั่มฮาร์เบอร์"})


@pytest.fixture
def session(forum):
    return make_session(forum, make_city("Nanning"), slug="digital-silk-road")


def _seat_map(session):
    return {
        c.participant.person.name_latin: (c.status, c.queue_number)
        for c in SessionChoice.objects.filter(session=session).select_related("participant__person")
    }


def test_register_open_category_approves_and_gives_a_seat(forum, session):
    guest = make_category(forum, "guest", needs_approval=False)

    result = services.register(
        forum, registration_input(guest, sessions=[session.slug], person={"name_latin": "Ann"})
    )

    assert result.participant.status == Participant.Status.APPROVED
    assert [(o.session.slug, o.status, o.position) for o in result.outcomes] == [
        ("digital-silk-road", "seat", None)
    ]
    assert list(OutboxEmail.objects.values_list("kind", flat=True)) == ["approved"]


def test_register_category_needing_approval_waits_for_review(forum):
    official = make_category(forum, "official", needs_approval=True)

    participant = services.register(forum, registration_input(official)).participant

    assert participant.status == Participant.Status.PENDING
    assert list(OutboxEmail.objects.values_list("kind", flat=True)) == ["received"]


def test_register_full_session_puts_the_rest_on_the_waiting_list_in_order(forum, session):
    guest = make_category(forum, needs_approval=False)
    set_capacity(session, 2)

    positions = [
        services.register(forum, registration_input(guest, sessions=[session.slug]))
        .outcomes[0]
        .position
        for _ in range(4)
    ]

    assert positions == [None, None, 1, 2]
    cap = SessionCapacity.objects.get(session=session)
    assert (cap.seats_taken, cap.queue_counter) == (2, 2)
    assert OutboxEmail.objects.filter(kind="waitlisted").count() == 2


def test_cancel_gives_the_freed_seat_to_the_first_waiting_with_a_notice(forum, session):
    guest = make_category(forum, needs_approval=False)
    set_capacity(session, 1)
    first = make_participant(guest, [session], person={"name_latin": "First"})
    make_participant(guest, [session], person={"name_latin": "Second", "email": "second@x.org"})
    make_participant(guest, [session], person={"name_latin": "Third"})

    services.cancel(first)

    assert _seat_map(session) == {"Second": ("seat", None), "Third": ("waiting", 2)}
    third = Participant.objects.get(person__name_latin="Third")
    assert [p for _c, p in choices_of(third)] == [1]
    freed = OutboxEmail.objects.get(kind="seat_freed")
    assert freed.to == "second@x.org"
    assert SessionCapacity.objects.get(session=session).seats_taken == 1
    assert Participant.objects.get(pk=first.pk).status == Participant.Status.CANCELLED


def test_reject_frees_the_seat_for_the_waiting_list(forum, session):
    official = make_category(forum, needs_approval=True)
    set_capacity(session, 1)
    desk = make_organiser(forum, role="registration_desk")
    first = make_participant(official, [session], person={"name_latin": "First"})
    make_participant(official, [session], person={"name_latin": "Second"})

    services.reject(desk, first)

    assert _seat_map(session) == {"Second": ("seat", None)}
    entry = AuditEntry.objects.get(action="participant.rejected")
    assert entry.actor == desk
    assert entry.changes["status"] == ["pending", "rejected"]
    assert entry.changes["released"] == ["digital-silk-road"]


def test_change_sessions_releases_dropped_seat_and_claims_new_one(forum, session):
    guest = make_category(forum, needs_approval=False)
    other = make_session(forum, session.city, slug="smart-city")
    set_capacity(session, 1)
    mover = make_participant(guest, [session], person={"name_latin": "Mover"})
    make_participant(guest, [session], person={"name_latin": "Waiting"})

    result = services.change_sessions(mover, ["smart-city"])

    assert [(o.session.slug, o.status) for o in result.outcomes] == [("smart-city", "seat")]
    assert _seat_map(session) == {"Waiting": ("seat", None)}
    assert _seat_map(other) == {"Mover": ("seat", None)}


def test_raising_capacity_seats_the_waiting_list(forum, session):
    guest = make_category(forum, needs_approval=False)
    set_capacity(session, 1)
    for name in ["A", "B", "C"]:
        make_participant(guest, [session], person={"name_latin": name})

    set_capacity(session, 2)

    assert _seat_map(session) == {"A": ("seat", None), "B": ("seat", None), "C": ("waiting", 2)}


def test_lowering_capacity_below_seats_given_is_refused(forum, session):
    guest = make_category(forum, needs_approval=False)
    set_capacity(session, 3)
    make_participant(guest, [session])
    make_participant(guest, [session])

    with pytest.raises(services.RegistrationError) as raised:
        set_capacity(session, 1)

    assert raised.value.message_dict == {
        "capacity": ["2 seats are already given; the capacity cannot be lower."]
    }


def test_approve_records_audit_and_sends_approved_and_badge_ready(forum):
    official = make_category(forum, needs_approval=True)
    desk = make_organiser(forum, role="registration_desk")
    participant = make_participant(official, person={"email": "amb@example.org"})
    deliver_due()
    mail.outbox.clear()

    services.approve(desk, participant)
    deliver_due()

    assert Participant.objects.get(pk=participant.pk).status == Participant.Status.APPROVED
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("[Harbor Forum] Registration approved", ["amb@example.org"]),
        ("[Harbor Forum] Your badge is ready", ["amb@example.org"]),
    ]
    assert AuditEntry.objects.get(action="participant.approved").actor == desk


def test_approve_twice_is_refused(forum):
    desk = make_organiser(forum)
    participant = make_participant(make_category(forum, needs_approval=False))

    with pytest.raises(services.RegistrationError):
        services.approve(desk, participant)


def test_request_info_then_participant_answers_returns_to_review(forum):
    official = make_category(forum, needs_approval=True)
    make_question(forum, "passport", kind="text", required=True)
    desk = make_organiser(forum, role="registration_desk")
    participant = make_participant(official, answers={"passport": "E123"})

    services.request_info(desk, participant, "Please give your passport's expiry date.")
    participant.refresh_from_db()
    assert participant.status == Participant.Status.NEEDS_INFO
    deliver_due()
    assert "Please give your passport's expiry date." in mail.outbox[-1].body

    services.provide_info(participant, {"passport": "E123, valid until 2030-01-01"})

    participant.refresh_from_db()
    assert participant.status == Participant.Status.PENDING
    assert Answer.objects.get(participant=participant).value == "E123, valid until 2030-01-01"
    assert AuditEntry.objects.filter(action="participant.info_provided").count() == 1


def test_request_info_without_message_is_refused(forum):
    participant = make_participant(make_category(forum, needs_approval=True))

    with pytest.raises(services.RegistrationError) as raised:
        services.request_info(None, participant, "  ")

    assert raised.value.message_dict == {"message": ["Say what information is missing."]}


def test_register_names_every_bad_field(forum):
    make_category(forum, "guest", is_public=True)
    make_category(forum, "staff", is_public=False)
    make_question(forum, "diet", kind="choice", options=[{"value": "veg", "label": {"en": "Veg"}}])
    make_question(forum, "visa", kind="yes_no", required=True)
    make_question(forum, "arrival", kind="date")
    data = services.RegistrationInput(
        person=services.PersonInput(name=" ", email="not-an-email", country="Thailand"),
        category="staff",
        language="xx",
        answers={"diet": "fish", "arrival": "12/09/2018", "shoe": "42"},
        sessions=["nowhere"],
    )

    with pytest.raises(services.RegistrationError) as raised:
        services.register(forum, data)

    assert raised.value.message_dict == {
        "person.name": ["Give the name as written in your own script."],
        "person.email": ["Give a valid email address."],
        "person.country": ["Use an ISO 3166-1 alpha-2 code, e.g. CN or TH."],
        "language": ["Unknown language."],
        "category": ["Choose one of the forum's categories."],
        "answers.shoe": ["The forum asks no such question."],
        "answers.diet": ["Choose one of the options."],
        "answers.visa": ["This question needs an answer."],
        "answers.arrival": ["Give a date as YYYY-MM-DD."],
        "sessions": ["No such session: nowhere"],
    }
    assert Participant.objects.count() == 0


def test_register_same_email_twice_is_refused(forum):
    guest = make_category(forum)
    make_participant(guest, person={"email": "twice@example.org"})

    with pytest.raises(services.RegistrationError) as raised:
        services.register(forum, registration_input(guest, person={"email": "Twice@example.org"}))

    assert list(raised.value.message_dict) == ["person.email"]


def test_register_saves_answers_and_organization(forum):
    guest = make_category(forum)
    make_question(forum, "diet", kind="choice", options=[{"value": "halal", "label": "Halal"}])
    make_question(forum, "visa", kind="yes_no")

    participant = make_participant(
        guest,
        answers={"diet": "halal", "visa": "no"},
        language="th",
        person={"organization": "กระทรวงดิจิทัล", "organization_kind": "government"},
    )

    answers = {a.question.code: a.value for a in participant.answers.all()}
    assert answers == {"diet": "halal", "visa": "no"}
    assert participant.person.organization.name.data == {"th": "กระทรวงดิจิทัล"}
    again = make_participant(guest, language="th", person={"organization": "กระทรวงดิจิทัล"})
    assert again.person.organization_id == participant.person.organization_id


def test_head_of_delegation_registers_members(forum):
    guest = make_category(forum)
    head = make_participant(guest, delegation_name="Thai delegation", person={"country": "TH"})
    delegation = Delegation.objects.get(head=head)

    member = services.register(
        forum,
        registration_input(guest),
        source=Participant.Source.DELEGATION,
        delegation=delegation,
    ).participant

    # Named in the language its head registered in.
    assert (delegation.name.data, delegation.country) == ({"en": "Thai delegation"}, "TH")
    assert list(delegation.members.all()) == [member]


# --- one email address, however it is typed ---------------------------------------------------


def test_normalise_email_folds_case_width_and_surrounding_spaces():
    assert normalise_email("  ＷＡＮＧ.Li＠Example.ORG\t") == "wang.li@example.org"


def test_same_email_through_form_api_and_import_is_one_person(client, forum, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_category(forum, "guest", needs_approval=False)
    # Typed with a Chinese input method: full-width letters.
    form = {"name": "王力", "organization_kind": "government", "category": "guest"}
    response = client.post(
        "/en/forums/harbor/register/", {**form, "email": "ｗａｎｇ.ｌｉ＠ｅｘａｍｐｌｅ.ｏｒｇ"}
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert (participant.person.email, participant.email_key) == (
        "wang.li@example.org",
        "wang.li@example.org",
    )

    api = client.post(
        "/api/v1/forums/harbor/registrations",
        {"person": {"name": "Wang Li", "email": " Wang.Li@EXAMPLE.org "}, "category": "guest"},
        content_type="application/json",
    )
    assert (api.status_code, api.json()) == (
        422,
        {"detail": {"person.email": ["This email address is already registered at this forum."]}},
    )

    upload = SimpleUploadedFile(
        "d.csv", "name,email,category\n王力,WANG.LI@example.org ,guest\n".encode()
    )
    options = {"delegation": "China", "country": "CN"}
    job = core_imports.start_job(None, forum, imports.KIND, upload, options)
    tasks.discard_pending()  # the test runs the job itself
    job = core_imports.run_job(job.pk)
    assert [(e["row"], e["column"], e["message"]) for e in job.errors] == [
        (2, "email", "This email address is already registered at this forum.")
    ]
    assert Participant.objects.count() == 1


# --- badge, category and delegation changes -------------------------------------------------------


def test_change_category_and_delegation_are_audited(forum):
    guest, speaker = make_category(forum, "guest"), make_category(forum, "speaker")
    delegation = Delegation.objects.create(forum=forum, name="Lao PDR")
    participant = make_participant(guest)

    services.change_category(None, participant, speaker)
    services.change_delegation(None, participant, delegation)

    participant.refresh_from_db()
    assert (participant.category, participant.delegation) == (speaker, delegation)
    entries = AuditEntry.objects.filter(
        action__in=["participant.category_changed", "participant.delegation_changed"]
    )
    assert sorted((e.action, e.changes) for e in entries) == [
        ("participant.category_changed", {"category": [guest.pk, speaker.pk]}),
        ("participant.delegation_changed", {"delegation": [None, delegation.pk]}),
    ]


def test_change_to_another_forums_category_or_delegation_is_refused(forum):
    participant = make_participant(make_category(forum, "guest"))
    other = make_forum()

    with pytest.raises(services.RegistrationError) as category:
        services.change_category(None, participant, make_category(other, "guest"))
    with pytest.raises(services.RegistrationError) as delegation:
        services.change_delegation(
            None, participant, Delegation.objects.create(forum=other, name="X")
        )

    assert category.value.message_dict == {"category": ["Choose one of the forum's categories."]}
    assert delegation.value.message_dict == {
        "delegation": ["Choose one of the forum's delegations."]
    }


def test_reissued_badge_of_an_approved_participant_is_mailed(forum):
    participant = make_participant(make_category(forum, "guest", needs_approval=False))
    OutboxEmail.objects.all().delete()
    services.reissue_badge(None, participant)
    assert list(OutboxEmail.objects.values_list("kind", flat=True)) == ["badge_ready"]


# --- capacity changes promote the waiting list like any freed seat -------------------------------


def _promotions(session):
    return (
        sorted(
            AuditEntry.objects.filter(action="participant.seat_freed").values_list(
                "object_repr", flat=True
            )
        ),
        sorted(
            OutboxEmail.objects.filter(kind="seat_freed").values_list(
                "participant__person__name_latin", flat=True
            )
        ),
    )


def test_raising_capacity_promotes_with_audit_and_email(forum, session):
    guest = make_category(forum, needs_approval=False)
    set_capacity(session, 1)
    for name in ["A", "B", "C"]:
        make_participant(guest, [session], person={"name": name, "name_latin": name})

    set_capacity(session, 2)

    assert _promotions(session) == (["B"], ["B"])


def test_removing_the_limit_promotes_everyone_waiting_with_audit_and_email(forum, session):
    guest = make_category(forum, needs_approval=False)
    set_capacity(session, 1)
    for name in ["A", "B", "C"]:
        make_participant(guest, [session], person={"name": name, "name_latin": name})

    set_capacity(session, None)

    assert _seat_map(session) == {"A": ("seat", None), "B": ("seat", None), "C": ("seat", None)}
    assert _promotions(session) == (["B", "C"], ["B", "C"])
    assert not SessionCapacity.objects.filter(session=session).exists()
