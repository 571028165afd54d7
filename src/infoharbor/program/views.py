"""Program pages: public (program, session, speaker) and for organisers (timetable, editing)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
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
from infoharbor.program.forms import ProgramFilterForm, SessionForm, SpeakerFormSet
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
        session = queries.session_detail(forum, session_slug)
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
    form = SessionForm(
        forum, request.POST or None, instance=session, initial={"parent": request.GET.get("parent")}
    )
    initial = (
        [{"person": s.person_id, "role": s.role} for s in session.speakers.all()] if session else []
    )
    speakers_formset = SpeakerFormSet(
        request.POST or None, initial=initial, form_kwargs={"forum": forum}, prefix="speakers"
    )
    if request.method == "POST" and form.is_valid() and speakers_formset.is_valid():
        specs = [
            SpeakerSpec(f.cleaned_data["person"], f.cleaned_data["role"])
            for f in speakers_formset
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        saved = form.save(commit=False)
        try:
            services.save_session(
                request.user,
                saved,
                speakers=specs,
                platforms=form.cleaned_data["platforms"],
                hosts=form.cleaned_data["hosts"],
            )
        except services.ProgramConflict as conflict:
            for message in conflict.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The session was saved."))
            return redirect(reverse("program:edit_session", args=[forum.slug, saved.slug]))
    agenda = queries.program_sessions(forum).filter(parent=session) if session else []
    return render(
        request,
        "program/edit_session.html",
        {
            "forum": forum,
            "session": session,
            "form": form,
            "speakers": speakers_formset,
            "agenda": agenda,
        },
    )


@login_required
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
