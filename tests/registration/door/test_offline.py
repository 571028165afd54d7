"""The door with no connection: the admission list its phone keeps, and the queued scans it sends
when the network is back."""

import datetime as dt
import hashlib
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from infoharbor.registration import services
from infoharbor.registration.badges import rendering as badges
from infoharbor.registration.door import queries as door_queries
from infoharbor.registration.door import services as checkin
from infoharbor.registration.models import CheckIn, Participant
from tests.factories import (
    at,
    make_approved_participant,
    make_category,
    make_city,
    make_door_staff,
    make_forum,
    make_participant,
    make_session,
    photo_upload,
    set_capacity,
)

pytestmark = pytest.mark.integration

Reason = CheckIn.Reason
DAY = dt.date(2018, 9, 12)


@pytest.fixture
def forum(db):
    return make_forum(slug="harbor")


@pytest.fixture
def category(forum):
    return make_category(forum, code="delegate")


@pytest.fixture
def staff(forum):
    return make_door_staff(forum)


def _offline(participant, door, when, allowed=True, reason="", scan_id="", session=None):
    return checkin.OfflineScan(
        door=door,
        code=badges.badge_token(participant),
        session=session,
        scanned_at=when,
        scan_id=scan_id or f"{door}-{when:%H%M}",
        answer=checkin.OfflineAnswer(allowed, reason),
    )


def _records(participant):
    rows = CheckIn.objects.filter(participant=participant).order_by("scanned_at", "pk")
    return list(rows.values_list("door", "result", "reason", "offline_allowed"))


def _by_digest(listed, participant):
    digest = door_queries.badge_digest(listed["salt"], participant.badge_code)
    return next(entry for entry in listed["people"] if entry["digest"] == digest)


# --- the admission list -------------------------------------------------------------------------


def test_admission_list_names_a_badge_by_its_digest_with_only_what_the_door_shows(forum, category):
    participant = make_approved_participant(category, name="ប៊ុន សុខា", name_latin="Bun Sokha")
    Participant.objects.filter(pk=participant.pk).update(phone="+855 12 345 678")
    participant.refresh_from_db()
    listed = door_queries.admission_list(forum, None, DAY)

    expected = hashlib.sha256(f"{listed['salt']}{participant.badge_code}".encode()).hexdigest()
    assert listed["people"] == [
        {
            "digest": expected,
            "reason": "",
            "name": "ប៊ុន សុខា",
            "name_latin": "Bun Sokha",
            "category": "delegate",
            "colour": "#1F6FB2",
            "photo": "",
        }
    ]
    assert (listed["forum"], listed["session"], listed["day"], listed["timezone"]) == (
        "harbor",
        "",
        "2018-09-12",
        "Asia/Shanghai",
    )
    assert listed["inside"] == []
    assert listed["messages"][""] == "Yes: come in"
    assert listed["messages"][Reason.BADGE_REVOKED] == "badge revoked"
    everything = json.dumps(listed, cls=DjangoJSONEncoder, ensure_ascii=False)
    for secret in (
        participant.badge_code,
        participant.token,
        participant.person.email,
        participant.phone,
        badges.badge_token(participant),
    ):
        assert secret not in everything


def test_admission_list_salt_is_new_for_every_list(forum, category):
    participant = make_approved_participant(category)
    first = door_queries.admission_list(forum, None, DAY)
    second = door_queries.admission_list(forum, None, DAY)
    assert first["salt"] != second["salt"]
    assert _by_digest(first, participant)["digest"] != _by_digest(second, participant)["digest"]


