"""Search: every result set is compared with a full scan of the same data (`reference_search`)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Q

from infoharbor.core import search
from infoharbor.core.models import Organization, Person, SearchEntry
from infoharbor.core.translated import TranslatedText
from infoharbor.program.models import Session
from tests.factories import (
    make_city,
    make_forum,
    make_person,
    make_session,
    text,
)

pytestmark = pytest.mark.integration

# The reference rule, written plainly: runs of unspaced letters must occur in the folded text;
# other words must begin a word of it.
UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua9e0-\ua9ff\uaa60-\uaa7f\uf900-\ufaff\U00020000-\U0003134f"
)
RUNS = re.compile(f"[{UNSPACED}]+")
WORDS = re.compile(r"[^\W_]+")


def _word_char(char):
    return bool(WORDS.fullmatch(char)) and not RUNS.fullmatch(char)


def reference_matches(query, original):
    q, t = search.fold(query), search.fold(original)
    for run in RUNS.findall(q):
        if run not in t:
            return False
    for word in WORDS.findall(RUNS.sub(" ", q)):
        starts = [m.start() for m in re.finditer(re.escape(word), t)]
        if not any(i == 0 or not _word_char(t[i - 1]) for i in starts):
            return False
    return True


def _values(value):
    return list(value.data.values()) if hasattr(value, "data") else [value]


def reference_search(forum, query):
    """A full scan of the forum's public sessions, speakers and published organizations."""
    found = set()
    for session in Session.objects.filter(forum=forum):
        if reference_matches(
            query, "\n".join(_values(session.title) + _values(session.description))
        ):
            found.add(("session", session.slug))
    for person in Person.objects.filter(forum=forum, session_roles__isnull=False).distinct():
        fields = [
            person.name,
            person.name_latin,
            *_values(person.honorific),
            *_values(person.position),
        ]
        if reference_matches(query, "\n".join(fields)):
            found.add(("person", person.public_id))
    published = (
        Q(hosted_sessions__isnull=False)
        | Q(people__session_roles__isnull=False)
        | Q(project_parties__isnull=False)
    )
    for org in Organization.objects.filter(published, forum=forum).distinct():
        if reference_matches(query, "\n".join([*_values(org.name), org.short_name])):
            found.add(("organization", str(org.pk)))
    return found


def found(forum, query):
    return {
        (hit.kind, hit.key if hit.key is not None else str(hit.obj.pk))
        for hit in search.search(forum, query).hits
    }


# Unit: folding and tokens ---------------------------------------------------------------------


@pytest.mark.unit
def test_fold_removes_accents_and_folds_vietnamese_d():
    assert search.fold("ĐẶNG VĂN LÂM") == "dang van lam"
    assert search.fold("Thành phố thông minh") == "thanh pho thong minh"
    assert search.fold("Straße ＡＩ") == "strasse ai"


@pytest.mark.unit
def test_fold_keeps_thai_lao_khmer_burmese_signs():
    for word in ["อัจฉริยะ", "ເສດຖະກິດ", "ប្រជុំ", "မြန်မာ", "中国"]:
        assert search.fold(word) == word.replace("ำ", "ํา")


@pytest.mark.unit
def test_split_terms_keeps_latin_apart_from_chinese():
    assert search.split_terms("ai研究院 2018年, thong-minh") == search.Terms(
        words=("ai", "2018", "thong", "minh"), runs=("研究院", "年")
    )


@pytest.mark.unit
def test_index_tokens_characters_and_pairs_as_ascii():
    assert search.index_tokens("AI 中国") == "ai u4e2d u56fd u4e2du56fd"


@pytest.mark.unit
def test_query_tokens_pairs_of_runs_and_word_prefixes():
    terms = search.parse_query("东盟 Hua")
    assert search.query_tokens(terms) == [("hua", True), ("u4e1cu76df", False)]


@pytest.mark.unit
def test_query_tokens_are_bounded():
    terms = search.parse_query("中华人民共和国国务院新闻办公室发布会")
    assert len(search.query_tokens(terms)) == search.MAX_QUERY_TOKENS


@pytest.mark.unit
def test_parse_query_refuses_overlong_text():
    with pytest.raises(search.SearchQueryError) as error:
        search.parse_query("中" * (search.MAX_QUERY_CHARS + 1))
    assert error.value.message_dict == {"q": ["Search for at most 100 characters."]}


# Database: the index against the full scan ---------------------------------------------------

QUERIES = [
    "中国",
    "东盟",
    "中国—东盟",
    "国",
    "数字经济",
    "อัจฉริยะ",
    "เมือง",
    "thong minh",
    "thông",
    "đặng",
    "ĐẶNG VĂN LÂM",
    "dang van",
    "AI研究院",
    "ai",
    "研究",
    "ເສດຖະກິດ",
    "ប្រជុំ",
    "မြန်မာ",
    "huawei",
    "minh thong",
    "zzz",
    "人工智能",
]


