"""Word breaks: ICU word boundaries (for search's whole-word ranking), and marks at them in Thai,
Lao, Khmer and Burmese text for print.

These scripts write words without spaces, and PDF renderers (WeasyPrint) do not find the places
where a long name may wrap. `mark_word_breaks` puts a ZERO WIDTH SPACE (U+200B) at each ICU word
boundary between two letters of those scripts, so badges and reports can wrap there; it never
splits a grapheme cluster (a consonant with its vowel signs and tone marks stays whole).
"""

from __future__ import annotations

import re

import icu

ZWSP = "\u200b"

# Thai, Lao, Myanmar (with its extensions) and Khmer (with Khmer symbols).
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\ua9e0-\ua9ff\uaa60-\uaa7f]"
)


def _boundaries(iterator: icu.BreakIterator, text: str) -> set[int]:
    """Boundaries as Python string indexes (ICU counts UTF-16 code units)."""
    iterator.setText(text)
    utf16_to_index: dict[int, int] = {}
    offset = 0
    for index, char in enumerate(text):
        utf16_to_index[offset] = index
        offset += 2 if ord(char) > 0xFFFF else 1
    utf16_to_index[offset] = len(text)
    return {utf16_to_index[b] for b in iterator}


def word_boundaries(text: str) -> set[int]:
    """Where ICU's word breaker puts word boundaries in `text` (dictionaries for Thai, Lao,
    Khmer, Burmese and Chinese), as string indexes; 0 and len(text) included."""
    return {0} | _boundaries(icu.BreakIterator.createWordInstance(icu.Locale.getRoot()), text)


def mark_word_breaks(text: str) -> str:
    """`text` with U+200B at every word boundary inside a run of Thai, Lao, Khmer or Burmese."""
    if not _UNSPACED.search(text):
        return text
    words = word_boundaries(text)
    clusters = _boundaries(icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot()), text)
    out = []
    for index, char in enumerate(text):
        if (
            index in words
            and index in clusters
            and index > 0
            and _UNSPACED.match(text[index - 1])
            and _UNSPACED.match(char)
        ):
            out.append(ZWSP)
        out.append(char)
    return "".join(out)


# ICU script codes of names that need a `lang` attribute: it picks the CJK font's regional forms
# and tells the line breaker which dictionary to use.
_SCRIPT_LANGUAGE = {
    "Thai": "th",
    "Khmr": "km",
    "Laoo": "lo",
    "Mymr": "my",
    "Hani": "zh-Hans",
    "Hira": "ja",
    "Kana": "ja",
    "Hang": "ko",
}


def script_language(text: str) -> str:
    """A BCP 47 language for the first letter's script ("" for Latin and the rest)."""
    for char in text:
        if char.isalpha():
            script = icu.Script.getScript(ord(char)).getShortName()
            return _SCRIPT_LANGUAGE.get(script, "")
    return ""
