"""Every write of the B2B matchmaking: profiles and opportunities, meeting requests and their
answers, negotiation blocks and their slots, blocked slots, booking, attendance and outcomes.

Booking a slot must never put a participant in two meetings at once nor a slot over its tables:
the two participants' rows are locked (in id order) inside the transaction that checks and
writes, and the database refuses two meetings at one table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from infoharbor.core import audit, locking, tasks
from infoharbor.core.audit import Actor
from infoharbor.core.models import Forum, Platform
from infoharbor.matchmaking import emails, scheduling
from infoharbor.matchmaking.models import (
    BlockedSlot,
    BusinessProfile,
    MatchmakingSettings,
    Meeting,
    MeetingPrecedence,
    MeetingRequest,
    NegotiationBlock,
    Opportunity,
    SchedulerRun,
    Slot,
    Topic,
)
from infoharbor.matchmaking.queries import order_bounds, settings_of, unavailability
from infoharbor.program import kinds
from infoharbor.program.models import Session
from infoharbor.projects.models import Project
from infoharbor.registration.models import Participant


class MatchmakingError(ValidationError):
    """A matchmaking action that cannot be done; the message says why."""


# --- profiles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpportunitySpec:
    kind: str
    topics: Sequence[Topic] = ()
    platform: Platform | None = None
    countries: Sequence[str] = ()
    products: str = ""
    text: str = ""


@transaction.atomic
def save_profile(
    participant: Participant,
    *,
    summary: str,
    language: str,
    open_to_meetings: bool,
    opportunities: Sequence[OpportunitySpec],
) -> BusinessProfile:
    """Write the participant's business profile and replace its opportunities."""
    profile, _created = BusinessProfile.objects.update_or_create(
        participant=participant,
        defaults={"summary": summary, "language": language, "open_to_meetings": open_to_meetings},
    )
    profile.opportunities.all().delete()
    for spec in opportunities:
        if spec.platform is not None and spec.platform.forum_id != participant.forum_id:
            raise MatchmakingError(_("This cooperation platform belongs to another forum."))
        opportunity = Opportunity.objects.create(
            profile=profile,
            kind=spec.kind,
            platform=spec.platform,
            countries=sorted(set(spec.countries)),
            products=spec.products,
            text=spec.text,
        )
        opportunity.topics.set([t for t in spec.topics if t.forum_id == participant.forum_id])
    audit.record(
        None,
        "business_profile.saved",
        profile,
        forum=participant.forum,
        extra={"opportunities": len(opportunities)},
    )
    return profile


# --- requests ---------------------------------------------------------------------------------


@transaction.atomic
def request_meeting(
    requester: Participant,
    invitee: Participant,
    *,
    message: str = "",
    priority: int = MeetingRequest.Priority.WOULD_LIKE,
    opportunity: Opportunity | None = None,
    interpreter_needed: bool = False,
    time_of_day: str = "",
) -> MeetingRequest:
    """Ask `invitee` for a meeting; refused between forums, with oneself or twice at once.

    It waits for its answer as long as the forum's settings say; the follow-up (reminder, then
    expiry) is enqueued for when each is due (see `follow_up_requests`).
    """
    if requester.forum_id != invitee.forum_id:
        raise MatchmakingError(_("Meetings are arranged between participants of one forum."))
    if requester.pk == invitee.pk:
        raise MatchmakingError(_("You cannot ask yourself for a meeting."))
    for side in (requester, invitee):
        if side.status != Participant.Status.APPROVED:
            raise MatchmakingError(
                _("%(name)s is not an approved participant.") % {"name": side.person}
            )
    profile = getattr(invitee, "business_profile", None)
    if profile is None or not profile.open_to_meetings:
        raise MatchmakingError(
            _("%(name)s does not take meeting requests.") % {"name": invitee.person}
        )
    if opportunity is not None and opportunity.profile_id != profile.pk:
        raise MatchmakingError(
            _("That opportunity is not one of %(name)s's.") % {"name": invitee.person}
        )
    live = MeetingRequest.objects.filter(
        Q(requester=requester, invitee=invitee) | Q(requester=invitee, invitee=requester),
        status__in=[MeetingRequest.Status.REQUESTED, MeetingRequest.Status.ACCEPTED],
    )
    if live.exists():
        raise MatchmakingError(
            _("There is already a request between you and %(name)s.") % {"name": invitee.person}
        )
    now = timezone.now()
    deadlines = settings_of(requester.forum)
    answer_within = dt.timedelta(hours=deadlines.answer_hours)
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                forum=requester.forum,
                requester=requester,
                invitee=invitee,
                opportunity=opportunity,
                message=message,
                priority=priority,
                interpreter_needed=interpreter_needed,
                time_of_day=time_of_day,
                created_at=now,
                expires_at=now + answer_within,
            )
    except IntegrityError:  # the same request sent twice at the same moment
        raise MatchmakingError(
            _("There is already a request between you and %(name)s.") % {"name": invitee.person}
        ) from None
    audit.record(None, "meeting_request.sent", request, forum=requester.forum)
    remind_after = answer_within - dt.timedelta(hours=deadlines.remind_hours_before)
    if deadlines.remind_hours_before and remind_after > dt.timedelta(0):
        tasks.enqueue("matchmaking.follow_up_requests", delay=remind_after.total_seconds())
    tasks.enqueue("matchmaking.follow_up_requests", delay=answer_within.total_seconds() + 1)
    return request


