"""Organisers add, replace and clear people's photos in the admin (core/photos.py checks them)."""

import pytest
from django.core.files.storage import default_storage

from infoharbor.core.models import AuditEntry, Person
from tests.factories import make_forum, make_organiser, make_person, photo_upload

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _post(client, person, **fields):
    data = {"forum": person.forum_id, "name": person.name, "name_latin": person.name_latin}
    data.update(fields)
    return client.post(f"/en/admin/core/person/{person.pk}/change/", data)


def test_organiser_adds_and_replaces_a_photo_in_the_admin(
    client, django_capture_on_commit_callbacks
):
    forum = make_forum()
    person = make_person(forum, "王晓明", "Wang Xiaoming")
    client.force_login(make_organiser(forum))

    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, person, photo=photo_upload("PNG")).status_code == 302
    old = Person.objects.get(pk=person.pk).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, person, photo=photo_upload("JPEG")).status_code == 302
    new = Person.objects.get(pk=person.pk).photo.name

    assert old.startswith("people/photos/")
    assert new.startswith("people/photos/")
    assert (default_storage.exists(old), default_storage.exists(new)) == (False, True)
    changes = [e.changes for e in AuditEntry.objects.filter(action="person.changed").order_by("pk")]
    assert changes == [{"photo": "changed"}, {"photo": "changed"}]


def test_organiser_clears_a_photo_and_its_file_goes(client, django_capture_on_commit_callbacks):
    forum = make_forum()
    person = make_person(forum, "Somchai")
    client.force_login(make_organiser(forum))
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, person, photo=photo_upload())
    name = Person.objects.get(pk=person.pk).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, person, name_latin="Somchai Jaidee").status_code == 302
    assert Person.objects.get(pk=person.pk).photo.name == name  # other edits keep the photo
    assert default_storage.exists(name) is True

    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, person, **{"photo-clear": "on"}).status_code == 302

    assert Person.objects.get(pk=person.pk).photo.name == ""
    assert default_storage.exists(name) is False


def test_admin_refuses_a_photo_with_too_many_pixels(client):
    forum = make_forum()
    person = make_person(forum, "Somchai")
    client.force_login(make_organiser(forum))

    response = _post(client, person, photo=photo_upload(size=(3, 4001)))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"] == [
        "The photo is 3 × 4001 pixels: at most 4000 × 4000 are accepted."
    ]
    assert Person.objects.get(pk=person.pk).photo.name == ""


def test_deleting_a_forum_removes_its_peoples_photo_files(django_capture_on_commit_callbacks):
    forum = make_forum()
    person = make_person(forum)
    person.photo = photo_upload("PNG")
    person.save()
    name = person.photo.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        forum.delete()

    assert not default_storage.exists(name)