def _session(forum, city, slug, speakers=(), description="", **titles):
    session = make_session(forum, city, slug=slug, speakers=list(speakers))
    session.title = TranslatedText(titles)
    session.description = TranslatedText({"zh-hans": description})
    session.save()
    return session


def _organization(forum, short_name="", hosts=None, **names):
    org = Organization.objects.create(
        forum=forum,
        name=TranslatedText(names),
        short_name=short_name,
        kind="academic",
        country="CN",
    )
    if hosts is not None:
        hosts.hosts.add(org)
    return org


@pytest.fixture
def mixed_forum(db):
    forum = make_forum()
    city = make_city()
    lam = make_person(forum, name="ĐẶNG VĂN LÂM", name_latin="Dang Van Lam")
    somchai = make_person(
        forum,
        name="สมชาย ใจดี",
        name_latin="Somchai Jaidee",
        position=text("Director", th="ผู้อำนวยการ"),
    )
    make_person(forum, name="Đặng Thị Hoa", name_latin="Dang Thi Hoa", email="hoa@example.com")
    _session(
        forum,
        city,
        "digital-economy",
        [lam],
        description="第三届中国—东盟信息港论坛数字经济合作分论坛",
        en="Digital economy sub-forum",
    )
    _session(
        forum,
        city,
        "smart-cities",
        [somchai],
        en="Smart cities",
        th="การประชุมเมืองอัจฉริยะและเศรษฐกิจดิจิทัล",
        vi="Thành phố thông minh",
    )
    hosted = _session(forum, city, "thong-tin", vi="Thông tin và truyền thông")
    _session(forum, city, "decoy-zh", **{"zh-hans": "中 国 国中 东 盟 人工 智能"})
    _session(forum, city, "lao", lo="ອາຊຽນ ເສດຖະກິດ ດິຈິຕອນ")
    _session(forum, city, "khmer", km="កិច្ចប្រជុំកំពូល")
    _session(forum, city, "burmese", my="မြန်မာနိုင်ငံ ဒစ်ဂျစ်တယ်")
    _organization(forum, hosts=hosted, en="AI Research Institute", **{"zh-hans": "AI研究院"})
    _organization(forum, hosts=hosted, en="OpenAI Institute", **{"zh-hans": "OpenAI研究院"})
    _organization(forum, hosts=hosted, short_name="Huawei", en="Huawei Technologies", th="หัวเว่ย")
    _organization(forum, hosts=hosted, en="China-ASEAN Centre", **{"zh-hans": "中国—东盟中心"})
    # Typed by a participant, named in nothing published: never found.
    _organization(forum, en="China Registrant Trading", **{"zh-hans": "中国注册贸易公司"})
    return forum


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES)
def test_search_equals_full_scan(mixed_forum, query):
    assert found(mixed_forum, query) == reference_search(mixed_forum, query)


@pytest.mark.django_db
def test_search_finds_what_the_issue_requires(mixed_forum):
    org = {o.name.get("en"): str(o.pk) for o in Organization.objects.filter(forum=mixed_forum)}
    lam = Person.objects.get(name="ĐẶNG VĂN LÂM").public_id
    assert found(mixed_forum, "中国") == {
        ("session", "digital-economy"),
        ("organization", org["China-ASEAN Centre"]),
    }
    assert found(mixed_forum, "东盟") == found(mixed_forum, "中国")
    assert found(mixed_forum, "อัจฉริยะ") == {("session", "smart-cities")}
    assert found(mixed_forum, "thong minh") == {("session", "smart-cities")}
    assert found(mixed_forum, "đặng") == {("person", lam)}
    assert found(mixed_forum, "AI研究院") == {("organization", org["AI Research Institute"])}
    assert found(mixed_forum, "ເສດຖະກິດ") == {("session", "lao")}
    assert found(mixed_forum, "ប្រជុំ") == {("session", "khmer")}
    assert found(mixed_forum, "မြန်မာ") == {("session", "burmese")}


@pytest.mark.django_db
def test_search_never_shows_people_who_do_not_speak(mixed_forum):
    hoa = Person.objects.get(name="Đặng Thị Hoa")
    assert ("person", hoa.public_id) not in found(mixed_forum, "Hoa")
    assert found(mixed_forum, "hoa@example.com") == set()


@pytest.mark.django_db
def test_search_stays_within_the_forum(mixed_forum):
    other = make_forum()
    _session(other, make_city(), "elsewhere", **{"zh-hans": "中国东盟"})
    assert ("session", "elsewhere") not in found(mixed_forum, "中国")
    assert found(other, "中国") == {("session", "elsewhere")}


