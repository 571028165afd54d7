"""The outcome press release, written from the figures as a person writes it in each language.

Each forum language has its own writer: its sentences, its word order, its classifiers and
plurals ("9 sub-forums", "9 个分论坛", "เวทีย่อยอีก 9 เวที"), and how it writes figures — numbers
and money through core/formatting.py ("more than CNY 20 billion", "超过200亿元",
"กว่า 2 หมื่นล้านหยวน"), dates and spans of days through ICU (Thai in the Buddhist era when
chosen), lists with the language's own separators.

A writer produces text in which each figure is a token, `{{key}}`: that is what editors edit,
and `render` turns it into text and links with the figures as they stand (or as they stood when
a release was published). A sentence whose figures are absent is not written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

import icu
from babel.numbers import format_decimal, get_currency_name
from django.utils import translation
from django.utils.translation import gettext as _

from infoharbor.core import formatting
from infoharbor.core.figures import ATTENDANCE, COUNT, DATE, DATE_RANGE, MONEY, NAMES, Figure, Rate
from infoharbor.projects.conversion import explained_sources

TOKEN = re.compile(r"\{\{([A-Za-z0-9_.\-]+)\}\}")

Figures = dict[str, Figure]


def token(key: str) -> str:
    return "{{" + key + "}}"


def press_round(value: int | Decimal) -> tuple[Decimal, bool]:
    """`value` rounded down as a press office rounds it, and whether that dropped anything.

    Down to its leading digit ("more than 2,000" for 2,064; "more than CNY 20 billion" for
    21.3 billion), or to two digits when the leading one is 1 ("more than 110" for 115); numbers
    under 100 are given exactly (35 stays 35).
    """
    number = Decimal(value)
    if number < 100:
        return number, False
    kept = 2 if str(number)[0] == "1" else 1
    step = Decimal(1).scaleb(number.adjusted() - kept + 1)
    rounded = (number / step).to_integral_value(rounding=ROUND_FLOOR) * step
    return rounded, rounded != number


def ceremonies(figures: Figures) -> list[str]:
    """The keys' prefixes of the signing ceremonies, in the order the figures give them."""
    return [
        k.removesuffix(".count")
        for k in figures
        if k.startswith("signing.") and k.endswith(".count")
    ]


@dataclass
class Writer:
    """How one language writes a press release; subclasses write the sentences."""

    language: str
    era: str = formatting.GREGORIAN
    # What goes between two sentences of a paragraph (Chinese and Japanese put nothing).
    gap = " "

    # --- figures as the language writes them -------------------------------------------------

    def number(self, value: int | Decimal) -> str:
        return formatting.local_number(value, self.language)

    def more_than(self, text: str) -> str:
        raise NotImplementedError

    def approximate(self, value: int | Decimal, write: Callable[[Decimal], str]) -> str:
        rounded, more = press_round(value)
        text = write(rounded)
        return self.more_than(text) if more else text

    def money(self, amount: Decimal, currency: str) -> str:
        return formatting.compact_money(amount, currency, self.language)

    def _icu_locale(self) -> icu.Locale:
        return formatting.icu_locale(self.language, self.era)

    @staticmethod
    def _moment(day: dt.date) -> float:
        return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).timestamp()

    def date(self, day: dt.date) -> str:
        locale = self._icu_locale()
        pattern = icu.DateTimePatternGenerator.createInstance(locale).getBestPattern("yMMMMd")
        formatter = icu.SimpleDateFormat(pattern, locale)
        formatter.setTimeZone(icu.TimeZone.getGMT())
        return str(formatter.format(self._moment(day)))

    def date_range(self, first: dt.date, last: dt.date) -> str:
        formatter = icu.DateIntervalFormat.createInstance("yMMMMd", self._icu_locale())
        interval = icu.DateInterval(self._moment(first), self._moment(last))
        # ICU formats intervals in the default zone; noon UTC is the same day in any zone near it.
        return str(formatter.format(interval))

    def names(self, names: list[str]) -> str:
        return formatting.local_list(names, self.language)

    def currency_name(self, currency: str) -> str:
        return get_currency_name(currency, locale=formatting.babel_locale(self.language))

    def conversion(self, currency: str) -> str:
        """What the list of rates under a release says: which currency its totals are in."""
        with translation.override(self.language):
            return _(
                "Totals are in %(currency)s; amounts signed in other currencies were converted "
                "at the stored exchange rates of their signing day:"
            ) % {"currency": self.currency_name(currency)}

    def rate(self, rate: Rate, currency: str) -> str:
        """One exchange rate a total was converted with, to four significant digits."""
        shown = rate.rate.quantize(Decimal(1).scaleb(rate.rate.adjusted() - 3))
        number = format_decimal(
            shown, format="#,##0.##########", locale=formatting.babel_locale(self.language)
        )
        with translation.override(self.language):
            return _(
                "1 %(name)s (%(code)s) = %(rate)s %(currency)s, rate of %(date)s, %(source)s"
            ) % {
                "name": self.currency_name(rate.currency),
                "code": rate.currency,
                "rate": number,
                "currency": currency,
                "date": self.date(rate.date),
                "source": explained_sources(rate.source, self.language),
            }

    def value(self, figure: Figure) -> str:
        """The figure as it stands in a sentence of this language."""
        if figure.kind == COUNT:
            return self.number(figure.value)
        if figure.kind == ATTENDANCE:
            return self.approximate(figure.value, self.number)
        if figure.kind == MONEY:
            return self.approximate(figure.value, lambda v: self.money(v, figure.currency))
        if figure.kind == DATE:
            return self.date(figure.value)
        if figure.kind == DATE_RANGE:
            return self.date_range(*figure.value)
        if figure.kind == NAMES:
            return self.names(figure.value)
        return str(figure.value)

    # --- the release --------------------------------------------------------------------------

    def headline(self, f: Figures) -> str:
        raise NotImplementedError

    def paragraphs(self, f: Figures) -> list[str]:
        """The release's paragraphs, each a few sentences with figure tokens."""
        record = self.record(f) if has(f, "editions.record", "participants.attendance") else ""
        opening = self.gap.join(s for s in (self.lead(f), self.attendance(f), record) if s)
        platforms = self.platforms(f)
        signings = [
            self.gap.join(s for s in (self.ceremony(f, c), self.named(f, c)) if s)
            for c in ceremonies(f)
        ]
        closing = self.total(f) if len(ceremonies(f)) != 1 else ""
        meetings = self.meetings(f)
        return [p for p in (opening, platforms, *signings, closing, meetings) if p]

    def lead(self, f: Figures) -> str:
        raise NotImplementedError

    def attendance(self, f: Figures) -> str:
        raise NotImplementedError

    def record(self, f: Figures) -> str:
        """That the attendance is the series' record, against its best earlier edition."""
        raise NotImplementedError

    def platforms(self, f: Figures) -> str:
        raise NotImplementedError

    def ceremony(self, f: Figures, c: str) -> str:
        raise NotImplementedError

    def named(self, f: Figures, c: str) -> str:
        raise NotImplementedError

    def total(self, f: Figures) -> str:
        raise NotImplementedError

    def meetings(self, f: Figures) -> str:
        raise NotImplementedError


