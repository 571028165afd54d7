"""The series' record: the best attendance of the earlier editions, which a press release
compares this edition's with (core/figures.py)."""

from __future__ import annotations

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from infoharbor.core.figures import ATTENDANCE, TEXT, Figure, Trace, report_section
from infoharbor.core.models import Forum
from infoharbor.reports import services
from infoharbor.reports.editions import attendance, earlier_attendance


@report_section("editions", gettext_lazy("Earlier editions"), order=60)
def edition_figures(forum: Forum) -> list[Figure]:
    earlier = earlier_attendance(forum)
    this = attendance(forum)
    if not earlier or this is None:
        return []
    best = max(earlier, key=lambda a: (a.count, a.forum.start_date))
    trace = Trace(
        "reports.editions",
        {"forum": best.forum.slug, "source": best.source},
        services.report_url(best.forum, get_language()),
    )
    figures = [
        Figure(
            "editions.best_attendance",
            ATTENDANCE,
            _("Best attendance of an earlier edition"),
            best.count,
            trace,
            note=best.note,
        ),
        Figure("editions.best_name", TEXT, _("That edition"), str(best.forum.name), trace),
    ]
    if this.count > best.count:
        figures.append(Figure("editions.record", TEXT, _("Record attendance"), _("yes"), trace))
    return figures
