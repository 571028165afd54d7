import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from infoharbor.core import formatting
from tests.factories import make_city, make_forum, text

pytestmark = pytest.mark.integration

LANGUAGES = ["zh-hans", "en", "th", "vi", "id", "ms", "km", "lo", "my", "fil"]


@pytest.mark.unit
def test_compact_money_in_every_language():
    got = {lang: formatting.compact_money(20_000_000_000, "CNY", lang) for lang in LANGUAGES}
    assert got == {
        "zh-hans": "200亿元",
        "en": "CNY 20 billion",
        "th": "2 หมื่นล้านหยวน",
        "vi": "20 tỷ nhân dân tệ",
        "id": "CNY 20 miliar",
        "ms": "CNY 20 bilion",
        "km": "20 ប៊ីលាន CNY",
        "lo": "CNY 20 ຕື້",
        "my": "2000 ကုဋေ CNY",
        "fil": "CNY 20 bilyon",
    }


@pytest.mark.unit
def test_compact_money_thai_baht_uses_the_thai_word():
    assert formatting.compact_money(Decimal("3500000000"), "THB", "th") == "3.5 พันล้านบาท"


@pytest.mark.unit
def test_exact_money_in_every_language():
    got = {lang: formatting.exact_money(Decimal("20000000000"), "CNY", lang) for lang in LANGUAGES}
    assert got == {
        "zh-hans": "¥20,000,000,000.00",
        "en": "CN¥20,000,000,000.00",
        "th": "CN¥20,000,000,000.00",
        "vi": "20.000.000.000,00\xa0CN¥",
        "id": "CN¥20.000.000.000,00",
        "ms": "CN¥20,000,000,000.00",
        "km": "20,000,000,000.00CN¥",
        "lo": "CN¥20.000.000.000,00",
        "my": "20,000,000,000.00\xa0CN¥",
        "fil": "CN¥20,000,000,000.00",
    }


@pytest.mark.unit
def test_compact_number_in_every_language():
    got = {lang: formatting.compact_number(Decimal("2350000"), lang) for lang in LANGUAGES}
    assert got == {
        "zh-hans": "235万",
        "en": "2.35 million",
        "th": "2.35 ล้าน",
        "vi": "2,35 triệu",
        "id": "2,35 juta",
        "ms": "2.35 juta",
        "km": "2.35 លាន",
        "lo": "2,35 ລ້ານ",
        "my": "2.35 သန်း",
        "fil": "2.35 milyon",
    }


@pytest.mark.unit
def test_compact_number_chinese_falls_back_to_the_short_form():
    # CLDR has no long compact form for Chinese: Babel raises KeyError for it.
    assert formatting.compact_number(20_000_000_000, "zh-hans") == "200亿"


@pytest.mark.unit
def test_local_date_in_every_language():
    got = {lang: formatting.local_date(dt.date(2018, 9, 11), lang) for lang in LANGUAGES}
    assert got == {
        "zh-hans": "2018年9月11日星期二",
        "en": "Tuesday, September 11, 2018",
        "th": "วันอังคารที่ 11 กันยายน ค.ศ. 2018",
        "vi": "Thứ Ba, 11 tháng 9, 2018",
        "id": "Selasa, 11 September 2018",
        "ms": "Selasa, 11 September 2018",
        "km": "អង្គារ 11 កញ្ញា 2018",
        "lo": "ວັນອັງຄານ ທີ 11 ກັນຍາ ຄ.ສ. 2018",
        "my": "2018၊ စက်တင်ဘာ 11၊ အင်္ဂါ",
        "fil": "Martes, Setyembre 11, 2018",
    }


@pytest.mark.unit
def test_local_date_thai_buddhist_era():
    day = dt.date(2018, 9, 11)
    assert formatting.local_date(day, "th", era="buddhist") == "วันอังคารที่ 11 กันยายน พ.ศ. 2561"
    assert formatting.local_date(day, "th", era="buddhist", style="medium") == "11 ก.ย. 2561"


