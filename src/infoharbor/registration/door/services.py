"""Check-in at the door: the rules that let a badge in or turn it away, and what organisers see.

Every scan is recorded as a `CheckIn` row, whether it lets someone in or not. The rules, in the
order they are checked:

1. the code is not a badge of this forum (or its signature is forged): unknown badge;
2. the code is of a badge that was replaced by a new one (a lost badge): badge replaced;
3. the badge was revoked: badge revoked; the registration is not approved: not approved
   (together the one rule `Participant.has_valid_badge`);
4. the category does not grant today (in the forum's time zone), or the session does not run
   on that day: not accredited for today;
5. at a session's door, for a session with limited seats: a place on its waiting list means
   session full, no choice of it at all means not registered for this session (sessions without
   a seat limit let every approved participant in);
6. the person already has an entry ("inside") for this door's target: already inside.

"Inside" means an allowed check-in on the same forum day for the same target: the same session,
or, at a venue's door, no session (an exhibition running for days lets its visitors in once a
day). A repeated scan of someone inside is
recorded as a refusal with the reason "already inside", so a person has at most one entry per
target. A scan that carries the scanner's own `scan_id` is recorded once: sending it again returns
the first outcome and records nothing.

Two doors scanning the same badge at once must not both let it in: the decision and the entry are
made in one transaction holding the participant's row (core/locking.py), and the decision reads
the row under that lock, so a badge revoked or replaced a moment earlier is refused.

A door whose network dropped answers from the admission list its phone keeps
(`queries.admission_list`, which states rules 2–5 per badge) and sends its queued scans when the
network is back (`apply_offline_scans`): each is decided by these same rules at its own scan
time, in scan order, and the door's own answer is kept beside the verdict.

`scan_answer` is what every door is told, the door page and the scanner API alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from infoharbor.core import formatting, locking
from infoharbor.core.models import Forum
from infoharbor.program.models import Session
from infoharbor.registration.badges.rendering import badge_code_from
from infoharbor.registration.door.models import CheckIn
from infoharbor.registration.models import Participant, SessionChoice

Reason = CheckIn.Reason


@dataclass(frozen=True)
class Door:
    """Where a scan happens: the forum, the door's name and who is scanning."""

    forum: Forum
    name: str
    staff: Any = None  # the signed-in user, recorded on each scan


@dataclass(frozen=True)
class ScanResult:
    check_in: CheckIn
    participant: Participant | None
    repeated: bool  # True when `scan_id` had been recorded already and nothing new was written

    @property
    def allowed(self) -> bool:
        return self.check_in.result == CheckIn.Result.ALLOWED

    @property
    def reason(self) -> str:
        return self.check_in.reason

    @property
    def reason_label(self) -> str:
        return str(self.check_in.get_reason_display())


# What the door decides on and shows: loading only these keeps a scan cheap at busy doors.
_SCAN_ROWS = Participant.objects.select_related("person__organization", "category").only(
    "forum_id",
    "status",
    "badge_revoked",
    "badge_code",
    "category__name",
    "category__colour",
    "category__days",
    "person__name",
    "person__name_latin",
    "person__public_id",
    "person__organization__name",
    "person__photo",
)


def _holder_of_replaced(forum: Forum, badge_code: str) -> Participant | None:
    """Who held this badge before it was replaced (rule 2), or None for a code never issued.
    No lock: a replaced code never becomes current again, so the refusal cannot change."""
    return _SCAN_ROWS.filter(forum=forum, replaced_badges__badge_code=badge_code).first()


def seat_refusal(session: Session, choice: str | None) -> CheckIn.Reason | None:
    """Rule 5 for a session's door, given the participant's choice of it (its status, or None)."""
    if not hasattr(session, "capacity"):
        return None
    if choice is None:
        return Reason.NOT_REGISTERED
    if choice == SessionChoice.Status.WAITING:
        return Reason.SESSION_FULL
    return None


