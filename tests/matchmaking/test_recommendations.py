"""Who to meet: planted complementary partners rank in the top five, across languages."""

import random

import pytest

from infoharbor.matchmaking.recommendations import recommend
from infoharbor.matchmaking.services import OpportunitySpec
from tests.factories import (
    make_approved_participant,
    make_category,
    make_forum,
    make_profile,
    make_topic,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

OFFER, REQUEST = "offer", "request"


def test_thai_offer_meets_chinese_request_through_the_shared_vocabulary():
    forum = make_forum()
    category = make_category(forum)
    make_topic(
        forum,
        "smart-city",
        keywords={"th": ["เมืองอัจฉริยะ"], "zh-hans": ["智慧城市"], "en": ["smart city"]},
        th="เมืองอัจฉริยะ",
        zh_hans="智慧城市",
    )
    make_topic(forum, "tourism", keywords={"th": ["ท่องเที่ยว"], "zh-hans": ["旅游"]})
    thai = make_approved_participant(category, name="สมชาย ใจดี")
    chinese = make_approved_participant(category, name="王伟")
    bystander = make_approved_participant(category, name="Nguyễn Văn An")
    make_profile(
        thai,
        OpportunitySpec(OFFER, products="เซ็นเซอร์สำหรับเมืองอัจฉริยะ", text="ระบบไฟถนนเมืองอัจฉริยะ"),
        language="th",
    )
    make_profile(
        chinese,
        OpportunitySpec(REQUEST, text="寻找智慧城市传感器合作伙伴", countries=["TH"]),
        language="zh-hans",
    )
    make_profile(bystander, OpportunitySpec(OFFER, text="旅游线路"))
    [match] = recommend(chinese, "zh-hans")
    assert match.profile.participant == thai
    assert match.explanation == "提供 智慧城市"
    [back] = recommend(thai, "th")
    assert back.profile.participant == chinese
    assert back.explanation == "ต้องการ เมืองอัจฉริยะ ใน ไทย"


def test_explanation_names_the_countries_in_the_readers_language():
    forum = make_forum()
    category = make_category(forum)
    logistics = make_topic(forum, "logistics", km="ដឹកជញ្ជូន")
    seller = make_approved_participant(category)
    buyer = make_approved_participant(category)
    make_profile(seller, OpportunitySpec(OFFER, topics=[logistics], products="cold-chain trucks"))
    make_profile(buyer, OpportunitySpec(REQUEST, topics=[logistics], countries=["KH", "LA"]))
    [match] = recommend(seller, "km")
    # CLDR's Khmer list pattern joins the last item with "និង" and a zero-width space.
    assert match.explanation == "ស្វែងរក ដឹកជញ្ជូន នៅ កម្ពុជា និង\u200bឡាវ"


def test_planted_partners_rank_in_the_top_five():
    rng = random.Random(7)
    forum = make_forum()
    category = make_category(forum)
    topics = [make_topic(forum, f"topic-{i}") for i in range(12)]
    planted_topics = [make_topic(forum, f"planted-{i}") for i in range(6)]
    others = []
    for i in range(60):
        person = make_approved_participant(category, name=f"Company {i}")
        org_topics = rng.sample(topics, 2)
        make_profile(
            person,
            OpportunitySpec(OFFER, topics=[org_topics[0]], products=f"goods {i}"),
            OpportunitySpec(REQUEST, topics=[org_topics[1]], text=f"looking for {i}"),
        )
        others.append(person)
    pairs = []
    for i, topic in enumerate(planted_topics):
        seller = make_approved_participant(category, name=f"Seller {i}")
        buyer = make_approved_participant(category, name=f"Buyer {i}")
        noise = rng.choice(topics)
        make_profile(
            seller,
            OpportunitySpec(OFFER, topics=[topic, noise], products=f"planted product {i}"),
        )
        make_profile(
            buyer,
            OpportunitySpec(REQUEST, topics=[topic], text=f"need planted product {i}"),
            OpportunitySpec(OFFER, topics=[rng.choice(topics)]),
        )
        pairs.append((seller, buyer))
    for seller, buyer in pairs:
        assert buyer in [m.profile.participant for m in recommend(seller, "en", limit=5)]
        assert seller in [m.profile.participant for m in recommend(buyer, "en", limit=5)]


def test_participants_without_a_profile_or_closed_get_no_recommendations():
    forum = make_forum()
    category = make_category(forum)
    topic = make_topic(forum, "energy")
    lonely = make_approved_participant(category)
    closed = make_approved_participant(category)
    profile = make_profile(closed, OpportunitySpec(OFFER, topics=[topic]))
    profile.open_to_meetings = False
    profile.save()
    seeker = make_approved_participant(category)
    make_profile(seeker, OpportunitySpec(REQUEST, topics=[topic]))
    assert recommend(lonely, "en") == []
    assert recommend(seeker, "en") == []
