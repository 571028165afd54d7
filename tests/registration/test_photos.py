"""People's photos: upload through the private link and the admin, the protected view, the door."""

import base64

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from infoharbor.core.models import AuditEntry, Person
from infoharbor.registration import services
from infoharbor.registration.badges import rendering as badges
from infoharbor.registration.models import BadgeLayout
from tests.factories import (
    make_approved_participant,
    make_category,
    make_door_staff,
    make_forum,
    make_organiser,
    make_participant,
    photo_upload,
)
from tests.registration.badges.badge_pdf import page_count

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def forum():
    return make_forum(slug="harbor")


@pytest.fixture
def category(forum):
    return make_category(forum, "delegate")


def _link(participant, rest=""):
    return f"/en/forums/harbor/registration/{participant.token}/{rest}"


def _photo_errors(client, participant, upload):
    response = client.post(_link(participant, "photo/"), {"photo": upload})
    assert response.status_code == 400
    return response.context["photo_form"].errors["photo"]


# --- upload through the private link ------------------------------------------------------------


def test_participant_adds_a_photo_through_the_private_link(client, category):
    participant = make_participant(category)

    response = client.post(_link(participant, "photo/"), {"photo": photo_upload("JPEG")})

    assert response.status_code == 302
    assert response["Location"] == _link(participant)
    person = Person.objects.get(pk=participant.person_id)
    name = person.photo.name
    assert name.startswith("people/photos/")
    assert name.endswith(".jpeg")
    # 16 random bytes in URL-safe base64: nothing of the person or the upload's name shows.
    assert len(name.removeprefix("people/photos/").removesuffix(".jpeg")) == 22
    assert default_storage.exists(name)
    entry = AuditEntry.objects.get(action="participant.photo_changed")
    assert (entry.actor, entry.forum) == (None, category.forum)
    assert entry.object_id == str(participant.pk)
    # The file's name locates the photo: the log says only that it changed.
    assert entry.changes == {"photo": "changed"}


def test_participant_replaces_the_photo_and_the_old_file_is_removed(
    client, category, django_capture_on_commit_callbacks
):
    participant = make_participant(category)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(participant, "photo/"), {"photo": photo_upload("PNG")})
    old = Person.objects.get(pk=participant.person_id).photo.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_link(participant, "photo/"), {"photo": photo_upload("WEBP")})

    assert response.status_code == 302
    new = Person.objects.get(pk=participant.person_id).photo.name
    assert new.endswith(".webp")
    assert new != old
    assert (default_storage.exists(old), default_storage.exists(new)) == (False, True)
    entries = AuditEntry.objects.filter(action="participant.photo_changed").order_by("pk")
    changes = [entry.changes for entry in entries]
    assert changes == [{"photo": "changed"}, {"photo": "changed"}]


def test_photo_of_the_wrong_type_is_refused(client, category):
    participant = make_participant(category)
    assert _photo_errors(client, participant, photo_upload("GIF")) == [
        "Send the photo as a JPEG, PNG or WebP image."
    ]
    assert Person.objects.get(pk=participant.person_id).photo.name == ""


def test_file_that_is_no_image_is_refused(client, category):
    participant = make_participant(category)
    upload = SimpleUploadedFile("photo.jpg", b"%PDF-1.7 not a photo", content_type="image/jpeg")
    assert _photo_errors(client, participant, upload) == [
        "Send the photo as a JPEG, PNG or WebP image."
    ]


def test_photo_over_five_megabytes_is_refused(client, category):
    participant = make_participant(category)
    upload = photo_upload(padding=5_000_000)
    assert _photo_errors(client, participant, upload) == [
        "The photo is larger than 5 MB: send a smaller one."
    ]
    assert AuditEntry.objects.filter(action="participant.photo_changed").count() == 0


def test_photo_size_limit_is_a_setting(client, category, settings):
    settings.INFOHARBOR_MAX_PHOTO_BYTES = 1_500_000
    participant = make_participant(category)
    assert _photo_errors(client, participant, photo_upload(padding=1_500_000)) == [
        "The photo is larger than 1.5 MB: send a smaller one."
    ]


def test_photo_with_too_many_pixels_is_refused(client, category):
    participant = make_participant(category)
    assert _photo_errors(client, participant, photo_upload(size=(4001, 2))) == [
        "The photo is 4001 × 2 pixels: at most 4000 × 4000 are accepted."
    ]


def test_photo_of_exactly_4000_pixels_is_accepted(category):
    participant = make_participant(category)
    person = services.change_photo(participant, photo_upload(size=(4000, 1)))
    assert (person.photo.width, person.photo.height) == (4000, 1)


def test_photo_error_is_translated(client, category):
    participant = make_participant(category)
    response = client.post(
        f"/th/forums/harbor/registration/{participant.token}/photo/",
        {"photo": photo_upload("GIF")},
    )
    assert response.context["photo_form"].errors["photo"] == ["ส่งรูปถ่ายเป็นภาพ JPEG, PNG หรือ WebP"]


