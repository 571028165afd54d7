"""The outcome pages: the press release and the long report (HTML and PDF) at stable addresses,
the editor's page, the organisers' dashboard, and the cooperation platforms' hubs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from infoharbor.core.formatting import reader_era
from infoharbor.core.models import Forum
from infoharbor.core.pages import forum_for_page, organiser_forum
from infoharbor.core.printing import render_pdf
from infoharbor.reports import charts, dashboard, platforms, queries, rendering, services, writing

EDIT = "reports.change_pressrelease"
PREVIEW = "reports.view_pressrelease"


def _language(forum: Forum) -> str:
    return queries.report_language(forum, get_language())


def _release_context(
    request: HttpRequest, forum: Forum, release: services.Release, *, pdf: bool = False
) -> dict[str, Any]:
    language = _language(forum)
    era = reader_era(request, forum)
    options: dict[str, Any] = (
        {"absolute": request.build_absolute_uri, "breaks": True} if pdf else {}
    )
    return {
        "forum": forum,
        "report_language": language,
        "release": release,
        "headline": rendering.html_text(
            release.headline, release.figures, language, era, **options
        ),
        "paragraphs": rendering.paragraphs(release.body, release.figures, language, era, **options),
        "conversion": rendering.conversion(
            [release.headline, release.body], release.figures, language, era
        ),
        "can_edit": request.user.has_perm(EDIT, forum),
    }


def _report_context(
    request: HttpRequest, forum: Forum, release: services.Release, *, pdf: bool = False
) -> dict[str, Any]:
    context = _release_context(request, forum, release, pdf=pdf)
    context["sections"] = release.sections
    context["absolute"] = request.build_absolute_uri if pdf else None
    writer = writing.writer(context["report_language"], reader_era(request, forum))
    figures = [f for s in context["sections"] for f in s.figures]
    context["values"] = {f.key: writer.value(f) for f in figures}
    context["rates"] = {f.key: [writer.rate(r, f.currency) for r in f.rates] for f in figures}
    return context


PublicView = Callable[[HttpRequest, Forum, services.Release], HttpResponse]


def published_only(view: PublicView) -> Callable[[HttpRequest, str], HttpResponse]:
    """A public outcome page: `view` gets the release published in the reader's language;
    while there is none the page answers 404, saying so in the reader's language."""

    @functools.wraps(view)
    def page(request: HttpRequest, slug: str) -> HttpResponse:
        forum = forum_for_page(request, slug)
        release = services.public_release(forum, _language(forum))
        if release is None:
            context = {"forum": forum, "can_preview": request.user.has_perm(PREVIEW, forum)}
            return render(request, "reports/not_published.html", context, status=404)
        return view(request, forum, release)

    return page


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@published_only
def press_release(request: HttpRequest, forum: Forum, release: services.Release) -> HttpResponse:
    context = _release_context(request, forum, release)
    return render(request, "reports/press_release.html", context)


@published_only
def press_release_pdf(
    request: HttpRequest, forum: Forum, release: services.Release
) -> HttpResponse:
    context = _release_context(request, forum, release, pdf=True)
    data = render_pdf(
        "reports/print/press_release.html", context, context["report_language"], forum
    )
    return _pdf(data, f"{forum.slug}-press-release-{context['report_language']}")


@published_only
def report(request: HttpRequest, forum: Forum, release: services.Release) -> HttpResponse:
    return render(request, "reports/report.html", _report_context(request, forum, release))


@published_only
def report_pdf(request: HttpRequest, forum: Forum, release: services.Release) -> HttpResponse:
    context = _report_context(request, forum, release, pdf=True)
    data = render_pdf("reports/print/report.html", context, context["report_language"], forum)
    return _pdf(data, f"{forum.slug}-report-{context['report_language']}")


@login_required
def report_draft(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisers' preview: the report as it would be published now (the editor's draft,
    else the text generated from the data as it stands), marked as a draft."""
    forum = organiser_forum(request, slug, PREVIEW)
    release = services.editing(forum, _language(forum), reader_era(request, forum))
    context = _report_context(request, forum, release)
    context["published"] = services.published_of(forum, context["report_language"])
    return render(request, "reports/report_draft.html", context)


@login_required
def edit_press_release(request: HttpRequest, slug: str) -> HttpResponse:
    """The editor's page: the draft (or the generated text), what changed since the published
    version, and save, publish or start again."""
    forum = organiser_forum(request, slug, EDIT)
    language = _language(forum)
    era = reader_era(request, forum)
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "save")
        headline = request.POST.get("headline", "")
        body = request.POST.get("body", "")
        try:
            if action == "discard":
                services.discard_draft(request.user, forum, language)
                messages.success(
                    request, _("The draft was discarded: the text is generated again.")
                )
            elif action == "publish":
                services.publish(request.user, forum, language, headline, body)
                messages.success(request, _("The press release was published."))
                return redirect("reports:press_release", slug=forum.slug)
            else:
                services.save_draft(request.user, forum, language, headline, body)
                messages.success(request, _("The draft was saved."))
            return redirect("reports:edit_press_release", slug=forum.slug)
        except services.ReleaseError as exc:
            errors.append(str(exc))
    release = services.editing(forum, language, era)
    published = services.published_of(forum, language)
    changes = (
        services.changes_since(services.thawed(published), release.figures, language, era)
        if published
        else []
    )
    context = {
        "forum": forum,
        "report_language": language,
        "release": release,
        "headline_value": request.POST.get("headline", release.headline)
        if errors
        else release.headline,
        "body_value": request.POST.get("body", release.body) if errors else release.body,
        "preview": rendering.paragraphs(release.body, release.figures, language, era),
        "published": published,
        "changes": changes,
        "errors": errors,
        "figures": list(release.figures.values()),
    }
    return render(
        request, "reports/edit_press_release.html", context, status=400 if errors else 200
    )


@login_required
def dashboard_page(request: HttpRequest, slug: str) -> HttpResponse:
    forum = organiser_forum(request, slug, "reports.view_dashboard")
    board = dashboard.build(forum, get_language() or forum.default_language)
    return render(request, "reports/dashboard.html", {"forum": forum, "board": board})


@login_required
def chart_file(request: HttpRequest, slug: str, key: str, fmt: str) -> HttpResponse:
    """One chart of the dashboard as SVG or PNG, for slides and reports."""
    forum = organiser_forum(request, slug, "reports.view_dashboard")
    board = dashboard.build(forum, get_language() or forum.default_language)
    if key not in board.charts or fmt not in ("svg", "png"):
        raise Http404(_("No such chart."))
    document = board.charts[key][1]
    if fmt == "svg":
        response = HttpResponse(document, content_type="image/svg+xml; charset=utf-8")
    else:
        response = HttpResponse(charts.png(document), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{forum.slug}-{key}.{fmt}"'
    return response


def platform_hub(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    forum = forum_for_page(request, slug)
    language = get_language() or forum.default_language
    try:
        hub = platforms.hub(forum, code, language)
    except platforms.Platform.DoesNotExist as exc:
        raise Http404(_("No such cooperation platform.")) from exc
    context = {
        "forum": forum,
        "hub": hub,
        "report_published": services.published_for(forum, get_language()) is not None,
    }
    return render(request, "reports/platform.html", context)