def has(f: Figures, *keys: str) -> bool:
    return all(k in f for k in keys)


def count(f: Figures, key: str) -> int:
    return int(f[key].value) if key in f else 0


T = token


class English(Writer):
    def more_than(self, text: str) -> str:
        return f"more than {text}"

    @staticmethod
    def _s(n: int, one: str, many: str) -> str:
        return one if n == 1 else many

    def headline(self, f: Figures) -> str:
        if has(f, "projects.count"):
            n = count(f, "projects.count")
            return (
                f"{T('forum.name')}: {T('projects.count')} cooperation "
                f"{self._s(n, 'project', 'projects')} signed"
            )
        return T("forum.name")

    def lead(self, f: Figures) -> str:
        where = f" in {T('forum.cities')}" if has(f, "forum.cities") else ""
        when = f" from {T('forum.dates')}"
        if has(f, "program.main_forums", "program.sub_forums"):
            subs = count(f, "program.sub_forums")
            return (
                f"The main forum and {T('program.sub_forums')} "
                f"{self._s(subs, 'sub-forum', 'sub-forums')} of the {T('forum.name')} "
                f"were held{where}{when}."
            )
        return f"The {T('forum.name')} was held{where}{when}."

    def attendance(self, f: Figures) -> str:
        if not has(f, "participants.attendance"):
            return ""
        return f"It drew {T('participants.attendance')} guests and participants."

    def record(self, f: Figures) -> str:
        return (
            f"That is a record: the {T('editions.best_name')} drew {T('editions.best_attendance')}."
        )

    def platforms(self, f: Figures) -> str:
        parts = []
        if has(f, "program.dialogues"):
            n = count(f, "program.dialogues")
            parts.append(
                f"{T('program.dialogues')} high-level {self._s(n, 'dialogue was', 'dialogues were')}"
                " held during the forum"
            )
        if has(f, "platforms.count", "platforms.names"):
            n = count(f, "platforms.count")
            established = (
                f"{T('platforms.count')} cooperation {self._s(n, 'platform', 'platforms')} "
                f"between China and ASEAN countries {self._s(n, 'was', 'were')} established, "
                f"in {T('platforms.names')}"
            )
            parts.append(
                f"among them, {established}" if parts else established[0].upper() + established[1:]
            )
        return "; ".join(parts) + "." if parts else ""

    def ceremony(self, f: Figures, c: str) -> str:
        n = count(f, f"{c}.count")
        within = f", part of the {T(c + '.within')}," if has(f, f"{c}.within") else ""
        text = (
            f"At the {T(c + '.title')}{within} held in {T(c + '.city')} on {T(c + '.date')}, "
            f"{T(c + '.count')} {self._s(n, 'project was', 'projects were')} signed"
        )
        if has(f, f"{c}.china_asean"):
            text += f", {T(c + '.china_asean')} of them between China and ASEAN countries"
        if has(f, f"{c}.total"):
            text += f", with a total investment of {T(c + '.total')}"
        return text + "."

    def named(self, f: Figures, c: str) -> str:
        if not has(f, f"{c}.named"):
            return ""
        return f"They include {T(c + '.named')}."

    def total(self, f: Figures) -> str:
        if not has(f, "projects.count"):
            return ""
        n = count(f, "projects.count")
        text = f"In all, {T('projects.count')} {self._s(n, 'project was', 'projects were')} signed at the forum"
        if has(f, "projects.total"):
            text += f", worth {T('projects.total')}"
        return text + "."

    def meetings(self, f: Figures) -> str:
        if not has(f, "meetings.held"):
            return ""
        n = count(f, "meetings.held")
        return f"Participants held {T('meetings.held')} B2B {self._s(n, 'meeting', 'meetings')}."


