"""The seed forum's signed projects (shared/seed): 35 in Nanning on 13 September, 7 of them
China-ASEAN, and 59 in Beihai on 14 September worth more than CNY 20 billion.

Projects the press release names or describes carry `synthetic=False` (their parties and amounts
are still invented, as `provenance` says); the rest are invented, deterministically, and carry
`synthetic=True`. Amounts are sized so the seed's counts and totals hold.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from infoharbor.core.models import Forum, Organization, Platform
from infoharbor.core.seed import T, city, organization
from infoharbor.core.seeding import seed_step
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import Session
from infoharbor.projects import services
from infoharbor.projects.models import IatiPublisher, Project, Sector, StatusChange
from infoharbor.projects.services import PartySpec

K = Project.Kind
R = "funder", "implementer", "host", "partner"
NANNING_DAY = dt.date(2018, 9, 13)
BEIHAI_DAY = dt.date(2018, 9, 14)
NAMED = "Named in the seed; parties, amount and details invented."
DESCRIBED = "Described in the seed; title, parties and amount invented."
INVENTED = "Not in the seed: invented for the demo."
BEIHAI_SYNTHETIC_CNY = Decimal("5100000000")  # with the named ones, Beihai passes CNY 20 billion

# Organizations the projects need beyond core's seed.
# key: (name, short name, kind, country, synthetic)
MORE_ORGANIZATIONS = {
    "ai-institute": (
        T("人工智能研究院", "AI Institute", "สถาบันปัญญาประดิษฐ์"),
        "AI Institute",
        "academic",
        "CN",
        False,
    ),
    "robot-alliance": (
        T("机器人产业联盟", "Robot Industry Alliance", "พันธมิตรอุตสาหกรรมหุ่นยนต์"),
        "Robot Alliance",
        "association",
        "CN",
        False,
    ),
    "gx-digital": (
        T("广西数字科技有限公司", "Guangxi Digital Technology Co.", "บริษัท กว่างซีดิจิทัลเทคโนโลยี"),
        "GX Digital",
        "enterprise",
        "CN",
        True,
    ),
    "bbw-cloud": (
        T("北部湾云计算有限公司", "Beibu Gulf Cloud Co.", "บริษัท เป่ยปู้กัลฟ์คลาวด์"),
        "BBW Cloud",
        "enterprise",
        "CN",
        True,
    ),
    "nanning-iot": (
        T("南宁物联网产业有限公司", "Nanning IoT Industry Co.", "บริษัท หนานหนิงไอโอที"),
        "Nanning IoT",
        "enterprise",
        "CN",
        True,
    ),
    "silk-road-capital": (
        T("数字丝路投资基金", "Digital Silk Road Capital", "กองทุนดิจิทัลซิลค์โรดแคปิตอล"),
        "DSR Capital",
        "fund",
        "CN",
        True,
    ),
    "mekong-digital": (
        T(
            "湄公数字服务公司（老挝）",
            "Mekong Digital Services (Laos)",
            "บริษัท แม่โขงดิจิทัลเซอร์วิส (ลาว)",
        ),
        "Mekong Digital",
        "enterprise",
        "LA",
        True,
    ),
    "angkor-data": (
        T("吴哥数据公司（柬埔寨）", "Angkor Data Co. (Cambodia)", "บริษัท อังกอร์ดาต้า (กัมพูชา)"),
        "Angkor Data",
        "enterprise",
        "KH",
        True,
    ),
    "straits-tech": (
        T("海峡科技公司（新加坡）", "Straits Tech Pte (Singapore)", "บริษัท สเตรทส์เทค (สิงคโปร์)"),
        "Straits Tech",
        "enterprise",
        "SG",
        True,
    ),
    "malacca-ventures": (
        T("马六甲创投（马来西亚）", "Malacca Ventures (Malaysia)", "มะละกาเวนเจอร์ส (มาเลเซีย)"),
        "Malacca Ventures",
        "fund",
        "MY",
        True,
    ),
}
FORUM_SECTORS = {
    "smart-city": T("智慧城市", "Smart cities", "เมืองอัจฉริยะ"),
    "digital-economy": T("数字经济", "Digital economy", "เศรษฐกิจดิจิทัล"),
}

# (zh, en, th, DAC code) — what invented projects are about.
SUBJECTS = [
    ("大数据", "Big data", "บิ๊กดาต้า", "22040"),
    ("云计算", "Cloud computing", "คลาวด์คอมพิวติ้ง", "22040"),
    ("跨境电商", "Cross-border e-commerce", "อีคอมเมิร์ซข้ามพรมแดน", "33120"),
    ("智慧物流", "Smart logistics", "โลจิสติกส์อัจฉริยะ", "33120"),
    ("数字农业", "Digital agriculture", "เกษตรดิจิทัล", "43040"),
    ("北斗导航", "BeiDou navigation", "ระบบนำทางเป่ยโต่ว", "22040"),
    ("5G网络", "5G network", "เครือข่าย 5G", "22020"),
    ("海底光缆", "Submarine cable", "เคเบิลใต้น้ำ", "22020"),
    ("数据中心", "Data centre", "ศูนย์ข้อมูล", "22040"),
    ("电子政务", "E-government", "รัฐบาลอิเล็กทรอนิกส์", "15110"),
    ("智慧旅游", "Smart tourism", "การท่องเที่ยวอัจฉริยะ", "33210"),
    ("网络安全", "Cybersecurity", "ความมั่นคงปลอดภัยไซเบอร์", "22040"),
    ("物联网", "Internet of Things", "อินเทอร์เน็ตของสรรพสิ่ง", "22040"),
    ("电子信息制造", "Electronics manufacturing", "การผลิตอิเล็กทรอนิกส์", "32182"),
    ("数字金融", "Digital finance", "การเงินดิจิทัล", "24030"),
    ("智能制造", "Smart manufacturing", "การผลิตอัจฉริยะ", "32182"),
    ("卫星应用", "Satellite applications", "การประยุกต์ใช้ดาวเทียม", "22040"),
    ("数字人才培训", "Digital skills training", "การฝึกอบรมทักษะดิจิทัล", "11420"),
    ("数字文创", "Digital creative industries", "อุตสาหกรรมสร้างสรรค์ดิจิทัล", "16061"),
    ("智慧港口", "Smart port", "ท่าเรืออัจฉริยะ", "21040"),
]
FORMS = [
    ("合作项目", "cooperation project", "โครงการความร่วมมือด้าน"),
    ("产业园", "industrial park", "นิคมอุตสาหกรรมด้าน"),
    ("研发中心", "R&D centre", "ศูนย์วิจัยและพัฒนาด้าน"),
    ("服务平台", "service platform", "แพลตฟอร์มบริการด้าน"),
    ("示范基地", "demonstration base", "ฐานสาธิตด้าน"),
]
# Where China-ASEAN projects reach: (zh, en, th, country, partner organization, currency)
ASEAN_PARTNERS = [
    ("中泰", "China-Thailand", "จีน-ไทย", "TH", "thai-depa", "THB"),
    ("中越", "China-Viet Nam", "จีน-เวียดนาม", "VN", "vn-mic", "VND"),
    ("中老", "China-Laos", "จีน-ลาว", "LA", "mekong-digital", "LAK"),
    ("中柬", "China-Cambodia", "จีน-กัมพูชา", "KH", "angkor-data", "KHR"),
    ("中新", "China-Singapore", "จีน-สิงคโปร์", "SG", "straits-tech", "SGD"),
    ("中马", "China-Malaysia", "จีน-มาเลเซีย", "MY", "malacca-ventures", "MYR"),
    ("中国—东盟", "China-ASEAN", "จีน-อาเซียน", "ID", "asean-secretariat", "USD"),
]
CHINESE_PARTIES = ["gx-digital", "bbw-cloud", "nanning-iot", "silk-road-capital", "huawei", "cec"]


@dataclass
class Spec:
    reference: str
    title: TranslatedText
    kind: str
    day: dt.date
    parties: list[tuple[str, str]]  # (organization key, role)
    amount: Decimal | None
    currency: str = "CNY"
    amount_kind: str = Project.AmountKind.TOTAL_INVESTMENT
    sector: str = "22040"
    platforms: list[str] = field(default_factory=lambda: ["technical-cooperation"])
    provenance: str = INVENTED
    description: TranslatedText = field(default_factory=TranslatedText)
    country: str = "CN"
    location: str | None = None

    @property
    def synthetic(self) -> bool:
        return self.provenance == INVENTED


def _undisclosed(spec: Spec) -> Spec:
    spec.amount, spec.currency, spec.amount_kind = None, "", Project.AmountKind.UNDISCLOSED
    return spec


NANNING_DESCRIBED = [
    Spec(
        "NN-01",
        T(
            "广西智慧城市建设合作项目",
            "Guangxi smart city construction cooperation project",
            "โครงการความร่วมมือก่อสร้างเมืองอัจฉริยะกว่างซี",
        ),
        K.INVESTMENT,
        NANNING_DAY,
        [("huawei", "implementer"), ("guangxi-gov", "host"), ("thai-depa", "partner")],
        Decimal("2800000000"),
        sector="smart-city",
        platforms=["network-infrastructure", "technical-cooperation"],
        provenance=DESCRIBED,
        description=T(
            "建设广西智慧城市，提升中国—东盟贸易便利化水平。",
            "Building smart cities in Guangxi to improve trade facilitation between China "
            "and ASEAN.",
            "สร้างเมืองอัจฉริยะในกว่างซีเพื่อยกระดับการอำนวยความสะดวกทางการค้าระหว่างจีนและอาเซียน",
        ),
        location="nanning",
    ),
    Spec(
        "NN-02",
        T(
            "中国—东盟智慧城市贸易便利化项目",
            "China-ASEAN smart city trade facilitation project",
            "โครงการอำนวยความสะดวกทางการค้าเมืองอัจฉริยะจีน-อาเซียน",
        ),
        K.CONTRACT,
        NANNING_DAY,
        [("gx-digital", "implementer"), ("guangxi-gov", "host"), ("vn-mic", "partner")],
        Decimal("950000000"),
        sector="33120",
        platforms=["economic-trade-services"],
        provenance=DESCRIBED,
        location="nanning",
    ),
    Spec(
        "NN-03",
        T(
            "政务服务协同创新合作项目",
            "Government services cooperation and innovation project",
            "โครงการความร่วมมือและนวัตกรรมด้านบริการภาครัฐ",
        ),
        K.FRAMEWORK,
        NANNING_DAY,
        [("cac", "partner"), ("guangxi-gov", "host")],
        Decimal("300000000"),
        sector="15110",
        platforms=["information-sharing"],
        provenance=DESCRIBED,
        location="nanning",
    ),
    Spec(
        "NN-04",
        T(
            "数字乡村扶贫合作项目",
            "Digital villages rural poverty alleviation project",
            "โครงการหมู่บ้านดิจิทัลเพื่อบรรเทาความยากจนในชนบท",
        ),
        K.CONTRACT,
        NANNING_DAY,
        [("nanning-iot", "implementer"), ("guangxi-gov", "host")],
        Decimal("420000000"),
        sector="43040",
        platforms=["people-to-people"],
        provenance=DESCRIBED,
    ),
]

BEIHAI_NAMED = [
    _undisclosed(
        Spec(
            "BH-01",
            T(
                "北海产业园院士工作站（陈国良、鄂维南、赵发珍、郑建华院士）",
                "Academician workstation of Chen Guoliang, Yi Weinan, Zhao Fazhen and "
                "Zheng Jianhua",
                "สถานีทำงานนักวิชาการ เฉิน กั๋วเหลียง อี้ เหว่ยหนาน จ้าว ฟาเจิน และเจิ้ง เจี้ยนหัว",
            ),
            K.FRAMEWORK,
            BEIHAI_DAY,
            [("cas", "partner"), ("beihai-gov", "host")],
            None,
            sector="32182",
            provenance=NAMED,
            location="beihai",
        )
    ),
    Spec(
        "BH-02",
        T(
            "中国电子北部湾信息港（二期）",
            "CEC Beibu Gulf Information Port (phase 2)",
            "ท่าสารสนเทศอ่าวเป่ยปู้ของ CEC (ระยะที่ 2)",
        ),
        K.INVESTMENT,
        BEIHAI_DAY,
        [("cec", "funder"), ("cec", "implementer"), ("beihai-gov", "host")],
        Decimal("5000000000"),
        platforms=["network-infrastructure", "information-sharing"],
        provenance=NAMED,
        location="beihai",
    ),
    _undisclosed(
        Spec(
            "BH-03",
            T("机器人产业联盟", "Robot Industry Alliance", "พันธมิตรอุตสาหกรรมหุ่นยนต์"),
            K.MOU,
            BEIHAI_DAY,
            [("robot-alliance", "partner"), ("beihai-gov", "host")],
            None,
            sector="32182",
            provenance=NAMED,
            location="beihai",
        )
    ),
    Spec(
        "BH-04",
        T("人工智能研究院北海分院", "AI Institute Beihai branch", "สถาบันปัญญาประดิษฐ์ สาขาเป๋ยไห่"),
        K.CONTRACT,
        BEIHAI_DAY,
        [("ai-institute", "implementer"), ("beihai-gov", "host")],
        Decimal("1000000000"),
        sector="32182",
        provenance=NAMED,
        location="beihai",
    ),
    Spec(
        "BH-05",
        T(
            "华鑫矿业区域总部及研发中心",
            "Huaxin Mining regional headquarters and R&D centre",
            "สำนักงานใหญ่ภูมิภาคและศูนย์วิจัยและพัฒนาของหัวซิน ไมนิ่ง",
        ),
        K.INVESTMENT,
        BEIHAI_DAY,
        [("huaxin-mining", "funder"), ("beihai-gov", "host")],
        Decimal("3000000000"),
        sector="32210",
        platforms=["economic-trade-services"],
        provenance=NAMED,
        location="beihai",
    ),
    Spec(
        "BH-06",
        T("红马基金", "RedHorse Fund", "กองทุนเรดฮอร์ส"),
        K.INVESTMENT,
        BEIHAI_DAY,
        [("redhorse-fund", "funder"), ("beihai-gov", "host")],
        Decimal("5000000000"),
        sector="24030",
        platforms=["economic-trade-services"],
        provenance=NAMED,
        location="beihai",
    ),
    Spec(
        "BH-07",
        T("亚信科技北海项目", "AsiaInfo Beihai project", "โครงการเอเชียอินโฟ เป๋ยไห่"),
        K.INVESTMENT,
        BEIHAI_DAY,
        [("asiainfo", "implementer"), ("beihai-gov", "host")],
        Decimal("1500000000"),
        provenance=NAMED,
        location="beihai",
    ),
]


def _invented(
    rng: random.Random,
    prefix: str,
    place: tuple[str, str, str],
    subject_form: tuple[int, int],
    number: int,
    day: dt.date,
    host: str,
    location: str,
) -> Spec:
    subject, form = SUBJECTS[subject_form[0]], FORMS[subject_form[1]]
    kind = rng.choices([K.INVESTMENT, K.CONTRACT, K.FRAMEWORK, K.MOU], weights=[4, 3, 1, 2])[0]
    platforms = sorted(
        rng.sample(
            [
                "network-infrastructure",
                "technical-cooperation",
                "economic-trade-services",
                "information-sharing",
                "people-to-people",
            ],
            rng.choice([1, 1, 2]),
        )
    )
    spec = Spec(
        f"{prefix}-{number:02d}",
        T(
            f"{place[0]}{subject[0]}{form[0]}",
            f"{place[1]} {subject[1]} {form[1]}",
            f"{form[2]}{subject[2]} {place[2]}",
        ),
        kind,
        day,
        [(rng.choice(CHINESE_PARTIES), rng.choice(["funder", "implementer"])), (host, "host")],
        Decimal(rng.randrange(40, 600)) * Decimal("1000000"),
        sector=subject[3],
        platforms=platforms,
        location=location,
    )
    return _undisclosed(spec) if kind == K.MOU and rng.random() < 0.5 else spec


def nanning_specs() -> list[Spec]:
    rng = random.Random(20180913)
    place = ("广西", "Guangxi", "กว่างซี")
    combos = rng.sample([(s, f) for s in range(len(SUBJECTS)) for f in range(len(FORMS))], 31)
    specs = list(NANNING_DESCRIBED)
    for n, combo in enumerate(combos, start=len(specs) + 1):
        specs.append(_invented(rng, "NN", place, combo, n, NANNING_DAY, "guangxi-gov", "nanning"))
    # Five invented projects reach an ASEAN partner; with NN-01 and NN-02 that makes 7 China-ASEAN.
    for spec, partner in zip(specs[4:9], ASEAN_PARTNERS[2:], strict=True):
        zh, en, th, country, org, currency = partner
        spec.title = T(
            zh + spec.title.data["zh-hans"][2:],
            en + spec.title.data["en"][len("Guangxi") :],
            spec.title.data["th"].replace("กว่างซี", th),
        )
        spec.parties.append((org, "partner"))
        spec.country, spec.location = country, None
        if spec.amount is not None and currency in ("USD", "SGD", "MYR"):
            spec.currency = currency
            spec.amount = (spec.amount / 20).quantize(Decimal("1000"))
    return specs


def beihai_specs() -> list[Spec]:
    rng = random.Random(20180914)
    place = ("北海", "Beihai", "เป๋ยไห่")
    combos = rng.sample([(s, f) for s in range(len(SUBJECTS)) for f in range(len(FORMS))], 52)
    invented = [
        _invented(rng, "BH", place, combo, n, BEIHAI_DAY, "beihai-gov", "beihai")
        for n, combo in enumerate(combos, start=len(BEIHAI_NAMED) + 1)
    ]
    for spec, currency in zip(invented[:3], ["USD", "SGD", "THB"], strict=True):
        if spec.amount is not None:
            spec.currency = currency
            spec.amount = (
                spec.amount / (Decimal(5) if currency == "THB" else Decimal(7))
            ).quantize(Decimal("1000"))
    # Scale the invented CNY figures so they add up to exactly BEIHAI_SYNTHETIC_CNY.
    cny = [s for s in invented if s.amount is not None and s.currency == "CNY"]
    drawn = sum((s.amount for s in cny if s.amount is not None), Decimal(0))
    for spec in cny[:-1]:
        assert spec.amount is not None
        spec.amount = (spec.amount * BEIHAI_SYNTHETIC_CNY / drawn).quantize(Decimal("1000"))
    cny[-1].amount = BEIHAI_SYNTHETIC_CNY - sum((s.amount or Decimal(0)) for s in cny[:-1])
    return [*BEIHAI_NAMED, *invented]


# Invented later steps for a few invented projects, so the registry shows a history.
HISTORY = {
    "NN-05": [("preparation", dt.date(2019, 1, 15)), ("implementation", dt.date(2019, 6, 1))],
    "NN-06": [("preparation", dt.date(2019, 3, 1))],
    "BH-08": [
        ("preparation", dt.date(2018, 12, 1)),
        ("implementation", dt.date(2019, 5, 20)),
        ("completed", dt.date(2020, 11, 30)),
    ],
    "BH-09": [("suspended", dt.date(2019, 8, 1))],
    "BH-10": [("cancelled", dt.date(2019, 2, 28))],
}
DEMO_SOURCE = "https://example.org/infoharbor-demo/status"


def _ensure_organizations(forum: Forum) -> dict[str, Organization]:
    for name, short, kind, country, synthetic in MORE_ORGANIZATIONS.values():
        Organization.objects.update_or_create(
            forum=forum,
            short_name=short,
            defaults={"name": name, "kind": kind, "country": country, "synthetic": synthetic},
        )
    orgs = {
        key: Organization.objects.get(forum=forum, short_name=v[1])
        for key, v in MORE_ORGANIZATIONS.items()
    }
    return orgs


def _organization(forum: Forum, key: str, more: dict[str, Organization]) -> Organization:
    return more[key] if key in more else organization(forum, key)


@seed_step(30, "signed projects")
def seed_projects(forum: Forum) -> str:
    services.add_dac_sectors(None, forum)
    for code, name in FORUM_SECTORS.items():
        Sector.objects.get_or_create(
            forum=forum, vocabulary=Sector.Vocabulary.FORUM, code=code, defaults={"name": name}
        )
    services.load_hmrc_rates(None, services.hmrc_months(dt.date(2018, 8, 1), forum.end_date))
    IatiPublisher.objects.get_or_create(
        forum=forum,
        # Invented: the organiser's unified social credit identifier is not in the seed.
        defaults={
            "identifier": "CN-USCI-11450000MB0000000X",
            "name": forum.organisers,
            "organisation_type": "10",
        },
    )
    more = _ensure_organizations(forum)
    sectors = {s.code: s for s in Sector.objects.filter(forum=forum)}
    platforms = {p.code: p for p in Platform.objects.filter(forum=forum)}
    sessions = {
        s.slug: s
        for s in Session.objects.filter(forum=forum, slug__in=["guangxi-signing", "beihai-signing"])
    }
    existing = set(Project.objects.filter(forum=forum).values_list("reference", flat=True))
    created = 0
    for session_slug, specs in (
        ("guangxi-signing", nanning_specs()),
        ("beihai-signing", beihai_specs()),
    ):
        session = sessions[session_slug]
        for spec in specs:
            if spec.reference in existing:
                continue
            project = Project(
                forum=forum,
                reference=spec.reference,
                title=spec.title,
                description=spec.description,
                kind=spec.kind,
                sector=sectors[spec.sector],
                signing_session=session,
                signed_on=spec.day,
                signing_city=session.city,
                city=city(spec.location) if spec.location else None,
                country=spec.country,
                amount=spec.amount,
                currency=spec.currency,
                amount_kind=spec.amount_kind,
                synthetic=spec.synthetic,
                provenance=spec.provenance,
            )
            services.save_project(
                None,
                project,
                parties=[
                    PartySpec(_organization(forum, key, more), role) for key, role in spec.parties
                ],
                platforms=[platforms[code] for code in spec.platforms],
            )
            for status, day in HISTORY.get(spec.reference, []):
                services.record_status_change(
                    None,
                    project,
                    status,
                    day,
                    source_url=DEMO_SOURCE,
                    note="Invented for the demo.",
                )
            created += 1
    total = Project.objects.filter(forum=forum).count()
    entries = StatusChange.objects.filter(project__forum=forum).count()
    return f"{total} projects ({created} new), {entries} status entries"