def test_admission_list_photo_is_the_protected_address(forum, category, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    participant = make_approved_participant(category)
    services.change_photo(participant, photo_upload())
    listed = door_queries.admission_list(forum, None, DAY)
    public_id = participant.person.public_id
    assert _by_digest(listed, participant)["photo"] == (
        f"/en/forums/harbor/orga/photos/{public_id}/"
    )


def test_admission_list_states_every_refusal_and_names_only_valid_badges(forum, category):
    session = make_session(forum, make_city(), start=at(12, "09:00"), slug="opening")
    set_capacity(session, 1)
    seated = make_approved_participant(category, sessions=[session])
    waiting = make_approved_participant(category, sessions=[session])
    unregistered = make_approved_participant(category)
    revoked = make_approved_participant(category)
    services.revoke_badge(None, revoked)
    pending = make_participant(make_category(forum, "press", needs_approval=True))
    other_day = make_approved_participant(make_category(forum, "visitor", days=["2018-09-13"]))
    lost = make_approved_participant(category)
    old_code = lost.badge_code
    services.reissue_badge(None, lost)

    listed = door_queries.admission_list(forum, session, DAY)

    reasons = {entry["digest"]: entry["reason"] for entry in listed["people"]}
    digest = lambda code: door_queries.badge_digest(listed["salt"], code)  # noqa: E731
    refreshed = {p.pk: p for p in Participant.objects.filter(forum=forum)}
    assert reasons == {
        digest(seated.badge_code): "",
        digest(waiting.badge_code): Reason.SESSION_FULL,
        digest(unregistered.badge_code): Reason.NOT_REGISTERED,
        digest(revoked.badge_code): Reason.BADGE_REVOKED,
        digest(pending.badge_code): Reason.NOT_APPROVED,
        digest(other_day.badge_code): Reason.WRONG_DAY,
        digest(refreshed[lost.pk].badge_code): Reason.NOT_REGISTERED,
        digest(old_code): Reason.BADGE_REPLACED,
    }
    # Who may not hold a badge is named by nothing but its digest: the door needs only the no.
    assert _by_digest(listed, revoked).keys() == {"digest", "reason"}
    assert _by_digest(listed, pending).keys() == {"digest", "reason"}


def test_admission_list_names_the_badges_already_inside(forum, category, staff):
    inside = make_approved_participant(category)
    make_approved_participant(category)
    checkin.scan(checkin.Door(forum, "Gate", staff), inside.badge_code, at=at(12, "08:30"))
    checkin.scan(checkin.Door(forum, "Gate", staff), inside.badge_code, at=at(12, "08:31"))

    listed = door_queries.admission_list(forum, None, DAY)

    assert listed["inside"] == [door_queries.badge_digest(listed["salt"], inside.badge_code)]
    assert door_queries.admission_list(forum, None, DAY + dt.timedelta(days=1))["inside"] == []


# --- queued scans sent when the network is back -------------------------------------------------


def test_same_badge_at_two_doors_offline_gives_one_entry_and_one_already_inside(
    forum, category, staff
):
    participant = make_approved_participant(category)

    # Both phones had no connection, both let the badge in, each from its own list.
    north = checkin.apply_offline_scans(
        forum, staff, [_offline(participant, "North", at(12, "09:00"))]
    )
    south = checkin.apply_offline_scans(
        forum, staff, [_offline(participant, "South", at(12, "09:02"))]
    )

    assert [(r.allowed, r.reason, r.check_in.flagged) for r in north + south] == [
        (True, "", False),
        (False, Reason.ALREADY_INSIDE, True),
    ]
    assert _records(participant) == [
        ("North", "allowed", "", True),
        ("South", "refused", Reason.ALREADY_INSIDE, True),
    ]
    assert door_queries.entries_on(forum, DAY) == 1


def test_queued_scans_are_applied_in_scan_order_not_in_the_order_sent(forum, category, staff):
    participant = make_approved_participant(category)
    later = _offline(participant, "North", at(12, "09:30"))
    earlier = _offline(participant, "North", at(12, "09:10"))

    results = checkin.apply_offline_scans(forum, staff, [later, earlier])

    assert [(r.check_in.scanned_at, r.allowed) for r in results] == [
        (at(12, "09:10"), True),
        (at(12, "09:30"), False),
    ]
    assert results[1].reason == Reason.ALREADY_INSIDE


def test_badge_revoked_while_the_door_was_offline_is_flagged_on_sync(forum, category, staff):
    participant = make_approved_participant(category)
    services.revoke_badge(None, participant)  # meanwhile, at the registration desk

    [result] = checkin.apply_offline_scans(
        forum, staff, [_offline(participant, "North", at(12, "09:00"))]
    )

    answer = checkin.scan_answer(forum, result)
    assert (answer["allowed"], answer["reason"], answer["offline_allowed"], answer["flagged"]) == (
        False,
        Reason.BADGE_REVOKED,
        True,
        True,
    )
    assert answer["message"] == "badge revoked"
    assert answer["participant"]["name"] == participant.person.name
    assert _records(participant) == [("North", "refused", Reason.BADGE_REVOKED, True)]


def test_a_door_that_turned_someone_away_offline_records_no_entry(forum, category, staff):
    # The phone's list was older than the approval: it said no, and the person did not come in.
    participant = make_approved_participant(category)
    scan = _offline(participant, "North", at(12, "09:00"), allowed=False, reason="not_approved")

    [result] = checkin.apply_offline_scans(forum, staff, [scan])

    assert (result.allowed, result.reason, result.check_in.flagged) == (
        False,
        Reason.NOT_APPROVED,
        False,
    )
    later = checkin.scan(
        checkin.Door(forum, "North", staff), participant.badge_code, at=at(12, "09:05")
    )
    assert later.allowed is True


def test_a_queue_sent_twice_is_recorded_once(forum, category, staff):
    participant = make_approved_participant(category)
    queued = [_offline(participant, "North", at(12, "09:00"), scan_id="phone-1-0001")]

    first = checkin.apply_offline_scans(forum, staff, queued)
    again = checkin.apply_offline_scans(forum, staff, queued)

    assert [r.repeated for r in first + again] == [False, True]
    assert again[0].check_in.pk == first[0].check_in.pk
    assert CheckIn.objects.count() == 1


def test_offline_scan_at_a_session_door_uses_its_own_time(forum, category, staff):
    session = make_session(forum, make_city(), start=at(13, "09:00"), slug="closing")
    participant = make_approved_participant(category)
    scan = _offline(participant, "Hall B", at(13, "08:55"), session=session)

    [result] = checkin.apply_offline_scans(forum, staff, [scan])

    assert (result.allowed, result.check_in.day, result.check_in.session) == (
        True,
        dt.date(2018, 9, 13),
        session,
    )