class Chinese(Writer):
    gap = ""

    def number(self, value: int | Decimal) -> str:
        # 中文新闻稿写“2000多名”“35个”：万以下不加千位分隔符。
        if value < 10000:
            return str(int(value)) if Decimal(value) == int(value) else str(value)
        return super().number(value)

    def more_than(self, text: str) -> str:
        return f"{text}多"

    def approximate(self, value: int | Decimal, write: Callable[[Decimal], str]) -> str:
        rounded, more = press_round(value)
        text = write(rounded)
        if not more:
            return text
        # 金额写“超过200亿元”，人数写“2000多”。
        return f"超过{text}" if not text[-1].isdigit() else self.more_than(text)

    def names(self, names: list[str]) -> str:
        return formatting.local_list(names, self.language)

    def headline(self, f: Figures) -> str:
        if has(f, "projects.count"):
            return f"{T('forum.name')}签约{T('projects.count')}个合作项目"
        return T("forum.name")

    def lead(self, f: Figures) -> str:
        where = f"在{T('forum.cities')}" if has(f, "forum.cities") else ""
        if has(f, "program.main_forums", "program.sub_forums"):
            return (
                f"{T('forum.name')}主论坛和{T('program.sub_forums')}个分论坛于{T('forum.dates')}"
                f"{where}举行。"
            )
        return f"{T('forum.name')}于{T('forum.dates')}{where}举行。"

    def attendance(self, f: Figures) -> str:
        if not has(f, "participants.attendance"):
            return ""
        return f"论坛吸引{T('participants.attendance')}名嘉宾和参会者。"

    def record(self, f: Figures) -> str:
        return (
            f"参会人数创历届新高（{T('editions.best_name')}为{T('editions.best_attendance')}名）。"
        )

    def platforms(self, f: Figures) -> str:
        parts = []
        if has(f, "program.dialogues"):
            parts.append(f"论坛期间举行了{T('program.dialogues')}场高层对话")
        if has(f, "platforms.count", "platforms.names"):
            parts.append(
                f"搭建了中国与东盟国家{T('platforms.names')}等{T('platforms.count')}个合作平台"
            )
        return "，".join(parts) + "。" if parts else ""

    def ceremony(self, f: Figures, c: str) -> str:
        within = f"{T(c + '.within')}期间" if has(f, f"{c}.within") else ""
        text = (
            f"{T(c + '.date')}，{within}在{T(c + '.city')}举行的{T(c + '.title')}上，"
            f"共签约{T(c + '.count')}个项目"
        )
        if has(f, f"{c}.china_asean"):
            text += f"，其中中国—东盟合作项目{T(c + '.china_asean')}个"
        if has(f, f"{c}.total"):
            text += f"，总投资{T(c + '.total')}"
        return text + "。"

    def named(self, f: Figures, c: str) -> str:
        if not has(f, f"{c}.named"):
            return ""
        return f"签约项目包括{T(c + '.named')}等。"

    def total(self, f: Figures) -> str:
        if not has(f, "projects.count"):
            return ""
        text = f"本届论坛共签约{T('projects.count')}个项目"
        if has(f, "projects.total"):
            text += f"，总投资{T('projects.total')}"
        return text + "。"

    def meetings(self, f: Figures) -> str:
        if not has(f, "meetings.held"):
            return ""
        return f"参会者举行了{T('meetings.held')}场企业对接洽谈。"


