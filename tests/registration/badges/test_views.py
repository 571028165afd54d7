import pytest
from django.core.files.storage.handler import InvalidStorageError

from infoharbor.core import tasks
from infoharbor.core.models import AuditEntry
from infoharbor.registration.badges import rendering as badges
from infoharbor.registration.badges import services as batches
from infoharbor.registration.models import BadgeBatch, CheckIn, Delegation, Participant
from tests.factories import (
    make_approved_participant,
    make_category,
    make_door_staff,
    make_forum,
    make_organiser,
    make_participant,
    make_user,
)
from tests.registration.badges.badge_pdf import page_count

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def forum():
    return make_forum(slug="harbor")


@pytest.fixture
def category(forum):
    return make_category(forum, "delegate")


def test_private_link_page_offers_the_badge_once_approved(client, forum, category):
    participant = make_approved_participant(category)
    page = client.get(f"/en/forums/harbor/registration/{participant.token}/").content.decode()
    assert f'href="/en/forums/harbor/registration/{participant.token}/badge.pdf"' in page

    response = client.get(f"/en/forums/harbor/registration/{participant.token}/badge.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_pending_registration_has_no_badge(client, forum):
    participant = make_participant(make_category(forum, "media", needs_approval=True))
    page = client.get(f"/en/forums/harbor/registration/{participant.token}/").content.decode()
    assert "badge.pdf" not in page
    response = client.get(f"/en/forums/harbor/registration/{participant.token}/badge.pdf")
    assert response.status_code == 404


def test_revoked_badge_cannot_be_downloaded(client, category):
    participant = make_approved_participant(category)
    Participant.objects.filter(pk=participant.pk).update(badge_revoked=True)
    response = client.get(f"/en/forums/harbor/registration/{participant.token}/badge.pdf")
    assert response.status_code == 404


def test_door_page_answers_a_typed_code_as_json(client, forum, category):
    participant = make_approved_participant(category, name="王晓明", name_latin="Wang Xiaoming")
    client.force_login(make_door_staff(forum))
    form = {"door": "Main gate", "session": "", "code": participant.badge_code}

    first = client.post("/en/forums/harbor/door/", form, HTTP_ACCEPT="application/json").json()
    again = client.post("/en/forums/harbor/door/", form, HTTP_ACCEPT="application/json").json()

    assert (first["allowed"], first["message"], first["participant"]["name"]) == (
        True,
        "Yes: come in",
        "王晓明",
    )
    assert (again["allowed"], again["reason"], again["message"]) == (
        False,
        "already_inside",
        "already inside",
    )
    assert CheckIn.objects.filter(result="allowed").count() == 1


def test_door_page_without_javascript_renders_the_answer(client, forum, category):
    client.force_login(make_door_staff(forum))
    form = {"door": "Main gate", "session": "", "code": "no-such-badge"}
    page = client.post("/en/forums/harbor/door/", form).content.decode()
    assert 'class="answer no"' in page
    assert "unknown badge" in page


def test_door_page_is_for_door_staff_and_owners(client, forum):
    client.force_login(make_organiser(forum, role="program_editor"))
    assert client.get("/en/forums/harbor/door/").status_code == 403
    client.force_login(make_organiser(forum))
    assert client.get("/en/forums/harbor/door/").status_code == 200


def test_checkins_page_shows_counts_and_history(client, forum, category):
    participant = make_approved_participant(category, name_latin="Somchai Jaidee")
    staff = make_door_staff(forum)
    client.force_login(staff)
    client.post("/en/forums/harbor/door/", {"door": "Gate 1", "code": participant.badge_code})
    client.force_login(make_organiser(forum, role="viewer"))
    page = client.get("/en/forums/harbor/orga/check-ins/").content.decode()
    assert '<meta http-equiv="refresh" content="10">' in page
    assert "<td>Gate 1</td>" in page
    assert 'data-result="allowed"' in page


# --- batch printing ---------------------------------------------------------------------------


def test_batch_prints_every_approved_badge_of_a_category(tmp_path, settings, forum, category):
    settings.MEDIA_ROOT = tmp_path
    printed = [make_approved_participant(category) for _ in range(3)]
    Participant.objects.filter(pk=printed[2].pk).update(badge_revoked=True)
    make_participant(make_category(forum, "media", needs_approval=True))  # pending: no badge
    make_approved_participant(make_category(forum, "staff"))  # another category

    batch = batches.start_batch(None, forum, category=category)
    assert (batch.status, batch.done, batch.total) == ("queued", 0, 2)
    batch = batches.render_batch(batch.pk)

    assert (batch.status, batch.done, batch.total, batch.error) == ("done", 2, 2, "")
    pdf = tmp_path / batch.pdf.name
    assert page_count(pdf) == 2
    assert AuditEntry.objects.filter(action="registration.badge_batch_started").count() == 1


def test_batch_of_a_delegation(tmp_path, settings, forum, category):
    settings.MEDIA_ROOT = tmp_path
    delegation = Delegation.objects.create(forum=forum, name="Lao PDR", country="LA")
    members = [make_approved_participant(category) for _ in range(2)]
    Participant.objects.filter(pk__in=[m.pk for m in members]).update(delegation=delegation)
    make_approved_participant(category)

    batch = batches.render_batch(batches.start_batch(None, forum, delegation=delegation).pk)
    assert (batch.status, batch.total, page_count(tmp_path / batch.pdf.name)) == ("done", 2, 2)


def test_batch_with_nobody_to_print_is_refused(forum, category):
    with pytest.raises(batches.BatchError):
        batches.start_batch(None, forum, category=category)
    assert BadgeBatch.objects.count() == 0


def test_batch_that_raises_is_queued_again_for_a_retry(settings, forum, category):
    make_approved_participant(category)
    batch = batches.start_batch(None, forum, category=category)
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "no.such.Storage"}}
    with pytest.raises(InvalidStorageError):
        batches.render_batch(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.pdf.name) == ("queued", 0, "")


