"""Numbers, money and dates as each of the forum's languages writes them.

Numbers and money come from CLDR through Babel; dates from ICU, which also knows the Buddhist era
that Thai readers may prefer (พ.ศ. 2561 is 2018). Every function
takes a Django language code (`zh-hans`, `th`, `fil` …); datetimes are shown in the forum's time
zone, dates as they are.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import icu
from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_currency, format_decimal
from django.utils.dateformat import time_format
from django.utils.translation import gettext, gettext_noop, to_locale

BUDDHIST = "buddhist"
GREGORIAN = "gregorian"
ERAS = (BUDDHIST, GREGORIAN)
# The query parameter and cookie by which a reader chooses the era.
ERA_PARAMETER = "era"

# Languages that write a sum with a word for the currency after the number ("2 หมื่นล้าน
# หยวน", "200亿元", "20 tỷ nhân dân tệ"), as their press does; CLDR has only the formal names
# ("หยวนจีน", "人民币"). Other languages put the ISO code where CLDR puts the currency sign
# ("CNY 20 billion").
CURRENCY_WORDS = {
    "th": {"CNY": "หยวน", "THB": "บาท", "USD": "ดอลลาร์สหรัฐ"},
    "zh-hans": {"CNY": "元", "USD": "美元", "THB": "泰铢"},
    "vi": {"CNY": "nhân dân tệ", "USD": "đô la Mỹ", "THB": "baht"},
}
# Scripts that put no space between words: the currency word follows the number directly.
UNSPACED_LANGUAGES = {"th", "zh-hans", "km", "lo", "my"}

# Every language writes its figures in Latin digits (CLDR's default for Thai, Khmer and Lao, and
# what Django's forms read back), on pages, in scripts and in press releases alike: Burmese
# readers use them too in official documents, where CLDR would give Myanmar digits (၂၀၁၈).
NUMBERING_SYSTEM = "latn"

_DATE_STYLES = {
    "full": icu.DateFormat.kFull,
    "long": icu.DateFormat.kLong,
    "medium": icu.DateFormat.kMedium,
    "short": icu.DateFormat.kShort,
}


def babel_locale(language: str) -> Locale:
    """Babel's locale for a Django language code; English for a code CLDR does not know."""
    try:
        return Locale.parse(to_locale(language))
    except (ValueError, UnknownLocaleError):
        return Locale("en")


def language_name(code: str, language: str) -> str:
    """The name of the language `code` in the reader's `language` (CLDR): "ภาษาลาว" for "lo"."""
    name = babel_locale(code).get_display_name(babel_locale(language))
    return name or code


LABEL_ENDS = gettext_noop(":?.!")
"""The marks after which a label takes no suffix. Django's forms look them up under this msgid
too, and its own Chinese catalogue keeps the four ASCII ones, so a question ending in "？" got a
"：" after it: our catalogues add each script's marks ("：？。！" in Chinese, "៖។" in Khmer)."""


def label_suffix(*, value_follows: bool = False) -> str:
    """What ends a label in the page's language: "：" in Chinese, "៖" in Khmer, ":" elsewhere;
    with `value_follows`, the space a value after it needs (none after a full-width colon,
    which carries its own: "状态：已确认", "Status: confirmed").

    Our catalogues' ":" is the one place this is set: Django's forms end their labels with the
    same msgid, and our catalogues come before Django's (which gives Chinese an ASCII colon).
    """
    suffix = gettext(":")
    if value_follows and unicodedata.east_asian_width(suffix[-1]) not in "FW":
        return suffix + " "
    return suffix


def labelled(label: str, value: str) -> str:
    """A label and its value as one phrase: "状态：已确认", "Status: confirmed", and no suffix
    after a label that ends in a mark of its own ("需要签证邀请函吗？是", "Need a visa? yes")."""
    ending = label[-1:]
    if ending and ending in gettext(LABEL_ENDS):
        space = "" if unicodedata.east_asian_width(ending) in "FW" else " "
        return f"{label}{space}{value}"
    return f"{label}{label_suffix(value_follows=True)}{value}"


def local_list(items: list[str], language: str) -> str:
    """Items joined as the language joins them: "南宁、桂林和北海", "Guilin, and Beihai"."""
    return format_list(items, locale=babel_locale(language)) if items else ""


def local_number(value: Decimal | int, language: str) -> str:
    """A number as the language writes it: "2,793" in Thai and Chinese, "2.793" in Lao."""
    return format_decimal(value, locale=babel_locale(language))


def compact_number(value: Decimal | int, language: str) -> str:
    """A big number in words: "20 billion", "2 หมื่นล้าน", "200亿".

    CLDR lacks the long compact form in some locales (Chinese): the short one is used there.
    """
    locale = babel_locale(language)
    try:
        return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=2)
    except KeyError:
        return format_compact_decimal(value, format_type="short", locale=locale, fraction_digits=2)


