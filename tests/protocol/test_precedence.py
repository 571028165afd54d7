"""Order of precedence: ranks, the tie rules, overrides and the explanations."""

import datetime as dt

import pytest
from django.utils import translation

from infoharbor.protocol.precedence import (
    ALPHABET_EN,
    ALPHABET_FR,
    ARRIVAL,
    Dignitary,
    Override,
    TieRules,
    order,
)

pytestmark = pytest.mark.unit

HEAD, MINISTER, VICE, AMBASSADOR, GOVERNOR, CHAIR = range(6)
RANK_NAMES = ["head of government", "minister", "vice-minister", "ambassador", "governor", "chair"]


def vip(key, name, rank, country, day=None):
    arrived = dt.datetime(2018, 9, day, 12, tzinfo=dt.UTC) if day else None
    return Dignitary(key, name, rank, RANK_NAMES[rank], country, arrived)


# Ten dignitaries from six countries; the forum is hosted by China.
VIPS = [
    vip(1, "Li Ming", MINISTER, "CN", 10),
    vip(2, "Somchai Wongsa", MINISTER, "TH", 12),
    vip(3, "Nguyen Van An", MINISTER, "VN", 11),
    vip(4, "Wang Fang", VICE, "CN", 9),
    vip(5, "Siti Rahma", VICE, "ID", 12),
    vip(6, "Hun Dara", AMBASSADOR, "KH", 8),
    vip(7, "Tan Wei Ling", AMBASSADOR, "MY", 12),
    vip(8, "Zhang Wei", GOVERNOR, "CN", 10),
    vip(9, "Chen Jing", CHAIR, "CN", 11),
    vip(10, "Ahmad Yusof", CHAIR, "MY", 11),
]


def keys(placed):
    return [p.dignitary.key for p in placed]


def test_order_english_names_host_last():
    placed = order(VIPS, TieRules("CN", True, ALPHABET_EN))
    # Ministers: Thailand, Viet Nam (English: Thailand < Vietnam), China last as host.
    assert keys(placed) == [2, 3, 1, 5, 4, 6, 7, 8, 10, 9]


def test_order_french_names_change_the_ties():
    # French: Cambodge < Malaisie, Thaïlande < Viêt Nam; Indonésie before Chine's host-last.
    placed = order(VIPS, TieRules("CN", True, ALPHABET_FR))
    assert keys(placed) == [2, 3, 1, 5, 4, 6, 7, 8, 10, 9]
    three = [vip(1, "A", MINISTER, "DE"), vip(2, "B", MINISTER, "AT"), vip(3, "C", MINISTER, "ES")]
    # English: Austria, Germany, Spain; French: Allemagne, Autriche, Espagne.
    assert keys(order(three, TieRules("", False, ALPHABET_EN))) == [2, 1, 3]
    assert keys(order(three, TieRules("", False, ALPHABET_FR))) == [1, 2, 3]


def test_order_host_first_when_host_last_is_off():
    placed = order(VIPS, TieRules("CN", False, ALPHABET_EN))
    # English alphabetical: China, Thailand, Viet Nam; Cambodia, Malaysia; China, Malaysia.
    assert keys(placed) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]


def test_order_by_arrival():
    placed = order(VIPS, TieRules("CN", True, ARRIVAL))
    # Ministers: Viet Nam (11th), Thailand (12th), then China; Indonesia then China's vice.
    assert keys(placed) == [3, 2, 1, 5, 4, 6, 7, 8, 10, 9]


def test_order_explains_each_step():
    placed = order(VIPS, TieRules("CN", True, ALPHABET_EN))
    whys = [p.why for p in placed]
    assert whys[0] == ""
    assert whys[1] == (
        "minister of Thailand before minister of Vietnam: "
        "country names in English alphabetical order"
    )
    assert (
        whys[2]
        == "minister of Vietnam before minister of China: the host country comes last among equals"
    )
    assert whys[3] == "minister of China before vice-minister of Indonesia: rank"


def test_order_overrides_are_applied_and_explained():
    overrides = [Override(9, 8, "host province's own enterprise"), Override(1, 2, "host")]
    placed = order(VIPS, TieRules("CN", True, ALPHABET_EN), overrides)
    assert keys(placed) == [1, 2, 3, 5, 4, 6, 7, 9, 8, 10]
    assert placed[1].why == (
        "minister of China before minister of Thailand: placed by the protocol officer (host)"
    )
    assert placed[8].why == (
        "chair of China before governor of China: "
        "placed by the protocol officer (host province's own enterprise)"
    )


def test_order_ignores_overrides_for_people_not_in_the_set():
    placed = order(VIPS[:3], TieRules("CN", True, ALPHABET_EN), [Override(9, 1, "absent")])
    assert keys(placed) == [2, 3, 1]


def test_order_explains_in_the_readers_language():
    with translation.override("zh-hans"):
        placed = order(VIPS[:2], TieRules("CN", True, ALPHABET_EN), language="zh-hans")
    assert placed[1].why == "泰国minister先于中国minister：同级时东道国居后"
