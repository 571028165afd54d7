"""Program pages: public (program, session, speaker) and for organisers (timetable, editing)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from infoharbor.core import confirm, public_cache
from infoharbor.core.formatting import ERA_PARAMETER
from infoharbor.core.models import Forum, Person
from infoharbor.core.pages import forum_for_page, require_perm
from infoharbor.program import queries, services
from infoharbor.program import releases as program_releases
from infoharbor.program.forms import (
    HostFormSet,
    MoveForm,
    ProgramFilterForm,
    ReleaseForm,
    SessionForm,
    SpeakerFormSet,
)
from infoharbor.program.models import Session
from infoharbor.program.services import SpeakerSpec

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict

PROGRAM_PARAMETERS = (*(f.name for f in dataclasses.fields(queries.ProgramFilter)), ERA_PARAMETER)


def program(request: HttpRequest, slug: str) -> HttpResponse:
    # The page reads only its filters and the era: `?x=1` or `?kind=` is the plain page, one
    # kept rendering, and the page's own links (languages, era) never carry what it ignored.
    kept = [(name, value) for name in PROGRAM_PARAMETERS if (value := request.GET.get(name))]
    query = QueryDict(urlencode(kept))
    request.GET = cast("_ImmutableQueryDict", query)
    # A public request carries no era cookie: the era is the query's, or the forum's default.
    parts = ("program", get_language(), query.urlencode())
    return public_cache.respond(
        request, slug, parts, lambda: _render_program(request, forum_for_page(request, slug))
    )


def _render_program(request: HttpRequest, forum: Forum) -> HttpResponse:
    form = ProgramFilterForm(forum, request.GET or None)
    filters = queries.ProgramFilter(**form.cleaned_data) if form.is_valid() else None
    context = {
        "forum": forum,
        "selects": filter_selects(form),
        "days": queries.program_by_day(forum, filters),
    }
    return render(request, "program/program.html", context)


def filter_selects(form: forms.Form) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """The filters as (name, label, options): five plain selects, without widget templates."""
    selects = []
    for name, field in form.fields.items():
        current = str(form[name].value() or "")
        choices = cast(list[tuple[Any, Any]], cast(forms.ChoiceField, field).choices)
        options = [(str(value), str(label), str(value) == current) for value, label in choices]
        selects.append((name, str(field.label), options))
    return selects


def session_jsonld(request: HttpRequest, forum: Forum, session: Session) -> str:
    """schema.org Event for search engines and calendar tools."""
    place: dict[str, Any] = {"@type": "Place", "name": str(session.city.name)}
    if session.room:
        place = {
            "@type": "Place",
            "name": f"{session.room.venue.name}, {session.room.name}",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": str(session.city.name),
                "addressCountry": session.city.country,
            },
        }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(session.title),
        "startDate": session.start.astimezone(forum.tz).isoformat(),
        "endDate": session.end.astimezone(forum.tz).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "inLanguage": session.language,
        "url": request.build_absolute_uri(),
        "superEvent": {
            "@type": "Event",
            "name": str(session.parent.title if session.parent else forum.name),
        },
    }
    if description := str(session.description):
        data["description"] = description
    performers = [{"@type": "Person", "name": str(s.person)} for s in session.speakers.all()]
    if performers:
        data["performer"] = performers
    hosts = [{"@type": "Organization", "name": str(o.name)} for o in session.hosts.all()]
    if hosts:
        data["organizer"] = hosts
    # </ cannot close the script element from inside the JSON.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def session_page(request: HttpRequest, slug: str, session_slug: str) -> HttpResponse:
    parts = (
        "session",
        get_language(),
        request.GET.get(ERA_PARAMETER),
        request.build_absolute_uri(),  # in the page's JSON-LD
    )
    return public_cache.respond(
        request, slug, parts, lambda: _render_session(request, session_slug, slug)
    )


def _render_session(request: HttpRequest, session_slug: str, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    try:
        session = queries.released_session(forum, session_slug)
    except Session.DoesNotExist as exc:
        raise Http404(_("No such session.")) from exc
    context = {
        "forum": forum,
        "session": session,
        "agenda": queries.program_items(forum, Session.objects.filter(parent=session)),
        "jsonld": session_jsonld(request, forum, session),
    }
    return render(request, "program/session.html", context)


def speakers(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    return render(
        request,
        "program/speakers.html",
        {"forum": forum, "people": queries.speakers(forum, get_language() or "en")},
    )


def speaker_page(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    try:
        person = queries.public_speaker(forum, public_id)
    except Person.DoesNotExist as exc:
        raise Http404(_("No such speaker.")) from exc
    sessions = queries.program_items(forum, queries.speaker_sessions(forum, person))
    return render(
        request, "program/speaker.html", {"forum": forum, "person": person, "sessions": sessions}
    )


@login_required
def timetable(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    require_perm(request, "program.view_timetable", forum)
    cities = list(forum.cities.all())
    city = next(
        (c for c in cities if str(c.pk) == request.GET.get("city")), cities[0] if cities else None
    )
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = forum.start_date
    grid = queries.timetable(forum, city, day) if city else None
    return render(
        request,
        "program/timetable.html",
        {
            "forum": forum,
            "cities": cities,
            "city": city,
            "day": day,
            "grid": grid,
            "can_edit": request.user.has_perm("program.change_session", forum),
        },
    )


@login_required
def edit_session(request: HttpRequest, slug: str, session_slug: str | None = None) -> HttpResponse:
    forum = forum_for_page(request, slug)
    require_perm(request, "program.change_session", forum)
    session = None
    if session_slug:
        session = Session.objects.filter(forum=forum, slug=session_slug).first()
        if session is None:
            raise Http404(_("No such session."))
    # Organisers type times as the forum's local time, wherever they are.
    with timezone.override(forum.tz):
        return _edit_session(request, forum, session)


def _edit_session(request: HttpRequest, forum: Forum, session: Session | None) -> HttpResponse:
    data = request.POST or None
    form = SessionForm(forum, data, instance=session, initial={"parent": request.GET.get("parent")})
    rows = {"forum": forum}
    speakers = (
        [{"person": s.person, "role": s.role} for s in session.speakers.all()] if session else []
    )
    speakers_formset = SpeakerFormSet(data, initial=speakers, form_kwargs=rows, prefix="speakers")
    hosts = [{"organization": o} for o in session.hosts.all()] if session else []
    hosts_formset = HostFormSet(data, initial=hosts, form_kwargs=rows, prefix="hosts")
    speaker_conflicts: list[str] = []
    if (
        request.method == "POST"
        and form.is_valid()
        and speakers_formset.is_valid()
        and hosts_formset.is_valid()
    ):
        saved = form.save(commit=False)
        try:
            services.save_session(
                request.user,
                saved,
                speakers=[
                    SpeakerSpec(row["person"], row["role"]) for row in speakers_formset.rows()
                ],
                platforms=form.cleaned_data["platforms"],
                hosts=[row["organization"] for row in hosts_formset.rows()],
            )
        except services.ProgramConflict as conflict:
            # Each problem next to what it is about: the time, the room, or the speakers.
            for field, problems in conflict.by_field().items():
                if field == "speakers":
                    speaker_conflicts += problems
                else:
                    for problem in problems:
                        form.add_error(field, problem)
        else:
            messages.success(request, _("The session was saved."))
            return redirect(reverse("program:edit_session", args=[forum.slug, saved.slug]))
    agenda = (
        queries.program_sessions(forum, as_edited=True).filter(parent=session) if session else []
    )
    return render(
        request,
        "program/edit_session.html",
        {
            "forum": forum,
            "session": session,
            "form": form,
            "speakers": speakers_formset,
            "speaker_conflicts": speaker_conflicts,
            "hosts": hosts_formset,
            "agenda": agenda,
        },
    )


@login_required
def move_session(request: HttpRequest, slug: str, session_slug: str) -> HttpResponse:
    """The timetable's move dialog: a day, a start time and a room for a session, with the
    conflicts that move would run into shown before it is saved (a dry run of the checks)."""
    forum = forum_for_page(request, slug)
    require_perm(request, "program.change_session", forum)
    session = Session.objects.filter(forum=forum, slug=session_slug).select_related("forum").first()
    if session is None:
        raise Http404(_("No such session."))
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "day" in request.GET else None)
    )
    form = MoveForm(forum, data, initial=MoveForm.initial_for(session))
    problems: list[str] = []
    if form.is_valid():
        start, room = form.moment(), form.cleaned_data["room"]
        if request.method == "POST" and "check" not in request.POST:
            try:
                moved = services.move_session(request.user, session, start, room)
            except services.ProgramConflict as refusal:
                problems = refusal.messages
            else:
                messages.success(request, _("“%(session)s” was moved.") % {"session": moved.title})
                place = urlencode({"city": moved.city_id, "day": form.cleaned_data["day"]})
                return redirect(f"{reverse('program:timetable', args=[forum.slug])}?{place}")
        elif dry_run := services.move_problems(session, start, room):
            problems = dry_run.messages
    template = "program/_move.html" if request.GET.get("fragment") else "program/move_session.html"
    context = {"forum": forum, "session": session, "form": form, "problems": problems}
    return render(request, template, context)


@login_required
def releases(request: HttpRequest, slug: str) -> HttpResponse:
    """The schedule's releases for organisers: what a release now would change, and the form
    that releases it (for those who edit the program)."""
    forum = forum_for_page(request, slug)
    require_perm(request, "program.view_timetable", forum)
    can_release = request.user.has_perm("program.add_schedulerelease", forum)
    form = ReleaseForm(forum, request.POST or None) if can_release else None
    if request.method == "POST":
        require_perm(request, "program.add_schedulerelease", forum)
        assert form is not None
        if form.is_valid():
            try:
                release = program_releases.release_schedule(
                    request.user, forum, form.cleaned_data["version"], form.cleaned_data["note"]
                )
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(
                    request,
                    _("Version “%(version)s” of the schedule is public.")
                    % {"version": release.version},
                )
                return redirect(reverse("program:changes", args=[forum.slug]))
    pending = queries.change_rows(forum, program_releases.pending_changes(forum))
    context = {
        "forum": forum,
        "form": form,
        "pending": pending,
        "current": program_releases.current_release(forum),
    }
    return render(request, "program/releases.html", context)


def changes(request: HttpRequest, slug: str) -> HttpResponse:
    """Every release of the schedule, newest first, with what each moved, added or removed."""
    forum = forum_for_page(request, slug)
    return render(
        request,
        "program/changes.html",
        {"forum": forum, "history": queries.release_history(forum)},
    )


@require_POST
def delete_session(request: HttpRequest, slug: str, session_slug: str) -> HttpResponse:
    """Delete a session (and its agenda) once the editor confirms; refused while in use."""
    forum = forum_for_page(request, slug)
    require_perm(request, "program.delete_session", forum)
    session = Session.objects.filter(forum=forum, slug=session_slug).first()
    if session is None:
        raise Http404(_("No such session."))
    back = reverse("program:edit_session", args=[forum.slug, session.slug])
    if problem := services.deletion_problem(session):
        messages.error(request, problem)
        return redirect(back)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            forum,
            _("Delete “%(session)s”?") % {"session": session.title},
            _("Delete the session"),
            back=back,
            details=_("The session and its agenda items are deleted for good."),
        )
    try:
        services.delete_session(request.user, session)
    except services.SessionInUse as error:
        messages.error(request, error.messages[0])
        return redirect(back)
    messages.success(request, _("The session was deleted."))
    return redirect("program:timetable", slug=forum.slug)
