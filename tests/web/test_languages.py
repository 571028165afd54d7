"""Every public page, in each of the ten UI languages: it renders, says which language it is in,
shows no UI string left in English, and no content in another language than the page's.

PUBLIC_PAGES is the one list of public pages; an app that adds a public page appends it here.
PRIVATE_PAGES, the private page a participant reaches by their link, is read by the same checks
(one with session choices and answers stands for them all).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info, to_locale

from infoharbor.core.formatting import language_name
from infoharbor.core.languages import NAME_LOCAL
from infoharbor.core.models import Forum, Person
from infoharbor.core.translated import TranslatedField, TranslatedText
from infoharbor.program import kinds
from infoharbor.program.models import Session
from infoharbor.registration.models import Participant
from tests.factories import make_forum

pytestmark = pytest.mark.integration

UI_LANGUAGES = [code for code, _name in settings.ALL_LANGUAGES]


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: Callable[[Forum], str]  # called with the UI language active, so it gets its prefix


def _session_with_speakers(forum: Forum) -> Session:
    # The one with the longest agenda, so the page shows speakers and agenda items both.
    return (
        Session.objects.filter(forum=forum, speakers__isnull=False)
        .annotate(agenda_items=Count("children", distinct=True))
        .order_by("-agenda_items", "start")
        .first()
    )


def _speaker(forum: Forum) -> Person:
    return Person.objects.filter(session_roles__session__forum=forum).order_by("pk").first()


def _participant(forum: Forum) -> Participant:
    return (
        Participant.objects.filter(forum=forum, delegation__isnull=True)
        .annotate(choices=Count("session_choices"))
        .order_by("-choices", "pk")
        .first()
    )


def _head_of_delegation(forum: Forum) -> Participant:
    return Participant.objects.filter(forum=forum, heads_delegation__isnull=False).order_by("pk")[0]


PUBLIC_PAGES: list[PublicPage] = [
    PublicPage("home", lambda forum: reverse("web:home")),
    PublicPage("forum overview", lambda forum: reverse("web:forum", args=[forum.slug])),
    PublicPage("program", lambda forum: reverse("program:program", args=[forum.slug])),
    PublicPage(
        "program filtered",
        lambda forum: (
            reverse("program:program", args=[forum.slug])
            + f"?kind={kinds.SUB_FORUM.code}&platform={forum.platforms.order_by('pk')[0].code}"
        ),
    ),
    PublicPage(
        "session",
        lambda forum: reverse(
            "program:session", args=[forum.slug, _session_with_speakers(forum).slug]
        ),
    ),
    PublicPage("speakers", lambda forum: reverse("program:speakers", args=[forum.slug])),
    PublicPage(
        "speaker",
        lambda forum: reverse("program:speaker", args=[forum.slug, _speaker(forum).public_id]),
    ),
    PublicPage("search", lambda forum: reverse("web:search", args=[forum.slug]) + "?q=Beihai"),
    PublicPage("signed projects", lambda forum: reverse("projects:registry", args=[forum.slug])),
    PublicPage(
        "signed project",
        lambda forum: reverse(
            "projects:project", args=[forum.slug, forum.projects.order_by("pk")[0].public_id]
        ),
    ),
    PublicPage(
        "project statistics",
        lambda forum: reverse("projects:stats", args=[forum.slug]) + "?by=platform",
    ),
    PublicPage("registration", lambda forum: reverse("registration:register", args=[forum.slug])),
]
# Read by the same checks, but private: no public cache, a form with its CSRF cookie.
PRIVATE_PAGES: list[PublicPage] = [
    PublicPage(
        "participant's private page",
        lambda forum: reverse("registration:manage", args=[forum.slug, _participant(forum).token]),
    ),
    PublicPage(
        "head of delegation's private page",
        lambda forum: reverse(
            "registration:manage", args=[forum.slug, _head_of_delegation(forum).token]
        ),
    ),
]


class VisibleText(HTMLParser):
    """Collects the text a reader sees in the page's language: text nodes and the
    title/aria-label/placeholder/alt attributes, outside scripts, styles and elements marked as
    another language (such as the language switcher's names, each in its own script)."""

    SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.nodes: list[str] = []
        self._hidden: list[str] = []  # open tags that hide their text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        if tag in {"script", "style"} or (lang is not None and lang != self.language):
            self._hidden.append(tag)
        elif not self._hidden:
            self.nodes += [v for k, v in attrs if k in self.SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if self._hidden and self._hidden[-1] == tag:
            self._hidden.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.nodes.append(data.strip())


def visible_text_nodes(html: str, language: str) -> list[str]:
    parser = VisibleText(language)
    parser.feed(html)
    return parser.nodes


def user_content() -> set[str]:
    """Every text users typed (all languages of every translated field, every char field) of
    our apps' rows: the pages show it as it is, so it is not UI text; and language names."""
    found: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("infoharbor."):
            continue
        text_fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model.objects.values_list(*text_fields):
            for value in row:
                if isinstance(value, TranslatedText):
                    found.update(value.data.values())
                elif isinstance(value, dict):
                    found.update(v for v in value.values() if isinstance(v, str))
                elif isinstance(value, str) and value:
                    found.add(value)
    # Languages are offered by their own names (the program's language filter), never translated,
    # or named by CLDR in the reader's language (Indonesian calls Thai "Thai").
    found.update(NAME_LOCAL.values())
    found.update(language_name(code, reader) for code in NAME_LOCAL for reader in NAME_LOCAL)
    return {text.strip() for text in found if text.strip()}


@functools.cache
def _words_of_translations(language: str) -> frozenset[str]:
    """Every word our catalogue's translations use in `language` (Filipino's "May" is a word)."""
    folder = to_locale(language)
    with (Path(settings.LOCALE_PATHS[0]) / folder / "LC_MESSAGES" / "django.po").open("rb") as f:
        strings = [m.string for m in read_po(f) if m.id and isinstance(m.string, str)]
    return frozenset(word for text in strings for word in re.findall(r"\w+", text))


@functools.cache
def _our_msgids() -> tuple[str, ...]:
    with (Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po").open("rb") as f:
        return tuple(m.id for m in read_po(f) if m.id and isinstance(m.id, str))


# Django's names of months and weekdays, which dates on our pages are made of.
DATE_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
]  # fmt: skip
SEPARATORS = re.compile(r"[:·,–—()←\d]+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def untranslated_strings(html: str, language: str, content: set[str]) -> list[str]:
    """The English UI strings left in a page rendered in ``language``: our msgids whose
    translation differs from the English, found as a whole piece of text (short ones) or
    anywhere in the text (three words or more), and English month and weekday names."""
    page_language = re.search(r'<html lang="([^"]+)"', html)
    assert page_language is not None
    nodes = visible_text_nodes(html, page_language[1])
    fragments = {
        piece.strip().casefold()
        for node in nodes
        if node not in content
        for piece in [node, *SEPARATORS.split(node)]
        if piece.strip() and piece.strip() not in content
    }
    text = " ".join(nodes)
    for value in sorted(content, key=len, reverse=True):
        if len(value) >= 6:
            text = text.replace(value, " ")
    folded = text.casefold()
    found = []
    own_words = _words_of_translations(language)
    with translation.override(language):
        for msgid in [*_our_msgids(), *DATE_NAMES]:
            if translation.gettext(msgid) == msgid:
                continue
            if msgid in DATE_NAMES and msgid in own_words:
                continue
            body = ".+?".join(map(re.escape, PLACEHOLDER.split(msgid)))
            pattern = rf"(?<!\w){body}(?!\w)"
            # Searched anywhere only when its own words say something: "%(rank)s of %(country)s"
            # would match any "… of …" in the page's content.
            own = re.findall(r"[^\W\d_]{2,}", PLACEHOLDER.sub(" ", msgid))
            if msgid in DATE_NAMES or (len(msgid.split()) >= 3 and len(own) >= 2):
                # The regular expression runs only where every literal piece is in the text (case
                # folded, as it matches): the search across the page is what made this check slow.
                pieces = PLACEHOLDER.split(msgid if msgid in DATE_NAMES else msgid.casefold())
                haystack = text if msgid in DATE_NAMES else folded
                if all(piece in haystack for piece in pieces) and re.search(
                    pattern, text, flags=0 if msgid in DATE_NAMES else re.IGNORECASE
                ):
                    found.append(msgid)
            elif msgid.casefold() in fragments:
                found.append(msgid)
    return found


def _translated_values() -> list[dict[str, str]]:
    """The per-language values of every translated field of our apps' rows."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("infoharbor."):
            continue
        names = [f.attname for f in model._meta.concrete_fields if isinstance(f, TranslatedField)]
        for row in model.objects.values_list(*names) if names else []:
            found += [value.data for value in row if isinstance(value, TranslatedText) and value]
    return found


def wrong_language_content(html: str, values: list[dict[str, str]]) -> list[str]:
    """Stored content a page shows in another language than its own: a field's value in some
    language, shown where the field has the page's language, or English where it lacks it
    (English is the one fallback allowed; a field in neither may show any language it has)."""
    page_language = re.search(r'<html lang="([^"]+)"', html)
    assert page_language is not None
    language = page_language[1]
    allowed: set[str] = set()
    wrong: set[str] = set()
    for data in values:
        expected = data.get(language) or data.get("en")
        if expected is None:
            allowed.update(data.values())
            continue
        allowed.add(expected)
        wrong.update(v for v in data.values() if v != expected)
    nodes = visible_text_nodes(html, language)
    text = "\n".join(nodes)
    # What the page rightly shows may hold another language's value as a name ("ក្រុមហ៊ុន Huawei
    # Technologies" holds the English "Huawei Technologies"): only the text left without it counts.
    for value in sorted(allowed, key=len, reverse=True):
        text = text.replace(value, "\n")
    return sorted(
        value
        for value in wrong - allowed
        if value.strip() in nodes or (len(value) >= 4 and _shown_in(value, text))
    )


LATIN_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"


def _shown_in(value: str, text: str) -> bool:
    """Whether `value` appears in `text`, as whole words where it begins or ends with a Latin
    letter (the Indonesian "Presiden" is not in the English "President"); scripts without
    spaces between words are matched anywhere."""
    before = f"(?<![{LATIN_LETTER}])" if re.match(f"[{LATIN_LETTER}]", value) else ""
    after = f"(?![{LATIN_LETTER}])" if re.search(f"[{LATIN_LETTER}]$", value) else ""
    return value in text and re.search(before + re.escape(value) + after, text) is not None


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize("page", PUBLIC_PAGES + PRIVATE_PAGES, ids=lambda page: page.name)
def test_public_page_renders_translated_in_every_language(client, seed_forum, page):
    content = user_content()
    values = _translated_values()
    failures = {}
    for language in UI_LANGUAGES:
        with translation.override(language):
            path = page.path(seed_forum)
        assert path.startswith(f"/{language}/")
        response = client.get(path)
        assert response.status_code == 200, language
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, language
        assert response.headers["Content-Language"] == language, language
        left = untranslated_strings(html, language, content) if language != "en" else []
        elsewhere = wrong_language_content(html, values)
        if left or elsewhere:
            failures[language] = left + elsewhere
    assert failures == {}


@pytest.mark.integration
def test_untranslated_strings_are_found_in_an_english_page(client, seed_forum):
    # The control: the same check, pointed at the English program page, must find English.
    with translation.override("en"):
        path = reverse("program:program", args=[seed_forum.slug])
    html = client.get(path).content.decode()

    found = untranslated_strings(html, "th", user_content())

    assert {"Program", "Filter", "Times are local to the forum (%(tz)s).", "Language"} <= set(found)
    assert {"March", "Monday"} & set(found)


@pytest.mark.integration
def test_content_in_another_language_is_found_in_a_page(client, seed_forum):
    # The control: the Chinese program page, read as a Khmer one, shows Chinese session titles
    # where the seed has Khmer ones.
    with translation.override("zh-hans"):
        path = reverse("program:program", args=[seed_forum.slug])
    html = client.get(path).content.decode().replace('<html lang="zh-hans"', '<html lang="km"', 1)
    found = wrong_language_content(html, _translated_values())
    main_forum = Session.objects.get(forum=seed_forum, slug="main-forum")
    assert main_forum.title.data["zh-hans"] in found
    assert str(seed_forum.name.data["zh-hans"]) in found


# A phrase of three Latin words or more is English left inside a text in a script of its own; a
# name ("ក្រុមហ៊ុន Huawei Technologies") is shorter.
ENGLISH_PHRASE = re.compile(f"[{LATIN_LETTER}]+(?:[ -][{LATIN_LETTER}]+){{2,}}")


@pytest.mark.integration
def test_seed_writes_its_own_scripts_without_english_phrases(seed_forum):
    found = {
        (language, data[language])
        for data in _translated_values()
        for language in ("zh-hans", "th", "km", "lo", "my")
        if ENGLISH_PHRASE.search(data.get(language, ""))
    }
    assert found == set()


@pytest.mark.unit
@pytest.mark.parametrize(
    ("shown", "found"),
    [
        ("ក្រុមហ៊ុន Huawei Technologies", []),  # the Khmer name holds the English one
        ("Huawei Technologies", ["Huawei Technologies"]),
        ("ក្រុមហ៊ុន Huawei Technologies · Huawei Technologies", ["Huawei Technologies"]),
        ("វេទិកា 华为技术有限公司", ["华为技术有限公司"]),
    ],
)
def test_content_in_another_language_counts_what_the_right_value_leaves(shown, found):
    huawei = {"zh-hans": "华为技术有限公司", "en": "Huawei Technologies"}
    huawei["km"] = "ក្រុមហ៊ុន Huawei Technologies"
    html = f'<html lang="km"><body><p>{shown}</p></body></html>'

    assert wrong_language_content(html, [huawei]) == found


@pytest.mark.unit
def test_content_in_another_language_matches_latin_words_whole():
    president = {"en": "President", "id": "Presiden"}
    html = '<html lang="en"><body><p>President of the Republic</p></body></html>'

    assert wrong_language_content(html, [president]) == []
    assert wrong_language_content(html.replace("President", "Presiden"), [president]) == [
        "Presiden"
    ]


@pytest.mark.integration
@pytest.mark.django_db
def test_language_switcher_links_every_language_in_its_own_script(client):
    html = client.get("/lo/").content.decode()

    links = re.findall(
        r'<a href="([^"]+)" lang="([\w-]+)" hreflang="[\w-]+"( aria-current="true")?>([^<]+)</a>',
        html,
    )
    assert [(code, unicodedata.normalize("NFC", name)) for _h, code, _c, name in links] == [
        ("zh-hans", "简体中文"),
        ("en", "English"),
        ("th", "ภาษาไทย"),
        ("vi", "Tiếng Việt"),
        ("id", "Bahasa Indonesia"),
        ("ms", "Bahasa Melayu"),
        ("km", "ខ្មែរ"),
        ("lo", "ລາວ"),
        ("my", "မြန်မာဘာသာ"),
        ("fil", "Filipino"),
    ]
    assert [code for _h, code, current, _n in links if current] == ["lo"]
    assert [href for href, *_rest in links][:3] == ["/zh-hans/", "/en/", "/th/"]


@pytest.mark.integration
@pytest.mark.django_db
def test_language_links_keep_the_page_and_its_filters(client):
    make_forum(slug="harbor")

    html = client.get("/en/forums/harbor/program/?kind=dialogue&x=1").content.decode()

    found = re.findall(r'<a href="([^"]+)" lang="([\w-]+)" hreflang=', html)
    links = {code: href for href, code in found}
    assert links["th"] == "/th/forums/harbor/program/?kind=dialogue"
    assert links["fil"] == "/fil/forums/harbor/program/?kind=dialogue"
    assert links["en"] == "/en/forums/harbor/program/?kind=dialogue"


@pytest.mark.integration
@pytest.mark.django_db  # a process's first request queues what an earlier one left unsent
@pytest.mark.parametrize("language", ["lo", "fil"])
def test_language_switch_post_redirects_to_the_prefixed_page(client, language):
    response = client.post(
        "/en/i18n/setlang/", {"language": language, "next": "/en/forums/caihf-3/program/"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{language}/forums/caihf-3/program/"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("language", "name", "name_local"),
    [("lo", "Lao", "ລາວ"), ("fil", "Filipino", "Filipino"), ("km", "Khmer", "ខ្មែរ")],
)
def test_language_info_exists_for_languages_django_lacks(language, name, name_local):
    info = get_language_info(language)
    assert (info["code"], info["name"], info["name_local"], info["bidi"]) == (
        language,
        name,
        name_local,
        False,
    )


@pytest.mark.integration
@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("lo", "ບໍ່ພົບໜ້ານີ້"), ("my", "စာမျက်နှာ ရှာမတွေ့ပါ")])
def test_a_missing_page_says_so_in_the_pages_language(client, language, title):
    response = client.get(f"/{language}/forums/no-such-forum/program/no-such-session/")

    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert f"<h1>{title}</h1>" in html
    assert untranslated_strings(html, language, set()) == []
