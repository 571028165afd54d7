"""Countries: which codes are ISO 3166-1 countries, and their names in the reader's language.

Names come from CLDR (Babel), never stored text. CLDR's territory list also holds regions that
are no ISO 3166-1 country (unknown, pseudo-locales, the EU, reserved codes): they are left out.
Choice lists put China and the ten ASEAN countries first, as the forums they serve read them,
then every other country sorted by the reader's collation.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from infoharbor.core.collation import sort_key
from infoharbor.core.formatting import babel_locale

# China, then the ASEAN members in their English alphabetical order.
CHINA_AND_ASEAN = ("CN", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")
# The language each of them writes its own organizations' names in (Singapore: English, its
# language of government; Brunei: Malay).
OWN_LANGUAGES = {
    "CN": "zh-hans",
    "BN": "ms",
    "KH": "km",
    "ID": "id",
    "LA": "lo",
    "MY": "ms",
    "MM": "my",
    "PH": "fil",
    "SG": "en",
    "TH": "th",
    "VN": "vi",
}
# Unknown, pseudo and supranational regions, and CLDR's exceptionally reserved codes (Ascension,
# Clipperton, Sark, Diego Garcia, Ceuta and Melilla, Canary Islands, Tristan da Cunha, Kosovo).
_NOT_COUNTRIES = {"ZZ", "QO", "XA", "XB", "EU", "EZ", "UN"} | {
    "AC",
    "CP",
    "CQ",
    "DG",
    "EA",
    "IC",
    "TA",
    "XK",
}


@cache
def iso_countries() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 country code CLDR names."""
    codes = Locale("en").territories.keys()
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES)


def is_country(code: str) -> bool:
    return code in iso_countries()


def country_name(code: str, language: str) -> str:
    """The country's name in `language` ("柬埔寨", "កម្ពុជា"); the code where CLDR has none."""
    return str(babel_locale(language).territories.get(code, code))


@cache
def country_choices(language: str) -> tuple[tuple[str, str], ...]:
    """(code, name) for every country: China and ASEAN first, then the rest in collation order."""
    first = [(code, country_name(code, language)) for code in CHINA_AND_ASEAN]
    key = sort_key(language)
    rest = sorted(
        ((c, country_name(c, language)) for c in iso_countries() - set(CHINA_AND_ASEAN)),
        key=lambda item: key(item[1]),
    )
    return (*first, *rest)