class Thai(Writer):
    def more_than(self, text: str) -> str:
        return f"มากกว่า {text}"

    def headline(self, f: Figures) -> str:
        if has(f, "projects.count"):
            return f"{T('forum.name')} ลงนามโครงการความร่วมมือ {T('projects.count')} โครงการ"
        return T("forum.name")

    def lead(self, f: Figures) -> str:
        where = f" ซึ่งจัดขึ้นที่เมือง{T('forum.cities')}" if has(f, "forum.cities") else " ซึ่งจัดขึ้น"
        when = f" ระหว่างวันที่ {T('forum.dates')}"
        if has(f, "program.main_forums", "program.sub_forums"):
            return (
                f"เวทีหลักและเวทีย่อยอีก {T('program.sub_forums')} เวทีของ{T('forum.name')}"
                f"{where}{when} ได้เสร็จสิ้นลงแล้ว"
            )
        return f"{T('forum.name')}{where}{when} ได้เสร็จสิ้นลงแล้ว"

    def attendance(self, f: Figures) -> str:
        if not has(f, "participants.attendance"):
            return ""
        return f"โดยมีแขกและผู้เข้าร่วมประชุม {T('participants.attendance')} ราย"

    def record(self, f: Figures) -> str:
        return f"ซึ่งเป็นสถิติสูงสุด โดย{T('editions.best_name')} มีผู้เข้าร่วม {T('editions.best_attendance')} ราย"

    def platforms(self, f: Figures) -> str:
        parts = []
        if has(f, "program.dialogues"):
            parts.append(f"ระหว่างการประชุมมีการเจรจาระดับสูง {T('program.dialogues')} รายการ")
        if has(f, "platforms.count", "platforms.names"):
            parts.append(
                f"มีการจัดตั้งแพลตฟอร์มความร่วมมือระหว่างจีนและอาเซียน {T('platforms.count')} "
                f"แพลตฟอร์ม ในด้าน{T('platforms.names')}"
            )
        return " ".join(parts) if parts else ""

    def ceremony(self, f: Figures, c: str) -> str:
        title = T(c + ".title")
        within = f" ภายใต้{T(c + '.within')}" if has(f, f"{c}.within") else ""
        text = (
            f"ใน{title}{within} ซึ่งจัดขึ้นที่เมือง{T(c + '.city')}เมื่อวันที่ {T(c + '.date')} "
            f"มีการลงนามโครงการ {T(c + '.count')} โครงการ"
        )
        if has(f, f"{c}.china_asean"):
            text += f" ในจำนวนนี้เป็นโครงการความร่วมมือระหว่างจีนและประเทศในอาเซียน {T(c + '.china_asean')} โครงการ"
        if has(f, f"{c}.total"):
            text += f" มูลค่าการลงทุนรวมทั้งสิ้น {T(c + '.total')}"
        return text

    def named(self, f: Figures, c: str) -> str:
        if not has(f, f"{c}.named"):
            return ""
        return f"อาทิ {T(c + '.named')} เป็นต้น"

    def total(self, f: Figures) -> str:
        if not has(f, "projects.count"):
            return ""
        text = f"ตลอดการประชุมมีการลงนามโครงการรวม {T('projects.count')} โครงการ"
        if has(f, "projects.total"):
            text += f" มูลค่ารวม {T('projects.total')}"
        return text

    def meetings(self, f: Figures) -> str:
        if not has(f, "meetings.held"):
            return ""
        return f"ผู้เข้าร่วมได้จัดการประชุมเจรจาธุรกิจแบบ B2B {T('meetings.held')} ครั้ง"


class Vietnamese(Writer):
    def more_than(self, text: str) -> str:
        return f"hơn {text}"

    def headline(self, f: Figures) -> str:
        if has(f, "projects.count"):
            return f"{T('forum.name')}: ký kết {T('projects.count')} dự án hợp tác"
        return T("forum.name")

    def lead(self, f: Figures) -> str:
        where = f" tại {T('forum.cities')}" if has(f, "forum.cities") else ""
        if has(f, "program.main_forums", "program.sub_forums"):
            return (
                f"Diễn đàn chính và {T('program.sub_forums')} diễn đàn phụ của {T('forum.name')} "
                f"đã diễn ra{where} từ {T('forum.dates')}."
            )
        return f"{T('forum.name')} đã diễn ra{where} từ {T('forum.dates')}."

    def attendance(self, f: Figures) -> str:
        if not has(f, "participants.attendance"):
            return ""
        return f"Sự kiện thu hút {T('participants.attendance')} khách mời và đại biểu."

    def record(self, f: Figures) -> str:
        return f"Đây là con số kỷ lục: {T('editions.best_name')} thu hút {T('editions.best_attendance')} người."

    def platforms(self, f: Figures) -> str:
        parts = []
        if has(f, "program.dialogues"):
            parts.append(
                f"Trong thời gian diễn đàn đã diễn ra {T('program.dialogues')} cuộc đối thoại cấp cao"
            )
        if has(f, "platforms.count", "platforms.names"):
            text = (
                f"{T('platforms.count')} nền tảng hợp tác giữa Trung Quốc và ASEAN được thành lập "
                f"trong các lĩnh vực {T('platforms.names')}"
            )
            parts.append(text)
        return "; ".join(parts) + "." if parts else ""

    def ceremony(self, f: Figures, c: str) -> str:
        within = f" trong khuôn khổ {T(c + '.within')}" if has(f, f"{c}.within") else ""
        text = (
            f"Tại {T(c + '.title')}{within}, tổ chức ở {T(c + '.city')} ngày {T(c + '.date')}, "
            f"{T(c + '.count')} dự án đã được ký kết"
        )
        if has(f, f"{c}.china_asean"):
            text += f", trong đó có {T(c + '.china_asean')} dự án hợp tác giữa Trung Quốc và các nước ASEAN"
        if has(f, f"{c}.total"):
            text += f", với tổng vốn đầu tư {T(c + '.total')}"
        return text + "."

    def named(self, f: Figures, c: str) -> str:
        if not has(f, f"{c}.named"):
            return ""
        return f"Trong số đó có {T(c + '.named')}."

    def total(self, f: Figures) -> str:
        if not has(f, "projects.count"):
            return ""
        text = f"Tổng cộng {T('projects.count')} dự án đã được ký kết tại diễn đàn"
        if has(f, "projects.total"):
            text += f", trị giá {T('projects.total')}"
        return text + "."

    def meetings(self, f: Figures) -> str:
        if not has(f, "meetings.held"):
            return ""
        return f"Các đại biểu đã tiến hành {T('meetings.held')} cuộc gặp B2B."


