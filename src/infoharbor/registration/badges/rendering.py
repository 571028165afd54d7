"""Badges: what a participant wears to get in, as PDF, one page per person.

A badge is a list of fields taken from a registry (`BADGE_FIELDS`, the way Indico's badge designer
keeps placeholders), laid out in the order the forum's `BadgeLayout` gives, at A6 or credit-card
size. The QR code carries a signed token (`badge_token`): the participant's badge code signed with
the project's secret key, so door staff can tell a real badge from a made-up code without trusting
what is printed. Typing the badge code printed under the QR code works too (it is an unguessable
token on its own).

Names keep their own script. WeasyPrint shapes Thai, Khmer, Lao, Burmese, Chinese and Vietnamese
with the Noto fonts, but breaks lines in Khmer only where it finds U+200B, so names get one at
every ICU word boundary before rendering (`mark_word_breaks`).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core import signing
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from infoharbor.core.countries import country_name
from infoharbor.core.models import Forum
from infoharbor.core.photos import content_type
from infoharbor.core.printing import document_of
from infoharbor.core.textbreak import mark_word_breaks, script_language
from infoharbor.core.translated import forum_fallback
from infoharbor.registration.badges import qr
from infoharbor.registration.models import BadgeLayout, Participant

if TYPE_CHECKING:
    import weasyprint

BADGE_SALT = "infoharbor.registration.badge"


# --- the signed token in the QR code ----------------------------------------------------------


def badge_token(participant: Participant) -> str:
    """What the QR code holds: `<badge code>:<signature>`."""
    return signing.Signer(salt=BADGE_SALT).sign(participant.badge_code)


def badge_code_from(scanned: str) -> str | None:
    """The badge code behind a scanned token or a typed badge code; None for a forged token."""
    scanned = scanned.strip()
    if ":" not in scanned:
        return scanned or None
    try:
        return signing.Signer(salt=BADGE_SALT).unsign(scanned)
    except signing.BadSignature:
        return None


# A field's HTML for a participant, given the badge's languages (BadgeLayout.languages_for).
Renderer = Callable[[Participant, Sequence[str]], SafeString | str]


@dataclass(frozen=True)
class BadgeField:
    """One thing a badge can show; `render` returns its HTML, or "" when it has nothing to show."""

    key: str
    label: str | Promise
    render: Renderer


BADGE_FIELDS: dict[str, BadgeField] = {}
DEFAULT_FIELDS = [
    "category",
    "honorific",
    "name",
    "name_latin",
    "position",
    "organization",
    "country",
    "qr",
]


def badge_field(key: str, label: str | Promise) -> Callable[[Renderer], Renderer]:
    def register(render: Renderer) -> Renderer:
        BADGE_FIELDS[key] = BadgeField(key, label, render)
        return render

    return register


def _text(key: str, value: str) -> SafeString | str:
    if not value:
        return ""
    language = script_language(value)
    return format_html(
        '<div class="field field-{}"{}>{}</div>',
        key,
        format_html(' lang="{}"', language) if language else "",
        mark_word_breaks(value),
    )


def _in_languages(values: Iterable[tuple[str, str]]) -> SafeString:
    """One line per distinct value, each tagged with its language (for its font and breaks)."""
    lines: dict[str, str] = {}
    for language, value in values:
        if value:
            lines.setdefault(value, language)
    return format_html_join(
        "",
        '<span class="line" lang="{}">{}</span>',
        ((lang, mark_word_breaks(v)) for v, lang in lines.items()),
    )


@badge_field("category", _("category (colour band)"))
def _category(participant: Participant, languages: Sequence[str]) -> SafeString:
    name = participant.category.name
    return format_html(
        '<div class="field field-category" style="background: {}">{}</div>',
        participant.category.colour,
        _in_languages((language, name.get(language)) for language in languages),
    )


@badge_field("honorific", _("honorific"))
def _honorific(participant: Participant, languages: Sequence[str]) -> SafeString | str:
    return _text("honorific", str(participant.person.honorific))


@badge_field("name", _("name in own script"))
def _name(participant: Participant, languages: Sequence[str]) -> SafeString | str:
    return _text("name", participant.person.name)


@badge_field("name_latin", _("name in Latin letters"))
def _name_latin(participant: Participant, languages: Sequence[str]) -> SafeString | str:
    person = participant.person
    return _text("name_latin", person.name_latin if person.name_latin != person.name else "")


@badge_field("position", _("position"))
def _position(participant: Participant, languages: Sequence[str]) -> SafeString | str:
    return _text("position", str(participant.person.position))


@badge_field("organization", _("organization"))
def _organization(participant: Participant, languages: Sequence[str]) -> SafeString | str:
    organization = participant.person.organization
    return _text("organization", str(organization.name) if organization else "")


@badge_field("country", _("country"))
def _country(participant: Participant, languages: Sequence[str]) -> SafeString | str:
    code = participant.person.country or (
        participant.person.organization.country if participant.person.organization else ""
    )
    if not code:
        return ""
    return format_html(
        '<div class="field field-country">{}</div>',
        _in_languages((language, country_name(code, language)) for language in languages),
    )


@badge_field("delegation", _("delegation"))
def _delegation(participant: Participant, languages: Sequence[str]) -> SafeString | str:
    delegation = participant.delegation
    if delegation is None:
        return ""
    return format_html(
        '<div class="field field-delegation">{}</div>',
        _in_languages((language, delegation.name.get(language)) for language in languages),
    )


@badge_field("qr", _("QR code and badge code"))
def _qr(participant: Participant, languages: Sequence[str]) -> SafeString:
    return format_html(
        '<div class="field field-qr"><img class="qr" alt="" src="{}">'
        '<div class="code">{}</div></div>',
        qr.svg_data_uri(qr.make(badge_token(participant))),
        participant.badge_code,
    )


@badge_field("photo", _("photo"))
def _photo(participant: Participant, languages: Sequence[str]) -> SafeString | str:
    photo = participant.person.photo
    if not photo:
        return ""
    kind = content_type(photo)
    with photo.open("rb") as file:
        data = base64.b64encode(file.read()).decode("ascii")
    # Inside the document, not a URL: WeasyPrint fetches nothing, and photos have no public one.
    return format_html(
        '<div class="field field-photo"><img class="photo" alt="" src="data:{};base64,{}"></div>',
        kind,
        data,
    )


# --- rendering --------------------------------------------------------------------------------


def layout_of(forum: Forum) -> BadgeLayout:
    """The forum's badge layout; A6 with the default fields when the organisers set none."""
    try:
        return forum.badge_layout
    except BadgeLayout.DoesNotExist:
        return BadgeLayout(forum=forum)