def entry_refusal(
    forum: Forum, participant: Participant, session: Session | None, day: dt.date
) -> CheckIn.Reason | None:
    """Why the badge holder may not enter on `day`, before the seat (rules 3 and 4), or None.

    The admission list kept on door phones states it for each badge too (queries.admission_list).
    """
    if not participant.has_valid_badge:
        return Reason.BADGE_REVOKED if participant.badge_revoked else Reason.NOT_APPROVED
    if not participant.category.grants_day(day.isoformat()):
        return Reason.WRONG_DAY
    if session is not None:
        first_day = timezone.localtime(session.start, forum.tz).date()
        last_day = timezone.localtime(session.end, forum.tz).date()
        if not first_day <= day <= last_day:
            return Reason.WRONG_DAY
    return None


def _refusal(
    forum: Forum, participant: Participant, badge_code: str, session: Session | None, day: dt.date
) -> CheckIn.Reason | None:
    """Why the participant may not enter (rules 2–6), or None; call while holding their row."""
    if participant.badge_code != badge_code:
        return Reason.BADGE_REPLACED
    reason = entry_refusal(forum, participant, session, day)
    if reason is None and session is not None:
        choice = SessionChoice.objects.filter(participant=participant, session=session)
        reason = seat_refusal(session, choice.values_list("status", flat=True).first())
    if reason is not None:
        return reason
    inside = CheckIn.objects.filter(
        participant=participant, session=session, day=day, result=CheckIn.Result.ALLOWED
    )
    if inside.exists():
        return Reason.ALREADY_INSIDE
    return None


@dataclass(frozen=True)
class OfflineAnswer:
    """What a door with no connection answered, from the admission list on its phone."""

    allowed: bool
    reason: str  # a CheckIn.Reason when not allowed


def _record(
    door: Door,
    code: str,
    session: Session | None,
    moment: dt.datetime,
    scan_id: str,
    offline: OfflineAnswer | None,
) -> CheckIn:
    day = timezone.localtime(moment, door.forum.tz).date()
    badge_code = badge_code_from(code)
    # The badge's current holder, found by the one query that locks the row.
    current = _SCAN_ROWS.filter(forum=door.forum, badge_code=badge_code)
    rows = current if badge_code else _SCAN_ROWS.none()
    with locking.lock(rows) as held:
        # Read under the lock: what decides is the row as it is now, not as it was at lookup.
        # A badge replaced while this scan waited no longer matches its old code once the lock
        # is had, so it is looked for among the replaced ones, read after that wait.
        participant = next(iter(held.values()), None)
        if participant is None and badge_code:
            participant = _holder_of_replaced(door.forum, badge_code)
        reason: CheckIn.Reason | None = Reason.UNKNOWN_CODE
        if participant is not None and badge_code:
            reason = _refusal(door.forum, participant, badge_code, session, day)
        if reason is None and offline is not None and not offline.allowed:
            # The door turned them away (its list was older): no entry, whatever the rules say
            # now, or their next scan would be refused as already inside.
            reason = Reason(offline.reason)
        return CheckIn.objects.create(
            forum=door.forum,
            participant=participant,
            session=session,
            day=day,
            door=door.name[:100],
            # Only what matched no badge: a real badge's code is a secret, and the participant
            # row already says whose badge it was.
            scanned_code=code[:200] if participant is None else "",
            scan_id=scan_id,
            scanned_by=door.staff if door.staff and door.staff.is_authenticated else None,
            scanned_at=moment,
            result=CheckIn.Result.REFUSED if reason else CheckIn.Result.ALLOWED,
            reason=reason or "",
            offline_allowed=None if offline is None else offline.allowed,
        )


def _earlier(forum: Forum, scan_id: str) -> ScanResult | None:
    found = (
        CheckIn.objects.select_related("participant__person__organization", "participant__category")
        .filter(forum=forum, scan_id=scan_id)
        .first()
    )
    if found is None:
        return None
    return ScanResult(check_in=found, participant=found.participant, repeated=True)


