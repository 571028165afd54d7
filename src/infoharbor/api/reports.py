"""API for the outcome report: the published press release's text, each figure with its value
and trace. Only what the organisers published is given; before that the route answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Schema, Status

from infoharbor.api import errors
from infoharbor.core.formatting import ERAS, choose_era
from infoharbor.core.queries import public_forum
from infoharbor.reports import services, writing

router = Router(tags=["reports"])
NOT_PUBLISHED = gettext_noop("No press release is published in this language yet.")


class TraceOut(Schema):
    source: str
    filters: dict[str, Any]
    url: str


class RateOut(Schema):
    currency: str  # one unit of it
    rate: str  # was worth this much of the figure's currency
    date: str
    source: str


class FigureOut(Schema):
    key: str
    kind: str
    label: str
    value: Any
    currency: str
    note: str
    rates: list[RateOut]  # the exchange rates a total was converted with
    text: str  # the value as the release writes it in its language
    trace: TraceOut


class ReportOut(Schema):
    forum: str
    language: str
    era: str
    published_at: dt.datetime  # the figures are as they stood then
    headline: str
    text: str  # the release as read, paragraphs apart by an empty line
    template: str  # the release with each figure as its token, {{key}}
    figures: list[FigureOut]


class MessageOut(Schema):
    detail: str


@router.get(
    "/forums/{slug}/report",
    response={200: ReportOut, 404: MessageOut, 422: errors.FieldsOut},
    summary="The published outcome press release, with every figure and the query behind it",
    openapi_extra=errors.documented(
        404,
        422,
        typed=(404, 422),
        examples={
            404: {"detail": NOT_PUBLISHED},
            422: {"detail": {"lang": ["The forum publishes in zh-hans, en, th."]}},
        },
        descriptions={
            404: "No published forum by that name (`Not found.`), or the organisers have not "
            "yet published a press release in that language"
        },
    ),
)
def report(request: HttpRequest, slug: str, lang: str | None = None, era: str | None = None) -> Any:
    forum = public_forum(slug)
    language = lang or forum.default_language
    if language not in forum.content_languages():
        message = _("The forum publishes in %(languages)s.") % {
            "languages": ", ".join(forum.content_languages())
        }
        return Status(422, {"detail": {"lang": [message]}})
    if era is not None and era not in ERAS:
        return Status(
            422, {"detail": {"era": [_("Choose one of: %(eras)s.") % {"eras": ", ".join(ERAS)}]}}
        )
    chosen = choose_era(era, forum.buddhist_era)
    release = services.public_release(forum, language)
    if release is None:
        return Status(404, {"detail": _(NOT_PUBLISHED)})
    w = writing.writer(language, chosen)
    figures = []
    for figure in release.figures.values():
        data = figure.as_data()
        data["text"] = w.value(figure)
        data["trace"]["url"] = (
            request.build_absolute_uri(figure.trace.url) if figure.trace.url else ""
        )
        figures.append(data)
    body = "\n\n".join(
        writing.plain(writing.render(p, release.figures, language, chosen))
        for p in release.body.split("\n\n")
    )
    assert release.stored is not None  # a public release is a published version
    return {
        "forum": forum.slug,
        "language": language,
        "era": chosen,
        "published_at": release.stored.published_at,
        "headline": writing.plain(
            writing.render(release.headline, release.figures, language, chosen)
        ),
        "text": body,
        "template": release.body,
        "figures": figures,
    }
