import unicodedata

import pytest

from infoharbor.core.textbreak import ZWSP, mark_word_breaks

pytestmark = pytest.mark.unit


def test_mark_word_breaks_thai_organisation_name():
    assert mark_word_breaks("สำนักงานส่งเสริมเศรษฐกิจดิจิทัล") == ZWSP.join(
        ["สำนักงาน", "ส่ง", "เสริม", "เศรษฐกิจ", "ดิจิทัล"]
    )


def test_mark_word_breaks_khmer_keeps_coeng_clusters_whole():
    assert mark_word_breaks("ព្រះរាជាណាចក្រកម្ពុជា") == f"ព្រះរាជាណាចក្រ{ZWSP}កម្ពុជា"


def test_mark_word_breaks_lao_only_inside_runs():
    assert mark_word_breaks("ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ") == (
        f"ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນ{ZWSP}ລາວ"
    )


def test_mark_word_breaks_burmese():
    assert mark_word_breaks("မြန်မာနိုင်ငံတော်") == f"မြန်မာနိုင်ငံ{ZWSP}တော်"


def test_mark_word_breaks_never_next_to_latin_or_spaces():
    assert mark_word_breaks("Huawei หัวเว่ย (ไทย)") == f"Huawei หัว{ZWSP}เว่ย (ไทย)"


def test_mark_word_breaks_leaves_other_scripts_alone():
    assert mark_word_breaks("中国东盟 ASEAN Việt Nam") == "中国东盟 ASEAN Việt Nam"


def test_mark_word_breaks_counts_beyond_the_basic_plane():
    # 𠀀 takes two UTF-16 units in ICU's offsets; the Thai boundary after it stays in place.
    assert mark_word_breaks("𠀀 สำนักงานส่งเสริม") == f"𠀀 สำนักงาน{ZWSP}ส่ง{ZWSP}เสริม"


def test_mark_word_breaks_every_break_is_a_cluster_boundary():
    text = "กรุงเทพมหานครอมรรัตนโกสินทร์มหินทรายุธยา"
    marked = mark_word_breaks(text)
    assert marked.replace(ZWSP, "") == text
    for piece in marked.split(ZWSP):
        # No piece starts with a combining vowel or tone mark (category Mn).
        assert unicodedata.category(piece[0]) != "Mn", piece
