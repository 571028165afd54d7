import re

import pytest
from django import forms
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from infoharbor.core.models import AuditEntry, Forum
from infoharbor.core.translated import TranslatedText, forum_fallback
from infoharbor.registration import services
from infoharbor.registration.forms import RegistrationForm
from infoharbor.registration.models import OutboxEmail, Participant, SessionChoice
from tests.factories import (
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_question,
    make_session,
    set_capacity,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def forum():
    forum = make_forum(slug="harbor")
    make_category(forum, "guest", needs_approval=False)
    make_category(forum, "official", needs_approval=True)
    return forum


@pytest.fixture
def session(forum):
    return make_session(forum, make_city("Nanning"), slug="main-forum", title="Main forum")


def _form(**overrides):
    data = {
        "name": "สมชาย ใจดี",
        "name_latin": "Somchai Jaidee",
        "honorific": "ดร.",
        "position": "ผู้อำนวยการ",
        "organization": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
        "organization_kind": "government",
        "country": "TH",
        "email": "somchai@example.th",
        "phone": "+66 2 141 6747",
        "category": "official",
    }
    data.update(overrides)
    return data


def test_register_page_shows_the_form_in_thai(client, forum, session):
    response = client.get("/th/forums/harbor/register/")

    assert response.status_code == 200
    assert ("TH", "ไทย") in response.context["form"].fields["country"].choices
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_register_post_records_the_participant_in_the_page_language(client, forum, session):
    response = client.post("/th/forums/harbor/register/", _form(sessions=["main-forum"]))

    participant = Participant.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/th/forums/harbor/registration/{participant.token}/"
    assert (participant.language, participant.status) == ("th", "pending")
    assert participant.person.position.data == {"th": "ผู้อำนวยการ"}
    assert SessionChoice.objects.get().session == session


def _form_html(response):
    """The registration form's fields, as the page shows them (the CSRF token cut off)."""
    page = response.content.decode()
    start = page.index('<form class="registration"')
    return page[start : page.index("</form>", start)].split("\n", 1)[1]


def test_register_page_kept_blank_form_is_what_django_renders(client, forum, session):
    set_capacity(session, 5)
    make_question(forum, "diet", kind="choice", required=True, options=[{"value": "halal"}])

    first = client.get("/km/forums/harbor/register/")
    again = client.get("/km/forums/harbor/register/")

    with translation.override("km"), forum_fallback(forum):
        form = RegistrationForm(Forum.objects.get(pk=forum.pk))
        rendered = forms.Form.render(form)
    assert _form_html(first) == _form_html(again)
    assert str(rendered) in _form_html(again)
    assert 'name="q_diet"' in rendered and 'name="country"' in rendered


def test_register_page_writes_the_seats_left_as_the_language_writes_numbers(client, forum, session):
    set_capacity(session, 3000)
    make_participant(forum.categories.get(code="guest"), [session])

    thai = client.get("/th/forums/harbor/register/").content.decode()
    lao = client.get("/lo/forums/harbor/register/").content.decode()

    assert "เหลือ 2,999 ที่นั่ง จาก 3,000 ที่นั่ง" in thai
    assert "2.999" in lao and "3.000" in lao


def test_register_page_shows_every_edit_and_the_seats_left_at_once(client, forum, session):
    set_capacity(session, 2)
    assert "2 of 2 seats left" in client.get("/en/forums/harbor/register/").content.decode()

    guest = forum.categories.get(code="guest")
    guest.name = TranslatedText("Honoured guest")
    guest.save()
    make_question(forum, "diet", label=TranslatedText("Your diet"))
    session.title = TranslatedText("Opening plenary")
    session.save()
    make_participant(guest, [session])
    page = client.get("/en/forums/harbor/register/").content.decode()

    assert "Honoured guest" in page
    assert "Your diet" in page
    assert "Opening plenary" in page
    assert "1 of 2 seats left" in page


def test_register_post_without_csrf_token_is_refused(forum):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/th/forums/harbor/register/", _form())

    assert response.status_code == 403
    assert Participant.objects.count() == 0


def test_register_post_with_errors_names_the_fields(client, forum):
    make_question(forum, "visa", kind="yes_no", required=True)

    response = client.post("/en/forums/harbor/register/", _form(email="nope", name=""))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert sorted(errors) == ["email", "name", "q_visa"]
    assert "Please correct the fields marked below." in response.content.decode()
    assert Participant.objects.count() == 0


def test_register_duplicate_email_error_is_shown_on_the_email_field(client, forum):
    make_participant(forum.categories.get(code="guest"), person={"email": "somchai@example.th"})

    response = client.post("/en/forums/harbor/register/", _form())

    assert response.context["form"].errors["email"] == [
        "This email address is already registered at this forum."
    ]


def test_manage_page_shows_status_and_waiting_position(client, forum, session):
    guest = forum.categories.get(code="guest")
    set_capacity(session, 0)
    participant = make_participant(guest, [session])

    response = client.get(f"/en/forums/harbor/registration/{participant.token}/")

    page = response.content.decode()
    assert 'data-status="approved"' in page
    assert "waiting list, position 1" in page


@pytest.mark.parametrize(
    ("language", "held"),
    [
        ("en", "seat reserved for you"),
        ("km", "បានរក្សាកៅអីទុកសម្រាប់អ្នក"),
        ("zh-hans", "已为您保留座位"),
    ],
)
def test_manage_page_says_a_seat_is_reserved_in_words(client, forum, session, language, held):
    participant = make_participant(forum.categories.get(code="guest"), [session])

    page = client.get(f"/{language}/forums/harbor/registration/{participant.token}/")

    line = re.search(r'<li data-session="main-forum"[^>]*>(.*?)</li>', page.content.decode())
    assert line is not None
    assert line[1].endswith(f"Main forum — {held}")


def test_optional_choices_start_with_not_chosen_in_the_language(client, forum):
    page = client.get("/lo/forums/harbor/register/").content.decode()

    kind = re.search(
        r'<select name="organization_kind"[^>]*>\s*<option value="" selected>([^<]*)<', page
    )
    assert kind is not None
    assert kind[1] == "ບໍ່ໄດ້ເລືອກ"


def test_manage_page_with_a_wrong_token_is_404(client, forum):
    assert client.get("/en/forums/harbor/registration/not-a-token/").status_code == 404


def test_manage_change_sessions_and_cancel(client, forum, session):
    guest = forum.categories.get(code="guest")
    other = make_session(forum, session.city, slug="exhibition")
    participant = make_participant(guest, [session])
    base = f"/en/forums/harbor/registration/{participant.token}"

    client.post(f"{base}/sessions/", {"sessions": ["exhibition"]})
    assert list(SessionChoice.objects.values_list("session", flat=True)) == [other.pk]

    asked = client.post(f"{base}/cancel/")
    participant.refresh_from_db()
    assert (asked.status_code, participant.status) == (200, "approved")
    assert "Cancel your registration?" in asked.text

    client.post(f"{base}/cancel/", {"confirmed": "yes"})
    participant.refresh_from_db()
    assert participant.status == "cancelled"
    assert SessionChoice.objects.count() == 0


def test_agenda_is_valid_icalendar_with_one_event_per_session(client, forum, session):
    participant = make_participant(forum.categories.get(code="guest"), [session])

    response = client.get(f"/en/forums/harbor/registration/{participant.token}/agenda.ics")

    assert response["Content-Type"] == "text/calendar"
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Main forum"]
    assert str(events[0]["UID"]) == "main-forum@harbor.infoharbor"
    assert events[0]["DTSTAMP"].dt is not None
    assert events[0]["DTSTART"].dt == session.start
    assert str(events[0]["STATUS"]) == "CONFIRMED"
    assert calendar.errors == [] and events[0].errors == []


def test_head_of_delegation_registers_a_member_through_the_private_link(client, forum):
    head = make_participant(forum.categories.get(code="guest"), delegation_name="Lao delegation")

    response = client.post(
        f"/en/forums/harbor/registration/{head.token}/members/new/",
        _form(email="member@example.la", name="ສົມພອນ"),
    )

    assert response.status_code == 302
    member = Participant.objects.get(person__email="member@example.la")
    assert (member.delegation.head, member.source) == (head, "delegation")


@pytest.mark.parametrize(
    ("language", "registering", "member"),
    [
        (
            "en",
            ["Name in your own script", "I attend as", "Sessions I will attend"],
            [
                "The member's name in their own script",
                "The member attends as",
                "Sessions the member will attend",
            ],
        ),
        (
            "km",
            ["ឈ្មោះជាអក្សររបស់អ្នក", "ខ្ញុំចូលរួមជា", "វគ្គដែលខ្ញុំនឹងចូលរួម"],
            ["ឈ្មោះសមាជិកជាអក្សររបស់គាត់", "សមាជិកចូលរួមជា", "វគ្គដែលសមាជិកនឹងចូលរួម"],
        ),
    ],
)
def test_the_member_form_asks_about_the_member_not_the_head(
    client, forum, language, registering, member
):
    head = make_participant(forum.categories.get(code="guest"), delegation_name="Lao delegation")

    def labels(path):
        form = client.get(f"/{language}/forums/harbor/{path}").context["form"]
        return [str(form.fields[name].label) for name in ("name", "category", "sessions")]

    assert labels("register/") == registering
    assert labels(f"registration/{head.token}/members/new/") == member


def test_desk_needs_a_login_and_a_forum_role(client, forum):
    assert client.get("/en/forums/harbor/orga/participants/").status_code == 302
    client.force_login(make_organiser(make_forum()))
    assert client.get("/en/forums/harbor/orga/participants/").status_code == 403


def test_desk_approves_with_audit_entry(client, forum):
    participant = make_participant(forum.categories.get(code="official"))
    desk = make_organiser(forum, role="registration_desk")
    client.force_login(desk)

    listing = client.get("/en/forums/harbor/orga/participants/?status=pending")
    response = client.post(
        f"/en/forums/harbor/orga/participants/{participant.person.public_id}/",
        {"decision": "approve"},
    )

    assert list(listing.context["participants"]) == [participant]
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.status == "approved"
    assert AuditEntry.objects.get(action="participant.approved").actor == desk


def test_desk_viewer_may_look_but_not_decide(client, forum):
    participant = make_participant(forum.categories.get(code="official"))
    client.force_login(make_organiser(forum, role="viewer"))

    page = client.get(f"/en/forums/harbor/orga/participants/{participant.person.public_id}/")
    response = client.post(
        f"/en/forums/harbor/orga/participants/{participant.person.public_id}/",
        {"decision": "approve"},
    )

    assert page.status_code == 200
    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.status == "pending"


def test_desk_request_info_needs_a_message(client, forum):
    participant = make_participant(forum.categories.get(code="official"))
    client.force_login(make_organiser(forum, role="registration_desk"))

    response = client.post(
        f"/en/forums/harbor/orga/participants/{participant.person.public_id}/",
        {"decision": "request_info", "message": ""},
    )

    assert response.context["form"].non_field_errors() == ["Say what information is missing."]
    assert OutboxEmail.objects.filter(kind="info_requested").count() == 0


def test_organiser_signed_in_can_open_public_and_desk_pages(client, forum):
    client.force_login(make_organiser(forum, role="registration_desk"))

    assert client.get("/en/forums/harbor/register/").status_code == 200
    assert client.get("/en/forums/harbor/orga/participants/").status_code == 200


@pytest.mark.parametrize("language", ["zh-hans", "th", "vi", "id", "ms", "km", "lo", "my", "fil"])
def test_register_page_is_translated_in_every_forum_language(client, forum, language):
    response = client.get(f"/{language}/forums/harbor/register/")

    with translation.override(language), forum_fallback(forum):
        heading = gettext("Register for %(forum)s") % {"forum": forum.name}
        button = gettext("Register")
    assert heading != f"Register for {forum.name}"
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert f'<button type="submit">{button}</button>' in page


def test_participant_answers_a_request_for_information_through_the_link(client, forum):
    make_question(forum, "passport", kind="text", required=True)
    participant = make_participant(
        forum.categories.get(code="official"), answers={"passport": "E1"}
    )
    services.request_info(None, participant, "Which passport?")

    page = client.get(f"/en/forums/harbor/registration/{participant.token}/").content.decode()
    response = client.post(
        f"/en/forums/harbor/registration/{participant.token}/info/", {"q_passport": "E1, Thai"}
    )

    assert "Which passport?" in page
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.status, participant.answers.get().value) == ("pending", "E1, Thai")


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "สมชาย\x00", "Null characters are not allowed."),
        ("q_note", "halal\x00", "Null characters are not allowed."),
        ("name", "ส" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        (
            "email",
            "a" * 250 + "@example.th",
            "Ensure this value has at most 254 characters (it has 261).",
        ),
        ("phone", "1" * 41, "Ensure this value has at most 40 characters (it has 41)."),
    ],
)
def test_register_form_refuses_what_the_database_cannot_store_next_to_the_field(
    client, forum, field, value, error
):
    make_question(forum, "note")

    response = client.post("/en/forums/harbor/register/", _form(**{field: value}))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert Participant.objects.count() == 0


