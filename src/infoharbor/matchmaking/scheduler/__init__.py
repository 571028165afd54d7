"""The B2B meeting scheduler of the matchmaking app: pure Python, no Django models.

Two problems, for two uses:

* **Break minimisation** (`minimise_breaks`, problem A): every requested meeting must be held; place
  them so that participants wait as little as possible between meetings. A break is a maximal run
  of idle slots between two meetings of one participant; the total is minimised exactly, with the
  break counts of any two participants (who have meetings) within `fairness` (2) of each other.
  Rules: one meeting per participant per slot, at most `n_tables` per slot, forbidden slots,
  morning/afternoon sessions, fixed slots, precedences. Algorithm: a SAT encoding on busy slots
  (`encoding.py`), in two worker processes so a time limit holds: one minimises from below, a
  fresh solver per bound (each "no" proves a lower bound, the first "yes" is optimal), the other
  improves a first schedule by large-neighbourhood search and, when that stalls, puts the whole
  question "fewer breaks?" to a fresh solver counted another way. This is the model of the JAIR-2022
  benchmark (`dzn.py` reads its files).
* **Weighted placement** (`optimise`, problem B): the forum's real use, thousands of participants
  and tens of thousands of weighted requests, more than fits, with the organiser's meeting orders
  (precedences, kept by every move). Place the most weight: what the bound's relaxation
  places, coloured into the slots of its day and city (Kempe chains, reseating), then a greedy by
  weight with slot choice, then repair (moving meetings out of the way, pushing out lighter ones),
  then a pass that shortens breaks without losing weight. `upper_bound` is a proven bound (a
  linear relaxation solved by HiGHS, checked through its duals); every request left out gets a
  reason. `first_come` is the baseline of booking requests as they are accepted.

Both take a progress callback (fraction done, message) and a time limit, for a page that runs them.
"""

from infoharbor.matchmaking.scheduler.breaks import (
    count_breaks,
    infeasibility_reason,
    minimise_breaks,
    participant_lower_bounds,
)
from infoharbor.matchmaking.scheduler.dzn import DznError, parse_dzn
from infoharbor.matchmaking.scheduler.instance import (
    BreakInstance,
    BreakSolution,
    Half,
    Meeting,
    Placement,
    PlacementInstance,
    Progress,
    Request,
    Session,
    Slot,
    Status,
    Unplaced,
    Why,
)
from infoharbor.matchmaking.scheduler.placement import (
    PlacementError,
    first_come,
    optimise,
    upper_bound,
)

__all__ = [
    "BreakInstance",
    "BreakSolution",
    "DznError",
    "Half",
    "Meeting",
    "Placement",
    "PlacementError",
    "PlacementInstance",
    "Progress",
    "Request",
    "Session",
    "Slot",
    "Status",
    "Unplaced",
    "Why",
    "count_breaks",
    "first_come",
    "infeasibility_reason",
    "minimise_breaks",
    "optimise",
    "parse_dzn",
    "participant_lower_bounds",
    "upper_bound",
]