def _answerable(request: MeetingRequest, participant: Participant) -> MeetingRequest:
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.invitee_id != participant.pk:
        raise MatchmakingError(_("Only the invited participant answers this request."))
    if request.status != MeetingRequest.Status.REQUESTED:
        raise MatchmakingError(
            _("This request is %(status)s and cannot be answered.")
            % {"status": request.get_status_display()}
        )
    if request.expires_at <= timezone.now():
        raise MatchmakingError(_("This request has expired."))
    return request


@transaction.atomic
def accept(
    request: MeetingRequest, participant: Participant, *, slot: Slot | None = None
) -> MeetingRequest:
    """The invitee accepts; with `slot`, the meeting is booked there at once (self-booking)."""
    request = _answerable(request, participant)
    request.status = MeetingRequest.Status.ACCEPTED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    audit.record(None, "meeting_request.accepted", request, forum=request.forum)
    if slot is not None:
        book(request, slot)
    return request


@transaction.atomic
def decline(request: MeetingRequest, participant: Participant) -> MeetingRequest:
    request = _answerable(request, participant)
    request.status = MeetingRequest.Status.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    audit.record(None, "meeting_request.declined", request, forum=request.forum)
    return request


@transaction.atomic
def save_settings(
    actor: Actor, forum: Forum, *, answer_hours: int, remind_hours_before: int
) -> MatchmakingSettings:
    """How long requests wait for their answer, and how long before expiry the invitee is
    reminded (0: never); requests already sent keep their deadline."""
    if not 1 <= answer_hours <= 60 * 24:
        raise MatchmakingError(_("A request waits between 1 hour and 60 days for its answer."))
    if not 0 <= remind_hours_before < answer_hours:
        raise MatchmakingError(_("The reminder comes before the request expires."))
    own, _created = MatchmakingSettings.objects.update_or_create(
        forum=forum,
        defaults={"answer_hours": answer_hours, "remind_hours_before": remind_hours_before},
    )
    audit.record(actor, "matchmaking_settings.saved", own, forum=forum)
    return own


def follow_up_requests(now: dt.datetime | None = None) -> tuple[int, int]:
    """Remind invitees of requests nearing their deadline (once each) and expire those past
    it, in every forum; (reminded, expired).

    Who calls it: the task `matchmaking.follow_up_requests`, enqueued by `request_meeting` for
    the moment a reminder and an expiry fall due (delayed tasks of the in-process runner die
    with the process, so also:) Celery beat every quarter hour when a broker is configured
    (settings.CELERY_BEAT_SCHEDULE), and `infoharbor follow_up_meeting_requests` from cron.
    Running it again, or twice at once, reminds nobody twice.
    """
    now = now or timezone.now()
    reminded = expired = 0
    waiting = MeetingRequest.objects.filter(status=MeetingRequest.Status.REQUESTED)
    for forum in Forum.objects.filter(pk__in=waiting.values("forum")):
        expired += expire_requests(forum, now)
        hours = settings_of(forum).remind_hours_before
        if not hours:
            continue
        due = waiting.filter(
            forum=forum,
            reminded_at__isnull=True,
            expires_at__gt=now,
            expires_at__lte=now + dt.timedelta(hours=hours),
        )
        for request in due.select_related("invitee__person", "invitee__forum"):
            with transaction.atomic():
                claimed = MeetingRequest.objects.filter(
                    pk=request.pk, reminded_at__isnull=True
                ).update(reminded_at=now)
                if claimed:
                    emails.remind(request)
                    reminded += 1
    return reminded, expired


