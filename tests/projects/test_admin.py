import pytest
from django.core.management import call_command

from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.projects.models import ExchangeRate, Project
from tests.factories import make_forum, make_organiser, make_organization

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def _post(forum, organization, **overrides):
    data = {
        "forum": forum.pk,
        "reference": "adm-1",
        "title_en": "Admin project",
        "kind": "contract",
        "signed_on": "2018-09-13",
        "amount": "100",
        "currency": "CNY",
        "amount_kind": "total_investment",
        "country": "",
        "parties-TOTAL_FORMS": "1",
        "parties-INITIAL_FORMS": "0",
        "parties-0-organization": organization.pk,
        "parties-0-role": "funder",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_registrar_adds_a_project_in_the_admin_with_history_and_audit(client):
    forum = make_forum()
    organization = make_organization(forum)
    client.force_login(make_organiser(forum, role=ForumRole.Role.PROJECT_REGISTRAR))

    response = client.post("/en/admin/projects/project/add/", _post(forum, organization))

    assert response.status_code == 302
    project = Project.objects.get()
    assert list(project.parties.values_list("organization_id", "role")) == [
        (organization.pk, "funder")
    ]
    assert list(project.history.values_list("status", flat=True)) == ["signed"]
    # One entry for one save: the admin saves through the service only.
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["project.created"]


def test_admin_shows_the_registry_rules_as_form_errors(client):
    forum = make_forum()
    organization = make_organization(forum)
    client.force_login(make_organiser(forum, role=ForumRole.Role.PROJECT_REGISTRAR))

    response = client.post(
        "/en/admin/projects/project/add/",
        _post(forum, organization, signed_on="2019-01-01", **{"parties-TOTAL_FORMS": "0"}),
    )

    assert response.status_code == 200
    assert "2019-01-01 is outside the forum&#x27;s dates" in response.content.decode()
    assert "A project needs at least one party." in response.content.decode()
    assert Project.objects.count() == 0


def test_load_exchange_rates_command_stores_a_month_of_every_currency(capsys):
    call_command("load_exchange_rates", "--from", "2018-09", "--to", "2018-09")

    assert capsys.readouterr().out == "12 new rates stored.\n"
    assert sorted(ExchangeRate.objects.values_list("currency", flat=True)) == sorted(
        ["BND", "CNY", "IDR", "KHR", "LAK", "MMK", "MYR", "PHP", "SGD", "THB", "USD", "VND"]
    )


def test_admin_project_form_offers_only_the_users_forums_organizations(client):
    forum, other = make_forum(), make_forum(is_published=False)
    make_organization(forum, name="Guangxi Beibu Gulf Port Group")
    make_organization(other, name="Somebody Else's Enterprise")
    client.force_login(make_organiser(forum, role=ForumRole.Role.PROJECT_REGISTRAR))

    page = client.get("/en/admin/projects/project/add/").content.decode()

    assert "Guangxi Beibu Gulf Port Group" in page
    assert "Somebody Else&#x27;s Enterprise" not in page
    assert "Somebody Else" not in page


def test_admin_refuses_another_forums_organization_as_a_party(client):
    forum, other = make_forum(), make_forum()
    foreign = make_organization(other)
    client.force_login(make_organiser(forum, role=ForumRole.Role.PROJECT_REGISTRAR))

    response = client.post("/en/admin/projects/project/add/", _post(forum, foreign))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Project.objects.count() == 0
