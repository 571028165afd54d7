import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps

from infoharbor.core.forum_loader import load_seed_forum
from infoharbor.projects import queries
from infoharbor.projects.models import Project

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.slow]


def test_statistics_reproduce_the_seed_counts_by_date(seed_forum):
    groups = {g.key: g for g in queries.statistics(seed_forum, "date").groups}

    assert groups["2018-09-13"].count == 35
    assert groups["2018-09-14"].count == 59
    assert groups["2018-09-14"].total > Decimal("20000000000")
    groups = {g.key: g for g in queries.statistics(seed_forum, "session").groups}

    assert groups["guangxi-signing"].count == 35
    assert groups["beihai-signing"].count == 59
    assert groups["beihai-signing"].left_out[0].reason == "undisclosed"
    assert groups["beihai-signing"].binding.total + groups["beihai-signing"].non_binding.total == (
        groups["beihai-signing"].total
    )


def test_seven_nanning_projects_are_china_asean_and_named_ones_are_real(seed_forum):
    nanning = queries.registry(seed_forum).filter(signed_on=dt.date(2018, 9, 13))

    assert nanning.filter(queries.is_china_asean()).count() == 7
    assert sum(1 for p in nanning if p.china_asean) == 7
    named = Project.objects.filter(
        forum=seed_forum, synthetic=False, signed_on=dt.date(2018, 9, 14)
    )

    titles = {p.title.get("en") for p in named}
    assert "CEC Beibu Gulf Information Port (phase 2)" in titles
    assert "RedHorse Fund" in titles
    assert len(titles) == 7
    assert Project.objects.filter(forum=seed_forum, synthetic=True).count() == 94 - 7 - 4


def _contents() -> dict[str, list[dict]]:
    tables = {}
    for model in apps.get_app_config("projects").get_models():
        tables[model._meta.label] = list(model.objects.order_by("pk").values())
    return tables


def test_loading_the_seed_twice_changes_no_project_row(seed_forum):
    before = _contents()

    load_seed_forum(report=lambda line: None)

    assert _contents() == before