@transaction.atomic
def expire_requests(forum: Forum, now: dt.datetime | None = None) -> int:
    """Mark requests left unanswered past their time as expired; how many."""
    due = MeetingRequest.objects.filter(
        forum=forum, status=MeetingRequest.Status.REQUESTED, expires_at__lte=now or timezone.now()
    )
    count = 0
    for request in due.select_for_update():
        request.status = MeetingRequest.Status.EXPIRED
        request.save(update_fields=["status"])
        audit.record(None, "meeting_request.expired", request, forum=forum)
        count += 1
    return count


# --- blocks, slots and availability ----------------------------------------------------------


@transaction.atomic
def set_up_block(
    actor: Actor, session: Session, *, slot_minutes: int, tables: int
) -> NegotiationBlock:
    """Cut a trade-negotiation session into slots of `slot_minutes` with `tables` tables each.

    Slots already holding meetings are kept; a change that would drop one is refused.
    """
    if session.kind != kinds.NEGOTIATION.code:
        raise MatchmakingError(_("Only trade-negotiation sessions hold meeting slots."))
    if slot_minutes < 10 or tables < 1:
        raise MatchmakingError(_("A slot lasts at least 10 minutes and a block has a table."))
    block, _created = NegotiationBlock.objects.update_or_create(
        session=session, defaults={"slot_minutes": slot_minutes, "tables": tables}
    )
    length = dt.timedelta(minutes=slot_minutes)
    starts = []
    start = session.start
    while start + length <= session.end:
        starts.append(start)
        start += length
    booked = Meeting.objects.filter(slot__block=block)
    if booked.exclude(slot__start__in=starts).exists() or booked.filter(table__gt=tables).exists():
        raise MatchmakingError(
            _("Meetings are booked in slots or tables this change would remove: move them first.")
        )
    block.slots.exclude(start__in=starts).delete()
    # Out of the way of the new numbering first: (block, index) is unique at every moment.
    block.slots.update(index=F("index") + len(starts) + 1)
    kept = {s.start: s.pk for s in block.slots.all()}
    for index, start in enumerate(starts):
        if start in kept:
            Slot.objects.filter(pk=kept[start]).update(index=index)
        else:
            Slot.objects.create(block=block, index=index, start=start, end=start + length)
    audit.record(
        actor,
        "negotiation_block.set_up",
        block,
        forum=session.forum,
        extra={"slots": len(starts), "tables": tables},
    )
    return block


@transaction.atomic
def keep_free(participant: Participant, slots: Sequence[Slot]) -> None:
    """The participant keeps exactly `slots` free of meetings; a slot holding one of their
    meetings cannot be kept free until the organisers move it."""
    wanted = {s.pk for s in slots if s.block.session.forum_id == participant.forum_id}
    booked = (
        Meeting.objects.filter(Q(request__requester=participant) | Q(request__invitee=participant))
        .filter(slot__in=wanted)
        .select_related("slot")
        .first()
    )
    if booked is not None:
        raise MatchmakingError(
            _("You have a meeting at %(time)s: ask the organisers to move it first.")
            % {
                "time": formats.date_format(
                    booked.slot.start.astimezone(participant.forum.tz), "DATETIME_FORMAT"
                )
            }
        )
    BlockedSlot.objects.filter(participant=participant).exclude(slot__in=wanted).delete()
    kept = set(
        BlockedSlot.objects.filter(participant=participant).values_list("slot_id", flat=True)
    )
    BlockedSlot.objects.bulk_create(
        BlockedSlot(participant=participant, slot_id=pk) for pk in sorted(wanted - kept)
    )
    audit.record(
        None,
        "participant.kept_free",
        participant,
        forum=participant.forum,
        extra={"slots": len(wanted)},
    )