@pytest.mark.unit
def test_local_date_buddhist_era_only_for_thai():
    assert formatting.local_date(dt.date(2018, 9, 11), "en", era="buddhist") == (
        "Tuesday, September 11, 2018"
    )


@pytest.mark.unit
def test_local_date_datetime_shown_in_the_forum_time_zone():
    # 17:30 UTC on the 11th is 01:30 on the 12th in Nanning.
    moment = dt.datetime(2018, 9, 11, 17, 30, tzinfo=dt.UTC)
    assert formatting.local_date(moment, "en", timezone="Asia/Shanghai") == (
        "Wednesday, September 12, 2018"
    )
    assert formatting.local_date(moment, "en", timezone="UTC") == "Tuesday, September 11, 2018"


@pytest.mark.unit
def test_local_span_names_the_last_day_only_when_it_is_another():
    start = dt.datetime(2018, 9, 12, 1, 0, tzinfo=dt.UTC)  # 09:00 in Nanning
    same_day, four_days = (
        dt.datetime(2018, 9, 12, 10, 0, tzinfo=dt.UTC),
        dt.datetime(2018, 9, 15, 10, 0, tzinfo=dt.UTC),
    )
    shanghai = {"timezone": "Asia/Shanghai"}
    assert formatting.local_span(start, same_day, "en", **shanghai) == (
        "Wednesday, September 12, 2018, 09:00–18:00"
    )
    assert formatting.local_span(start, four_days, "en", **shanghai) == (
        "Wednesday, September 12, 2018, 09:00 – Saturday, September 15, 2018, 18:00"
    )
    assert formatting.local_span(start, four_days, "zh-hans", **shanghai) == (
        "2018年9月12日星期三, 09:00 – 2018年9月15日星期六, 18:00"
    )
    assert formatting.local_span(start, four_days, "th", era="buddhist", **shanghai) == (
        "วันพุธที่ 12 กันยายน พ.ศ. 2561, 09:00 – วันเสาร์ที่ 15 กันยายน พ.ศ. 2561, 18:00"
    )
    # The day is the forum's: 01:00 the next morning in Nanning is still the 12th in UTC.
    late = dt.datetime(2018, 9, 12, 17, 0, tzinfo=dt.UTC)
    assert formatting.local_span(start, late, "en", **shanghai) == (
        "Wednesday, September 12, 2018, 09:00 – Thursday, September 13, 2018, 01:00"
    )
    assert formatting.local_span(start, late, "en", timezone="UTC") == (
        "Wednesday, September 12, 2018, 01:00–17:00"
    )


@pytest.mark.unit
def test_choose_era_reader_overrides_forum():
    assert formatting.choose_era("gregorian", True) == "gregorian"
    assert formatting.choose_era("buddhist", False) == "buddhist"
    assert formatting.choose_era("julian", True) == "buddhist"
    assert formatting.choose_era(None, False) == "gregorian"


@pytest.mark.django_db
def test_local_date_tag_follows_forum_then_reader_choice():
    moment = dt.datetime(2018, 9, 11, 2, 0, tzinfo=dt.UTC)
    buddhist_forum = make_forum(buddhist_era=True)
    plain_forum = make_forum()
    tag = "{% local_date moment %}"
    with translation.override("th"):
        got = [
            Template("{% load infoharbor %}" + tag).render(
                Context({"forum": forum, "request": RequestFactory().get(query), "moment": moment})
            )
            for forum, query in [
                (buddhist_forum, "/"),
                (buddhist_forum, "/?era=gregorian"),
                (plain_forum, "/"),
                (plain_forum, "/?era=buddhist"),
            ]
        ]
    assert got == [
        "วันอังคารที่ 11 กันยายน พ.ศ. 2561",
        "วันอังคารที่ 11 กันยายน ค.ศ. 2018",
        "วันอังคารที่ 11 กันยายน ค.ศ. 2018",
        "วันอังคารที่ 11 กันยายน พ.ศ. 2561",
    ]


