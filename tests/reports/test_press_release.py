"""The generated press release states every fact of the seed's fact table (shared/seed/
translation-en.md) in Thai, Chinese and English, with each figure traced to its rows."""

import datetime as dt
from decimal import Decimal

import pytest

from infoharbor.core.figures import ATTENDANCE, MONEY, Figure, Trace
from infoharbor.reports import queries, writing

pytestmark = pytest.mark.integration


def release(forum, language, era="gregorian"):
    figures = queries.figures(forum, language)
    draft = writing.generate(figures, language, era)
    headline = writing.plain(writing.render(draft.headline, figures, language, era))
    return headline + "\n" + writing.plain(writing.render(draft.body, figures, language, era))


@pytest.mark.unit
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (35, (Decimal(35), False)),
        (2064, (Decimal(2000), True)),
        (2000, (Decimal(2000), False)),
        (115, (Decimal(110), True)),
        (Decimal("21331833592.33"), (Decimal("2E+10"), True)),
        (Decimal("11718793521"), (Decimal("1.1E+10"), True)),
    ],
)
def test_press_round_keeps_the_leading_digit_or_two_after_a_one(value, expected):
    assert writing.press_round(value) == expected


@pytest.mark.unit
@pytest.mark.parametrize(
    ("language", "attendance", "money"),
    [
        ("en", "more than 2,000", "more than CNY 20 billion"),
        ("zh-hans", "2000多", "超过200亿元"),
        ("th", "มากกว่า 2,000", "มากกว่า 2 หมื่นล้านหยวน"),
        ("vi", "hơn 2.000", "hơn 20 tỷ nhân dân tệ"),
        ("id", "lebih dari 2.000", "lebih dari CNY 20 miliar"),
        ("ms", "lebih 2,000", "lebih CNY 20 bilion"),
        ("fil", "higit 2,000", "higit CNY 20 bilyon"),
        ("km", "ជាង 2,000", "ជាង 20 ប៊ីលាន CNY"),
        ("lo", "ຫຼາຍກວ່າ 2.000", "ຫຼາຍກວ່າ CNY 20 ຕື້"),
        ("my", "2,000 ကျော်", "2000 ကုဋေ CNY ကျော်"),
    ],
)
def test_figures_are_written_as_each_language_writes_them(language, attendance, money):
    w = writing.writer(language)
    trace = Trace("test")
    assert w.value(Figure("a", ATTENDANCE, "", 2064, trace)) == attendance
    assert w.value(Figure("m", MONEY, "", Decimal("21331833592.33"), trace, "CNY")) == money


@pytest.mark.unit
def test_thai_dates_in_the_buddhist_era_when_chosen():
    w = writing.writer("th", "buddhist")
    assert w.date_range(dt.date(2018, 9, 11), dt.date(2018, 9, 18)) == "11–18 กันยายน 2561"
    assert writing.writer("th").date(dt.date(2018, 9, 13)) == "13 กันยายน 2018"


def test_a_token_without_its_figure_stays_as_typed(seed_forum):
    figures = queries.figures(seed_forum, "en")
    pieces = writing.render("{{projects.count}} and {{no.such}}", figures, "en")
    assert writing.plain(pieces) == "94 and {{no.such}}"
    assert pieces[0].figure.trace.url == "/en/forums/caihf-3/projects/"


FACTS = {
    "en": [
        "3rd China-ASEAN Information Harbor Forum",
        "The main forum and 9 sub-forums",
        "in Nanning, Guilin, and Beihai from September 11\u2009–\u200918, 2018",
        "It drew more than 2,000 guests and participants. That is a record",
        "5 cooperation platforms between China and ASEAN countries were established, in Network "
        "infrastructure, Technical cooperation, Economic and trade services, Information sharing, "
        "and People-to-people exchange",
        "At the Guangxi Digital Economy Investment Attraction Cooperation Project Signing Ceremony "
        "held in Nanning on September 13, 2018, 35 projects were signed, 7 of them between China "
        "and ASEAN countries",
        "held in Beihai on September 14, 2018, 59 projects were signed, with a total investment of "
        "more than CNY 20 billion.",
        "Academician workstation of Chen Guoliang, Yi Weinan, Zhao Fazhen and Zheng Jianhua",
        "CEC Beibu Gulf Information Port (phase 2)",
        "Robot Industry Alliance",
        "AI Institute Beihai branch",
        "Huaxin Mining regional headquarters and R&D centre",
        "RedHorse Fund",
        "AsiaInfo",
    ],
    "zh-hans": [
        "第三届中国—东盟信息港论坛主论坛和9个分论坛于2018年9月11日至18日在南宁、桂林和北海举行。",
        "论坛吸引2000多名嘉宾和参会者。参会人数创历届新高",
        "等5个合作平台",
        "网络基础设施、技术合作、经贸服务、信息共享和人文交流",
        "在南宁举行的广西数字经济招商引资合作项目签约仪式上，共签约35个项目，其中中国—东盟合作项目7个",
        "2018年9月14日",
        "在北海举行的",
        "共签约59个项目",
        "总投资超过200亿元",
        "院士工作站",
        "中国电子北部湾信息港（二期）",
        "机器人产业联盟",
        "人工智能研究院北海分院",
        "华鑫矿业",
        "红马基金",
        "亚信",
    ],
    "th": [
        "การประชุมท่าเรือข้อมูลข่าวสารจีน-อาเซียน ครั้งที่ 3",
        "เวทีหลักและเวทีย่อยอีก 9 เวที",
        "เมืองหนานหนิง กุ้ยหลิน และเป๋ยไห่ ระหว่างวันที่ 11–18 กันยายน 2561",
        "แขกและผู้เข้าร่วมประชุม มากกว่า 2,000 ราย ซึ่งเป็นสถิติสูงสุด",
        "แพลตฟอร์มความร่วมมือระหว่างจีนและอาเซียน 5 แพลตฟอร์ม",
        "โครงสร้างพื้นฐานเครือข่าย",
        "การแลกเปลี่ยน",
        "ซึ่งจัดขึ้นที่เมืองหนานหนิงเมื่อวันที่ 13 กันยายน 2561 มีการลงนามโครงการ 35 โครงการ",
        "ระหว่างจีนและประเทศในอาเซียน 7 โครงการ",
        "ซึ่งจัดขึ้นที่เมืองเป๋ยไห่เมื่อวันที่ 14 กันยายน 2561 มีการลงนามโครงการ 59 โครงการ",
        "มูลค่าการลงทุนรวมทั้งสิ้น มากกว่า 2 หมื่นล้านหยวน",
        "ท่าสารสนเทศอ่าวเป่ยปู้ของ CEC (ระยะที่ 2)",
        "พันธมิตรอุตสาหกรรมหุ่นยนต์",
        "สถาบันปัญญาประดิษฐ์ สาขาเป๋ยไห่",
        "หัวซิน ไมนิ่ง",
        "กองทุนเรดฮอร์ส",
        "เอเชียอินโฟ",
    ],
}


@pytest.mark.slow
@pytest.mark.xdist_group("full-seed")  # one worker loads the full seed once
def test_the_press_release_states_every_fact_of_the_seed(full_seed_forum):
    texts = {
        "en": release(full_seed_forum, "en"),
        "zh-hans": release(full_seed_forum, "zh-hans"),
        "th": release(full_seed_forum, "th", "buddhist"),
    }
    for language, facts in FACTS.items():
        missing = [fact for fact in facts if fact not in texts[language]]
        assert not missing, (language, missing, texts[language])
