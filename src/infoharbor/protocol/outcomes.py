"""What the protocol office contributes to outcome reports: the signing ceremonies' run sheets
(core/figures.py)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infoharbor.core.figures import COUNT, Figure, Trace, report_section
from infoharbor.core.models import Forum
from infoharbor.protocol.models import RunSheet


@report_section("run_sheets", gettext_lazy("Signing ceremonies' run sheets"), order=50)
def run_sheet_figures(forum: Forum) -> list[Figure]:
    figures = []
    run_sheets = (
        RunSheet.objects.filter(session__forum=forum)
        .select_related("session")
        .annotate(signings_count=Count("signings"))
    )
    for run_sheet in run_sheets:
        slug = run_sheet.session.slug
        if signings := run_sheet.signings_count:
            url = reverse("protocol:run_sheet", args=[forum.slug, slug])
            figures.append(
                Figure(
                    f"run_sheet.{slug}.signings",
                    COUNT,
                    _("Signings on the run sheet of %(session)s")
                    % {"session": run_sheet.session.title},
                    signings,
                    Trace("protocol.run_sheet", {"session": slug}, url),
                )
            )
    return figures