def scan_time(moment: dt.datetime) -> dt.datetime:
    """A door's reading of its clock as the moment in UTC, as every database can keep it (an
    offset of +21:03 is not one PostgreSQL takes); raises ValueError, its message for people,
    for a time without its UTC offset or beyond the calendar."""
    if moment.tzinfo is None:
        raise ValueError(_("Give the time with its UTC offset."))
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError(_("This time is beyond the calendar.")) from None


def scan(
    door: Door,
    code: str,
    session: Session | None = None,
    at: dt.datetime | None = None,
    scan_id: str = "",
    offline: OfflineAnswer | None = None,
) -> ScanResult:
    """Decide whether the badge behind `code` may enter, and record the scan.

    `session` is the session whose door this is (None at a venue's entrance); `at` is when the
    scan happened (now by default; scanner apps that queue scans offline send their own time);
    `offline` is what the door answered when it had no connection (see `apply_offline_scans`).
    """
    code = code.strip()
    scan_id = scan_id.strip()[:64]
    try:
        check_in = _record(door, code, session, at or timezone.now(), scan_id, offline)
    except IntegrityError:
        # This scan_id is recorded already (sent again, or twice at once): the unique constraint
        # refused the second row, so the first answer stands. Checking first would cost every
        # scan a query.
        earlier = _earlier(door.forum, scan_id) if scan_id else None
        if earlier is None:
            raise
        return earlier
    return ScanResult(check_in=check_in, participant=check_in.participant, repeated=False)


@dataclass(frozen=True)
class OfflineScan:
    """One scan a door answered with no connection, as its phone queued it."""

    door: str
    code: str
    session: Session | None
    scanned_at: dt.datetime  # the phone's clock
    scan_id: str
    answer: OfflineAnswer


def apply_offline_scans(forum: Forum, staff: Any, scans: list[OfflineScan]) -> list[ScanResult]:
    """Record the scans a door queued while offline, in the order they were scanned.

    Each is decided by the same rules as a scan made online, at its own time, and keeps what the
    door answered: a badge the door let in that the rules now refuse (revoked meanwhile, or let
    in at another door first) is recorded refused and flagged (`CheckIn.flagged`). A scan sent
    again (its answer was lost) is answered, not recorded twice.
    """
    ordered = sorted(scans, key=lambda queued: (queued.scanned_at, queued.scan_id))
    return [
        scan(
            Door(forum, queued.door, staff),
            queued.code,
            session=queued.session,
            at=queued.scanned_at,
            scan_id=queued.scan_id,
            offline=queued.answer,
        )
        for queued in ordered
    ]


def verdict_message(reason: str) -> str:
    """What the door shows with its verdict: a welcome, or why not."""
    return str(Reason(reason).label) if reason else _("Yes: come in")


def scan_answer(forum: Forum, result: ScanResult) -> dict[str, Any]:
    """What the door is told: the verdict, why not, and who it is (to compare with the face)."""
    participant = result.participant
    shown = None
    if participant is not None:
        person = participant.person
        shown = {
            "name": person.name,
            "name_latin": person.name_latin,
            "organization": str(person.organization.name) if person.organization else "",
            "category": str(participant.category.name),
            "colour": participant.category.colour,
            # Through the view that checks the staff's role, never a public media address.
            "photo": reverse("registration:staff_photo", args=[forum.slug, person.public_id])
            if person.photo
            else "",
        }
    return {
        "allowed": result.allowed,
        "reason": result.reason,
        "message": verdict_message(result.reason),
        "participant": shown,
        "scan_id": result.check_in.scan_id,
        "scanned_at": result.check_in.scanned_at,
        "scanned_time": formatting.local_time(result.check_in.scanned_at, forum.timezone),
        "repeated": result.repeated,
        "offline_allowed": result.check_in.offline_allowed,
        "flagged": result.check_in.flagged,
    }