def _check_order(request: MeetingRequest, slot: Slot) -> None:
    bounds = order_bounds(request)
    tz = request.forum.tz
    if bounds.after_meeting is not None and bounds.not_before and slot.start < bounds.not_before:
        raise MatchmakingError(
            _(
                "This meeting must come after the meeting %(other)s, which ends at %(time)s: "
                "choose a later slot."
            )
            % {
                "other": _meeting_label(bounds.after_meeting),
                "time": formats.date_format(bounds.not_before.astimezone(tz), "DATETIME_FORMAT"),
            }
        )
    if bounds.before_meeting is not None and bounds.not_after and slot.end > bounds.not_after:
        raise MatchmakingError(
            _(
                "This meeting must come before the meeting %(other)s, which starts at "
                "%(time)s: choose an earlier slot."
            )
            % {
                "other": _meeting_label(bounds.before_meeting),
                "time": formats.date_format(bounds.not_after.astimezone(tz), "DATETIME_FORMAT"),
            }
        )


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.request.requester.person} · {meeting.request.invitee.person}"


def _placed(request_ids: Sequence[int]) -> dict[int, emails.Place]:
    return emails.places(
        Meeting.objects.filter(request_id__in=request_ids).select_related("slot__block__session")
    )


@transaction.atomic
def book(
    request: MeetingRequest,
    slot: Slot,
    *,
    table: int | None = None,
    pinned: bool = False,
    actor: Actor = None,
) -> Meeting:
    """Place an accepted request in `slot` (at the first free table unless one is given);
    both sides are emailed what changed."""
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MeetingRequest.Status.ACCEPTED:
        raise MatchmakingError(_("Only accepted requests are placed in a slot."))
    if not slot.suits(request, request.forum.tz):
        raise MatchmakingError(
            _("This meeting is wished %(when)s.") % {"when": request.get_time_of_day_display()}
        )
    _check_order(request, slot)
    before = _placed([request.pk])
    sides = list(
        Participant.objects.select_for_update()
        .filter(pk__in=[request.requester_id, request.invitee_id])
        .select_related("person", "category", "forum")
        .order_by("pk")
    )
    for side in sides:
        reason = unavailability(side, [slot]).get(slot.pk)
        if reason:
            raise MatchmakingError(
                _("%(name)s cannot meet then: %(reason)s.")
                % {"name": side.person, "reason": reason}
            )
        clash = Meeting.objects.filter(
            Q(request__requester=side) | Q(request__invitee=side),
            slot__start__lt=slot.end,
            slot__end__gt=slot.start,
        ).exclude(request=request)
        if clash.exists():
            raise MatchmakingError(_("%(name)s has another meeting then.") % {"name": side.person})
    used = set(
        Meeting.objects.filter(slot=slot).exclude(request=request).values_list("table", flat=True)
    )
    tables = slot.block.tables
    if table is None:
        free = [t for t in range(1, tables + 1) if t not in used]
        if not free:
            raise MatchmakingError(_("Every table is taken in this slot."))
        table = free[0]
    elif table in used or not 1 <= table <= tables:
        raise MatchmakingError(_("Table %(table)s is not free in this slot.") % {"table": table})
    meeting, _created = Meeting.objects.update_or_create(
        request=request, defaults={"slot": slot, "table": table, "pinned": pinned}
    )
    audit.record(
        actor,
        "meeting.booked",
        meeting,
        forum=request.forum,
        extra={"slot": slot.pk, "table": table},
    )
    emails.notify_changes(before, _placed([request.pk]))
    return meeting


@transaction.atomic
def unschedule(actor: Actor, meeting: Meeting) -> None:
    """Take a meeting off the schedule (its request stays accepted, to be placed again);
    both sides are emailed that it is cancelled."""
    request = meeting.request
    before = _placed([request.pk])
    audit.record(actor, "meeting.unscheduled", meeting, forum=request.forum)
    meeting.delete()
    emails.notify_changes(before, {})


@transaction.atomic
def withdraw(participant: Participant) -> None:
    """A registration that ended: its open and accepted requests are withdrawn and its meetings
    leave the schedule, and both sides of each are emailed (registration's
    `registration_cancelled` calls this)."""
    live = MeetingRequest.objects.filter(
        Q(requester=participant) | Q(invitee=participant),
        status__in=[MeetingRequest.Status.REQUESTED, MeetingRequest.Status.ACCEPTED],
    )
    ids = list(live.values_list("pk", flat=True))
    before = _placed(ids)
    Meeting.objects.filter(request_id__in=ids).delete()
    for request in MeetingRequest.objects.filter(pk__in=ids).select_for_update():
        request.status = MeetingRequest.Status.CANCELLED
        request.save(update_fields=["status"])
        audit.record(None, "meeting_request.withdrawn", request, forum=request.forum)
    emails.notify_changes(before, {})


