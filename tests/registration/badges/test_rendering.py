import icu
import pytest
from django.core.exceptions import ValidationError

from infoharbor.core.textbreak import ZWSP
from infoharbor.registration.badges import rendering as badges
from infoharbor.registration.models import BadgeLayout, Delegation
from tests.factories import (
    make_approved_participant,
    make_category,
    make_forum,
    make_participant,
    text,
)
from tests.registration.badges.badge_pdf import blocks, font_names, page_size, qr_text, render

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

# The fonts every badge carries: Noto Sans for the Latin name, category and country, and the
# monospaced badge code.
LATIN_FONTS = {"Noto-Sans", "Noto-Sans-Bold", "DejaVu-Sans-Mono"}

SCRIPTS = [
    ("th", "ประยุทธ์ จันทร์โอชา", "Prayut Chan-o-cha", "TH", "Noto-Sans-Thai-Bold"),
    ("zh", "王晓明", "Wang Xiaoming", "CN", "Noto-Sans-CJK-SC-Bold"),
    ("km", "ហ៊ុន ម៉ាណែត", "Hun Manet", "KH", "Noto-Sans-Khmer-Bold"),
    ("lo", "ສົມພອນ ພົມວິຫານ", "Somphone Phomvihane", "LA", "Noto-Sans-Lao-Bold"),
    ("my", "အောင်ဆန်းစုကြည်", "Aung San Suu Kyi", "MM", "Noto-Sans-Myanmar-Bold"),
    ("vi", "Nguyễn Thị Minh Khai", "Nguyen Thi Minh Khai", "VN", None),
]


@pytest.fixture
def forum():
    return make_forum(default_language="en", languages=["en"])


@pytest.fixture
def category(forum):
    return make_category(forum, code="delegate", name=text("Official delegate"), colour="#B21F1F")


def _badge(tmp_path, participant):
    path = tmp_path / "badge.pdf"
    path.write_bytes(badges.badge_pdf(participant))
    return path


def _squeeze(value):
    # pdftotext writes the U+200B line-break marks of Khmer and Burmese as spaces.
    return "".join(value.split()).replace(ZWSP, "")


@pytest.mark.parametrize(("script", "name", "latin", "country", "font"), SCRIPTS)
def test_badge_shows_name_in_own_script(tmp_path, category, script, name, latin, country, font):
    participant = make_approved_participant(category, name=name, name_latin=latin, country=country)
    pdf = _badge(tmp_path, participant)

    texts = [block.text for block in blocks(pdf)]
    name_block = next(b for b in blocks(pdf) if _squeeze(b.text) == _squeeze(name))
    assert _squeeze(latin) in texts
    assert font_names(pdf) == LATIN_FONTS | ({font} if font else set())
    image = render(pdf)
    assert image.dark_share(name_block.box) > 0.05
    token = qr_text(image)
    assert token == badges.badge_token(participant)
    assert badges.badge_code_from(token) == participant.badge_code


def test_badge_shows_category_organization_and_country(tmp_path, forum, category):
    participant = make_approved_participant(
        category, name="Siti Nurhaliza", name_latin="Siti Nurhaliza", country="MY"
    )
    texts = [block.text for block in blocks(_badge(tmp_path, participant))]
    assert texts[0] == "OFFICIALDELEGATE"
    assert "Malaysia" in texts
    assert participant.badge_code in texts
    assert texts.count("SitiNurhaliza") == 1  # the Latin name is left out when it is the same


def _word_boundaries(name, language):
    breaker = icu.BreakIterator.createWordInstance(icu.Locale(language))
    breaker.setText(name)
    return set(breaker)


def test_long_thai_name_wraps_at_word_boundaries(tmp_path, forum, category):
    BadgeLayout.objects.create(forum=forum, size=BadgeLayout.Size.CARD)
    name = "สมเด็จพระเจ้าลูกเธอเจ้าฟ้าจุฬาภรณวลัยลักษณ์อัครราชกุมารี"  # no spaces at all
    participant = make_approved_participant(category, name=name, name_latin="Chulabhorn")
    pdf = _badge(tmp_path, participant)

    name_block = next(b for b in blocks(pdf) if _squeeze(b.text) == name)
    assert len(name_block.lines) >= 2
    ends = {len("".join(name_block.lines[: i + 1])) for i in range(len(name_block.lines) - 1)}
    assert ends <= _word_boundaries(name, "th")


def test_long_khmer_name_wraps_at_a_word_boundary(tmp_path, forum, category):
    BadgeLayout.objects.create(forum=forum, size=BadgeLayout.Size.CARD)
    # "Kingdom of Cambodia, Nation, Religion, King": no spaces, so only U+200B lets it wrap.
    name = "ព្រះរាជាណាចក្រកម្ពុជាជាតិសាសនាព្រះមហាក្សត្រ"
    participant = make_approved_participant(category, name=name, name_latin="Khmer Motto")
    pdf = _badge(tmp_path, participant)

    # pdftotext reorders Khmer subscripts, so the lines are not compared whole: the second line
    # must begin with the word after one of ICU's boundaries.
    _first, second = next(b for b in blocks(pdf) if b.text.startswith("ព្រះរាជា")).lines
    starts = {name[b : b + 5] for b in _word_boundaries(name, "km") if 0 < b < len(name)}
    assert second[:5] in starts


