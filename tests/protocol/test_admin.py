"""The admin saves ranks and dignitaries through the services, so they are audited."""

import pytest
from django.urls import reverse

from infoharbor.core.models import AuditEntry
from infoharbor.protocol.models import Dignitary
from tests.factories import make_forum, make_person, make_rank, make_user

pytestmark = pytest.mark.integration


def test_admin_gives_a_person_a_rank_through_the_service(client, db):
    forum = make_forum()
    rank = make_rank(forum, "minister")
    person = make_person(forum)
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:protocol_dignitary_add"),
        {"person": person.pk, "rank": rank.pk, "arrived_at_0": "", "arrived_at_1": ""},
    )
    assert response.status_code == 302
    assert Dignitary.objects.get(person=person).forum == forum
    assert AuditEntry.objects.filter(action="dignitary.created").count() == 1