class Indonesian(Writer):
    """Bahasa Indonesia; Malay (below) differs in its words, not its grammar."""

    words = {
        "more": "lebih dari",
        "signed": "Penandatanganan",
        "project": "proyek",
        "held_lead": "Forum utama dan {subs} subforum {name} diselenggarakan{where} pada {dates}.",
        "held_plain": "{name} diselenggarakan{where} pada {dates}.",
        "attendance": "Forum ini dihadiri {n} tamu dan peserta.",
        "record": "Angka ini merupakan rekor: {name} dihadiri {n} orang.",
        "dialogues": "Selama forum berlangsung diadakan {n} dialog tingkat tinggi",
        "platforms": "{n} platform kerja sama antara Tiongkok dan negara-negara ASEAN dibentuk di bidang {names}",
        "ceremony": "Pada {title}{within}, yang diadakan di {city} pada {date}, {n} proyek ditandatangani",
        "within": " dalam rangkaian {within}",
        "china_asean": ", {n} di antaranya proyek kerja sama Tiongkok dan negara-negara ASEAN",
        "total": ", dengan total investasi {total}",
        "named": "Di antaranya {named}.",
        "all": "Secara keseluruhan, {n} proyek ditandatangani di forum ini",
        "worth": " senilai {total}",
        "meetings": "Para peserta mengadakan {n} pertemuan B2B.",
        "headline": "{name}: {n} proyek kerja sama ditandatangani",
    }

    def more_than(self, text: str) -> str:
        return f"{self.words['more']} {text}"

    def w(self, key: str, **values: str) -> str:
        return self.words[key].format(**values)

    def headline(self, f: Figures) -> str:
        if has(f, "projects.count"):
            return self.w("headline", name=T("forum.name"), n=T("projects.count"))
        return T("forum.name")

    def lead(self, f: Figures) -> str:
        where = f" di {T('forum.cities')}" if has(f, "forum.cities") else ""
        values = {"name": T("forum.name"), "where": where, "dates": T("forum.dates")}
        if has(f, "program.main_forums", "program.sub_forums"):
            return self.w("held_lead", subs=T("program.sub_forums"), **values)
        return self.w("held_plain", **values)

    def attendance(self, f: Figures) -> str:
        if not has(f, "participants.attendance"):
            return ""
        return self.w("attendance", n=T("participants.attendance"))

    def record(self, f: Figures) -> str:
        return self.w("record", name=T("editions.best_name"), n=T("editions.best_attendance"))

    def platforms(self, f: Figures) -> str:
        parts = []
        if has(f, "program.dialogues"):
            parts.append(self.w("dialogues", n=T("program.dialogues")))
        if has(f, "platforms.count", "platforms.names"):
            parts.append(self.w("platforms", n=T("platforms.count"), names=T("platforms.names")))
        return "; ".join(parts) + "." if parts else ""

    def ceremony(self, f: Figures, c: str) -> str:
        within = self.w("within", within=T(c + ".within")) if has(f, f"{c}.within") else ""
        text = self.w(
            "ceremony",
            title=T(c + ".title"),
            within=within,
            city=T(c + ".city"),
            date=T(c + ".date"),
            n=T(c + ".count"),
        )
        if has(f, f"{c}.china_asean"):
            text += self.w("china_asean", n=T(c + ".china_asean"))
        if has(f, f"{c}.total"):
            text += self.w("total", total=T(c + ".total"))
        return text + "."

    def named(self, f: Figures, c: str) -> str:
        return self.w("named", named=T(c + ".named")) if has(f, f"{c}.named") else ""

    def total(self, f: Figures) -> str:
        if not has(f, "projects.count"):
            return ""
        text = self.w("all", n=T("projects.count"))
        if has(f, "projects.total"):
            text += self.w("worth", total=T("projects.total"))
        return text + "."

    def meetings(self, f: Figures) -> str:
        return self.w("meetings", n=T("meetings.held")) if has(f, "meetings.held") else ""


class Malay(Indonesian):
    words = {
        **Indonesian.words,
        "more": "lebih",
        "held_lead": "Forum utama dan {subs} subforum {name} telah berlangsung{where} pada {dates}.",
        "held_plain": "{name} telah berlangsung{where} pada {dates}.",
        "attendance": "Forum ini dihadiri {n} tetamu dan peserta.",
        "record": "Ini merupakan rekod: {name} dihadiri {n} orang.",
        "dialogues": "Sepanjang forum, {n} dialog peringkat tinggi telah diadakan",
        "platforms": "{n} platform kerjasama antara China dan negara-negara ASEAN ditubuhkan dalam bidang {names}",
        "ceremony": "Dalam {title}{within} yang diadakan di {city} pada {date}, {n} projek telah ditandatangani",
        "within": " sempena {within}",
        "china_asean": ", {n} daripadanya projek kerjasama China dan negara-negara ASEAN",
        "total": ", dengan jumlah pelaburan {total}",
        "named": "Antaranya ialah {named}.",
        "all": "Secara keseluruhan, {n} projek telah ditandatangani di forum ini",
        "worth": " bernilai {total}",
        "meetings": "Para peserta mengadakan {n} mesyuarat B2B.",
        "headline": "{name}: {n} projek kerjasama ditandatangani",
    }


