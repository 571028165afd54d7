"""Check-in at the door: the rules that let a badge in or turn it away, and what organisers see.

Every scan is recorded as a `CheckIn` row, whether it lets someone in or not. The rules, in the
order they are checked:

1. the code is not a badge of this forum (or its signature is forged): unknown badge;
2. the badge was revoked: badge revoked;
3. the registration is not approved: not approved;
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
made in one transaction holding the participant's row (select_for_update on PostgreSQL; on SQLite
the IMMEDIATE transaction holds the write lock from BEGIN).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

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
_SCAN_FIELDS = (
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


def _participant(forum: Forum, code: str) -> Participant | None:
    badge_code = badge_code_from(code)
    if badge_code is None:
        return None
    try:
        return (
            Participant.objects.select_related("person__organization", "category")
            .only(*_SCAN_FIELDS)
            .get(forum=forum, badge_code=badge_code)
        )
    except Participant.DoesNotExist:
        return None


def _refusal(
    forum: Forum, participant: Participant, session: Session | None, day: dt.date
) -> CheckIn.Reason | None:
    """Why the participant may not enter (rules 2–6), or None; call while holding their row."""
    if participant.badge_revoked:
        return Reason.BADGE_REVOKED
    if participant.status != Participant.Status.APPROVED:
        return Reason.NOT_APPROVED
    if not participant.category.grants_day(day.isoformat()):
        return Reason.WRONG_DAY
    if session is not None:
        first_day = timezone.localtime(session.start, forum.tz).date()
        last_day = timezone.localtime(session.end, forum.tz).date()
        if not first_day <= day <= last_day:
            return Reason.WRONG_DAY
        if hasattr(session, "capacity"):
            choice = SessionChoice.objects.filter(participant=participant, session=session).first()
            if choice is None:
                return Reason.NOT_REGISTERED
            if choice.status == SessionChoice.Status.WAITING:
                return Reason.SESSION_FULL
    inside = CheckIn.objects.filter(
        participant=participant, session=session, day=day, result=CheckIn.Result.ALLOWED
    )
    if inside.exists():
        return Reason.ALREADY_INSIDE
    return None


def _record(
    door: Door,
    code: str,
    participant: Participant | None,
    session: Session | None,
    moment: dt.datetime,
    scan_id: str,
) -> CheckIn:
    day = timezone.localtime(moment, door.forum.tz).date()
    reason: CheckIn.Reason | None = Reason.UNKNOWN_CODE
    unlocked = settings.INFOHARBOR_UNSAFE_NO_CHECKIN_LOCK
    if participant is not None and unlocked:
        # Only the concurrency test's control run: read-then-write in Python, what the lock
        # prevents.
        reason = _refusal(door.forum, participant, session, day)
    with transaction.atomic():
        if participant is not None and not unlocked:
            # The lock that makes "exactly one entry" hold when two doors scan at once.
            Participant.objects.select_for_update().filter(pk=participant.pk).exists()
            reason = _refusal(door.forum, participant, session, day)
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


def scan(
    door: Door,
    code: str,
    session: Session | None = None,
    at: dt.datetime | None = None,
    scan_id: str = "",
) -> ScanResult:
    """Decide whether the badge behind `code` may enter, and record the scan.

    `session` is the session whose door this is (None at a venue's entrance); `at` is when the
    scan happened (now by default; scanner apps that queue scans offline send their own time).
    """
    code = code.strip()
    scan_id = scan_id.strip()[:64]
    participant = _participant(door.forum, code)
    try:
        check_in = _record(door, code, participant, session, at or timezone.now(), scan_id)
    except IntegrityError:
        # This scan_id is recorded already (sent again, or twice at once): the unique constraint
        # refused the second row, so the first answer stands. Checking first would cost every
        # scan a query.
        earlier = _earlier(door.forum, scan_id) if scan_id else None
        if earlier is None:
            raise
        return earlier
    return ScanResult(check_in=check_in, participant=participant, repeated=False)