def test_desk_shows_answers_by_their_labels_in_the_readers_language(client, forum):
    options = [
        {"value": "veg", "label": {"en": "Vegetarian", "km": "អាហារបួស"}},
        {"value": "halal", "label": {"en": "Halal"}},
    ]
    make_question(forum, "diet", "choice", label={"en": "Diet", "km": "អាហារ"}, options=options)
    make_question(forum, "visa", "yes_no", label={"en": "Visa letter"})
    make_question(forum, "arrival", "date", label={"en": "Arrival"})
    answers = {"diet": "veg", "visa": "yes", "arrival": "2018-09-10"}
    participant = make_participant(forum.categories.get(code="guest"), answers=answers)
    client.force_login(make_organiser(forum))

    html = client.get(
        f"/km/forums/harbor/orga/participants/{participant.person.public_id}/"
    ).content.decode()

    shown = re.findall(r"<dt>([^<]+)</dt><dd>([^<]*)</dd>", html)
    assert shown[-3:] == [
        ("អាហារ", "អាហារបួស"),
        ("Visa letter", "បាទ/ចាស"),
        ("Arrival", "10 កញ្ញា 2018"),
    ]
    assert '<label for="id_decision">សេចក្ដីសម្រេច' in html  # not Django's "Decision:"


def test_private_page_shows_the_participants_answers_by_their_labels(client, forum):
    options = [{"value": "halal", "label": {"en": "Halal", "lo": "ຮາລານ"}}]
    make_question(forum, "diet", "choice", label={"en": "Diet", "lo": "ອາຫານ"}, options=options)
    make_question(forum, "visa", "yes_no", label={"en": "Visa letter", "lo": "ໜັງສືວີຊາ"})
    answers = {"diet": "halal", "visa": "no"}
    participant = make_participant(forum.categories.get(code="guest"), answers=answers)

    html = client.get(f"/lo/forums/harbor/registration/{participant.token}/").content.decode()

    shown = re.findall(r"<dt>([^<]+)</dt><dd>([^<]*)</dd>", html)
    assert shown == [("ອາຫານ", "ຮາລານ"), ("ໜັງສືວີຊາ", "ບໍ່")]
