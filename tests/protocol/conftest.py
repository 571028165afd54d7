"""A small ceremony with a run sheet, shared by the protocol's page and print tests."""

import pytest

from infoharbor.core.models import Organization
from infoharbor.protocol import services
from infoharbor.protocol.models import Signatory
from infoharbor.protocol.services import SignatorySpec
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organization,
    make_project,
    make_signing_session,
    text,
)

# Names in the scripts the print must shape: Thai, Chinese, Khmer, Lao, Burmese, Vietnamese.
NAMES = [
    ("สมชาย วงศ์สวัสดิ์", "Somchai Wongsawat", "TH"),
    ("李明", "Li Ming", "CN"),
    ("សុខ វណ្ណា", "Sok Vanna", "KH"),
    ("ສົມພອນ ແກ້ວມະນີ", "Somphone Keomany", "LA"),
    ("အောင်ကျော်မင်း", "Aung Kyaw Min", "MM"),
    ("Nguyễn Văn Đức", "Nguyen Van Duc", "VN"),
]


@pytest.fixture
def ceremony(db):
    forum = make_forum(languages=["zh-hans", "en", "th", "km"])
    city = make_city("Nanning", zh_hans="南宁", th="หนานหนิง")
    session = make_signing_session(
        forum, city, start=at(13, "15:30"), end=at(13, "16:30"), title="Signing ceremony"
    )
    category = make_category(forum)
    people = []
    for name, latin, country in NAMES:
        org = make_organization(forum, f"{latin} Group", country, kind=Organization.Kind.ENTERPRISE)
        participant = make_approved_participant(
            category, name=name, name_latin=latin, country=country
        )
        person = participant.person
        person.organization = org
        person.save()
        people.append(person)
    run_sheet = services.run_sheet_of(session)
    signings = []
    for n, (host, guest) in enumerate([(1, 0), (1, 2), (1, 3)]):
        project = make_project(
            forum,
            title=text(
                f"Smart port {n + 1}", zh_hans=f"智慧港口 {n + 1}", th=f"ท่าเรืออัจฉริยะ {n + 1}"
            ),
            parties=[
                (people[host].organization, "funder"),
                (people[guest].organization, "partner"),
            ],
            signing_session=session,
            signed_on=session.start.date(),
            amount=10_000_000 * (n + 1),
        )
        specs = [
            SignatorySpec(people[host]),
            SignatorySpec(people[guest], side=Signatory.Side.GUEST),
        ]
        if n == 2:
            specs += [
                SignatorySpec(people[4], Signatory.Role.WITNESS),
                SignatorySpec(people[5], Signatory.Role.WITNESS),
            ]
        signings.append(services.add_signing(None, run_sheet, project, specs, minutes=10))
    return {
        "forum": forum,
        "session": session,
        "run_sheet": run_sheet,
        "people": people,
        "signings": signings,
    }
