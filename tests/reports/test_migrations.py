"""The data migration that made the source of an edition's reported attendance translated text."""

import pytest

from tests.factories import make_forum
from tests.migrations import migrate_to

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BEFORE = [("reports", "0001_initial")]
AFTER = [("reports", "0002_translated_attendance_source")]


@pytest.mark.django_db(transaction=True)
def test_attendance_sources_become_their_english_text_and_back():
    reported, silent = make_forum(slug="reported"), make_forum(slug="silent")
    ReportSettings = migrate_to(BEFORE).get_model("reports", "ReportSettings")
    ReportSettings.objects.create(
        forum_id=reported.pk, reported_attendance=200, attendance_source="Xinhua, 2015"
    )
    ReportSettings.objects.create(forum_id=silent.pk)

    after = migrate_to(AFTER).get_model("reports", "ReportSettings")
    sources = {
        slug: s.data for slug, s in after.objects.values_list("forum__slug", "attendance_source")
    }
    assert sources == {"reported": {"en": "Xinhua, 2015"}, "silent": {}}

    back = migrate_to(BEFORE).get_model("reports", "ReportSettings")
    assert dict(back.objects.values_list("forum__slug", "attendance_source")) == {
        "reported": "Xinhua, 2015",
        "silent": "",
    }
    migrate_to(AFTER)