class Filipino(Indonesian):
    """Filipino links a number to its noun with "na" ("9 na sub-forum")."""

    words = {
        **Indonesian.words,
        "more": "higit",
        "held_lead": "Idinaos{where} ang pangunahing forum at {subs} na sub-forum ng {name} noong {dates}.",
        "held_plain": "Idinaos{where} ang {name} noong {dates}.",
        "attendance": "Dinaluhan ito ng {n} na panauhin at kalahok.",
        "record": "Ito ay isang rekord: ang {name} ay dinaluhan ng {n} katao.",
        "dialogues": "Sa panahon ng forum, idinaos ang {n} na mataas na antas na diyalogo",
        "platforms": "itinatag ang {n} na plataporma ng kooperasyon ng China at ng mga bansang ASEAN sa larangan ng {names}",
        "ceremony": "Sa {title}{within} na idinaos sa {city} noong {date}, {n} na proyekto ang nilagdaan",
        "within": " bilang bahagi ng {within}",
        "china_asean": ", kung saan {n} ang proyekto ng kooperasyon ng China at ng mga bansang ASEAN",
        "total": ", na may kabuuang puhunan na {total}",
        "named": "Kabilang dito ang {named}.",
        "all": "Sa kabuuan, {n} na proyekto ang nilagdaan sa forum",
        "worth": " na nagkakahalaga ng {total}",
        "meetings": "Nagdaos ang mga kalahok ng {n} na B2B na pulong.",
        "headline": "{name}: {n} na proyekto ng kooperasyon ang nilagdaan",
    }

    def platforms(self, f: Figures) -> str:
        text = super().platforms(f)
        return text[0].upper() + text[1:] if text else ""


class Khmer(Writer):
    def more_than(self, text: str) -> str:
        return f"ជាង {text}"

    def headline(self, f: Figures) -> str:
        if has(f, "projects.count"):
            return f"{T('forum.name')}៖ ចុះហត្ថលេខាលើគម្រោងសហប្រតិបត្តិការ {T('projects.count')} គម្រោង"
        return T("forum.name")

    def lead(self, f: Figures) -> str:
        where = f" នៅ{T('forum.cities')}" if has(f, "forum.cities") else ""
        if has(f, "program.main_forums", "program.sub_forums"):
            return (
                f"វេទិកាធំ និងវេទិការង {T('program.sub_forums')} នៃ{T('forum.name')} "
                f"ត្រូវបានរៀបចំឡើង{where} ពី{T('forum.dates')}។"
            )
        return f"{T('forum.name')} ត្រូវបានរៀបចំឡើង{where} ពី{T('forum.dates')}។"

    def attendance(self, f: Figures) -> str:
        if not has(f, "participants.attendance"):
            return ""
        return f"វេទិកានេះមានភ្ញៀវ និងអ្នកចូលរួម {T('participants.attendance')} នាក់។"

    def record(self, f: Figures) -> str:
        return f"នេះជាកំណត់ត្រាថ្មី៖ {T('editions.best_name')} មានអ្នកចូលរួម {T('editions.best_attendance')} នាក់។"

    def platforms(self, f: Figures) -> str:
        parts = []
        if has(f, "program.dialogues"):
            parts.append(f"ក្នុងអំឡុងវេទិកា មានកិច្ចសន្ទនាកម្រិតខ្ពស់ {T('program.dialogues')} លើក")
        if has(f, "platforms.count", "platforms.names"):
            parts.append(
                f"វេទិកាសហប្រតិបត្តិការ {T('platforms.count')} រវាងចិន និងអាស៊ាន ត្រូវបានបង្កើតឡើង "
                f"លើវិស័យ{T('platforms.names')}"
            )
        return " ".join(parts) + "។" if parts else ""

    def ceremony(self, f: Figures, c: str) -> str:
        within = f" ក្នុង{T(c + '.within')}" if has(f, f"{c}.within") else ""
        text = (
            f"នៅក្នុង{T(c + '.title')}{within} ដែលបានរៀបចំនៅ{T(c + '.city')} នៅថ្ងៃទី{T(c + '.date')} "
            f"គម្រោងចំនួន {T(c + '.count')} ត្រូវបានចុះហត្ថលេខា"
        )
        if has(f, f"{c}.china_asean"):
            text += f" ក្នុងនោះ {T(c + '.china_asean')} គម្រោងជាកិច្ចសហប្រតិបត្តិការរវាងចិន និងប្រទេសអាស៊ាន"
        if has(f, f"{c}.total"):
            text += f" ដោយមានទុនវិនិយោគសរុប {T(c + '.total')}"
        return text + "។"

    def named(self, f: Figures, c: str) -> str:
        return f"ក្នុងនោះមាន {T(c + '.named')}។" if has(f, f"{c}.named") else ""

    def total(self, f: Figures) -> str:
        if not has(f, "projects.count"):
            return ""
        text = f"សរុបមក គម្រោងចំនួន {T('projects.count')} ត្រូវបានចុះហត្ថលេខានៅវេទិកានេះ"
        if has(f, "projects.total"):
            text += f" មានតម្លៃ {T('projects.total')}"
        return text + "។"

    def meetings(self, f: Figures) -> str:
        if not has(f, "meetings.held"):
            return ""
        return f"អ្នកចូលរួមបានរៀបចំកិច្ចប្រជុំ B2B ចំនួន {T('meetings.held')} លើក។"


