"""A cooperation platform's hub: its sessions, its projects with their partner organizations
named as the reader's language names them (else in their own script), and its B2B meetings."""

import pytest

from infoharbor.matchmaking import services as matchmaking
from infoharbor.matchmaking.services import OpportunitySpec
from infoharbor.program import kinds
from infoharbor.reports import platforms
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organization,
    make_platform,
    make_profile,
    make_project,
    make_session,
    text,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def add_platform_meetings(forum, city, platform, answers=None):
    """B2B meetings about a Chinese offer under `platform` in a negotiation block on 14
    September in `city`: the Thai visitor's held, the Khmer one's scheduled, a Vietnamese
    request declined; and a Malaysian visitor's meeting about no opportunity. `answers` are
    the participants' answers to the forum's questions."""
    negotiation = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "14:00"), end=at(14, "16:00")
    )
    block = matchmaking.set_up_block(None, negotiation, slot_minutes=30, tables=2)
    category = make_category(forum)
    answers = answers or {}
    host = make_approved_participant(
        category, name="王伟", name_latin="Wang Wei", country="CN", answers=answers
    )
    visitors = {
        country: make_approved_participant(
            category, name_latin=f"Visitor {country}", country=country, answers=answers
        )
        for country in ("TH", "KH", "VN", "MY")
    }
    offer = make_profile(
        host, OpportunitySpec("offer", platform=platform, products="5G towers")
    ).opportunities.get()
    held = matchmaking.request_meeting(visitors["TH"], host, opportunity=offer)
    matchmaking.accept(held, host, slot=block.slots.get(index=0))
    matchmaking.report_meeting(held.meeting, visitors["TH"], held=True)
    scheduled = matchmaking.request_meeting(visitors["KH"], host, opportunity=offer)
    matchmaking.accept(scheduled, host, slot=block.slots.get(index=1))
    matchmaking.decline(matchmaking.request_meeting(visitors["VN"], host, opportunity=offer), host)
    elsewhere = matchmaking.request_meeting(visitors["MY"], host)
    matchmaking.accept(elsewhere, host, slot=block.slots.get(index=2))


@pytest.fixture
def hub_forum():
    """The network platform: a sub-forum in Nanning, a project of a Chinese and a Thai party,
    and the B2B meetings above; another platform with a project and no meeting."""
    forum = make_forum()
    city = make_city("Nanning", th="หนานหนิง")
    forum.cities.add(city)
    network = make_platform(forum, "network", "Network infrastructure")
    network.name = text("Network infrastructure", th="โครงสร้างพื้นฐานเครือข่าย")
    network.save()
    other = make_platform(forum, "exchange")
    sub_forum = make_session(forum, city, slug="network-forum", title="Network forum")
    sub_forum.platforms.add(network)
    chinese = make_organization(forum, country="CN")
    chinese.name = text("China Mobile Guangxi", zh_hans="中国移动广西公司")
    chinese.save()
    thai = make_organization(forum, country="TH")
    thai.name = text("True Corporation", th="ทรู คอร์ปอเรชั่น")
    thai.save()
    make_project(forum, parties=[(chinese, "funder"), (thai, "implementer")], platforms=[network])
    make_project(forum, platforms=[other])
    add_platform_meetings(forum, city, network)
    return forum


def test_hub_counts_the_platforms_b2b_meetings_and_their_countries(hub_forum):
    hub = platforms.hub(hub_forum, "network", "en")
    meetings = hub.meetings
    assert (meetings.requested, meetings.scheduled, meetings.held, meetings.declined) == (
        3,
        2,
        1,
        1,
    )
    assert hub.meeting_countries == [("China", 2), ("Cambodia", 1), ("Thailand", 1)]


def test_hub_of_a_platform_without_meetings_has_no_meeting_figures(hub_forum):
    hub = platforms.hub(hub_forum, "exchange", "en")
    assert (hub.meetings, hub.meeting_countries) == (None, [])


def test_hub_names_partners_as_the_readers_language_does_else_in_their_own_script(hub_forum):
    assert platforms.hub(hub_forum, "network", "th").organizations == [
        ("ทรู คอร์ปอเรชั่น", "ไทย"),
        ("中国移动广西公司", "จีน"),
    ]
    assert platforms.hub(hub_forum, "network", "en").organizations == [
        ("China Mobile Guangxi", "China"),
        ("True Corporation", "Thailand"),
    ]
    # Khmer has neither name: each in its own country's language.
    assert platforms.hub(hub_forum, "network", "km").organizations == [
        ("ทรู คอร์ปอเรชั่น", "ថៃ"),
        ("中国移动广西公司", "ចិន"),
    ]


def test_hub_page_shows_the_meetings_in_the_readers_language(client, hub_forum):
    html = client.get(f"/th/forums/{hub_forum.slug}/platforms/network/").content.decode()
    assert "<h1>โครงสร้างพื้นฐานเครือข่าย</h1>" in html
    section = html[html.index('<section id="meetings">') :]
    section = section[: section.index("</section>")]
    assert "<li>การนัดหมายที่จัดตารางแล้ว: 2</li><li>การนัดหมายที่จัดขึ้นแล้ว: 1</li>" in section
    assert "<li>จีน: 2</li><li>กัมพูชา: 1</li><li>ไทย: 1</li>" in section
    assert "<li>ทรู คอร์ปอเรชั่น · ไทย</li><li>中国移动广西公司 · จีน</li>" in html