@pytest.mark.django_db
def test_local_date_tag_reads_the_era_cookie():
    request = RequestFactory().get("/")
    request.COOKIES["era"] = "buddhist"
    with translation.override("th"):
        rendered = Template("{% load infoharbor %}{% local_date day 'medium' %}").render(
            Context({"forum": make_forum(), "request": request, "day": dt.date(2018, 9, 11)})
        )
    assert rendered == "11 ก.ย. 2561"


@pytest.mark.unit
def test_money_filters_use_the_active_language():
    template = Template(
        "{% load infoharbor %}{{ amount|compact_money:'CNY' }} | {{ amount|exact_money:'CNY' }}"
        " | {{ amount|compact_number }}"
    )
    with translation.override("th"):
        rendered = template.render(Context({"amount": 20_000_000_000}))
    assert rendered == "2 หมื่นล้านหยวน | CN¥20,000,000,000.00 | 2 หมื่นล้าน"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "1,740 | "),
        ("th", "1,740 | "),
        ("lo", "1.740 | "),
        ("km", "1,740 | "),
        ("vi", "1.740 | "),
    ],
)
def test_number_filter_groups_digits_as_the_language_does(language, expected):
    template = Template("{% load infoharbor %}{{ count|number }} | {{ none|number }}")
    with translation.override(language):
        assert template.render(Context({"count": 1740, "none": None})) == expected


@pytest.mark.unit
def test_era_name_in_thai():
    assert formatting.era_name("th", "buddhist") == "พ.ศ."
    assert formatting.era_name("th", "gregorian") == "ค.ศ."


@pytest.mark.unit
def test_language_names_in_the_readers_language_and_list():
    template = Template("{% load infoharbor %}{{ codes|language_names }}")
    codes = {"codes": ["zh-hans", "en", "th"]}
    with translation.override("th"):
        assert template.render(Context(codes)) == "จีน (ตัวย่อ) อังกฤษ และไทย"
    with translation.override("zh-hans"):
        assert template.render(Context(codes)) == "中文 (简体)、英语和泰语"
        assert formatting.language_name("lo", "zh-hans") == "老挝语"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("language", "era", "expected"),
    [
        ("zh-hans", "gregorian", "2018年9月11日至18日"),
        ("th", "buddhist", "11–18 กันยายน 2561"),
        ("th", "gregorian", "11–18 กันยายน 2018"),
        ("en", "gregorian", "September 11\u2009–\u200918, 2018"),
        ("km", "gregorian", "11 – 18 កញ្ញា 2018"),
    ],
)
def test_date_ranges_in_the_languages_interval_form(language, era, expected):
    start, end = dt.date(2018, 9, 11), dt.date(2018, 9, 18)
    assert formatting.local_date_range(start, end, language, era=era) == expected


@pytest.mark.unit
def test_date_range_across_months():
    start, end = dt.date(2018, 8, 31), dt.date(2018, 9, 2)
    assert formatting.local_date_range(start, end, "zh-hans") == "2018年8月31日至9月2日"


@pytest.mark.django_db
def test_forum_page_gives_its_dates_as_a_range_and_its_cities_as_a_list(client):
    forum = make_forum(buddhist_era=True)
    forum.cities.add(
        make_city("Nanning", zh_hans="南宁", th="หนานหนิง"),
        make_city("Guilin", zh_hans="桂林", th="กุ้ยหลิน"),
    )
    zh = client.get(f"/zh-hans/forums/{forum.slug}/").content.decode()
    assert '<p class="lead">2018年9月11日至18日 · ' in zh
    assert "南宁和桂林" in zh or "桂林和南宁" in zh
    th = client.get(f"/th/forums/{forum.slug}/").content.decode()
    assert '<p class="lead">11–18 กันยายน 2561 · ' in th


