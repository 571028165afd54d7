"""The seed forum's protocol office: both ceremonies' run sheets and the opening's seating plan."""

import pytest

from infoharbor.program.models import Session
from infoharbor.protocol import services
from infoharbor.protocol.models import Booth, SeatAssignment, SeatingRule, Signatory
from infoharbor.registration.models import Participant

# Loading the seed takes seconds: one test looks at everything the protocol's seed made.
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_seed_loads_run_sheets_seating_and_booths(seed_forum):
    _ceremonies_have_run_sheets_that_fit(seed_forum)
    _signatories_are_synthetic_approved_participants(seed_forum)
    _opening_has_a_seating_plan_that_keeps_its_rules(seed_forum)
    _booths_are_staffed(seed_forum)


def _ceremonies_have_run_sheets_that_fit(seed_forum):
    for slug, count, named in [("guangxi-signing", 35, 4), ("beihai-signing", 59, 7)]:
        session = Session.objects.get(forum=seed_forum, slug=slug)
        timing = services.timing(session.run_sheet)
        signings = [row.signing for row in timing.signings]
        assert len(signings) == count
        # The projects the seed names open the ceremony.
        assert [s.project.synthetic for s in signings[:named]] == [False] * named
        assert {s.project.signing_session_id for s in signings} == {session.pk}
        assert timing.fits, (slug, timing.end, timing.slot_end)
        assert services.pre_day_checks(session.run_sheet) == []


def _signatories_are_synthetic_approved_participants(seed_forum):
    people = {
        s.person for s in Signatory.objects.filter(signing__run_sheet__session__forum=seed_forum)
    }
    assert len(people) == 25
    assert all(p.synthetic for p in people)
    statuses = set(Participant.objects.filter(person__in=people).values_list("status", flat=True))
    assert statuses == {"approved"}


def _opening_has_a_seating_plan_that_keeps_its_rules(seed_forum):
    plan = Session.objects.get(forum=seed_forum, slug="opening-ceremony").seating_plans.get()
    seats = list(SeatAssignment.objects.filter(plan=plan).select_related("table"))
    assert len(seats) == plan.guests.count() + 2  # and the two interpreters behind
    where = {s.person_id: s for s in seats}
    for rule in SeatingRule.objects.filter(plan=plan):
        if rule.kind == "interpreter":
            assert where[rule.person_id].behind
            assert (where[rule.person_id].table, where[rule.person_id].number) == (
                where[rule.other_id].table,
                where[rule.other_id].number,
            )
        else:
            assert where[rule.person_id].table != where[rule.other_id].table
    first = services.precedence_order(seed_forum, list(plan.guests.all()))[0].person
    # The plan's tables are the main hall's layout: a head table and 12 round tables.
    assert plan.room.protocol_layout.tables.count() == 13
    assert list(plan.own_tables.all()) == []
    head = plan.room.protocol_layout.tables.get(label="A")
    assert (where[first.pk].table, where[first.pk].number) == (head, 9)  # the middle of 16


def _booths_are_staffed(seed_forum):
    booths = Booth.objects.filter(session__forum=seed_forum)
    assert booths.count() == 15
    assert all(b.interpreters.count() == 2 for b in booths)