@pytest.mark.django_db
def test_search_ranks_title_matches_first():
    forum = make_forum()
    city = make_city()
    _session(forum, city, "expo", **{"zh-hans": "中国—东盟博览会开幕式"})
    described = _session(forum, city, "described", en="Opening", description="东盟")
    _organization(forum, hosts=described, **{"zh-hans": "东盟秘书处"})
    hits = search.search(forum, "东盟").hits
    assert [str(h.title.get("zh-hans")) for h in hits] == [
        "东盟秘书处",
        "中国—东盟博览会开幕式",
        "Opening",
    ]


@pytest.mark.django_db
def test_search_exact_title_ranks_above_longer_titles():
    forum = make_forum()
    hosted = _session(forum, make_city(), "hosted", en="Opening")
    _organization(forum, hosts=hosted, en="Huawei Cloud")
    _organization(forum, hosts=hosted, en="Huawei")
    _organization(forum, hosts=hosted, en="Cloud of Huawei")
    hits = search.search(forum, "huawei").hits
    assert [h.title.get("en") for h in hits] == ["Huawei", "Huawei Cloud", "Cloud of Huawei"]


@pytest.mark.django_db
def test_index_follows_saves_and_deletes(mixed_forum):
    session = Session.objects.get(forum=mixed_forum, slug="thong-tin")
    session.title = TranslatedText({"zh-hans": "跨境电商"})
    session.save()
    assert found(mixed_forum, "电商") == {("session", "thong-tin")}
    assert found(mixed_forum, "thong tin") == set()
    session.delete()
    assert found(mixed_forum, "电商") == set()
    assert not SearchEntry.objects.filter(object_type="program.session", object_key=str(session.pk))


@pytest.mark.django_db
def test_rebuild_search_index_command_restores_the_index(mixed_forum):
    before = {q: found(mixed_forum, q) for q in QUERIES}
    SearchEntry.objects.all().delete()
    assert found(mixed_forum, "中国") == set()
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert {q: found(mixed_forum, q) for q in QUERIES} == before


@pytest.mark.django_db
def test_search_bounds_very_common_pairs():
    forum = make_forum()
    Organization.objects.bulk_create(
        Organization(
            forum=forum, name=TranslatedText({"zh-hans": f"中国机构{n}"}), kind="fund", country="CN"
        )
        for n in range(search.MATCH_CAP + 10)
    )
    hosted = _session(forum, make_city(), "hosted", en="Opening")
    hosted.hosts.add(*Organization.objects.filter(forum=forum))
    search.reindex(forum)
    results = search.search(forum, "中国")
    assert results.truncated is True
    assert len(results.hits) == search.RESULT_LIMIT
    assert search.search(forum, "机构1").truncated is False


@pytest.mark.django_db
def test_search_of_nothing_finds_nothing(mixed_forum):
    assert search.search(mixed_forum, " — ").hits == []


@pytest.mark.django_db
def test_whole_words_rank_first_lao_before_cloud():
    forum = make_forum()
    city = make_city()
    # Older entries first: index order alone would put "cloud" first.
    _session(forum, city, "cloud", th="บริการคลาวด์อัจฉริยะ")
    _session(forum, city, "cloud-2", th="คลาวด์")
    _session(forum, city, "laos", th="ความร่วมมือกับประเทศลาว")
    _session(forum, city, "laos-body", th="ท่าเรือ", description="ลาว")
    hits = search.search(forum, "ลาว").hits
    assert [h.obj.slug for h in hits] == ["laos", "laos-body", "cloud-2", "cloud"]


@pytest.mark.django_db
def test_whole_latin_words_rank_before_word_beginnings():
    forum = make_forum()
    city = make_city()
    _session(forum, city, "ports", en="Portsmouth exchange")
    _session(forum, city, "port", en="Smart port exchange")
    hits = search.search(forum, "port").hits
    assert [h.obj.slug for h in hits] == ["port", "ports"]


@pytest.mark.django_db
def test_results_come_in_pages_with_their_total():
    forum = make_forum()
    Organization.objects.bulk_create(
        Organization(forum=forum, name=TranslatedText({"en": f"Harbor {n:03}"}), kind="fund")
        for n in range(120)
    )
    hosted = _session(forum, make_city(), "hosted", en="Opening")
    hosted.hosts.add(*Organization.objects.filter(forum=forum))
    search.reindex(forum)
    first = search.search(forum, "harbor")
    assert (first.total, first.page, first.pages, len(first.hits)) == (120, 1, 3, 50)
    last = search.search(forum, "harbor", page=3)
    assert [h.title.get("en") for h in last.hits] == [f"Harbor {n}" for n in range(100, 120)]
    assert last.first == 101
    assert search.search(forum, "harbor", page=9).page == 3
    pages = [search.search(forum, "harbor", page=p).hits for p in (1, 2, 3)]
    assert [h.title.get("en") for hits in pages for h in hits] == [
        f"Harbor {n:03}" for n in range(120)
    ]
