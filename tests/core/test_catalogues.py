"""Every message catalogue we ship is complete and safe: nothing untranslated or fuzzy, every
placeholder of the source kept, the right plural rule; and Django's own gaps are filled."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import to_locale
from django.views.i18n import JavaScriptCatalog

from infoharbor.core import catalogues

pytestmark = pytest.mark.unit

PO_FILES = sorted(
    path
    for folder in map(Path, settings.LOCALE_PATHS)
    for path in folder.glob("*/LC_MESSAGES/*.po")
)
UI_LOCALES = sorted(to_locale(code) for code, _name in settings.ALL_LANGUAGES)
# CLDR plural categories used by gettext: one form everywhere but English and Filipino.
NPLURALS = {"en": 2, "fil": 2}
# Every UI language but English: wherever Django leaves a string untranslated, we translate it.
GAP_LANGUAGES = [code for code, _name in settings.ALL_LANGUAGES if code != "en"]
DOMAINS = list(catalogues.DJANGO_COMPONENTS)

# %(name)s, %s, %d and {name} placeholders; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{\w*\}")


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def _id(path: Path) -> str:
    return f"{path.parents[3].name}/{path.parents[1].name}/{path.name}"


def _read(path: Path):
    with path.open("rb") as po_file:
        return read_po(po_file)


def _forms(message: Message) -> tuple[str, ...]:
    string = message.string
    return tuple(string) if isinstance(string, tuple | list) else (string,)


def catalogue_defects(path: Path) -> list[str]:
    """What is wrong with one .po file, one line per defect (empty when it is fit to ship)."""
    language = path.parents[1].name
    catalog = _read(path)
    defects = []
    if catalog.fuzzy:
        defects.append("header is fuzzy")
    if str(catalog.locale_identifier or "") != language:
        defects.append(f"Language header is {catalog.locale_identifier!r}")
    if catalog.num_plurals != NPLURALS.get(language, 1):
        defects.append(f"nplurals={catalog.num_plurals}")
    for message in catalog:
        if not message.id:
            continue
        msgids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        label = repr(msgids[0])
        if message.fuzzy:
            defects.append(f"fuzzy: {label}")
        forms = _forms(message)
        if language == "en" and not any(forms):
            continue
        if not all(forms):
            defects.append(f"untranslated: {label}")
            continue
        expected = placeholders(msgids[-1])
        for form in forms:
            if placeholders(form) != expected:
                defects.append(f"placeholders differ: {label} -> {form!r}")
    return defects


@pytest.mark.unit
@pytest.mark.parametrize("path", PO_FILES, ids=_id)
def test_catalogue_is_complete_with_placeholders_kept(path):
    assert catalogue_defects(path) == []


@pytest.mark.unit
def test_catalogue_defects_are_found(tmp_path):
    po = tmp_path / "locale" / "th" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: th\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "Save"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Filter"\nmsgstr "กรอง"\n\n'
        'msgid "Times are local to the forum (%(tz)s)."\nmsgstr "เวลาท้องถิ่น (%(zone)s)"\n\n'
        'msgid "Take {n}"\nmsgstr "เอา"\n',
        encoding="utf-8",
    )
    assert catalogue_defects(po) == [
        "untranslated: 'Save'",
        "fuzzy: 'Filter'",
        "placeholders differ: 'Times are local to the forum (%(tz)s).' -> 'เวลาท้องถิ่น (%(zone)s)'",
        "placeholders differ: 'Take {n}' -> 'เอา'",
    ]


@pytest.mark.unit
def test_our_catalogues_exist_for_every_ui_language():
    ours = Path(settings.LOCALE_PATHS[0])
    assert sorted(p.parents[1].name for p in ours.glob("*/LC_MESSAGES/django.po")) == UI_LOCALES


@pytest.mark.unit
def test_django_gap_folder_comes_after_ours_in_locale_paths():
    assert [Path(p) for p in settings.LOCALE_PATHS] == [
        Path(settings.PACKAGE_DIR) / "locale",
        catalogues.DJANGO_GAPS_DIR,
    ]


@pytest.mark.unit
@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", GAP_LANGUAGES)
def test_every_django_string_django_lacks_is_translated(language, domain):
    gaps = catalogues.django_gaps(language, domain)
    assert [m.msgid for m in catalogues.missing(language, gaps, domain)] == []


@pytest.mark.unit
def test_django_lacks_most_strings_in_khmer_lao_burmese_filipino():
    # What the test above guards: Django 5.2 leaves hundreds of strings to us in these four.
    counts = {code: len(catalogues.django_gaps(code)) for code in ["km", "lo", "my", "fil"]}
    assert all(count > 400 for count in counts.values()), counts


@pytest.mark.unit
@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", GAP_LANGUAGES)
def test_gap_catalogue_never_overrides_a_translation_django_has(language, domain):
    gaps = {m.key for m in catalogues.django_gaps(language, domain)}
    assert sorted(set(catalogues.gap_translations(language, domain)) - gaps) == []


@pytest.mark.unit
def test_django_ships_no_lao_or_filipino_so_every_string_is_a_gap_but_ours():
    everything = {m.key for _component, m in catalogues.django_messages()}
    for language in ["lo", "fil"]:
        assert {m.key for m in catalogues.django_gaps(language)} == everything - _ours(language)


def _ours(language: str) -> set[tuple[str | None, str]]:
    """The msgids our own catalogue translates in `language`: it comes first, so no gap."""
    with (Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po").open("rb") as f:
        return {(m.context, m.id) for m in read_po(f) if m.id and m.string}


@pytest.mark.unit
@pytest.mark.parametrize("language", ["km", "lo", "my", "fil"])
def test_label_ending_is_told_once_by_our_catalogue(language):
    # Django's ":" is also ours: the gap catalogue must not tell it otherwise ("៖" in Khmer).
    assert (None, ":") not in catalogues.gap_translations(language)
    with translation.override(language):
        assert translation.gettext(":") == {"km": "៖"}.get(language, ":")


NATIVE_DIGITS = re.compile("[\u17e0-\u17e9\u1040-\u1049]")  # Khmer and Myanmar digits


@pytest.mark.unit
@pytest.mark.parametrize("path", PO_FILES, ids=_id)
def test_catalogue_writes_latin_digits(path):
    # formatting.NUMBERING_SYSTEM: every language's figures in Latin digits, our words too.
    with path.open("rb") as f:
        strings = [m.string for m in read_po(f) if m.id]
    texts = [t for s in strings for t in (s if isinstance(s, tuple | list) else [s])]
    assert [t for t in texts if NATIVE_DIGITS.search(t)] == []


@pytest.mark.unit
def test_update_gap_catalogue_adds_missing_then_keeps_only_translations(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogues, "DJANGO_GAPS_DIR", tmp_path)
    everything = len({m.key for _component, m in catalogues.django_messages()} - _ours("lo"))

    todo = catalogues.update_gap_catalogue("lo", add_missing=True)

    path = tmp_path / "lo" / "LC_MESSAGES" / "django.po"
    assert (len(todo), len(_read(path))) == (everything, everything)
    po = path.read_text(encoding="utf-8")
    path.write_text(
        po.replace('msgid "Wednesday"\nmsgstr ""', 'msgid "Wednesday"\nmsgstr "ວັນພຸດ"'),
        encoding="utf-8",
    )

    todo = catalogues.update_gap_catalogue("lo", add_missing=False)

    assert len(todo) == everything - 1
    assert [(m.id, m.string) for m in _read(path) if m.id] == [("Wednesday", "ວັນພຸດ")]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("language", "english", "expected"),
    [
        ("lo", "March", "ມີນາ"),
        ("fil", "Wednesday", "Miyerkules"),
        ("my", "Tuesday", "အင်္ဂါ"),
        ("km", "noon", "ថ្ងៃត្រង់"),
        ("lo", "This field is required.", "ຈຳເປັນຕ້ອງປ້ອນຊ່ອງນີ້."),
        ("fil", "Enter a valid date.", "Maglagay ng wastong petsa."),
        ("lo", "Program", "ກຳນົດການ"),
        ("fil", "Speakers", "Mga tagapagsalita"),
    ],
)
def test_django_and_our_strings_are_served_in_the_language(language, english, expected):
    with translation.override(language):
        assert translation.gettext(english) == expected


@pytest.mark.unit
@pytest.mark.parametrize(
    ("language", "expected"), [("lo", "ວັນພຸດ"), ("fil", "Miyerkules"), ("km", "ថ្ងៃពុធ")]
)
def test_admin_javascript_catalogue_serves_weekday_names(rf, language, expected):
    view = JavaScriptCatalog.as_view(packages=["django.contrib.admin"])
    with translation.override(language):
        body = view(rf.get("/jsi18n/")).content.decode()
    assert f'"Wednesday": {json.dumps(expected)},' in body


@pytest.mark.unit
def test_compile_catalogues_compiles_every_locale_folder(tmp_path, settings):
    ours, django_gaps = tmp_path / "locale", tmp_path / "locale_django"
    for source, target in zip(settings.LOCALE_PATHS, (ours, django_gaps), strict=True):
        shutil.copytree(Path(source) / "lo", target / "lo", ignore=shutil.ignore_patterns("*.mo"))
    settings.LOCALE_PATHS = [ours, django_gaps]

    out = io.StringIO()
    call_command("compile_catalogues", stdout=out)

    for folder, msgid, msgstr in [
        (ours, "Speakers", "ຜູ້ບັນລະຍາຍ"),
        (django_gaps, "Wednesday", "ວັນພຸດ"),
    ]:
        with (folder / "lo" / "LC_MESSAGES" / "django.mo").open("rb") as mo_file:
            assert read_mo(mo_file).get(msgid).string == msgstr
    assert out.getvalue() == "compiled 3 catalogues\n"  # django.po in both, djangojs.po