def test_private_link_page_offers_the_photo_form(client, category):
    participant = make_participant(category)
    page = client.get(_link(participant)).content.decode()
    assert f'action="{_link(participant, "photo/")}"' in page
    assert "Add my photo" in page
    assert 'class="my-photo"' not in page

    services.change_photo(participant, photo_upload())
    page = client.get(_link(participant)).content.decode()
    assert f'src="{_link(participant, "photo.img")}"' in page
    assert "Replace my photo" in page


# --- the protected view -------------------------------------------------------------------------


def _staff_url(participant):
    return f"/en/forums/harbor/orga/photos/{participant.person.public_id}/"


def test_participant_sees_their_own_photo_through_the_private_link(client, category):
    participant = make_participant(category)
    services.change_photo(participant, photo_upload("JPEG"))

    response = client.get(_link(participant, "photo.img"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_door_staff_see_the_photo_with_its_real_type(client, forum, category):
    participant = make_participant(category)
    # The name says JPEG; the content type follows what the file is.
    services.change_photo(participant, photo_upload("WEBP", name="me.jpg"))
    client.force_login(make_door_staff(forum))

    response = client.get(_staff_url(participant))

    assert (response.status_code, response["Content-Type"]) == (200, "image/webp")
    assert response["Cache-Control"] == "private"


@pytest.mark.parametrize("role", ["registration_desk", "owner"])
def test_registration_desk_and_owners_see_the_photo(client, forum, category, role):
    participant = make_participant(category)
    services.change_photo(participant, photo_upload())
    client.force_login(make_organiser(forum, role=role))
    assert client.get(_staff_url(participant)).status_code == 200


def test_photo_is_hidden_from_everyone_else_with_404(client, forum, category):
    participant = make_participant(category)
    services.change_photo(participant, photo_upload())
    other_forum = make_forum(slug="other")

    assert client.get(_staff_url(participant)).status_code == 404  # anonymous
    client.force_login(make_door_staff(other_forum))
    assert client.get(_staff_url(participant)).status_code == 404
    assert (
        client.get(f"/en/forums/other/orga/photos/{participant.person.public_id}/").status_code
        == 404
    )
    client.force_login(make_organiser(forum, role="program_editor"))
    assert client.get(_staff_url(participant)).status_code == 404
    client.logout()
    assert client.get("/en/forums/harbor/registration/not-a-token/photo.img").status_code == 404


def test_photo_view_answers_404_when_there_is_no_photo(client, forum, category):
    participant = make_participant(category)
    client.force_login(make_door_staff(forum))
    assert client.get(_staff_url(participant)).status_code == 404
    assert client.get(_link(participant, "photo.img")).status_code == 404


def test_photos_are_not_served_from_the_media_address(client, category):
    participant = make_participant(category)
    person = services.change_photo(participant, photo_upload())
    assert client.get(f"/media/{person.photo.name}").status_code == 404


# --- the door -----------------------------------------------------------------------------------


def _scan(client, participant):
    form = {"door": "Main gate", "session": "", "code": participant.badge_code}
    return client.post("/en/forums/harbor/door/", form, HTTP_ACCEPT="application/json").json()


def test_door_answer_carries_the_photo_address_when_there_is_a_photo(client, forum, category):
    with_photo = make_approved_participant(category, name="王晓明")
    services.change_photo(with_photo, photo_upload())
    without = make_approved_participant(category, name="Somchai")
    client.force_login(make_door_staff(forum))

    assert _scan(client, with_photo)["participant"]["photo"] == _staff_url(with_photo)
    assert _scan(client, without)["participant"]["photo"] == ""


def test_door_page_without_javascript_shows_the_photo(client, forum, category):
    participant = make_approved_participant(category)
    services.change_photo(participant, photo_upload())
    client.force_login(make_door_staff(forum))

    page = client.post("/en/forums/harbor/door/", {"door": "Gate", "code": participant.badge_code})

    assert (
        f'<img class="photo" alt="Photo of the badge holder" src="{_staff_url(participant)}">'
        in page.content.decode()
    )


def test_door_page_without_javascript_shows_no_photo_when_there_is_none(client, forum, category):
    participant = make_approved_participant(category)
    client.force_login(make_door_staff(forum))

    page = client.post("/en/forums/harbor/door/", {"door": "Gate", "code": participant.badge_code})

    assert '<img class="photo" alt="Photo of the badge holder" hidden>' in page.content.decode()


# --- the badge ----------------------------------------------------------------------------------


def test_badge_shows_the_photo_when_its_layout_asks_for_it(forum, category, tmp_path):
    with_photo = make_approved_participant(category)
    services.change_photo(with_photo, photo_upload("PNG"))
    without = make_approved_participant(category)
    BadgeLayout.objects.create(forum=forum, fields=["name", "photo"])
    with with_photo.person.photo.open("rb") as file:
        data = base64.b64encode(file.read()).decode("ascii")

    html = badges.badge_html(forum, [with_photo, without])

    assert html.count('<div class="field field-photo">') == 1
    assert f'<img class="photo" alt="" src="data:image/png;base64,{data}">' in html
    pdf = tmp_path / "badge.pdf"
    pdf.write_bytes(badges.badge_pdf(with_photo))
    assert page_count(pdf) == 1
