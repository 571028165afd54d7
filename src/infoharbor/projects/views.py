"""Registry pages: public (list, project, statistics) and for organisers (entry, import, rates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from babel.numbers import list_currencies
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from infoharbor.core import imports as core_imports
from infoharbor.core import spreadsheets
from infoharbor.core.models import Forum
from infoharbor.core.pages import forum_for_page, require_perm
from infoharbor.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from infoharbor.core.views import import_job_page
from infoharbor.projects import imports, queries, services, sheets
from infoharbor.projects.forms import (
    DocumentForm,
    ExchangeRateForm,
    ImportForm,
    PartyFormSet,
    ProjectForm,
    RegistryFilterForm,
    StatusChangeForm,
)
from infoharbor.projects.models import ExchangeRate, Project
from infoharbor.projects.services import SHIPPED_CURRENCIES, PartySpec


def registry(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    form = RegistryFilterForm(forum, request.GET or None)
    filters = queries.ProjectFilter(**form.cleaned_data) if form.is_valid() else None
    page = Paginator(queries.registry(forum, filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/registry.html",
        {
            "forum": forum,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_edit": request.user.has_perm("projects.change_project", forum),
        },
    )


def project_page(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    try:
        project = queries.project_detail(forum, public_id)
    except Project.DoesNotExist as exc:
        raise Http404(_("No such project.")) from exc
    return render(
        request,
        "projects/project.html",
        {
            "forum": forum,
            "project": project,
            "can_edit": request.user.has_perm("projects.change_project", forum),
        },
    )


def stats_page(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    dimension = request.GET.get("by", "session")
    if dimension not in queries.DIMENSIONS:
        dimension = "session"
    currency = request.GET.get("currency", "CNY").upper()
    if currency not in list_currencies():
        currency = "CNY"
    stats = queries.statistics(forum, dimension, currency)
    largest_total = max((g.total for g in stats.groups), default=0) or 1
    largest_count = max((g.count for g in stats.groups), default=0) or 1
    return render(
        request,
        "projects/stats.html",
        {
            "forum": forum,
            "stats": stats,
            "dimensions": queries.DIMENSIONS,
            "currencies": SHIPPED_CURRENCIES,
            "largest_total": largest_total,
            "largest_count": largest_count,
            "chart_height": 28 * len(stats.groups) + 10,
            "overlapping": queries.DIMENSIONS[dimension].overlapping,
        },
    )


def _add_errors(form: Any, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@login_required
def edit_project(request: HttpRequest, slug: str, public_id: str | None = None) -> HttpResponse:
    forum = forum_for_page(request, slug)
    require_perm(request, "projects.change_project", forum)
    project = None
    if public_id:
        project = Project.objects.filter(forum=forum, public_id=public_id).first()
        if project is None:
            raise Http404(_("No such project."))
    form = ProjectForm(forum, request.POST or None, instance=project)
    initial = (
        [{"organization": p.organization_id, "role": p.role} for p in project.parties.all()]
        if project
        else []
    )
    parties = PartyFormSet(
        request.POST or None, initial=initial, form_kwargs={"forum": forum}, prefix="parties"
    )
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        specs = [
            PartySpec(f.cleaned_data["organization"], f.cleaned_data["role"])
            for f in parties
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            saved = services.save_project(
                request.user,
                form.save(commit=False),
                parties=specs,
                platforms=form.cleaned_data["platforms"],
            )
        except services.ProjectError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The project was saved."))
            return redirect(reverse("projects:edit_project", args=[forum.slug, saved.public_id]))
    context: dict[str, Any] = {"forum": forum, "project": project, "form": form, "parties": parties}
    if project:
        context["status_form"] = StatusChangeForm(project)
        context["document_form"] = DocumentForm()
        context["history"] = project.history.select_related("document")
    return render(request, "projects/edit_project.html", context)


def _orga_project(request: HttpRequest, slug: str, public_id: str) -> tuple[Forum, Project]:
    forum = forum_for_page(request, slug)
    require_perm(request, "projects.change_project", forum)
    project = Project.objects.filter(forum=forum, public_id=public_id).first()
    if project is None:
        raise Http404(_("No such project."))
    return forum, project


@login_required
@require_POST
def change_status(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    forum, project = _orga_project(request, slug, public_id)
    form = StatusChangeForm(project, request.POST)
    if form.is_valid():
        try:
            services.record_status_change(request.user, project, **form.cleaned_data)
        except services.ProjectError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The status change was recorded."))
    else:
        for field_errors in form.errors.values():
            for problem in field_errors:
                messages.error(request, str(problem))
    return redirect(reverse("projects:edit_project", args=[forum.slug, project.public_id]))


@login_required
@require_POST
def add_document(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    forum, project = _orga_project(request, slug, public_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attach_document(
            request.user, project, form.cleaned_data["title"], form.cleaned_data["file"]
        )
        messages.success(request, _("The document was attached."))
    else:
        messages.error(request, _("Give the document a title and choose a file."))
    return redirect(reverse("projects:edit_project", args=[forum.slug, project.public_id]))


@login_required
def import_projects(request: HttpRequest, slug: str) -> HttpResponse:
    """Stores the file and answers at once with the job's page; the job runs in the background."""
    forum = forum_for_page(request, slug)
    require_perm(request, "projects.import_projects", forum)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = core_imports.start_job(
                request.user, forum, imports.KIND, form.cleaned_data["file"]
            )
        except core_imports.UploadRefused as error:
            form.add_error("file", error.messages)
        else:
            return redirect(reverse("projects:import_job", args=[forum.slug, job.public_id]))
    return render(
        request,
        "projects/import.html",
        {"forum": forum, "form": form, "columns": sheets.columns(forum)},
    )