@transaction.atomic
def add_precedence(
    actor: Actor, earlier: MeetingRequest, later: MeetingRequest
) -> MeetingPrecedence:
    """The organiser's rule that `earlier`'s meeting takes place before `later`'s."""
    if earlier.forum_id != later.forum_id:
        raise MatchmakingError(_("Both meetings belong to one forum."))
    if earlier.pk == later.pk:
        raise MatchmakingError(_("A meeting cannot come before itself."))
    orders = MeetingPrecedence.objects.filter(forum_id=earlier.forum_id)
    follows: dict[int, set[int]] = {}
    for before_id, after_id in orders.values_list("earlier_id", "later_id"):
        follows.setdefault(before_id, set()).add(after_id)
    reach, seen = [later.pk], set()
    while reach:  # would `later` come, through other orders, before `earlier`?
        current = reach.pop()
        if current == earlier.pk:
            raise MatchmakingError(
                _("The meeting orders would go round in a circle: one of them must go first.")
            )
        if current not in seen:
            seen.add(current)
            reach.extend(follows.get(current, ()))
    placed = {
        m.request_id: m.slot
        for m in Meeting.objects.filter(request__in=[earlier, later]).select_related("slot")
    }
    if len(placed) == 2 and placed[earlier.pk].end > placed[later.pk].start:
        raise MatchmakingError(
            _("These two meetings are already scheduled the other way round: move one first.")
        )
    try:
        with transaction.atomic():
            order = MeetingPrecedence.objects.create(
                forum_id=earlier.forum_id, earlier=earlier, later=later
            )
    except IntegrityError:
        raise MatchmakingError(_("This order is already set.")) from None
    audit.record(actor, "meeting_precedence.added", order, forum=order.forum)
    return order


@transaction.atomic
def remove_precedence(actor: Actor, order: MeetingPrecedence) -> None:
    audit.record(actor, "meeting_precedence.removed", order, forum=order.forum)
    order.delete()


# --- after the meeting -----------------------------------------------------------------------


def _side_of(meeting: Meeting, participant: Participant) -> str:
    if participant.pk == meeting.request.requester_id:
        return "requester"
    if participant.pk == meeting.request.invitee_id:
        return "invitee"
    raise MatchmakingError(_("Only the two participants of a meeting say how it went."))


@transaction.atomic
def report_meeting(
    meeting: Meeting,
    participant: Participant,
    *,
    held: bool,
    rating: int | None = None,
) -> Meeting:
    """One side says whether the meeting took place and, if it did, rates it (1–5)."""
    side = _side_of(meeting, participant)
    if rating is not None and not (held and 1 <= rating <= 5):
        raise MatchmakingError(_("Rate a meeting that took place from 1 to 5."))
    setattr(
        meeting, f"{side}_says", Meeting.Attendance.HELD if held else Meeting.Attendance.NOT_HELD
    )
    setattr(meeting, f"{side}_rating", rating)
    meeting.save(update_fields=[f"{side}_says", f"{side}_rating"])
    audit.record(
        None, "meeting.reported", meeting, forum=meeting.request.forum, extra={"held": held}
    )
    return meeting


@transaction.atomic
def record_outcome(
    meeting: Meeting, participant: Participant, outcome: str, project: Project | None = None
) -> Meeting:
    """What came of a held meeting later; an agreement may name the signed project."""
    _side_of(meeting, participant)
    if outcome not in Meeting.Outcome.values or outcome == "":
        raise MatchmakingError(_("Choose what came of the meeting."))
    if project is not None and outcome != Meeting.Outcome.AGREEMENT:
        raise MatchmakingError(_("Only an agreement links to a signed project."))
    if project is not None and project.forum_id != meeting.request.forum_id:
        raise MatchmakingError(_("This project was signed at another forum."))
    meeting.outcome = outcome
    meeting.project = project
    meeting.save(update_fields=["outcome", "project"])
    audit.record(
        None, "meeting.outcome", meeting, forum=meeting.request.forum, extra={"outcome": outcome}
    )
    return meeting


# --- scheduler runs --------------------------------------------------------------------------


def start_run(actor: Actor, forum: Forum, *, time_limit: int = 30) -> SchedulerRun:
    """Queue a scheduler run over the forum's accepted requests; it ends as a preview."""
    if not 1 <= time_limit <= 600:
        raise MatchmakingError(_("Give the scheduler between 1 and 600 seconds."))
    with transaction.atomic():
        run = SchedulerRun.objects.create(
            forum=forum,
            time_limit=time_limit,
            requested_by=actor if actor is not None and actor.is_authenticated else None,  # type: ignore[misc]
        )
        audit.record(actor, "scheduler_run.started", run, forum=forum)
        tasks.enqueue("matchmaking.run_scheduler", run.pk)
    return run


