"""Printed documents as PDF (WeasyPrint): the protocol office's, the B2B table lists and agendas.

Names keep their own script: `shaped` gives each a `lang` for its script, which picks the right
font and line breaker, and U+200B at ICU word boundaries so Thai, Khmer, Lao and Burmese wrap.
Templates include `core/print/_style.html` for the font stack every script needs.

Every PDF of the project is laid out here (`pdf_of`, `document_of`), and WeasyPrint is imported on
the first one: it holds 33 MB in each process that imports it, and most web workers never print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

from infoharbor.core.models import Forum
from infoharbor.core.textbreak import mark_word_breaks, script_language
from infoharbor.core.translated import forum_fallback

if TYPE_CHECKING:
    import weasyprint


def document_of(html: str) -> weasyprint.Document:
    """An HTML document laid out in pages, each with its own fonts (write it with `write_pdf`)."""
    # Imported here, not above: see the module's docstring.
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    return weasyprint.HTML(string=html).render(font_config=FontConfiguration())


def pdf_of(html: str) -> bytes:
    """An HTML document as PDF."""
    return document_of(html).write_pdf()


def shaped(text: str, css_class: str = "") -> SafeString:
    """Text in its own script, ready for print: a `lang` for its script and word breaks."""
    language = script_language(text)
    return format_html(
        '<span class="{}"{}>{}</span>',
        css_class,
        format_html(' lang="{}"', language) if language else "",
        mark_word_breaks(text),
    )


def render_pdf(template: str, context: dict[str, Any], language: str, forum: Forum) -> bytes:
    """`template` rendered in `language` (content falling back as on the site) as a PDF."""
    with translation.override(language), forum_fallback(forum):
        html = render_to_string(template, {**context, "language": language, "forum": forum})
    return pdf_of(html)
