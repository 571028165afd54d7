import datetime as dt
from decimal import Decimal

import pytest

from infoharbor.core.models import AuditEntry
from infoharbor.projects import services
from infoharbor.projects.models import Project, StatusChange
from infoharbor.projects.queries import registry
from tests.factories import make_forum, make_organization, make_project, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.integration]
SOURCE = "https://example.org/news"


def test_save_project_starts_the_history_as_signed_and_audits():
    forum = make_forum()
    project = make_project(forum)

    assert list(project.history.values_list("status", "date")) == [("signed", forum.start_date)]
    assert (
        AuditEntry.objects.filter(action="project.created", object_id=str(project.pk)).count() == 1
    )


def test_save_project_refuses_a_date_outside_the_forum_and_a_negative_amount():
    forum = make_forum()
    project = Project(
        forum=forum,
        reference="x",
        title={"en": "X"},
        kind="mou",
        signed_on=dt.date(2018, 9, 30),
        amount=Decimal("-1"),
        currency="CNY",
    )

    with pytest.raises(services.ProjectError) as refused:
        services.save_project(
            None, project, parties=[services.PartySpec(make_organization(forum), "host")]
        )

    assert set(refused.value.message_dict) == {"signed_on", "amount"}
    assert Project.objects.count() == 0


def test_status_moves_along_allowed_transitions_and_is_derived_from_history():
    forum = make_forum()
    project = make_project(forum)
    user = make_user()

    services.record_status_change(
        user, project, "preparation", dt.date(2019, 1, 1), source_url=SOURCE
    )
    services.record_status_change(
        user, project, "implementation", dt.date(2019, 6, 1), source_url=SOURCE
    )

    assert registry(forum).get(pk=project.pk).status_now == "implementation"
    assert AuditEntry.objects.filter(action="project.status_changed").count() == 2


def test_status_change_refuses_a_jump_a_backdate_and_a_missing_source():
    forum = make_forum()
    project = make_project(forum)

    with pytest.raises(services.ProjectError) as refused:
        services.record_status_change(None, project, "completed", dt.date(2018, 1, 1))

    assert set(refused.value.message_dict) == {"status", "date", "source_url"}
    assert StatusChange.objects.filter(project=project).count() == 1


def test_a_cancelled_project_cannot_move_again():
    forum = make_forum()
    project = make_project(forum)
    services.record_status_change(
        None, project, "cancelled", dt.date(2019, 1, 1), source_url=SOURCE
    )

    with pytest.raises(services.ProjectError):
        services.record_status_change(
            None, project, "preparation", dt.date(2019, 2, 1), source_url=SOURCE
        )


def test_add_exchange_rate_refuses_an_unknown_currency():
    forum = make_forum()

    with pytest.raises(services.ProjectError) as refused:
        services.add_exchange_rate(
            None,
            forum,
            base="USD",
            currency="XYZ",
            date=dt.date(2018, 9, 1),
            rate=Decimal("1"),
            source="me",
        )

    assert list(refused.value.message_dict) == ["currency"]


def test_load_hmrc_rates_stores_every_shipped_currency_once():
    month = [dt.date(2018, 9, 1)]

    first = services.load_hmrc_rates(None, month)
    second = services.load_hmrc_rates(None, month)

    assert (first, second) == (12, 0)


def test_status_change_refuses_an_unknown_status():
    project = make_project(make_forum())

    with pytest.raises(services.ProjectError) as refused:
        services.record_status_change(
            None, project, "abandoned", dt.date(2019, 1, 1), source_url=SOURCE
        )

    assert refused.value.message_dict == {"status": ["Unknown status “abandoned”."]}