LABEL_SUFFIXES = {
    "zh-hans": "：",
    "en": ":",
    "th": ":",
    "vi": ":",
    "id": ":",
    "ms": ":",
    "km": "៖",
    "lo": ":",
    "my": ":",
    "fil": ":",
}


@pytest.mark.unit
@pytest.mark.parametrize("language", LANGUAGES)
def test_form_labels_and_page_labels_end_as_the_language_ends_a_label(language):
    class Form(forms.Form):
        name = forms.CharField(label="Name")

    with translation.override(language):
        label = Form()["name"].label_tag()
        on_page = Template("{% load infoharbor %}Name{% label_suffix %}x").render(Context())
    suffix = LABEL_SUFFIXES[language]
    assert label == f'<label for="id_name">Name{suffix}</label>'
    # A full-width colon carries its own space.
    assert on_page == (f"Name{suffix}x" if suffix == "：" else f"Name{suffix} x")


QUESTIONS = {
    "zh-hans": "需要签证邀请函吗？",
    "en": "Do you need a visa letter?",
    "th": "ต้องการหนังสือเชิญเพื่อขอวีซ่าหรือไม่?",
    "km": "តើអ្នកត្រូវការលិខិតអញ្ជើញ។",
    "my": "ဗီဇာဖိတ်စာ လိုအပ်ပါသလား။",
}


@pytest.mark.unit
@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_a_label_ending_in_its_scripts_own_mark_takes_no_suffix(language):
    question = QUESTIONS[language]

    class Form(forms.Form):
        visa = forms.CharField(label=question)

    with translation.override(language):
        label = Form()["visa"].label_tag()
        joined = formatting.labelled(question, "x")

    assert label == f'<label for="id_visa">{question}</label>'
    # A full-width mark carries its own space; any other mark needs one before the value.
    assert joined == (f"{question}x" if language == "zh-hans" else f"{question} x")


@pytest.mark.unit
def test_labelled_joins_a_label_and_its_value_as_the_language_does():
    with translation.override("zh-hans"):
        chinese = formatting.labelled("状态", "已确认")
        question = formatting.labelled("需要签证邀请函吗？", "是")
    with translation.override("km"):
        khmer = formatting.labelled("ស្ថានភាព", "បានបញ្ជាក់")
    with translation.override("en"):
        english = formatting.labelled("Need a visa letter?", "yes")

    assert (chinese, question) == ("状态：已确认", "需要签证邀请函吗？是")
    assert (khmer, english) == ("ស្ថានភាព៖ បានបញ្ជាក់", "Need a visa letter? yes")


TEMPLATES = Path(formatting.__file__).resolve().parents[1]
BLOCKTRANSLATE = re.compile(r"\{% blocktranslate.*?\{% endblocktranslate %\}", re.S)
ASCII_LABEL_SUFFIX = re.compile(r"(%\}|\}\}):[ <]")


@pytest.mark.unit
def test_no_template_ends_a_label_with_an_ascii_colon_of_its_own():
    # Text inside blocktranslate is a msgid: its translations write their own punctuation.
    found = [
        f"{path.relative_to(TEMPLATES)}: {match[0]}"
        for path in sorted(TEMPLATES.rglob("templates/**/*.html"))
        for match in ASCII_LABEL_SUFFIX.finditer(BLOCKTRANSLATE.sub("", path.read_text()))
    ]
    assert found == []


@pytest.mark.django_db
def test_forum_page_labels_its_organisers_with_the_full_width_colon_in_chinese(client):
    forum = make_forum(organisers=text("Guangxi", zh_hans="广西壮族自治区人民政府"))
    zh = client.get(f"/zh-hans/forums/{forum.slug}/").content.decode()
    assert "<strong>主办方：</strong>广西壮族自治区人民政府" in zh


@pytest.mark.django_db
def test_the_staff_sign_in_page_says_infoharbor_not_django(client):
    html = client.get("/km/admin/login/").content.decode()
    assert ">InfoHarbor<" in html
    assert "Django" not in html.split("<body", 1)[1]