def compact_money(amount: Decimal | int, currency: str, language: str) -> str:
    """A sum for headlines and summaries: "CNY 20 billion", "2 หมื่นล้านหยวน", "200亿元"."""
    number = compact_number(amount, language)
    word = CURRENCY_WORDS.get(language, {}).get(currency)
    if word:
        return f"{number}{'' if language in UNSPACED_LANGUAGES else ' '}{word}"
    pattern = babel_locale(language).currency_formats["standard"].pattern
    if pattern.lstrip().startswith("¤"):
        return f"{currency} {number}"
    return f"{number} {currency}"


def exact_money(amount: Decimal | int, currency: str, language: str) -> str:
    """A sum to the last unit, for tables: "CN¥20,000,000,000.00", "20.000.000.000,00 CN¥"."""
    return format_currency(amount, currency, locale=babel_locale(language))


def icu_locale(language: str, era: str = GREGORIAN) -> icu.Locale:
    """The ICU locale for `language`; Thai with `era="buddhist"` counts years from the Buddha."""
    calendar = BUDDHIST if language == "th" and era == BUDDHIST else GREGORIAN
    return icu.Locale(f"{to_locale(language)}@calendar={calendar};numbers={NUMBERING_SYSTEM}")


def local_date(
    value: dt.date | dt.datetime,
    language: str,
    *,
    timezone: str = "UTC",
    era: str = GREGORIAN,
    style: str = "full",
) -> str:
    """A date in words ("Tuesday, September 11, 2018"; "วันอังคารที่ 11 กันยายน พ.ศ. 2561").

    A datetime is first converted to `timezone` (the forum's); a date is shown as it is.
    """
    day = value.astimezone(ZoneInfo(timezone)).date() if isinstance(value, dt.datetime) else value
    formatter = icu.DateFormat.createDateInstance(_DATE_STYLES[style], icu_locale(language, era))
    # Noon UTC of that day is the same calendar day everywhere the formatter's zone is UTC.
    formatter.setTimeZone(icu.TimeZone.getGMT())
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    return str(formatter.format(noon.timestamp()))


def local_date_range(start: dt.date, end: dt.date, language: str, *, era: str = GREGORIAN) -> str:
    """Two days as the language writes a range (ICU interval formats): "2018年9月11日至18日",
    "11–18 กันยายน 2561", "September 11 – 18, 2018"."""
    formatter = icu.DateIntervalFormat.createInstance("yMMMMd", icu_locale(language, era))
    # The days are built in the Gregorian calendar (a Buddhist one would read 2018 as its own
    # year), at noon in ICU's default zone, the one the formatter shows them in.
    calendar = icu.Calendar.createInstance(icu_locale(language, GREGORIAN))
    moments = []
    for day in (start, end):
        calendar.clear()
        calendar.set(day.year, day.month - 1, day.day, 12, 0, 0)
        moments.append(float(calendar.getTime()))
    return str(formatter.format(icu.DateInterval(*moments)))


def local_span(
    start: dt.datetime, end: dt.datetime, language: str, *, timezone: str, era: str = GREGORIAN
) -> str:
    """When something runs, in the forum's `timezone`: "Wednesday, September 12, 2018, 09:00–18:00",
    and with the last day too when it ends on a later one (an exhibition of four days):
    "Wednesday, September 12, 2018, 09:00 – Saturday, September 15, 2018, 18:00"."""

    def day_and_time(moment: dt.datetime) -> str:
        day = local_date(moment, language, timezone=timezone, era=era)
        return f"{day}, {local_time(moment, timezone)}"

    zone = ZoneInfo(timezone)
    if end.astimezone(zone).date() == start.astimezone(zone).date():
        return f"{day_and_time(start)}–{local_time(end, timezone)}"
    return f"{day_and_time(start)} – {day_and_time(end)}"


def local_time(moment: dt.datetime, timezone: str) -> str:
    """The time of day in the forum's `timezone`, as every page writes it (24-hour "09:05", the
    template filter `time:"H:i"`): for what a script shows, which would else write the browser's
    own form ("9:05 AM" in a Khmer page)."""
    return time_format(moment.astimezone(ZoneInfo(timezone)), "H:i")


def era_name(language: str, era: str) -> str:
    """The era's own abbreviation in `language` ("พ.ศ.", "ค.ศ."), as ICU writes it in dates."""
    formatter = icu.SimpleDateFormat("G", icu_locale(language, era))
    return str(formatter.format(dt.datetime(2018, 9, 11, tzinfo=dt.UTC).timestamp()))


def choose_era(requested: str | None, forum_prefers_buddhist: bool) -> str:
    """The reader's choice when valid, else the forum's."""
    if requested in ERAS:
        return requested
    return BUDDHIST if forum_prefers_buddhist else GREGORIAN


def reader_era(request: Any, forum: Any) -> str:
    """The era the reader chose (`?era=` or the `era` cookie), else the forum's choice."""
    requested = None
    if request is not None:
        requested = request.GET.get(ERA_PARAMETER) or request.COOKIES.get(ERA_PARAMETER)
    return choose_era(requested, bool(getattr(forum, "buddhist_era", False)))