def run_scheduler(run_id: int) -> SchedulerRun:
    """The task: solve, reporting progress on the run's row, and keep the preview."""
    run = SchedulerRun.objects.select_related("forum").get(pk=run_id)
    SchedulerRun.objects.filter(pk=run.pk).update(status=SchedulerRun.Status.RUNNING)

    def progress(fraction: float, message: str) -> None:
        SchedulerRun.objects.filter(pk=run.pk).update(progress=fraction, message=message[:300])

    result = scheduling.solve(scheduling.problem_of(run.forum), run.time_limit, progress)
    SchedulerRun.objects.filter(pk=run.pk).update(
        status=SchedulerRun.Status.PREVIEW,
        progress=1.0,
        result=result,
        finished_at=timezone.now(),
    )
    run.refresh_from_db()
    return run


def mark_run_failed(error: Exception, run_id: int) -> None:
    """The task path gave up: the organiser sees the run failed, with the error."""
    SchedulerRun.objects.filter(pk=run_id).update(
        status=SchedulerRun.Status.FAILED, message=str(error)[:300], finished_at=timezone.now()
    )


def publish_run(actor: Actor, run: SchedulerRun) -> int:
    """Make a preview the schedule: pinned meetings stay; every other meeting of the forum
    takes the run's slot, at the first free table. How many meetings are scheduled."""
    with locking.lock(SchedulerRun, [run.pk]) as rows:
        locked = rows[run.pk]
        if locked.status != SchedulerRun.Status.PREVIEW:
            raise MatchmakingError(_("Only a run ready to review can be published."))
        forum = locked.forum
        scheduled = Meeting.objects.filter(request__forum=forum).select_related(
            "slot__block__session"
        )
        before = emails.places(scheduled)
        Meeting.objects.filter(request__forum=forum, pinned=False).delete()
        used: dict[int, set[int]] = {}
        for slot_id, table in Meeting.objects.filter(request__forum=forum).values_list(
            "slot_id", "table"
        ):
            used.setdefault(slot_id, set()).add(table)
        slots = {
            s.pk: s
            for s in Slot.objects.filter(block__session__forum=forum).select_related("block")
        }
        live = set(
            MeetingRequest.objects.filter(
                forum=forum, status=MeetingRequest.Status.ACCEPTED
            ).values_list("pk", flat=True)
        )
        created = 0
        for request_id, slot_id in sorted(
            locked.result.get("placements", {}).items(), key=lambda i: int(i[0])
        ):
            slot = slots.get(slot_id)
            if slot is None or int(request_id) not in live:
                continue  # changed since the run: left for the next one
            if Meeting.objects.filter(request_id=int(request_id)).exists():
                continue  # pinned
            taken = used.setdefault(slot.pk, set())
            table = next(t for t in range(1, slot.block.tables + 1) if t not in taken)
            taken.add(table)
            Meeting.objects.create(request_id=int(request_id), slot=slot, table=table)
            created += 1
        locked.status = SchedulerRun.Status.PUBLISHED
        locked.save(update_fields=["status"])
        audit.record(
            actor, "scheduler_run.published", locked, forum=forum, extra={"meetings": created}
        )
        # One email per participant whose meetings this publish changed.
        emails.notify_changes(before, emails.places(scheduled.all()), reference=f"run:{run.pk}")
    return created


@transaction.atomic
def discard_run(actor: Actor, run: SchedulerRun) -> None:
    if run.status != SchedulerRun.Status.PREVIEW:
        raise MatchmakingError(_("Only a run ready to review can be discarded."))
    run.status = SchedulerRun.Status.DISCARDED
    run.save(update_fields=["status"])
    audit.record(actor, "scheduler_run.discarded", run, forum=run.forum)


@transaction.atomic
def pin_meeting(actor: Actor, meeting: Meeting, pinned: bool = True) -> Meeting:
    """A pinned meeting keeps its slot and table on every later run."""
    meeting.pinned = pinned
    meeting.save(update_fields=["pinned"])
    audit.record(
        actor,
        "meeting.pinned" if pinned else "meeting.unpinned",
        meeting,
        forum=meeting.request.forum,
    )
    return meeting