def test_card_layout_prints_credit_card_pages(tmp_path, forum, category):
    BadgeLayout.objects.create(forum=forum, size=BadgeLayout.Size.CARD)
    participant = make_approved_participant(category, name="张伟", name_latin="Zhang Wei")
    pdf = _badge(tmp_path, participant)
    assert page_size(pdf) == (54.0, 85.6)
    assert qr_text(render(pdf, dpi=300)) == badges.badge_token(participant)


def test_a6_is_the_default_size(tmp_path, category):
    participant = make_approved_participant(category, name="张伟", name_latin="Zhang Wei")
    assert page_size(_badge(tmp_path, participant)) == (105.0, 148.0)


def test_layout_fields_choose_what_is_printed(tmp_path, forum, category):
    BadgeLayout.objects.create(forum=forum, fields=["name", "qr"])
    participant = make_approved_participant(category, name="张伟", name_latin="Zhang Wei")
    texts = [block.text for block in blocks(_badge(tmp_path, participant))]
    assert texts == ["张伟", participant.badge_code]


@pytest.mark.unit
def test_forged_token_gives_no_badge_code():
    token = "fE3zPzLq0nDmvSgE1qD8bQ:" + "A" * 43
    assert badges.badge_code_from(token) is None


def test_token_of_one_badge_cannot_carry_another_code(category):
    one, other = make_participant(category), make_participant(category)
    _code, signature = badges.badge_token(one).split(":")
    assert badges.badge_code_from(f"{other.badge_code}:{signature}") is None
    assert badges.badge_code_from(badges.badge_token(other)) == other.badge_code


LAO_DELEGATE = text("Official delegate", lo="ຜູ້ແທນທາງການ", zh_hans="官方代表")


def _lao_delegate(**layout):
    forum = make_forum(default_language="zh-hans", languages=["zh-hans", "en", "lo"])
    if layout:
        BadgeLayout.objects.create(forum=forum, **layout)
    category = make_category(forum, code="delegate", name=LAO_DELEGATE, colour="#B21F1F")
    return make_approved_participant(
        category, name="ສົມພອນ ພົມວິຫານ", name_latin="Somphone Phomvihane", country="LA", language="lo"
    )


def test_lao_delegates_badge_prints_category_and_country_in_lao(tmp_path):
    pdf = _badge(tmp_path, _lao_delegate())
    found = blocks(pdf)
    texts = [block.text for block in found]
    assert texts[0] == "ຜູ້ແທນທາງການ"
    assert "ລາວ" in texts
    assert not {"官方代表", "OFFICIALDELEGATE", "老挝", "Laos"} & set(texts)
    image = render(pdf)
    for wanted in ("ຜູ້ແທນທາງການ", "ລາວ"):
        box = next(b for b in found if b.text == wanted).box
        # The Lao glyphs are drawn: the category in white on its band, the country in grey.
        assert 0.02 < image.dark_share(box) < 0.98
    assert "Noto-Sans-Lao-Bold" in font_names(pdf)


def test_badge_languages_of_the_layout_print_each_in_turn(tmp_path):
    pdf = _badge(tmp_path, _lao_delegate(languages=["participant", "zh-hans"]))
    texts = [block.text for block in blocks(pdf)]
    assert texts[0] == "ຜູ້ແທນທາງການ官方代表"
    assert "ລາວ老挝" in texts


def test_badge_in_chinese_and_english_whatever_the_participant_reads(tmp_path):
    texts = [b.text for b in blocks(_badge(tmp_path, _lao_delegate(languages=["zh-hans", "en"])))]
    assert texts[0] == "官方代表OFFICIALDELEGATE"
    assert "老挝Laos" in texts


def test_delegation_prints_in_the_badge_languages(tmp_path):
    participant = _lao_delegate(languages=["participant", "zh-hans"], fields=["delegation", "qr"])
    participant.delegation = Delegation.objects.create(
        forum=participant.forum,
        name=text("Lao delegation", lo="ຄະນະຜູ້ແທນລາວ", zh_hans="老挝代表团"),
        country="LA",
    )
    participant.save(update_fields=["delegation"])
    texts = [block.text for block in blocks(_badge(tmp_path, participant))]
    assert texts[0] == "ຄະນະຜູ້ແທນລາວ老挝代表团"
    assert "Lao delegation" not in texts


@pytest.mark.unit
def test_badge_languages_must_be_known():
    layout = BadgeLayout(languages=["participant", "xx"])
    with pytest.raises(ValidationError) as error:
        layout.clean()
    assert list(error.value.message_dict) == ["languages"]