class Lao(Writer):
    def more_than(self, text: str) -> str:
        return f"ຫຼາຍກວ່າ {text}"

    def names(self, names: list[str]) -> str:
        # Lao writes the last item after "ແລະ" (CLDR's Lao list has no conjunction).
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} ແລະ {names[-1]}"

    def date_range(self, first: dt.date, last: dt.date) -> str:
        month = icu.SimpleDateFormat("MMMM", self._icu_locale())
        month.setTimeZone(icu.TimeZone.getGMT())
        year = last.year
        if first.month == last.month and first.year == last.year:
            return f"{first.day}–{last.day} {month.format(self._moment(last))} {year}"
        return f"{self.date(first)} – {self.date(last)}"

    def date(self, day: dt.date) -> str:
        month = icu.SimpleDateFormat("MMMM", self._icu_locale())
        month.setTimeZone(icu.TimeZone.getGMT())
        return f"{day.day} {month.format(self._moment(day))} {day.year}"

    def headline(self, f: Figures) -> str:
        if has(f, "projects.count"):
            return f"{T('forum.name')}: ລົງນາມໂຄງການຮ່ວມມື {T('projects.count')} ໂຄງການ"
        return T("forum.name")

    def lead(self, f: Figures) -> str:
        where = f" ທີ່{T('forum.cities')}" if has(f, "forum.cities") else ""
        if has(f, "program.main_forums", "program.sub_forums"):
            return (
                f"ກອງປະຊຸມຫຼັກ ແລະ ກອງປະຊຸມຍ່ອຍ {T('program.sub_forums')} ກອງ ຂອງ{T('forum.name')} "
                f"ໄດ້ຈັດຂຶ້ນ{where} ໃນວັນທີ {T('forum.dates')}."
            )
        return f"{T('forum.name')} ໄດ້ຈັດຂຶ້ນ{where} ໃນວັນທີ {T('forum.dates')}."

    def attendance(self, f: Figures) -> str:
        if not has(f, "participants.attendance"):
            return ""
        return f"ມີແຂກ ແລະ ຜູ້ເຂົ້າຮ່ວມ {T('participants.attendance')} ຄົນ."

    def record(self, f: Figures) -> str:
        return f"ເຊິ່ງເປັນສະຖິຕິສູງສຸດ: {T('editions.best_name')} ມີຜູ້ເຂົ້າຮ່ວມ {T('editions.best_attendance')} ຄົນ."

    def platforms(self, f: Figures) -> str:
        parts = []
        if has(f, "program.dialogues"):
            parts.append(f"ໃນລະຫວ່າງກອງປະຊຸມ ໄດ້ມີການສົນທະນາຂັ້ນສູງ {T('program.dialogues')} ຄັ້ງ")
        if has(f, "platforms.count", "platforms.names"):
            parts.append(
                f"ໄດ້ສ້າງຕັ້ງເວທີການຮ່ວມມືລະຫວ່າງຈີນ ແລະ ອາຊຽນ {T('platforms.count')} ເວທີ "
                f"ໃນດ້ານ{T('platforms.names')}"
            )
        return ", ".join(parts) + "." if parts else ""

    def ceremony(self, f: Figures, c: str) -> str:
        within = f" ໃນ{T(c + '.within')}" if has(f, f"{c}.within") else ""
        text = (
            f"ໃນ{T(c + '.title')}{within} ທີ່ຈັດຂຶ້ນທີ່{T(c + '.city')} ໃນວັນທີ {T(c + '.date')}, "
            f"ໄດ້ລົງນາມ {T(c + '.count')} ໂຄງການ"
        )
        if has(f, f"{c}.china_asean"):
            text += f", ໃນນັ້ນ {T(c + '.china_asean')} ໂຄງການ ແມ່ນການຮ່ວມມືລະຫວ່າງຈີນ ແລະ ປະເທດອາຊຽນ"
        if has(f, f"{c}.total"):
            text += f", ມູນຄ່າການລົງທຶນທັງໝົດ {T(c + '.total')}"
        return text + "."

    def named(self, f: Figures, c: str) -> str:
        return f"ໃນນັ້ນມີ {T(c + '.named')}." if has(f, f"{c}.named") else ""

    def total(self, f: Figures) -> str:
        if not has(f, "projects.count"):
            return ""
        text = f"ລວມທັງໝົດ ໄດ້ລົງນາມ {T('projects.count')} ໂຄງການ ໃນກອງປະຊຸມນີ້"
        if has(f, "projects.total"):
            text += f", ມູນຄ່າ {T('projects.total')}"
        return text + "."

    def meetings(self, f: Figures) -> str:
        if not has(f, "meetings.held"):
            return ""
        return f"ຜູ້ເຂົ້າຮ່ວມໄດ້ຈັດກອງປະຊຸມ B2B {T('meetings.held')} ຄັ້ງ."


