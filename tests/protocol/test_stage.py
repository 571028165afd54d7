"""Stage order: the middle first, then the right and the left of the middle in turn."""

import pytest

from infoharbor.protocol.stage import LEFT, RIGHT, centre_out, line_up, signing_stage

pytestmark = pytest.mark.unit


def test_centre_out_odd_and_even():
    assert centre_out(1) == [0]
    assert centre_out(5) == [2, 1, 3, 0, 4]
    assert centre_out(4) == [2, 1, 3, 0]


def test_line_up_puts_the_second_at_the_first_ones_right():
    # As the audience sees it: 4 2 1 3 5 (the second at the first one's right: the audience's left).
    assert line_up([1, 2, 3, 4, 5]) == [4, 2, 1, 3, 5]
    assert line_up(["a", "b", "c", "d"]) == ["d", "b", "a", "c"]


def test_signing_stage_guests_at_the_hosts_right():
    plan = signing_stage(["H1", "H2"], ["G1", "G2"], ["W1", "W2", "W3"], RIGHT)
    assert plan.table == ["G2", "G1", "H1", "H2"]
    assert plan.standing == ["W2", "W1", "W3"]


def test_signing_stage_guests_at_the_hosts_left():
    plan = signing_stage(["H1"], ["G1"], [], LEFT)
    assert plan.table == ["H1", "G1"]
    assert plan.standing == []