def _badge_html(participant: Participant, layout: BadgeLayout) -> SafeString:
    languages = layout.languages_for(participant.language)
    keys = layout.fields or DEFAULT_FIELDS
    parts = [
        BADGE_FIELDS[key].render(participant, languages) for key in keys if key in BADGE_FIELDS
    ]
    return format_html(
        '<section class="badge" style="--colour: {}">{}</section>',
        participant.category.colour,
        SafeString("".join(parts)),
    )


def badge_html(forum: Forum, participants: Iterable[Participant]) -> str:
    """The HTML document of these participants' badges, one page each: category and country in
    the badge languages (the participant's own unless the layout names others)."""
    layout = layout_of(forum)
    with translation.override(forum.default_language), forum_fallback(forum):
        badges = [_badge_html(p, layout) for p in participants]
        return render_to_string(
            "registration/badges/badge.html", {"size": layout.size, "badges": badges}
        )


def render_document(forum: Forum, participants: Iterable[Participant]) -> weasyprint.Document:
    """Lay out the badges; join several documents' pages with `join_pdf` to print a batch."""
    return document_of(badge_html(forum, participants))


def join_pdf(documents: Sequence[weasyprint.Document]) -> bytes:
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


def badge_pdf(participant: Participant) -> bytes:
    """One participant's badge as a one-page PDF."""
    return render_document(participant.forum, [participant]).write_pdf()
