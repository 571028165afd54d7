"""Press releases and report settings in the admin: who may open them, and that every change
goes through the services (checked, audited; a published release stays as it was)."""

import pytest

from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.reports import services
from infoharbor.reports.models import PressRelease, ReportSettings
from tests.factories import make_forum, make_organiser

pytestmark = [pytest.mark.django_db, pytest.mark.integration]
Role = ForumRole.Role
PAGES = ["reports/pressrelease", "reports/reportsettings"]


@pytest.mark.parametrize(
    ("role", "may_open"),
    [
        (Role.OWNER, set(PAGES)),
        (Role.PROGRAM_EDITOR, set(PAGES)),
        (Role.REGISTRATION_DESK, set(PAGES)),
        (Role.DOOR_STAFF, set(PAGES)),
        (Role.PROJECT_REGISTRAR, set(PAGES)),
        (Role.PROTOCOL_OFFICER, set(PAGES)),
        (Role.VIEWER, set(PAGES)),
    ],
)
def test_admin_pages_each_role_may_open(client, role, may_open):
    client.force_login(make_organiser(make_forum(), role))
    status = {page: client.get(f"/en/admin/{page}/").status_code for page in PAGES}
    assert status == {page: 200 if page in may_open else 403 for page in PAGES}


@pytest.mark.parametrize(
    ("role", "may_change_releases", "may_change_settings"),
    [
        (Role.OWNER, True, True),
        (Role.PROGRAM_EDITOR, True, False),
        (Role.REGISTRATION_DESK, False, False),
        (Role.VIEWER, False, False),
    ],
)
def test_admin_lets_each_role_change_what_its_rules_allow(
    client, role, may_change_releases, may_change_settings
):
    forum = make_forum()
    draft = services.save_draft(None, forum, "en", "Draft", "{{projects.count}} projects.")
    settings = services.save_settings(None, ReportSettings(forum=forum))
    client.force_login(make_organiser(forum, role))
    release_page = client.get(f"/en/admin/reports/pressrelease/{draft.pk}/change/")
    settings_page = client.get(f"/en/admin/reports/reportsettings/{settings.pk}/change/")
    assert ('name="_save"' in release_page.content.decode()) is may_change_releases
    assert ('name="_save"' in settings_page.content.decode()) is may_change_settings


def test_admin_lists_only_the_organisers_forums_releases(client):
    mine, theirs = make_forum(), make_forum()
    services.save_draft(None, mine, "en", "Our release", "Text.")
    services.save_draft(None, theirs, "en", "Their release", "Text.")
    client.force_login(make_organiser(mine, Role.PROGRAM_EDITOR))
    page = client.get("/en/admin/reports/pressrelease/").content.decode()
    assert "Our release" in page
    assert "Their release" not in page


def test_editor_corrects_a_draft_in_the_admin_through_the_service(client):
    forum = make_forum()
    draft = services.save_draft(None, forum, "en", "Draft", "Old text.")
    client.force_login(make_organiser(forum, Role.PROGRAM_EDITOR))
    response = client.post(
        f"/en/admin/reports/pressrelease/{draft.pk}/change/",
        {"headline": "Corrected", "body": "New text.\r\n\r\nSecond paragraph."},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.headline, draft.body) == ("Corrected", "New text.\n\nSecond paragraph.")
    assert list(
        AuditEntry.objects.filter(object_id=str(draft.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["press_release.created", "press_release.changed"]


def test_admin_refuses_an_empty_headline_as_a_form_error(client):
    forum = make_forum()
    draft = services.save_draft(None, forum, "en", "Draft", "Text.")
    client.force_login(make_organiser(forum, Role.PROGRAM_EDITOR))
    response = client.post(
        f"/en/admin/reports/pressrelease/{draft.pk}/change/", {"headline": "", "body": "Text."}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"headline": ["This field is required."]}
    draft.refresh_from_db()
    assert draft.headline == "Draft"


def test_a_published_release_is_read_only_in_the_admin(client):
    forum = make_forum()
    published = services.publish(None, forum, "en", "Published", "Text.")
    client.force_login(make_organiser(forum, Role.OWNER))
    url = f"/en/admin/reports/pressrelease/{published.pk}/"
    assert 'name="_save"' not in client.get(url + "change/").content.decode()
    assert client.post(url + "change/", {"headline": "Changed", "body": "x"}).status_code == 403
    assert client.post(url + "delete/", {"post": "yes"}).status_code == 403
    published.refresh_from_db()
    assert published.headline == "Published"
    assert client.get("/en/admin/reports/pressrelease/add/").status_code == 403


def test_admin_discards_a_draft_through_the_service(client):
    forum = make_forum()
    draft = services.save_draft(None, forum, "en", "Draft", "Text.")
    client.force_login(make_organiser(forum, Role.PROGRAM_EDITOR))
    response = client.post(f"/en/admin/reports/pressrelease/{draft.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not PressRelease.objects.exists()
    assert AuditEntry.objects.filter(action="press_release.discarded").count() == 1


def test_owner_sets_the_reporting_currency_in_the_admin_through_the_service(client):
    forum = make_forum()
    client.force_login(make_organiser(forum, Role.OWNER))
    response = client.post(
        "/en/admin/reports/reportsettings/add/",
        {
            "forum": forum.pk,
            "series": "",
            "reported_attendance": "",
            "attendance_source": "",
            "currency": "USD",
            "stalled_after_days": "90",
        },
    )
    assert response.status_code == 302
    settings = ReportSettings.objects.get(forum=forum)
    assert (settings.currency, settings.stalled_after_days) == ("USD", 90)
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["report_settings.created"]


def test_admin_refuses_a_currency_that_is_no_iso_code(client):
    forum = make_forum()
    client.force_login(make_organiser(forum, Role.OWNER))
    response = client.post(
        "/en/admin/reports/reportsettings/add/",
        {"forum": forum.pk, "currency": "usd", "stalled_after_days": "90"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "currency": ["Use an ISO 4217 code, e.g. CNY or THB."]
    }
    assert not ReportSettings.objects.exists()
