"""Releases and reports as HTML fragments and PDF: every figure a link to the rows behind it.

The PDF is rendered with WeasyPrint like the badges and the protocol's documents: each text
carries a `lang` for its script (the right font and line breaker) and gets U+200B at ICU word
boundaries, so Thai, Khmer, Lao and Burmese wrap.
"""

from __future__ import annotations

from typing import Any

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from weasyprint.text.fonts import FontConfiguration

from infoharbor.core.textbreak import mark_word_breaks
from infoharbor.core.translated import forum_language
from infoharbor.reports import writing
from infoharbor.reports.writing import Figures


def _link(piece: writing.Piece, absolute: Any, breaks: bool) -> SafeString | str:
    text = mark_word_breaks(piece.text) if breaks else piece.text
    figure = piece.figure
    if figure is None:
        return format_html("{}", text)
    if not figure.trace.url:
        return format_html('<span class="figure" data-figure="{}">{}</span>', figure.key, text)
    return format_html(
        '<a class="figure" href="{}" data-figure="{}" title="{}">{}</a>',
        absolute(figure.trace.url),
        figure.key,
        figure.label,
        text,
    )


def html_text(
    text: str,
    figures: Figures,
    language: str,
    era: str,
    *,
    absolute: Any = str,
    breaks: bool = False,
) -> SafeString:
    """`text` (one paragraph or the headline) as HTML, each figure a link to its rows."""
    pieces = writing.render(text, figures, language, era)
    return mark_safe("".join(str(_link(p, absolute, breaks)) for p in pieces))


def paragraphs(
    body: str, figures: Figures, language: str, era: str, **options: Any
) -> list[SafeString]:
    return [
        html_text(p, figures, language, era, **options) for p in body.split("\n\n") if p.strip()
    ]


def pdf(template: str, context: dict[str, Any], language: str, forum: Any) -> bytes:
    with translation.override(language), forum_language(forum.default_language):
        html = render_to_string(template, {**context, "language": language, "forum": forum})
    return weasyprint.HTML(string=html).write_pdf(font_config=FontConfiguration())
