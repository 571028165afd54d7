"""The seed forum's foundation: the 3rd China-ASEAN Information Harbor Forum (shared/seed).

Facts the press release states carry `synthetic=False`; rooms, venues and people it does not name
are invented for the demo and carry `synthetic=True`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from infoharbor.core.models import City, Forum, Organization, Person, Platform, Room, Venue
from infoharbor.core.seeding import seed_step, steps
from infoharbor.core.services import set_travel_time
from infoharbor.core.translated import TranslatedText

SEED_FORUM_SLUG = "caihf-3"


def T(zh: str, en: str, th: str) -> TranslatedText:  # noqa: N802 - reads like a literal
    return TranslatedText({"zh-hans": zh, "en": en, "th": th})


CITIES = {
    "nanning": (T("南宁", "Nanning", "หนานหนิง"), 22.817, 108.366),
    "guilin": (T("桂林", "Guilin", "กุ้ยหลิน"), 25.274, 110.290),
    "beihai": (T("北海", "Beihai", "เป๋ยไห่"), 21.481, 109.120),
}

# Door-to-door minutes by road or rail, invented for the demo but of the right size.
TRAVEL_MINUTES = {("nanning", "beihai"): 180, ("nanning", "guilin"): 240, ("guilin", "beihai"): 360}

PLATFORMS = [
    ("network-infrastructure", T("网络基础设施", "Network infrastructure", "โครงสร้างพื้นฐานเครือข่าย")),
    ("technical-cooperation", T("技术合作", "Technical cooperation", "ความร่วมมือทางเทคนิค")),
    (
        "economic-trade-services",
        T("经贸服务", "Economic and trade services", "การให้บริการทางเศรษฐกิจและการค้า"),
    ),
    ("information-sharing", T("信息共享", "Information sharing", "การแบ่งปันข้อมูล")),
    (
        "people-to-people",
        T("人文交流", "People-to-people exchange", "การแลกเปลี่ยนบุคลากรระหว่างกัน"),
    ),
]

# city key, venue name, [(room name, capacity)] — all invented.
VENUES = [
    (
        "nanning",
        T("南宁国际会展中心", "Nanning International Convention and Exhibition Centre",
          "ศูนย์การประชุมและนิทรรศการนานาชาติหนานหนิง"),
        [
            (T("主会场", "Main Hall", "ห้องประชุมใหญ่"), 2200),
            (T("A厅", "Hall A", "ห้องโถง A"), 600),
            (T("B厅", "Hall B", "ห้องโถง B"), 400),
            (T("洽谈区", "Negotiation Area", "พื้นที่เจรจาธุรกิจ"), 300),
            (T("展览馆", "Exhibition Hall", "ห้องนิทรรศการ"), 3000),
        ],
    ),
    (
        "guilin",
        T("桂林国际会展中心", "Guilin International Convention Centre",
          "ศูนย์การประชุมนานาชาติกุ้ยหลิน"),
        [
            (T("漓江厅", "Lijiang Hall", "ห้องหลีเจียง"), 500),
            (T("象山厅", "Xiangshan Hall", "ห้องเซี่ยงซาน"), 300),
            (T("会议室1", "Room 1", "ห้อง 1"), 150),
        ],
    ),
    (
        "beihai",
        T("北海国际会议中心", "Beihai International Conference Centre",
          "ศูนย์การประชุมนานาชาติเป๋ยไห่"),
        [
            (T("银滩厅", "Silver Beach Hall", "ห้องซิลเวอร์บีช"), 800),
            (T("北部湾厅", "Beibu Gulf Hall", "ห้องอ่าวเป่ยปู้"), 300),
        ],
    ),
]

# key: (name, short name, kind, country, synthetic)
ORGANIZATIONS = {
    "guangxi-gov": (
        T("广西壮族自治区人民政府", "People's Government of Guangxi Zhuang Autonomous Region",
          "รัฐบาลประชาชนเขตปกครองตนเองกว่างซีจ้วง"),
        "Guangxi", "government", "CN", False,
    ),
    "cac": (
        T("国家互联网信息办公室", "Cyberspace Administration of China",
          "สำนักงานบริหารไซเบอร์สเปซแห่งประเทศจีน"),
        "CAC", "government", "CN", True,
    ),
    "beihai-gov": (
        T("北海市人民政府", "Beihai Municipal People's Government", "รัฐบาลประชาชนเมืองเป๋ยไห่"),
        "Beihai", "government", "CN", True,
    ),
    "guilin-gov": (
        T("桂林市人民政府", "Guilin Municipal People's Government", "รัฐบาลประชาชนเมืองกุ้ยหลิน"),
        "Guilin", "government", "CN", True,
    ),
    "huawei": (T("华为技术有限公司", "Huawei Technologies", "หัวเว่ย เทคโนโลยีส์"),
               "Huawei", "enterprise", "CN", False),
    "cec": (
        T("中国电子信息产业集团有限公司", "China Electronics Corporation (CEC)",
          "บริษัท ไชน่า อิเล็กทรอนิกส์ คอร์ปอเรชัน"),
        "CEC", "enterprise", "CN", False,
    ),
    "asiainfo": (T("亚信科技", "AsiaInfo", "เอเชียอินโฟ"), "AsiaInfo", "enterprise", "CN", False),
    "huaxin-mining": (
        T("华鑫矿业", "Huaxin Mining", "หัวซิน ไมนิ่ง"), "Huaxin Mining", "enterprise", "CN", False,
    ),
    "redhorse-fund": (
        T("红马基金", "RedHorse Fund", "กองทุนเรดฮอร์ส"), "RedHorse", "fund", "CN", False,
    ),
    "thai-depa": (
        T("泰国数字经济促进局", "Digital Economy Promotion Agency (Thailand)",
          "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล"),
        "depa", "government", "TH", True,
    ),
    "vn-mic": (
        T("越南信息通信部", "Ministry of Information and Communications of Viet Nam",
          "กระทรวงสารสนเทศและการสื่อสารเวียดนาม"),
        "MIC", "government", "VN", True,
    ),
    "asean-secretariat": (
        T("东盟秘书处", "ASEAN Secretariat", "สำนักเลขาธิการอาเซียน"),
        "ASEC", "international", "ID", True,
    ),
    "cas": (
        T("中国科学院", "Chinese Academy of Sciences", "สถาบันวิทยาศาสตร์แห่งประเทศจีน"),
        "CAS", "academic", "CN", False,
    ),
}

# key: (name in own script, Latin name, honorific, position, organization, country, synthetic)
PEOPLE = {
    "chen-guoliang": ("陈国良", "Chen Guoliang", T("院士", "Academician", "นักวิชาการ"),
                      T("", "", ""), "cas", "CN", False),
    "yi-weinan": ("鄂维南", "Yi Weinan", T("院士", "Academician", "นักวิชาการ"),
                  T("", "", ""), "cas", "CN", False),
    "zhao-fazhen": ("Zhao Fazhen", "Zhao Fazhen", T("院士", "Academician", "นักวิชาการ"),
                    T("", "", ""), None, "CN", False),
    "zheng-jianhua": ("郑建华", "Zheng Jianhua", T("院士", "Academician", "นักวิชาการ"),
                      T("", "", ""), "cas", "CN", False),
    "li-ming": ("李明", "Li Ming", T("", "", ""),
                T("副主席", "Vice Chairman", "รองประธาน"), "guangxi-gov", "CN", True),
    "wang-fang": ("王芳", "Wang Fang", T("教授", "Professor", "ศาสตราจารย์"),
                  T("主任", "Director", "ผู้อำนวยการ"), "cac", "CN", True),
    "somchai": ("สมชาย ศรีสวัสดิ์", "Somchai Srisawat", T("", "", ""),
                T("局长", "President", "ผู้อำนวยการใหญ่"), "thai-depa", "TH", True),
    "nguyen-van-an": ("Nguyễn Văn An", "Nguyen Van An", T("", "", ""),
                      T("副部长", "Deputy Minister", "รัฐมนตรีช่วยว่าการ"), "vn-mic", "VN", True),
    "siti-rahma": ("Siti Rahmawati", "Siti Rahmawati", T("博士", "Dr", "ดร."),
                   T("司长", "Director", "ผู้อำนวยการ"), "asean-secretariat", "ID", True),
    "zhang-wei": ("张伟", "Zhang Wei", T("", "", ""),
                  T("总裁", "President", "ประธานบริษัท"), "huawei", "CN", True),
    "liu-yang": ("刘洋", "Liu Yang", T("", "", ""),
                 T("市长", "Mayor", "นายกเทศมนตรี"), "beihai-gov", "CN", True),
    "chen-jing": ("陈静", "Chen Jing", T("", "", ""),
                  T("副市长", "Vice Mayor", "รองนายกเทศมนตรี"), "guilin-gov", "CN", True),
}


def ensure_forum() -> Forum:
    forum, _created = Forum.objects.update_or_create(
        slug=SEED_FORUM_SLUG,
        defaults={
            "name": T(
                "第三届中国—东盟信息港论坛",
                "3rd China-ASEAN Information Harbor Forum",
                "การประชุม China-ASEAN Information Harbor Forum ครั้งที่ 3",
            ),
            "acronym": "caihf-2018",
            "edition": 3,
            "description": T(
                "论坛为中国与东盟数字经济合作搭建平台：主论坛和9个分论坛在南宁、桂林、北海举行，"
                "预计吸引2000多名嘉宾和参会者。",
                "A stage for digital-economy cooperation between China and ASEAN: the main forum "
                "and 9 sub-forums in Nanning, Guilin and Beihai, expected to draw more than 2,000 "
                "guests and participants.",
                "เวทีส่งเสริมความร่วมมือด้านเศรษฐกิจดิจิทัลระหว่างจีนและอาเซียน: เวทีหลักและเวทีย่อย "
                "อีก 9 รายการ ที่เมืองหนานหนิง กุ้ยหลิน และเป๋ยไห่ คาดว่าจะมีแขกและผู้เข้าร่วมมากกว่า "
                "2,000 ราย",
            ),
            "start_date": dt.date(2018, 9, 11),
            "end_date": dt.date(2018, 9, 18),
            "timezone": "Asia/Shanghai",
            "languages": ["zh-hans", "en", "th", "vi", "id", "ms", "km", "lo", "my", "fil"],
            "default_language": "zh-hans",
            "organisers": T(
                "广西壮族自治区人民政府",
                "People's Government of Guangxi Zhuang Autonomous Region",
                "รัฐบาลประชาชนเขตปกครองตนเองกว่างซีจ้วง",
            ),
            "is_published": True,
        },
    )
    return forum


def city(key: str) -> City:
    return City.objects.get(name__en=CITIES[key][0].data["en"])


@seed_step(10, "places, platforms, organizations and people")
def seed_foundation(forum: Forum) -> str:
    cities = {}
    for key, (name, lat, lon) in CITIES.items():
        cities[key], _ = City.objects.update_or_create(
            name__en=name.data["en"],
            defaults={"name": name, "country": "CN", "latitude": lat, "longitude": lon},
        )
    forum.cities.set(cities.values())
    for (a, b), minutes in TRAVEL_MINUTES.items():
        set_travel_time(cities[a], cities[b], minutes)
    for order, (code, name) in enumerate(PLATFORMS):
        Platform.objects.update_or_create(
            forum=forum, code=code, defaults={"name": name, "order": order}
        )
    rooms = 0
    for city_key, venue_name, room_specs in VENUES:
        venue, _ = Venue.objects.update_or_create(
            forum=forum,
            name__en=venue_name.data["en"],
            defaults={"name": venue_name, "city": cities[city_key], "synthetic": True},
        )
        for room_name, capacity in room_specs:
            Room.objects.update_or_create(
                venue=venue,
                name__en=room_name.data["en"],
                defaults={"name": room_name, "capacity": capacity, "synthetic": True},
            )
            rooms += 1
    for name, short, kind, country, synthetic in ORGANIZATIONS.values():
        Organization.objects.update_or_create(
            forum=forum,
            short_name=short,
            defaults={"name": name, "kind": kind, "country": country, "synthetic": synthetic},
        )
    for own, latin, honorific, position, org, country, synthetic in PEOPLE.values():
        Person.objects.update_or_create(
            forum=forum,
            name_latin=latin,
            defaults={
                "name": own,
                "honorific": honorific,
                "position": position,
                "organization": organization(forum, org) if org else None,
                "country": country,
                "synthetic": synthetic,
            },
        )
    return (
        f"{len(cities)} cities, {len(PLATFORMS)} platforms, {len(VENUES)} venues, {rooms} rooms, "
        f"{len(ORGANIZATIONS)} organizations, {len(PEOPLE)} people"
    )


def organization(forum: Forum, key: str) -> Organization:
    return Organization.objects.get(forum=forum, short_name=ORGANIZATIONS[key][1])


def person(forum: Forum, key: str) -> Person:
    return Person.objects.get(forum=forum, name_latin=PEOPLE[key][1])


@transaction.atomic
def load_seed_forum(report: Callable[[str], None] = print) -> Forum:
    """Load (or bring up to date) the seed forum; running it twice changes nothing."""
    forum = ensure_forum()
    report(f"forum: {forum.name.get('en')}")
    for step in steps():
        report(f"{step.name}: {step.run(forum)}")
    return forum
