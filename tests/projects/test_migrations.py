"""The data migration that made projects' provenance notes translated text."""

import datetime as dt

import pytest

from tests.factories import make_forum
from tests.migrations import migrate_to

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BEFORE = [("projects", "0002_iso_countries_and_import_job_in_core")]
AFTER = [("projects", "0003_translated_provenance")]


@pytest.mark.django_db(transaction=True)
def test_provenance_notes_become_their_english_text_and_back():
    forum = make_forum()  # core is not migrated back: its tables stay as they are
    Project = migrate_to(BEFORE).get_model("projects", "Project")
    common = {"forum_id": forum.pk, "title": {"en": "Port"}, "amount_kind": "undisclosed"}
    common["signed_on"] = dt.date(2018, 9, 13)
    Project.objects.create(reference="noted", provenance="Named in the seed.", **common)
    Project.objects.create(reference="silent", provenance="", **common)

    after = migrate_to(AFTER).get_model("projects", "Project")
    notes = {ref: note.data for ref, note in after.objects.values_list("reference", "provenance")}
    assert notes == {"noted": {"en": "Named in the seed."}, "silent": {}}

    back = migrate_to(BEFORE).get_model("projects", "Project")
    assert dict(back.objects.values_list("reference", "provenance")) == {
        "noted": "Named in the seed.",
        "silent": "",
    }
    migrate_to(AFTER)
