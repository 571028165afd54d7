"""Search in unspaced scripts: the token index against a full scan, on 200,000 records.

Half the records are Thai, half Chinese (deterministic seed); queries are two characters long,
common and rare. Both ways must return exactly the same matches (the first `MATCH_CAP` in index
order). Runs on SQLite, or on PostgreSQL when DATABASE_URL is set, in a throwaway database.
Prints one line: the index time, the full-scan time, and their ratio.
"""

from __future__ import annotations

import os
import random
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infoharbor.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from infoharbor.core import search  # noqa: E402
from infoharbor.core.models import Forum, Organization, SearchEntry  # noqa: E402
from infoharbor.core.translated import TranslatedText  # noqa: E402

RECORDS = 200_000
SEED = 20180911
CHINESE = [
    "中国",
    "东盟",
    "信息",
    "港",
    "论坛",
    "数字",
    "经济",
    "合作",
    "丝绸之路",
    "网络",
    "基础设施",
    "技术",
    "交流",
    "人文",
    "共享",
    "智慧",
    "城市",
    "跨境",
    "电商",
    "物流",
    "云计算",
    "大数据",
    "人工智能",
    "广西",
    "南宁",
    "北海",
    "桂林",
    "泰国",
    "越南",
    "老挝",
    "柬埔寨",
    "缅甸",
    "马来西亚",
    "印度尼西亚",
    "菲律宾",
    "新加坡",
    "文莱",
    "企业",
    "大学",
    "研究院",
    "协会",
    "基金",
    "媒体",
    "政府",
    "项目",
    "签约",
    "投资",
    "框架",
    "协议",
]
THAI = [
    "การ",
    "ประชุม",
    "เมือง",
    "อัจฉริยะ",
    "เศรษฐกิจ",
    "ดิจิทัล",
    "ความร่วมมือ",
    "ระหว่าง",
    "ประเทศ",
    "ไทย",
    "จีน",
    "อาเซียน",
    "ข้อมูล",
    "เครือข่าย",
    "โครงสร้าง",
    "พื้นฐาน",
    "เทคโนโลยี",
    "นวัตกรรม",
    "มหาวิทยาลัย",
    "สถาบัน",
    "วิจัย",
    "บริษัท",
    "จำกัด",
    "สำนักงาน",
    "ส่งเสริม",
    "การค้า",
    "การลงทุน",
    "โลจิสติกส์",
    "ท่องเที่ยว",
    "วัฒนธรรม",
    "แลกเปลี่ยน",
    "บุคลากร",
    "กระทรวง",
    "พาณิชย์",
    "อุตสาหกรรม",
    "พลังงาน",
    "สื่อสาร",
    "โทรคมนาคม",
    "ดาวเทียม",
]
QUERIES = ["中国", "东盟", "智能", "港泰", "协议", "框投", "การ", "ไท", "ดิ", "ยจ", "ลง", "มส"]


def records(rng: random.Random) -> list[tuple[str, str]]:
    half = RECORDS // 2
    chinese = ["".join(rng.choices(CHINESE, k=rng.randint(3, 7))) for _ in range(half)]
    thai = ["".join(rng.choices(THAI, k=rng.randint(3, 7))) for _ in range(half)]
    return [("zh-hans", t) for t in chinese] + [("th", t) for t in thai]


def load(forum: Forum) -> None:
    rng = random.Random(SEED)
    data = records(rng)
    rng.shuffle(data)
    Organization.objects.bulk_create(
        (
            Organization(
                forum=forum, name=TranslatedText({lang: name}), kind="enterprise", country="CN"
            )
            for lang, name in data
        ),
        batch_size=5000,
    )
    search.reindex(forum, batch_size=5000)


def full_scan(forum: Forum, terms: search.Terms) -> list[int]:
    """Every entry in id order, each tested against the same rule, until MATCH_CAP matches."""
    found = []
    rows = SearchEntry.objects.filter(forum=forum).order_by("id").values_list("id", "text")
    for pk, text in rows.iterator(chunk_size=5000):
        if search.matches(terms, text):
            found.append(pk)
            if len(found) == search.MATCH_CAP:
                break
    return found


def best_of(runs: int, func, *args):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = func(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    settings = connection.settings_dict
    settings.setdefault("TEST", {})
    if connection.vendor == "postgresql":
        settings["TEST"]["NAME"] = f"bench_search_{settings['NAME']}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        forum = Forum.objects.create(
            slug="bench",
            name=TranslatedText("Bench"),
            start_date="2018-09-11",
            end_date="2018-09-18",
        )
        load(forum)
        index_total = scan_total = 0.0
        matched = 0
        for query in QUERIES:
            terms = search.parse_query(query)
            index_time, (entries, _more) = best_of(3, search.matching_entries, forum, terms)
            scan_time, scanned = best_of(1, full_scan, forum, terms)
            assert [match.pk for match in entries] == scanned, query
            matched += len(scanned)
            index_total += index_time
            scan_total += scan_time
        n = len(QUERIES)
        print(
            f"search ({connection.vendor}, {RECORDS:,} records, {n} two-character queries, "
            f"{matched:,} matches, identical): index {index_total / n * 1000:.1f} ms/query, "
            f"full scan {scan_total / n * 1000:.1f} ms/query, "
            f"{scan_total / index_total:.0f}x faster"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
