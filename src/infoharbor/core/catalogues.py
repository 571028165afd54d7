"""Django's own message catalogues, and the strings it lacks in our UI languages.

Django 5.2 ships no Lao or Filipino catalogue, leaves most Burmese and Khmer strings
untranslated, and a few hundred in Thai, Vietnamese and Malay. We never patch Django's files: the
strings it lacks live in ``infoharbor/locale_django/<lang>/LC_MESSAGES/django.po`` (and
``djangojs.po`` for the admin's JavaScript), the last folder of LOCALE_PATHS. A catalogue there
holds only the msgids Django leaves untranslated (or fuzzy) in that language, so it never
overrides a translation Django has. Used by ``update_django_catalogues`` (for translators, after
a Django upgrade) and by the catalogue tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import django
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po
from django.utils.translation import to_locale

DJANGO_DIR = Path(django.__file__).resolve().parent
DJANGO_GAPS_DIR = Path(__file__).resolve().parents[1] / "locale_django"
OUR_DIR = Path(__file__).resolve().parents[1] / "locale"

# The parts of Django whose strings our pages and the admin show, per gettext domain
# ("djangojs" is the admin's JavaScript: calendar, clock, filters of multiple selects).
DJANGO_COMPONENTS = {
    "django": (
        "conf",
        "contrib/admin",
        "contrib/auth",
        "contrib/contenttypes",
        "contrib/sessions",
    ),
    "djangojs": ("contrib/admin",),
}

MessageKey = tuple[str | None, str]


@dataclass(frozen=True)
class DjangoMessage:
    """One msgid of Django's English source catalogues."""

    context: str | None
    msgid: str
    msgid_plural: str | None

    @property
    def key(self) -> MessageKey:
        return (self.context, self.msgid)


def is_translated(message: Message) -> bool:
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings)


def _read(path: Path) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as po_file:
        return read_po(po_file)


def _po_path(root: Path, locale: str, domain: str) -> Path:
    return root / "locale" / locale / "LC_MESSAGES" / f"{domain}.po"


def django_messages(domain: str = "django") -> Iterator[tuple[str, DjangoMessage]]:
    """Every msgid of the Django components we use, with the component it belongs to."""
    for component in DJANGO_COMPONENTS[domain]:
        catalog = _read(_po_path(DJANGO_DIR / component, "en", domain))
        assert catalog is not None, f"Django ships no English catalogue for {component}"
        for message in catalog:
            if not message.id:
                continue
            msgid, plural = (
                (message.id[0], message.id[1])
                if isinstance(message.id, tuple | list)
                else (message.id, None)
            )
            yield component, DjangoMessage(message.context, msgid, plural)


def django_gaps(language: str, domain: str = "django") -> list[DjangoMessage]:
    """The msgids Django leaves untranslated or fuzzy in ``language`` (a language code), but
    for those our own catalogue translates: it comes first, so it is their one rule (the label
    ending ":", which is "៖" in Khmer, must not be told otherwise in the gap catalogue)."""
    locale = to_locale(language)
    own = {c: _read(_po_path(DJANGO_DIR / c, locale, domain)) for c in DJANGO_COMPONENTS[domain]}
    ours = _read(OUR_DIR / locale / "LC_MESSAGES" / f"{domain}.po")
    gaps: dict[MessageKey, DjangoMessage] = {}  # a msgid of two components is one entry
    for component, message in django_messages(domain):
        told = ours.get(message.msgid, message.context) if ours is not None else None
        if told is not None and is_translated(told):
            continue
        catalog = own[component]
        found = catalog.get(message.msgid, message.context) if catalog else None
        if found is None or not is_translated(found):
            gaps.setdefault(message.key, message)
    return list(gaps.values())


def gap_catalogue_path(language: str, domain: str = "django") -> Path:
    return DJANGO_GAPS_DIR / to_locale(language) / "LC_MESSAGES" / f"{domain}.po"


def gap_translations(language: str, domain: str = "django") -> dict[MessageKey, Message]:
    """The translated entries of our catalogue of Django's gaps in ``language``."""
    catalog = _read(gap_catalogue_path(language, domain))
    if catalog is None:
        return {}
    return {
        (m.context, m.id[0] if isinstance(m.id, tuple | list) else m.id): m
        for m in catalog
        if m.id and is_translated(m)
    }


def missing(
    language: str, messages: Iterable[DjangoMessage], domain: str = "django"
) -> list[DjangoMessage]:
    """Which of ``messages`` our gap catalogue for ``language`` does not translate yet."""
    done = gap_translations(language, domain)
    return [m for m in messages if m.key not in done]


def update_gap_catalogue(
    language: str, domain: str = "django", *, add_missing: bool
) -> list[DjangoMessage]:
    """Rewrite the gap catalogue of ``language`` in Django's order, keeping its translations.

    Entries Django has since translated itself are dropped; with ``add_missing`` the gaps not yet
    translated are added with an empty msgstr for a translator. Returns those still missing.
    """
    path = gap_catalogue_path(language, domain)
    old = _read(path)
    done = gap_translations(language, domain)
    gaps = django_gaps(language, domain)
    todo = [m for m in gaps if m.key not in done]
    if old is None and not add_missing:
        return todo
    catalog = Catalog(
        locale=None, project="InfoHarbor (Django strings)", version="1.0", fuzzy=False
    )
    catalog.msgid_bugs_address = ""
    catalog.header_comment = (
        "# Django's strings that Django 5.2 leaves untranslated in this language.\n"
        "# This file is distributed under the same license as InfoHarbor."
    )
    if old is not None:
        catalog.mime_headers = old.mime_headers
        catalog.revision_date = old.revision_date
    else:
        catalog.mime_headers = [("Language", language)]
    for message in gaps:
        kept = done.get(message.key)
        if kept is None and not add_missing:
            continue
        msgid = (
            message.msgid if message.msgid_plural is None else (message.msgid, message.msgid_plural)
        )
        string = kept.string if kept is not None else ("" if message.msgid_plural is None else ())
        flags = ["python-format"] if "%" in message.msgid else []
        catalog.add(msgid, string, context=message.context, flags=flags)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po_file:
        write_po(po_file, catalog, width=79, omit_header=False)
    return todo
