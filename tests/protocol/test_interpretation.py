"""Interpreters in booths: never two booths at once, never past the day's limit."""

import datetime as dt
import random

import pytest

from infoharbor.protocol.interpretation import (
    BoothNeed,
    InterpreterSkills,
    assign,
    overlaps,
    pair,
)

pytestmark = pytest.mark.unit

DAY = dt.date(2018, 9, 13)


def at(hour, minute=0):
    return dt.datetime(2018, 9, 13, hour, minute, tzinfo=dt.UTC)


def booth(key, start, end, a="zh-hans", b="en", needed=2):
    return BoothNeed(key, pair(a, b), at(*start), at(*end), DAY, needed)


def skills(key, *pairs):
    return InterpreterSkills(key, frozenset(pair(a, b) for a, b in pairs))


def test_assign_staffs_overlapping_booths_with_different_people():
    booths = [booth(1, (9,), (11,)), booth(2, (10,), (12,))]
    people = [skills(k, ("zh-hans", "en")) for k in range(1, 5)]
    plan = assign(booths, people, 600)
    assert plan.staff == {1: [1, 2], 2: [3, 4]}
    assert plan.missing == {}


def test_assign_reports_a_booth_nobody_can_staff():
    booths = [booth(1, (9,), (11,)), booth(2, (10,), (12,))]
    people = [skills(k, ("zh-hans", "en")) for k in range(1, 4)]
    plan = assign(booths, people, 600)
    assert plan.staff == {1: [1, 2], 2: [3]}
    assert plan.missing == {2: 1}


def test_assign_respects_the_daily_limit():
    booths = [booth(1, (9,), (12,)), booth(2, (13,), (16,))]
    people = [skills(1, ("zh-hans", "en")), skills(2, ("zh-hans", "en"))]
    plan = assign(booths, people, 300)  # 3 h each: a second booth would make 6 h
    assert plan.staff == {1: [1, 2], 2: []}
    assert plan.missing == {2: 2}


def test_assign_needs_the_language_pair():
    booths = [booth(1, (9,), (10,), "zh-hans", "th", needed=1)]
    people = [skills(1, ("zh-hans", "en")), skills(2, ("th", "zh-hans"))]
    assert assign(booths, people, 600).staff == {1: [2]}


def test_assign_keeps_hand_made_assignments():
    booths = [booth(1, (9,), (11,)), booth(2, (10,), (12,))]
    people = [skills(k, ("zh-hans", "en")) for k in range(1, 5)]
    plan = assign(booths, people, 600, kept={2: [1]})
    assert plan.staff == {2: [1, 4], 1: [2, 3]}


def test_assign_never_double_books_on_a_generated_day():
    rng = random.Random(13)
    languages = ["zh-hans", "en", "th", "vi", "id"]
    booths = []
    for key in range(60):
        start = rng.randrange(8 * 60, 17 * 60, 15)
        length = rng.choice([45, 60, 90, 120])
        a, b = rng.sample(languages, 2)
        booths.append(
            BoothNeed(
                key,
                pair(a, b),
                at(0) + dt.timedelta(minutes=start),
                at(0) + dt.timedelta(minutes=start + length),
                DAY,
                2,
            )
        )
    people = [
        InterpreterSkills(k, frozenset(pair(*rng.sample(languages, 2)) for _ in range(3)))
        for k in range(40)
    ]
    plan = assign(booths, people, 240)
    by_key = {b.key: b for b in booths}
    worked = {}
    for booth_key, staff in plan.staff.items():
        assert len(staff) == len(set(staff))
        for person in staff:
            worked.setdefault(person, []).append(by_key[booth_key])
    for person, taken in worked.items():
        assert sum(b.minutes for b in taken) <= 240
        for i, one in enumerate(taken):
            for other in taken[i + 1 :]:
                assert not overlaps(one, other), (person, one.key, other.key)
    staffed = sum(len(s) for s in plan.staff.values())
    assert staffed + sum(plan.missing.values()) == 120
