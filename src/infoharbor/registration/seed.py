"""The seed forum's participants: categories, form questions, seats, and ~2,000 synthetic guests.

The press release says the forum expected more than 2,000 guests; their names are invented here
(marked `Person.synthetic`), drawn deterministically so every demo looks the same. Rows are
written with bulk_create and the seat counters set once, so the step takes a few seconds.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict

from django.conf import settings
from django.db import transaction

from infoharbor.core.models import Forum, Organization, Person
from infoharbor.core.seeding import seed_step
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import Session
from infoharbor.registration.models import (
    Category,
    Delegation,
    Participant,
    Question,
    SessionCapacity,
    SessionChoice,
    normalise_email,
)


def T(zh: str, en: str, th: str) -> TranslatedText:
    return TranslatedText({"zh-hans": zh, "en": en, "th": th})


# code: (name, needs approval, badge colour, open to the public, share of participants)
CATEGORIES = {
    "official": (
        T("官方代表", "Official delegate", "ผู้แทนอย่างเป็นทางการ"),
        True,
        "#B91C1C",
        True,
        30,
    ),
    "enterprise": (T("企业代表", "Enterprise", "ผู้แทนภาคธุรกิจ"), True, "#1D4ED8", True, 35),
    "speaker": (T("演讲嘉宾", "Speaker", "วิทยากร"), True, "#7C3AED", True, 4),
    "media": (T("媒体", "Media", "สื่อมวลชน"), True, "#EA580C", True, 8),
    "exhibitor": (T("参展商", "Exhibitor", "ผู้จัดแสดงสินค้า"), False, "#047857", True, 10),
    "staff": (T("工作人员", "Staff", "เจ้าหน้าที่"), False, "#374151", False, 5),
    "guest": (T("来宾", "Guest", "แขกผู้มีเกียรติ"), False, "#0E7490", True, 8),
}

QUESTIONS = [
    (
        "diet",
        Question.Kind.CHOICE,
        T("饮食要求", "Dietary needs", "ความต้องการด้านอาหาร"),
        [
            {"value": "none", "label": {"zh-hans": "无", "en": "None", "th": "ไม่มี"}},
            {"value": "halal", "label": {"zh-hans": "清真", "en": "Halal", "th": "ฮาลาล"}},
            {
                "value": "vegetarian",
                "label": {"zh-hans": "素食", "en": "Vegetarian", "th": "มังสวิรัติ"},
            },
        ],
        False,
    ),
    (
        "visa_letter",
        Question.Kind.YES_NO,
        T(
            "需要签证邀请函吗？",
            "Do you need a visa invitation letter?",
            "ต้องการหนังสือเชิญเพื่อขอวีซ่าหรือไม่",
        ),
        [],
        True,
    ),
    ("arrival", Question.Kind.DATE, T("抵达日期", "Arrival date", "วันที่เดินทางมาถึง"), [], False),
    (
        "passport",
        Question.Kind.FILE,
        T("护照扫描件", "Passport scan", "สำเนาหนังสือเดินทาง"),
        [],
        False,
    ),
]

# country: ([(given name in own script, Latin)], [(family name, Latin)], family name first)
NAMES = {
    "CN": (
        [
            ("伟", "Wei"),
            ("芳", "Fang"),
            ("娜", "Na"),
            ("敏", "Min"),
            ("静", "Jing"),
            ("磊", "Lei"),
            ("洋", "Yang"),
            ("勇", "Yong"),
            ("艳", "Yan"),
            ("杰", "Jie"),
            ("晓明", "Xiaoming"),
            ("建国", "Jianguo"),
        ],
        [
            ("王", "Wang"),
            ("李", "Li"),
            ("张", "Zhang"),
            ("刘", "Liu"),
            ("陈", "Chen"),
            ("杨", "Yang"),
            ("黄", "Huang"),
            ("赵", "Zhao"),
            ("韦", "Wei"),
            ("覃", "Qin"),
        ],
        True,
    ),
    "TH": (
        [
            ("สมชาย", "Somchai"),
            ("สมศรี", "Somsri"),
            ("วิชัย", "Wichai"),
            ("มาลี", "Malee"),
            ("ประเสริฐ", "Prasert"),
            ("สุดา", "Suda"),
            ("อนันต์", "Anan"),
            ("กนกวรรณ", "Kanokwan"),
        ],
        [
            ("ศรีสุข", "Srisuk"),
            ("วงศ์ไทย", "Wongthai"),
            ("ใจดี", "Jaidee"),
            ("สุขสวัสดิ์", "Suksawat"),
            ("ทองคำ", "Thongkham"),
            ("แก้วมณี", "Kaewmanee"),
        ],
        False,
    ),
    "VN": (
        [
            ("Văn An", ""),
            ("Thị Hoa", ""),
            ("Đức Minh", ""),
            ("Thu Trang", ""),
            ("Quốc Bảo", ""),
            ("Ngọc Ánh", ""),
        ],
        [("Nguyễn", ""), ("Trần", ""), ("Lê", ""), ("Phạm", ""), ("Đặng", ""), ("Vũ", "")],
        True,
    ),
    "ID": (
        [("Budi", ""), ("Siti", ""), ("Agus", ""), ("Dewi", ""), ("Rizky", ""), ("Putri", "")],
        [("Santoso", ""), ("Wijaya", ""), ("Rahmawati", ""), ("Hidayat", ""), ("Saputra", "")],
        False,
    ),
    "MY": (
        [("Ahmad", ""), ("Nur Aisyah", ""), ("Lim Wei", ""), ("Siti Aminah", ""), ("Raj", "")],
        [("bin Ismail", ""), ("binti Hassan", ""), ("Tan", ""), ("Kumar", ""), ("bin Yusof", "")],
        False,
    ),
    "KH": (
        [("សុខា", "Sokha"), ("ចាន់ថា", "Chantha"), ("វណ្ណា", "Vanna"), ("ស្រីពៅ", "Sreypov")],
        [("ហេង", "Heng"), ("សុខ", "Sok"), ("ជា", "Chea"), ("លី", "Ly")],
        True,
    ),
    "LA": (
        [("ສົມພອນ", "Somphone"), ("ບຸນມີ", "Bounmy"), ("ຄຳພັນ", "Khamphanh"), ("ນາລີ", "Naly")],
        [("ພົມມະຈັນ", "Phommachanh"), ("ສີສະຫວັດ", "Sisavath"), ("ວົງສາ", "Vongsa")],
        False,
    ),
    "MM": (
        [
            ("အောင်ကျော်", "Aung Kyaw"),
            ("မြင့်မြင့်", "Myint Myint"),
            ("ဇော်ဝင်း", "Zaw Win"),
            ("သီတာ", "Thida"),
            ("ကျော်ဇင်", "Kyaw Zin"),
        ],
        [("", "")],
        False,
    ),
    "PH": (
        [("Jose", ""), ("Maria", ""), ("Mark Anthony", ""), ("Kristine", ""), ("Ramon", "")],
        [("Santos", ""), ("Reyes", ""), ("Cruz", ""), ("Bautista", ""), ("Garcia", "")],
        False,
    ),
    "SG": (
        [("Wei Ling", ""), ("Kumar", ""), ("Siew Mei", ""), ("Daniel", "")],
        [("Tan", ""), ("Lim", ""), ("Ng", ""), ("Raj", "")],
        True,
    ),
    "BN": (
        [("Hajah Noraini", ""), ("Awang Hamid", ""), ("Dayang Siti", "")],
        [("binti Haji Ahmad", ""), ("bin Abdullah", "")],
        False,
    ),
}
# Where the guests come from: most from China and Thailand, every ASEAN country present.
COUNTRY_WEIGHTS = {
    "CN": 45,
    "TH": 10,
    "VN": 9,
    "ID": 7,
    "MY": 7,
    "KH": 5,
    "LA": 5,
    "MM": 4,
    "PH": 4,
    "SG": 3,
    "BN": 1,
}
LANGUAGES = {
    "CN": "zh-hans",
    "TH": "th",
    "VN": "vi",
    "ID": "id",
    "MY": "ms",
    "KH": "km",
    "LA": "lo",
    "MM": "my",
    "PH": "fil",
    "SG": "en",
    "BN": "ms",
}
STATUS_WEIGHTS = {
    Participant.Status.APPROVED: 82,
    Participant.Status.PENDING: 12,
    Participant.Status.NEEDS_INFO: 2,
    Participant.Status.REJECTED: 2,
    Participant.Status.CANCELLED: 2,
}


def _latin(text: str) -> str:
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
        if not unicodedata.combining(c)
    )


def _name(rng: random.Random, country: str) -> tuple[str, str]:
    given_names, family_names, family_first = NAMES[country]
    given, given_latin = rng.choice(given_names)
    family, family_latin = rng.choice(family_names)
    given_latin, family_latin = given_latin or _latin(given), family_latin or _latin(family)
    sep = "" if country == "CN" else " "
    if family_first:
        own, latin = f"{family}{sep}{given}", f"{family_latin} {given_latin}"
    else:
        own, latin = f"{given} {family}".strip(), f"{given_latin} {family_latin}".strip()
    return own, latin


def _categories(forum: Forum) -> dict[str, Category]:
    categories = {}
    for order, (code, (name, needs_approval, colour, public, _share)) in enumerate(
        CATEGORIES.items()
    ):
        categories[code], _ = Category.objects.update_or_create(
            forum=forum,
            code=code,
            defaults={
                "name": name,
                "needs_approval": needs_approval,
                "colour": colour,
                "is_public": public,
                "order": order,
            },
        )
    for order, (code, kind, label, options, required) in enumerate(QUESTIONS):
        Question.objects.update_or_create(
            forum=forum,
            code=code,
            defaults={
                "kind": kind,
                "label": label,
                "options": options,
                "required": required,
                "order": order,
            },
        )
    return categories


# Seats on the coaches of a site visit (a session without a room); invented for the demo.
VISIT_SEATS = 120


def _capacities(forum: Forum) -> dict[int, SessionCapacity]:
    """Sessions get their room's seats (the main hall's 2,200); visits get coach seats."""
    caps = {}
    for session in Session.objects.filter(forum=forum).select_related("room"):
        seats = session.room.capacity if session.room else VISIT_SEATS
        if seats is not None:
            caps[session.pk], _ = SessionCapacity.objects.get_or_create(
                session=session, defaults={"capacity": seats}
            )
    return caps


@seed_step(40, "participants")
def seed_participants(forum: Forum) -> str:
    categories = _categories(forum)
    caps = _capacities(forum)
    existing = Participant.objects.filter(forum=forum, source=Participant.Source.SEED).count()
    if existing:
        return f"{len(categories)} categories, {existing} participants (already there)"
    rng = random.Random(2018)
    sessions = list(Session.objects.filter(forum=forum).order_by("start", "pk"))
    countries = list(COUNTRY_WEIGHTS)
    orgs: dict[str, list[Organization]] = defaultdict(list)
    for org in Organization.objects.filter(forum=forum):
        orgs[org.country].append(org)
    category_codes = [c for c in CATEGORIES if c != "staff"] + ["staff"]
    category_weights = [CATEGORIES[c][4] for c in category_codes]
    # The foundation's seed finds its named people by Latin name: never invent a namesake.
    taken_names = set(Person.objects.filter(forum=forum).values_list("name_latin", flat=True))
    with transaction.atomic():
        people, participants = [], []
        for n in range(settings.INFOHARBOR_SEED_PARTICIPANTS):
            country = rng.choices(countries, weights=list(COUNTRY_WEIGHTS.values()))[0]
            own, latin = _name(rng, country)
            while latin in taken_names:
                own, latin = _name(rng, country)
            org_pool = orgs.get(country) or []
            people.append(
                Person(
                    forum=forum,
                    name=own,
                    name_latin=latin if latin != own else "",
                    organization=rng.choice(org_pool) if org_pool and rng.random() < 0.6 else None,
                    country=country,
                    email=f"guest{n + 1:04d}@example.org",
                    synthetic=True,
                )
            )
        Person.objects.bulk_create(people)
        for person in people:
            category = categories[rng.choices(category_codes, weights=category_weights)[0]]
            status = (
                rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
                if category.needs_approval
                else Participant.Status.APPROVED
            )
            participants.append(
                Participant(
                    forum=forum,
                    person=person,
                    category=category,
                    status=status,
                    language=LANGUAGES[person.country],
                    source=Participant.Source.SEED,
                    email_key=normalise_email(person.email),
                )
            )
        Participant.objects.bulk_create(participants)
        delegations = _delegations(forum, rng, participants)
        choices = _choices(rng, participants, sessions, caps)
    return (
        f"{len(categories)} categories, {len(participants)} synthetic participants, "
        f"{delegations} delegations, {choices} session choices"
    )


def _delegations(forum: Forum, rng: random.Random, participants: list[Participant]) -> int:
    """One official delegation per ASEAN country, headed by one of its official delegates."""
    officials: dict[str, list[Participant]] = defaultdict(list)
    for p in participants:
        if p.category.code == "official" and p.person.country != "CN":
            officials[p.person.country].append(p)
    count = 0
    for country, members in sorted(officials.items()):
        delegation = Delegation.objects.create(
            forum=forum, name=f"Official delegation {country}", country=country, head=members[0]
        )
        Participant.objects.filter(pk__in=[m.pk for m in members]).update(delegation=delegation)
        count += 1
    return count


def _choices(
    rng: random.Random,
    participants: list[Participant],
    sessions: list[Session],
    caps: dict[int, SessionCapacity],
) -> int:
    """Seats in registration order while they last, then the waiting list, as the service does."""
    taken: dict[int, int] = defaultdict(int)
    queued: dict[int, int] = defaultdict(int)
    rows = []
    for participant in participants:
        if not participant.is_active or not sessions:
            continue
        for session in rng.sample(sessions, k=min(len(sessions), rng.randint(1, 4))):
            cap = caps.get(session.pk)
            if cap is None or taken[session.pk] < cap.capacity:
                taken[session.pk] += 1
                rows.append(SessionChoice(participant=participant, session=session, status="seat"))
            else:
                queued[session.pk] += 1
                rows.append(
                    SessionChoice(
                        participant=participant,
                        session=session,
                        status="waiting",
                        queue_number=queued[session.pk],
                    )
                )
    SessionChoice.objects.bulk_create(rows)
    for session_id, cap in caps.items():
        SessionCapacity.objects.filter(pk=cap.pk).update(
            seats_taken=taken[session_id], queue_counter=queued[session_id]
        )
    return len(rows)
