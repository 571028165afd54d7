"""The forum's languages: codes, names in their own script, and the language info Django lacks."""

from django.conf import settings
from django.conf.locale import LANG_INFO

# Django 5.2 ships no Lao or Filipino; get_language_info() needs an entry for every UI language.
EXTRA_LANG_INFO = {
    "lo": {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"},
    "fil": {"bidi": False, "code": "fil", "name": "Filipino", "name_local": "Filipino"},
}

# Django names Khmer "Khmer" in its own script's place; the language switcher shows name_local.
LOCAL_NAME_FIXES = {"km": "ខ្មែរ"}

# Content languages a forum may choose; the same codes as the UI languages.
NAME_LOCAL = {
    "zh-hans": "简体中文",
    "en": "English",
    "th": "ไทย",
    "vi": "Tiếng Việt",
    "id": "Bahasa Indonesia",
    "ms": "Bahasa Melayu",
    "km": "ខ្មែរ",
    "lo": "ລາວ",
    "my": "မြန်မာ",
    "fil": "Filipino",
}


def register_language_info() -> None:
    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)
    for code, name_local in LOCAL_NAME_FIXES.items():
        LANG_INFO[code] = {**LANG_INFO[code], "name_local": name_local}


def ui_language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def content_language_choices() -> list[tuple[str, str]]:
    return [(code, NAME_LOCAL[code]) for code, _name in settings.ALL_LANGUAGES]