def _spreadsheet_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    content_type = XLSX_CONTENT_TYPE if fmt == "xlsx" else CSV_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _write(fmt: str, header: list[str], rows: Iterable[list[str]]) -> bytes:
    if fmt == "xlsx":
        return spreadsheets.write_xlsx(header, rows, "projects")
    return spreadsheets.write_csv(header, rows)


@login_required
def import_template(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    require_perm(request, "projects.import_projects", forum)
    if fmt not in ("xlsx", "csv"):
        raise Http404(_("Templates come as xlsx or csv."))
    content = _write(fmt, sheets.columns(forum), [sheets.template_example(forum)])
    return _spreadsheet_response(content, fmt, "projects-template")


@login_required
def export_for_import(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The registry in the import's columns, to edit and import into another forum or back."""
    forum = forum_for_page(request, slug)
    require_perm(request, "projects.import_projects", forum)
    if fmt not in ("xlsx", "csv"):
        raise Http404(_("Templates come as xlsx or csv."))
    rows = (sheets.export_row(forum, p) for p in queries.registry(forum))
    return _spreadsheet_response(
        _write(fmt, sheets.columns(forum), rows), fmt, f"{forum.slug}-projects"
    )


@login_required
def import_job(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """The import's progress and outcome; `?format=json` is what the page polls."""
    forum = forum_for_page(request, slug)
    require_perm(request, "projects.import_projects", forum)
    return import_job_page(
        request,
        forum,
        imports.KIND,
        public_id,
        template="projects/import_job.html",
        again_url=reverse("projects:import", args=[forum.slug]),
        done_message=lambda job: (
            ngettext("%(count)s project imported.", "%(count)s projects imported.", job.written)
            % {"count": job.written}
        ),
    )


@login_required
def exchange_rates(request: HttpRequest, slug: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    require_perm(request, "projects.add_exchangerate", forum)
    form = ExchangeRateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_exchange_rate(request.user, forum, **form.cleaned_data)
        except services.ProjectError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The rate was added."))
            return redirect(reverse("projects:exchange_rates", args=[forum.slug]))
    own = ExchangeRate.objects.filter(forum=forum)
    shipped = (
        ExchangeRate.objects.filter(forum__isnull=True)
        .values("base", "currency")
        .annotate(latest=Max("date"))
        .order_by("currency")
    )
    return render(
        request,
        "projects/exchange_rates.html",
        {"forum": forum, "form": form, "own": own, "shipped": shipped, "today": dt.date.today()},
    )
