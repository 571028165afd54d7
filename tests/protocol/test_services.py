"""The protocol office's services on a real database: precedence, run sheets and their checks,
seating plans and interpreters."""

import datetime as dt

import pytest

from infoharbor.core.models import AuditEntry
from infoharbor.protocol import queries, services
from infoharbor.protocol.models import (
    Booth,
    Interpreter,
    ProtocolSettings,
    SeatingPlan,
    SeatingRule,
    SeatingTable,
    Signatory,
)
from infoharbor.protocol.services import ProtocolError, SignatorySpec
from infoharbor.registration import services as registration_services
from tests.factories import (
    at,
    link_cities,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_person,
    make_project,
    make_rank,
    make_session,
    make_signing_session,
    registration_input,
    text,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def forum(db):
    return make_forum()


@pytest.fixture
def nanning(db):
    return make_city("Nanning")


def test_precedence_order_uses_ranks_ties_and_audited_overrides(forum):
    ProtocolSettings.objects.create(forum=forum, host_country="CN")
    minister, vice = make_rank(forum, "minister", 1), make_rank(forum, "vice-minister", 2)
    cn = make_person(forum, name_latin="Li Ming", country="CN")
    th = make_person(forum, name_latin="Somchai", country="TH")
    vn = make_person(forum, name_latin="An", country="VN")
    services.set_dignitary(None, cn, minister)
    services.set_dignitary(None, th, vice)
    services.set_dignitary(None, vn, minister)
    order = services.precedence_order(forum)
    assert [p.person for p in order] == [vn, cn, th]
    assert order[2].why == "minister of China before vice-minister of Thailand: rank"
    officer = make_organiser(forum, role="protocol_officer")
    services.override_precedence(officer, forum, th, cn, "special envoy of the host")
    assert [p.person for p in services.precedence_order(forum)] == [vn, th, cn]
    entry = AuditEntry.objects.get(action="precedence.overridden")
    assert entry.actor == officer
    assert entry.changes["reason"] == [None, "special envoy of the host"]


def test_precedence_override_needs_a_reason(forum):
    a, b = make_person(forum), make_person(forum)
    with pytest.raises(ProtocolError) as error:
        services.override_precedence(None, forum, a, b, " ")
    assert error.value.messages == ["Give the reason for changing the order of precedence."]


def _run_sheet(forum, city, start="15:30", end="16:30"):
    session = make_signing_session(forum, city, start=at(13, start), end=at(13, end))
    return services.run_sheet_of(session)


def test_timing_against_the_slot(forum, nanning):
    run_sheet = _run_sheet(forum, nanning)
    first = services.add_signing(None, run_sheet, make_project(forum), [], minutes=20)
    second = services.add_signing(None, run_sheet, make_project(forum), [], minutes=10)
    timing = services.timing(run_sheet)
    assert [(t.signing, t.start, t.end) for t in timing.signings] == [
        (first, at(13, "15:40"), at(13, "16:01")),
        (second, at(13, "16:01"), at(13, "16:12")),
    ]
    assert timing.end == at(13, "16:17")
    assert timing.fits is True
    assert timing.overrun_minutes == 0
    services.add_signing(None, run_sheet, make_project(forum), [], minutes=20, exchange_minutes=3)
    timing = services.timing(run_sheet)
    assert timing.end == at(13, "16:40")
    assert timing.fits is False
    assert timing.overrun_minutes == 10


def test_move_signing_reorders_and_moves_the_times(forum, nanning):
    run_sheet = _run_sheet(forum, nanning)
    a = services.add_signing(None, run_sheet, make_project(forum), [], minutes=5)
    b = services.add_signing(None, run_sheet, make_project(forum), [], minutes=10)
    c = services.add_signing(None, run_sheet, make_project(forum), [], minutes=1)
    services.move_signing(None, c, 0)
    timing = services.timing(run_sheet)
    assert [t.signing for t in timing.signings] == [c, a, b]
    assert [t.start for t in timing.signings] == [at(13, "15:40"), at(13, "15:42"), at(13, "15:48")]
    assert AuditEntry.objects.filter(action="run_sheet.reordered").count() == 1


def test_a_project_signed_at_two_ceremonies_is_refused(forum, nanning):
    first, second = _run_sheet(forum, nanning), _run_sheet(forum, nanning, "17:00", "18:00")
    project = make_project(forum, title=text("Smart port"))
    services.add_signing(None, first, project, [])
    with pytest.raises(ProtocolError) as error:
        services.add_signing(None, second, project, [])
    assert error.value.messages == [
        f"“Smart port” is already signed at “{first.session.title}”; a project is signed once."
    ]
    registered_elsewhere = make_project(
        forum, signing_session=first.session, signed_on=dt.date(2018, 9, 13)
    )
    with pytest.raises(ProtocolError):
        services.add_signing(None, second, registered_elsewhere, [])


def test_only_signing_ceremonies_have_run_sheets(forum, nanning):
    with pytest.raises(ProtocolError):
        services.run_sheet_of(make_session(forum, nanning, kind="dialogue"))


def test_pre_day_checks_raise_every_flag(forum, nanning):
    beihai = make_city("Beihai")
    link_cities(nanning, beihai, 180)
    category = make_category(forum)
    run_sheet = _run_sheet(forum, nanning)  # 13 September, 15:30-16:30, Nanning
    ready = make_approved_participant(category).person
    unregistered = make_person(forum)
    pending = registration_services.register(
        forum,
        registration_input(make_category(forum, needs_approval=True)),
    ).participant.person
    in_beihai = make_approved_participant(category).person
    make_session(forum, beihai, start=at(13, "14:00"), end=at(13, "15:00"), speakers=[in_beihai])
    double = make_approved_participant(category).person
    make_session(forum, nanning, start=at(13, "16:00"), end=at(13, "17:00"), speakers=[double])
    late = make_approved_participant(category).person
    services.set_dignitary(None, late, make_rank(forum), arrived_at=at(13, "18:00"))
    people = [ready, unregistered, pending, in_beihai, double, late]
    services.add_signing(None, run_sheet, make_project(forum), [SignatorySpec(p) for p in people])
    flags = services.pre_day_checks(run_sheet)
    assert [(f.person, f.kind) for f in flags] == [
        (unregistered, services.NOT_REGISTERED),
        (pending, services.NOT_APPROVED),
        (in_beihai, services.NOT_IN_CITY),
        (double, services.BOOKED_ELSEWHERE),
        (late, services.NOT_IN_CITY),
    ]
    assert flags[2].message.endswith("travel to Nanning takes 180 minutes.")


def test_pre_day_checks_count_signings_at_other_ceremonies(forum, nanning):
    beihai = make_city("Beihai")
    link_cities(nanning, beihai, 180)
    person = make_approved_participant(make_category(forum)).person
    here = _run_sheet(forum, nanning)
    there = services.run_sheet_of(
        make_signing_session(forum, beihai, start=at(13, "18:00"), end=at(13, "19:00"))
    )
    services.add_signing(None, here, make_project(forum), [SignatorySpec(person)])
    assert services.pre_day_checks(here) == []
    services.add_signing(None, there, make_project(forum), [SignatorySpec(person)])
    assert [f.kind for f in services.pre_day_checks(here)] == [services.NOT_IN_CITY]


def test_stage_of_a_signing_from_precedence_and_sides(forum, nanning):
    ProtocolSettings.objects.create(forum=forum, host_country="CN", guest_side="right")
    minister, chair = make_rank(forum, "minister", 1), make_rank(forum, "chair", 5)
    people = {}
    for key, rank, country in [
        ("host", minister, "CN"),
        ("host2", chair, "CN"),
        ("guest", minister, "TH"),
        ("w1", minister, "VN"),
        ("w2", chair, "MY"),
    ]:
        people[key] = make_person(forum, name_latin=key, country=country)
        services.set_dignitary(None, people[key], rank)
    run_sheet = _run_sheet(forum, nanning)
    signing = services.add_signing(
        None,
        run_sheet,
        make_project(forum),
        [
            SignatorySpec(people["host2"]),
            SignatorySpec(people["host"]),
            SignatorySpec(people["guest"], side=Signatory.Side.GUEST),
            SignatorySpec(people["w2"], Signatory.Role.WITNESS),
            SignatorySpec(people["w1"], Signatory.Role.WITNESS),
        ],
    )
    plan = services.stage_of(signing)
    assert [s.person.name_latin for s in plan.table] == ["guest", "host", "host2"]
    assert [s.person.name_latin for s in plan.standing] == ["w2", "w1"]


def _plan(forum, tables):
    plan = SeatingPlan.objects.create(forum=forum, name=text("Banquet"))
    for order, (label, shape, seats) in enumerate(tables):
        SeatingTable.objects.create(
            plan=plan, label=label, shape=shape, seats=seats, x=order * 3, y=5, order=order
        )
    return plan


def test_compute_seating_by_precedence_with_fixed_seats_and_interpreters(forum):
    plan = _plan(forum, [("H", "head", 3), ("1", "round", 4)])
    rank = make_rank(forum, "minister", 1)
    vip = make_person(forum, name_latin="A VIP", country="TH")
    services.set_dignitary(None, vip, rank)
    others = [make_person(forum, name_latin=f"Guest {n}") for n in range(4)]
    interpreter = make_person(forum, name_latin="Interpreter")
    services.add_seating_rule(None, plan, SeatingRule.Kind.INTERPRETER, interpreter, vip)
    assert services.compute_seating(None, plan, [vip, *others]) == 6
    seat = {a.person: a for a in plan.assignments.all()}
    assert (seat[vip].table.label, seat[vip].number) == ("H", 2)  # the middle of the head table
    assert (seat[interpreter].table.label, seat[interpreter].number, seat[interpreter].behind) == (
        "H",
        2,
        True,
    )
    head = plan.own_tables.get(label="H")
    round_table = plan.own_tables.get(label="1")
    services.fix_seat(None, plan, others[3], round_table, 4)
    services.fix_seat(None, plan, vip, head, 1)
    services.compute_seating(None, plan)
    seat = {a.person: a for a in plan.assignments.all()}
    assert (seat[others[3]].table, seat[others[3]].number, seat[others[3]].fixed) == (
        round_table,
        4,
        True,
    )
    assert (seat[vip].table, seat[vip].number) == (head, 1)
    assert (seat[interpreter].table, seat[interpreter].number) == (head, 1)
    assert queries.seats_of(others[3].pk) == [seat[others[3]]]


def test_compute_seating_keeps_people_apart(forum):
    plan = _plan(forum, [("1", "round", 4), ("2", "round", 4)])
    a, b = make_person(forum), make_person(forum)
    services.add_seating_rule(None, plan, SeatingRule.Kind.APART, a, b)
    services.compute_seating(None, plan, [a, b])
    tables = {x.person: x.table.label for x in plan.assignments.all()}
    assert tables == {a: "1", b: "2"}


def _booth(forum, city, start, end, language="en"):
    session = make_session(forum, city, start=start, end=end, language="zh-hans")
    return services.set_booths(None, session, [language])[0]


def test_interpreters_are_never_double_booked(forum, nanning):
    morning = _booth(forum, nanning, at(13, "09:00"), at(13, "11:00"))
    overlapping = _booth(forum, nanning, at(13, "10:00"), at(13, "12:00"))
    people = [
        Interpreter.objects.create(
            forum=forum, person=make_person(forum), pairs=[["zh-hans", "en"]]
        )
        for _ in range(3)
    ]
    plan = services.assign_interpreters(None, forum)
    assert plan.missing == {overlapping.pk: 1}
    staffed = {b.pk: set(b.interpreters.all()) for b in Booth.objects.all()}
    assert staffed == {morning.pk: set(people[:2]), overlapping.pk: {people[2]}}
    with pytest.raises(ProtocolError) as error:
        services.assign_interpreter(None, overlapping, people[0])
    assert error.value.messages == [f"{people[0]} is already in another booth at that time."]


def test_interpreters_keep_the_daily_limit(forum, nanning):
    ProtocolSettings.objects.create(forum=forum, interpreter_minutes_per_day=200)
    morning = _booth(forum, nanning, at(13, "09:00"), at(13, "11:00"))
    afternoon = _booth(forum, nanning, at(13, "14:00"), at(13, "16:00"))
    person = Interpreter.objects.create(
        forum=forum, person=make_person(forum), pairs=[["en", "zh-hans"]]
    )
    services.assign_interpreter(None, morning, person)
    with pytest.raises(ProtocolError) as error:
        services.assign_interpreter(None, afternoon, person)
    assert error.value.messages == [
        f"{person} would interpret 240 minutes that day; the limit is 200."
    ]


def test_set_booths_numbers_channels(forum, nanning):
    session = make_session(forum, nanning, language="zh-hans")
    booths = services.set_booths(None, session, ["zh-hans", "en", "th"], relay={"th": "en"})
    assert [
        (b.language, b.channel, b.source) for b in queries.interpretation_channels(session)
    ] == [
        ("en", 1, "zh-hans"),
        ("th", 2, "en"),
    ]
    assert len(booths) == 2
