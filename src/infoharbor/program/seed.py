"""The seed forum's program: the main forum, 9 sub-forums and the events the press release names.

The seed gives days and cities for some events and nothing else; every hour, room and speaker is
invented. `synthetic=True` marks sessions the seed does not name at all; `provenance` says, for
every session, what the seed states and what was invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from infoharbor.core.models import Forum, Platform, Room
from infoharbor.core.seed import PLATFORMS, T, city, person
from infoharbor.core.seeding import seed_step
from infoharbor.core.translated import TranslatedText
from infoharbor.program import kinds, services
from infoharbor.program.models import Session, SessionSpeaker
from infoharbor.program.services import SpeakerSpec

TZ = ZoneInfo("Asia/Shanghai")
ALL_PLATFORMS = [code for code, _name in PLATFORMS]
NAMED = "Named in the seed; hours, room and speakers invented."
NAMED_DAY = "Named in the seed with its day and city; hours, room and speakers invented."
INVENTED = "Not in the seed: invented for the demo."


@dataclass
class Spec:
    slug: str
    kind: kinds.SessionKind
    title: TranslatedText
    city: str
    room: str | None  # the room's English name
    day: int  # of September 2018
    start: str
    end: str
    provenance: str
    parent: str | None = None
    end_day: int | None = None
    platforms: list[str] = field(default_factory=list)
    speakers: list[tuple[str, str]] = field(default_factory=list)
    interpretation: tuple[str, ...] = ("en", "th", "vi")

    @property
    def synthetic(self) -> bool:
        return self.provenance == INVENTED


S = SessionSpeaker.Role
PROGRAM = [
    Spec(
        "registration-opens",
        kinds.OTHER,
        T("报到注册", "Registration and accreditation", "ลงทะเบียนและรับบัตร"),
        "nanning",
        "Exhibition Hall",
        11,
        "10:00",
        "20:00",
        INVENTED,
        interpretation=(),
    ),
    Spec(
        "exhibition",
        kinds.EXHIBITION,
        T(
            "中国—东盟信息港建设成果展",
            "China-ASEAN Information Harbor Exhibition",
            "นิทรรศการผลงาน China-ASEAN Information Harbor",
        ),
        "nanning",
        "Exhibition Hall",
        12,
        "09:00",
        "18:00",
        NAMED,
        end_day=15,
        platforms=ALL_PLATFORMS,
        interpretation=(),
    ),
    Spec(
        "exhibition-opening",
        kinds.EXHIBITION,
        T("展览开幕式", "Opening of the exhibition", "พิธีเปิดนิทรรศการ"),
        "nanning",
        "Exhibition Hall",
        12,
        "09:00",
        "09:30",
        INVENTED,
        parent="exhibition",
        speakers=[("li-ming", S.HOST)],
    ),
    Spec(
        "smart-city-forum",
        kinds.SUB_FORUM,
        T(
            "中国—东盟智慧城市合作分论坛",
            "China-ASEAN Smart City Cooperation Sub-forum",
            "เวทีย่อยความร่วมมือเมืองอัจฉริยะจีน-อาเซียน",
        ),
        "nanning",
        "Hall B",
        12,
        "09:30",
        "12:00",
        INVENTED,
        platforms=["network-infrastructure", "technical-cooperation"],
        speakers=[("somchai", S.SPEAKER), ("chen-jing", S.MODERATOR)],
    ),
    Spec(
        "ministerial-dialogue",
        kinds.DIALOGUE,
        T(
            "中国—东盟数字经济部长级对话",
            "China-ASEAN Ministerial Dialogue on the Digital Economy",
            "การเจรจาระดับรัฐมนตรีจีน-อาเซียนด้านเศรษฐกิจดิจิทัล",
        ),
        "nanning",
        "Main Hall",
        12,
        "14:00",
        "16:00",
        INVENTED,
        platforms=ALL_PLATFORMS,
        speakers=[
            ("wang-fang", S.MODERATOR),
            ("nguyen-van-an", S.SPEAKER),
            ("siti-rahma", S.SPEAKER),
        ],
    ),
    Spec(
        "digital-economy-promotion",
        kinds.PROMOTION,
        T(
            "广西数字经济项目推介会",
            "Guangxi Digital Economy Project Promotion",
            "การส่งเสริมโครงการเศรษฐกิจดิจิทัลกว่างซี",
        ),
        "nanning",
        "Hall A",
        12,
        "14:00",
        "17:00",
        NAMED,
        platforms=["economic-trade-services"],
        speakers=[("li-ming", S.SPEAKER)],
    ),
    Spec(
        "main-forum",
        kinds.MAIN_FORUM,
        T(
            "第三届中国—东盟信息港论坛主论坛",
            "Main Forum of the 3rd China-ASEAN Information Harbor Forum",
            "เวทีหลักของการประชุม China-ASEAN Information Harbor Forum ครั้งที่ 3",
        ),
        "nanning",
        "Main Hall",
        13,
        "09:00",
        "17:30",
        NAMED,
        platforms=ALL_PLATFORMS,
    ),
    Spec(
        "opening-ceremony",
        kinds.OTHER,
        T("开幕式", "Opening ceremony", "พิธีเปิด"),
        "nanning",
        "Main Hall",
        13,
        "09:00",
        "09:40",
        INVENTED,
        parent="main-forum",
        speakers=[("li-ming", S.HOST)],
    ),
    Spec(
        "keynotes",
        kinds.OTHER,
        T("主旨演讲", "Keynote speeches", "ปาฐกถาพิเศษ"),
        "nanning",
        "Main Hall",
        13,
        "09:40",
        "11:00",
        INVENTED,
        parent="main-forum",
        speakers=[("wang-fang", S.SPEAKER), ("somchai", S.SPEAKER), ("nguyen-van-an", S.SPEAKER)],
    ),
    Spec(
        "five-platforms-dialogue",
        kinds.DIALOGUE,
        T(
            "高层对话：共建五大合作平台",
            "High-level dialogue: building the five cooperation platforms",
            "การเจรจาระดับสูง: การจัดตั้งแพลตฟอร์มความร่วมมือ 5 แพลตฟอร์ม",
        ),
        "nanning",
        "Main Hall",
        13,
        "11:00",
        "12:00",
        NAMED,
        parent="main-forum",
        platforms=ALL_PLATFORMS,
        speakers=[("wang-fang", S.MODERATOR), ("siti-rahma", S.SPEAKER), ("somchai", S.SPEAKER)],
    ),
    Spec(
        "digital-silk-road-dialogue",
        kinds.DIALOGUE,
        T(
            "高层对话：“一带一路”与数字丝绸之路",
            "High-level dialogue: the Belt and Road and the Digital Silk Road",
            "การเจรจาระดับสูง: Belt and Road และ Digital Silk Road",
        ),
        "nanning",
        "Main Hall",
        13,
        "14:00",
        "15:15",
        NAMED,
        parent="main-forum",
        platforms=["network-infrastructure", "information-sharing"],
        speakers=[("nguyen-van-an", S.SPEAKER), ("siti-rahma", S.MODERATOR)],
    ),
    Spec(
        "guangxi-signing",
        kinds.SIGNING,
        T(
            "广西数字经济招商引资合作项目签约仪式",
            "Guangxi Digital Economy Investment Attraction Cooperation Project Signing Ceremony",
            "พิธีลงนามความร่วมมือของโครงการ "
            "Guangxi Digital Economy Investment Attraction Cooperation Project",
        ),
        "nanning",
        "Main Hall",
        13,
        "15:30",
        "16:30",
        NAMED_DAY,
        parent="main-forum",
        platforms=ALL_PLATFORMS,
        speakers=[("li-ming", S.HOST)],
    ),
    Spec(
        "nanning-negotiations",
        kinds.NEGOTIATION,
        T(
            "中国—东盟经贸洽谈会",
            "China-ASEAN trade and business negotiations",
            "การเจรจาการค้าและธุรกิจจีน-อาเซียน",
        ),
        "nanning",
        "Negotiation Area",
        13,
        "14:00",
        "18:00",
        NAMED,
        platforms=["economic-trade-services"],
        interpretation=(),
    ),
    Spec(
        "ecommerce-forum",
        kinds.SUB_FORUM,
        T(
            "跨境电商与数字贸易分论坛",
            "Cross-border E-commerce and Digital Trade Sub-forum",
            "เวทีย่อยพาณิชย์อิเล็กทรอนิกส์ข้ามพรมแดนและการค้าดิจิทัล",
        ),
        "nanning",
        "Hall A",
        14,
        "09:00",
        "12:00",
        INVENTED,
        platforms=["economic-trade-services"],
        speakers=[("siti-rahma", S.SPEAKER)],
    ),
    Spec(
        "new-gen-it-forum",
        kinds.SUB_FORUM,
        T(
            "新一代信息技术产业创新发展论坛",
            "New Generation Information Technology Industry Innovation & Development Forum",
            "New Generation Information Technology Industry Innovation & Development Forum",
        ),
        "beihai",
        "Silver Beach Hall",
        14,
        "09:00",
        "17:00",
        NAMED_DAY,
        platforms=["technical-cooperation", "network-infrastructure"],
    ),
    Spec(
        "new-gen-it-keynotes",
        kinds.OTHER,
        T("主旨演讲", "Keynote speeches", "ปาฐกถาพิเศษ"),
        "beihai",
        "Silver Beach Hall",
        14,
        "09:30",
        "11:30",
        INVENTED,
        parent="new-gen-it-forum",
        speakers=[("liu-yang", S.HOST), ("zhang-wei", S.SPEAKER), ("wang-fang", S.SPEAKER)],
    ),
    Spec(
        "beihai-signing",
        kinds.SIGNING,
        T(
            "北海新一代信息技术产业项目签约仪式",
            "Beihai project signing ceremony",
            "พิธีลงนามโครงการที่เมืองเป๋ยไห่",
        ),
        "beihai",
        "Silver Beach Hall",
        14,
        "14:00",
        "15:30",
        NAMED_DAY,
        parent="new-gen-it-forum",
        platforms=["technical-cooperation"],
        speakers=[("liu-yang", S.HOST)],
    ),
    Spec(
        "beihai-promotion",
        kinds.PROMOTION,
        T(
            "北海产业园区项目推介",
            "Beihai industrial park project promotion",
            "การส่งเสริมโครงการเขตอุตสาหกรรมเป๋ยไห่",
        ),
        "beihai",
        "Silver Beach Hall",
        14,
        "15:45",
        "17:00",
        INVENTED,
        parent="new-gen-it-forum",
        platforms=["economic-trade-services"],
        speakers=[("liu-yang", S.SPEAKER)],
    ),
    Spec(
        "beihai-negotiations",
        kinds.NEGOTIATION,
        T(
            "北海经贸洽谈",
            "Beihai trade and investment negotiations",
            "การเจรจาการค้าและการลงทุนเป๋ยไห่",
        ),
        "beihai",
        "Beibu Gulf Hall",
        14,
        "14:00",
        "17:30",
        INVENTED,
        platforms=["economic-trade-services"],
        interpretation=(),
    ),
    Spec(
        "beihai-park-visit",
        kinds.VISIT,
        T(
            "参观北海电子信息产业园",
            "Visit to the Beihai electronic information industrial park",
            "เยี่ยมชมเขตอุตสาหกรรมสารสนเทศอิเล็กทรอนิกส์เป๋ยไห่",
        ),
        "beihai",
        None,
        15,
        "09:00",
        "12:00",
        INVENTED,
        speakers=[("liu-yang", S.HOST)],
        interpretation=("en",),
    ),
    Spec(
        "marine-information-forum",
        kinds.SUB_FORUM,
        T(
            "海洋信息与北部湾港口数字化分论坛",
            "Marine Information and Port Digitalisation Sub-forum",
            "เวทีย่อยสารสนเทศทางทะเลและการพัฒนาท่าเรือสู่ดิจิทัล",
        ),
        "beihai",
        "Beibu Gulf Hall",
        15,
        "14:00",
        "17:30",
        INVENTED,
        platforms=["network-infrastructure", "information-sharing"],
        speakers=[("nguyen-van-an", S.SPEAKER)],
    ),
    Spec(
        "cybersecurity-forum",
        kinds.SUB_FORUM,
        T(
            "网络安全合作分论坛",
            "Cybersecurity Cooperation Sub-forum",
            "เวทีย่อยความร่วมมือด้านความมั่นคงปลอดภัยไซเบอร์",
        ),
        "nanning",
        "Hall B",
        16,
        "09:00",
        "12:00",
        INVENTED,
        platforms=["information-sharing"],
        speakers=[("wang-fang", S.MODERATOR)],
    ),
    Spec(
        "big-data-forum",
        kinds.SUB_FORUM,
        T(
            "大数据与云计算分论坛",
            "Big Data and Cloud Computing Sub-forum",
            "เวทีย่อยบิ๊กดาต้าและคลาวด์คอมพิวติ้ง",
        ),
        "nanning",
        "Hall A",
        16,
        "14:00",
        "17:30",
        INVENTED,
        platforms=["technical-cooperation", "information-sharing"],
        speakers=[("somchai", S.SPEAKER)],
    ),
    Spec(
        "digital-tourism-forum",
        kinds.SUB_FORUM,
        T(
            "数字旅游与人文交流分论坛",
            "Digital Tourism and People-to-people Exchange Sub-forum",
            "เวทีย่อยการท่องเที่ยวดิจิทัลและการแลกเปลี่ยนระหว่างประชาชน",
        ),
        "guilin",
        "Lijiang Hall",
        17,
        "09:00",
        "12:00",
        INVENTED,
        platforms=["people-to-people"],
        speakers=[("chen-jing", S.HOST)],
    ),
    Spec(
        "satellite-forum",
        kinds.SUB_FORUM,
        T(
            "卫星产业合作论坛",
            "Satellite Industry Cooperation Forum",
            "Satellite Industry Cooperation Forum",
        ),
        "guilin",
        "Lijiang Hall",
        18,
        "09:00",
        "12:00",
        NAMED_DAY,
        platforms=["network-infrastructure", "technical-cooperation"],
        speakers=[("chen-jing", S.HOST)],
    ),
    Spec(
        "network-culture-forum",
        kinds.SUB_FORUM,
        T(
            "网络文化发展论坛",
            "Network-based Cultural Development Forum",
            "Network-based Cultural Development Forum",
        ),
        "guilin",
        "Xiangshan Hall",
        18,
        "09:00",
        "12:00",
        NAMED_DAY,
        platforms=["people-to-people", "information-sharing"],
    ),
    Spec(
        "huawei-logistics-summit",
        kinds.OTHER,
        T("华为全球物流峰会", "Huawei Global Logistics Summit", "Huawei Global Logistics Summit"),
        "guilin",
        "Lijiang Hall",
        18,
        "14:00",
        "17:30",
        NAMED_DAY,
        platforms=["economic-trade-services"],
        speakers=[("zhang-wei", S.SPEAKER)],
    ),
]


def _moment(day: int, hhmm: str) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime(2018, 9, day, hour, minute, tzinfo=TZ)


@seed_step(20, "program")
def seed_program(forum: Forum) -> str:
    platforms = {p.code: p for p in Platform.objects.filter(forum=forum)}
    saved: dict[str, Session] = {}
    for spec in PROGRAM:
        session = Session.objects.filter(forum=forum, slug=spec.slug).first() or Session(
            forum=forum, slug=spec.slug
        )
        session.kind = spec.kind.code
        session.title = spec.title
        session.city = city(spec.city)
        session.room = (
            Room.objects.get(venue__forum=forum, venue__city=session.city, name__en=spec.room)
            if spec.room
            else None
        )
        session.start = _moment(spec.day, spec.start)
        session.end = _moment(spec.end_day or spec.day, spec.end)
        session.parent = saved[spec.parent] if spec.parent else None
        session.language = "zh-hans"
        session.interpretation = list(spec.interpretation)
        session.synthetic = spec.synthetic
        session.provenance = spec.provenance
        saved[spec.slug] = services.save_session(
            None,
            session,
            speakers=[SpeakerSpec(person(forum, key), role) for key, role in spec.speakers],
            platforms=[platforms[code] for code in spec.platforms],
        )
    sub_forums = sum(1 for s in PROGRAM if s.kind == kinds.SUB_FORUM)
    return f"{len(PROGRAM)} sessions, {sub_forums} sub-forums"