class Burmese(Writer):
    """Burmese puts the verb last and the classifier after the number ("စီမံကိန်း ၃၅ ခု")."""

    def more_than(self, text: str) -> str:
        return f"{text} ကျော်"

    def headline(self, f: Figures) -> str:
        if has(f, "projects.count"):
            return f"{T('forum.name')} - ပူးပေါင်းဆောင်ရွက်ရေး စီမံကိန်း {T('projects.count')} ခု လက်မှတ်ရေးထိုး"
        return T("forum.name")

    def lead(self, f: Figures) -> str:
        where = f"{T('forum.cities')}တို့တွင် " if has(f, "forum.cities") else ""
        if has(f, "program.main_forums", "program.sub_forums"):
            return (
                f"{T('forum.name')}၏ ပင်မဖိုရမ်နှင့် လက်အောက်ဖိုရမ် {T('program.sub_forums')} ခုကို "
                f"{T('forum.dates')} ရက်အတွင်း {where}ကျင်းပခဲ့သည်။"
            )
        return f"{T('forum.name')}ကို {T('forum.dates')} ရက်အတွင်း {where}ကျင်းပခဲ့သည်။"

    def attendance(self, f: Figures) -> str:
        if not has(f, "participants.attendance"):
            return ""
        return f"ဧည့်သည်နှင့် တက်ရောက်သူ ဦးရေ {T('participants.attendance')} တက်ရောက်ခဲ့သည်။"

    def record(self, f: Figures) -> str:
        return f"၎င်းမှာ စံချိန်သစ် ဖြစ်ပြီး {T('editions.best_name')}တွင် တက်ရောက်သူ ဦးရေ {T('editions.best_attendance')} ရှိခဲ့သည်။"

    def platforms(self, f: Figures) -> str:
        parts = []
        if has(f, "program.dialogues"):
            parts.append(f"ဖိုရမ်ကာလအတွင်း အဆင့်မြင့် ဆွေးနွေးပွဲ {T('program.dialogues')} ခု ကျင်းပခဲ့ပြီး")
        if has(f, "platforms.count", "platforms.names"):
            parts.append(
                f"{T('platforms.names')} နယ်ပယ်များတွင် တရုတ်-အာဆီယံ ပူးပေါင်းဆောင်ရွက်ရေး "
                f"ပလက်ဖောင်း {T('platforms.count')} ခု ထူထောင်ခဲ့သည်။"
            )
        elif parts:
            parts[-1] = parts[-1].removesuffix("ပြီး") + "သည်။"
        return " ".join(parts)

    def ceremony(self, f: Figures, c: str) -> str:
        within = f"{T(c + '.within')}အတွင်း " if has(f, f"{c}.within") else ""
        text = (
            f"{T(c + '.date')} တွင် {T(c + '.city')}၌ {within}ကျင်းပသော {T(c + '.title')}တွင် "
            f"စီမံကိန်း {T(c + '.count')} ခု လက်မှတ်ရေးထိုးခဲ့ပြီး"
        )
        if has(f, f"{c}.china_asean"):
            text += f" ၎င်းတို့အနက် {T(c + '.china_asean')} ခုမှာ တရုတ်-အာဆီယံ ပူးပေါင်းစီမံကိန်းများ ဖြစ်ကာ"
        if has(f, f"{c}.total"):
            text += f" စုစုပေါင်း ရင်းနှီးမြှုပ်နှံမှု {T(c + '.total')} ရှိသည်။"
        else:
            text = text.removesuffix("ပြီး").removesuffix(" ဖြစ်ကာ") + "သည်။"
        return text

    def named(self, f: Figures, c: str) -> str:
        return f"၎င်းတို့တွင် {T(c + '.named')} တို့ ပါဝင်သည်။" if has(f, f"{c}.named") else ""

    def total(self, f: Figures) -> str:
        if not has(f, "projects.count"):
            return ""
        if has(f, "projects.total"):
            return (
                f"ဖိုရမ်တွင် စုစုပေါင်း စီမံကိန်း {T('projects.count')} ခု၊ တန်ဖိုး "
                f"{T('projects.total')} လက်မှတ်ရေးထိုးခဲ့သည်။"
            )
        return f"ဖိုရမ်တွင် စုစုပေါင်း စီမံကိန်း {T('projects.count')} ခု လက်မှတ်ရေးထိုးခဲ့သည်။"

    def meetings(self, f: Figures) -> str:
        if not has(f, "meetings.held"):
            return ""
        return f"တက်ရောက်သူများသည် B2B တွေ့ဆုံပွဲ {T('meetings.held')} ကြိမ် ကျင်းပခဲ့သည်။"


WRITERS: dict[str, type[Writer]] = {
    "en": English,
    "zh-hans": Chinese,
    "th": Thai,
    "vi": Vietnamese,
    "id": Indonesian,
    "ms": Malay,
    "fil": Filipino,
    "km": Khmer,
    "lo": Lao,
    "my": Burmese,
}


def writer(language: str, era: str = formatting.GREGORIAN) -> Writer:
    return WRITERS.get(language, English)(language, era)


@dataclass(frozen=True)
class Piece:
    """A stretch of rendered text: plain, or a figure's value with the figure behind it."""

    text: str
    figure: Figure | None = None


def render(
    text: str, figures: Figures, language: str, era: str = formatting.GREGORIAN
) -> list[Piece]:
    """`text` with each token replaced by its figure's value; a token whose figure is gone (an
    editor's typo, data removed since) stays as typed, so nothing is invented."""
    w = writer(language, era)
    pieces: list[Piece] = []
    position = 0
    for match in TOKEN.finditer(text):
        if match.start() > position:
            pieces.append(Piece(text[position : match.start()]))
        figure = figures.get(match.group(1))
        pieces.append(Piece(w.value(figure), figure) if figure else Piece(match.group(0)))
        position = match.end()
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces


def plain(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces)


@dataclass(frozen=True)
class Draft:
    """A generated release: its headline and its body (paragraphs apart by a blank line)."""

    headline: str
    body: str


def generate(figures: Figures, language: str, era: str = formatting.GREGORIAN) -> Draft:
    w = writer(language, era)
    return Draft(w.headline(figures), "\n\n".join(w.paragraphs(figures)))