def test_batch_whose_worker_died_shows_as_failed(forum, category):
    make_approved_participant(category)
    batch = batches.start_batch(None, forum, category=category)
    BadgeBatch.objects.filter(pk=batch.pk).update(
        status="running", done=25, heartbeat_at=batch.heartbeat_at - batches.STALE_AFTER * 2
    )
    assert [b.status for b in batches.batches_of(forum)] == ["failed"]


def test_batch_page_starts_a_batch_and_reports_progress(
    client, forum, category, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    make_approved_participant(category)
    client.force_login(make_organiser(forum, role="registration_desk"))
    response = client.post("/en/forums/harbor/orga/badges/", {"category": category.pk})
    batch = BadgeBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/forums/harbor/orga/badges/{batch.public_id}/"

    state = client.get(f"/en/forums/harbor/orga/badges/{batch.public_id}/?format=json").json()
    assert state == {
        "status": "queued",
        "label": "queued",
        "done": 0,
        "total": 1,
        "pdf": "",
        "error": "",
    }
    batches.render_batch(batch.pk)
    state = client.get(f"/en/forums/harbor/orga/badges/{batch.public_id}/?format=json").json()
    assert (state["status"], state["done"], state["pdf"]) == (
        "done",
        1,
        f"/en/forums/harbor/orga/badges/{batch.public_id}/badges.pdf",
    )
    pdf = client.get(state["pdf"])
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_batch_pages_are_for_the_registration_desk(client, forum):
    client.force_login(make_door_staff(forum))
    assert client.get("/en/forums/harbor/orga/badges/").status_code == 403
    client.force_login(make_user())
    assert client.get("/en/forums/harbor/orga/badges/").status_code == 403


def test_token_from_the_badge_opens_the_door(client, forum, category):
    participant = make_approved_participant(category)
    client.force_login(make_door_staff(forum))
    form = {"door": "Gate 1", "code": badges.badge_token(participant)}
    answer = client.post("/en/forums/harbor/door/", form, HTTP_ACCEPT="application/json").json()
    assert answer["allowed"] is True


def test_door_page_speaks_thai(client, forum, category):
    participant = make_approved_participant(category)
    client.force_login(make_door_staff(forum))
    page = client.get("/th/forums/harbor/door/").content.decode()
    assert "สแกนด้วยกล้อง" in page
    form = {"door": "ประตู 1", "code": participant.badge_code}
    answer = client.post("/th/forums/harbor/door/", form, HTTP_ACCEPT="application/json").json()
    assert answer["message"] == "ได้: เชิญเข้าได้"


def test_owner_sets_the_badge_size_in_the_admin(client, forum):
    client.force_login(make_organiser(forum))
    page = client.get("/en/admin/registration/badgelayout/add/").content.decode()
    assert "name_latin (name in Latin letters)" in page  # the field keys are listed
    response = client.post(
        "/en/admin/registration/badgelayout/add/",
        {"forum": forum.pk, "size": "card", "fields": '["name", "qr"]'},
    )
    assert response.status_code == 302
    assert (forum.badge_layout.size, forum.badge_layout.fields) == ("card", ["name", "qr"])
    assert AuditEntry.objects.filter(object_type="registration.badgelayout").count() == 1


@pytest.mark.django_db(transaction=True)
def test_batch_runs_through_the_task_path_after_commit(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    forum = make_forum()
    category = make_category(forum, "delegate")
    make_approved_participant(category)
    tasks.discard_pending()  # the approval's email

    batch = batches.start_batch(None, forum, category=category)
    assert tasks.pending() == [("registration.render_badge_batch", (batch.pk,))]
    tasks.run_pending()
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == ("done", 1, 1)
    assert page_count(tmp_path / batch.pdf.name) == 1
