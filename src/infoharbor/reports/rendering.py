"""Releases and reports as HTML fragments: every figure a link to the rows behind it.

For print (core/printing.py renders the PDF) the text gets U+200B at ICU word boundaries, so
Thai, Khmer, Lao and Burmese wrap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from infoharbor.core.figures import MONEY
from infoharbor.core.textbreak import mark_word_breaks
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


@dataclass(frozen=True)
class Conversion:
    """How the totals a release states were converted: a sentence and one line per rate."""

    intro: str
    rates: list[str]


def conversion(texts: list[str], figures: Figures, language: str, era: str) -> Conversion | None:
    """The exchange rates behind the totals that `texts` (a headline, a body) state; None when
    every amount was in the reporting currency already."""
    used = {key for text in texts for key in writing.TOKEN.findall(text)}
    money = [f for key, f in figures.items() if key in used and f.kind == MONEY and f.rates]
    if not money:
        return None
    w = writing.writer(language, era)
    rates = sorted({r for f in money for r in f.rates}, key=lambda r: (r.currency, r.date))
    currency = money[0].currency
    return Conversion(w.conversion(currency), [w.rate(r, currency) for r in rates])
