"""The printed documents read back: text (pdftotext), fonts (pdffonts) and pixels (pdftoppm)."""

import subprocess

import pytest

from infoharbor.core.translated import forum_fallback
from infoharbor.protocol import rendering, services
from infoharbor.protocol.models import SeatingPlan, SeatingTable
from tests.factories import text
from tests.protocol.conftest import NAMES
from tests.registration.badges.badge_pdf import blocks, font_names, page_count, page_size, render

pytestmark = pytest.mark.integration

SCRIPT_FONTS = {
    "Noto-Sans-Thai",
    "Noto-Sans-Khmer",
    "Noto-Sans-Lao",
    "Noto-Sans-Myanmar",
    "Noto-Sans-CJK-SC",
}


def _text(pdf):
    pages = range(1, page_count(pdf) + 1)
    return "".join(b.text for page in pages for b in blocks(pdf, page)).replace("\u200b", "")


def _families(pdf):
    return {name.removesuffix("-Bold") for name in font_names(pdf)}


def test_run_sheet_pdf_shapes_every_script(ceremony, tmp_path):
    pdf = tmp_path / "run-sheet.pdf"
    pdf.write_bytes(rendering.run_sheet_pdf(ceremony["run_sheet"], ["th"]))
    content = _text(pdf)
    for name, latin, _country in NAMES:
        assert name.replace(" ", "") in content, name
        assert latin.replace(" ", "") in content
    assert "ท่าเรืออัจฉริยะ1" in content
    assert "15:40–15:51" in content
    assert "16:13–16:18" in content
    assert _families(pdf) >= SCRIPT_FONTS
    image = render(pdf, dpi=60)
    assert image.dark_share((0, 0, 595, 842)) > 0.005


def test_name_cards_print_each_name_twice_one_half_upside_down(ceremony, tmp_path):
    pdf = tmp_path / "name-cards.pdf"
    pdf.write_bytes(rendering.name_cards_pdf(ceremony["run_sheet"]))
    assert page_count(pdf) == 6
    assert page_size(pdf) == (297.0, 105.0)
    assert _families(pdf) >= SCRIPT_FONTS
    in_order = [NAMES[i] for i in (1, 0, 2, 3, 4, 5)]  # signatories as the run sheet names them
    for page, (name, latin, _country) in enumerate(in_order, start=1):
        found = [b.text.replace("\u200b", "") for b in blocks(pdf, page)]
        # The name on each half: pdftotext reads the upside-down one too (in pieces, for the
        # own script, so that one is checked on the upright half).
        assert found.count(latin.replace(" ", "")) == 2, found
        assert name.replace(" ", "") in "".join(found), found
        # Both halves (each 148.5 mm = 421 pt wide) carry ink.
        image = render(pdf, page, dpi=50)
        assert image.dark_share((10, 10, 410, 290)) > 0.003
        assert image.dark_share((431, 10, 831, 290)) > 0.003


def test_announcements_pdf_in_khmer(ceremony, tmp_path):
    pdf = tmp_path / "announcements.pdf"
    pdf.write_bytes(rendering.announcements_pdf(ceremony["run_sheet"], "km"))
    assert "Smartport1" in _text(pdf)


def test_seating_pdf_and_table_cards(ceremony, tmp_path):
    forum = ceremony["forum"]
    plan = SeatingPlan.objects.create(forum=forum, name=text("Banquet"), width=20, depth=12)
    SeatingTable.objects.create(plan=plan, label="H", shape="head", seats=4, x=10, y=3)
    SeatingTable.objects.create(plan=plan, label="1", shape="round", seats=6, x=10, y=8, order=1)
    services.compute_seating(None, plan, ceremony["people"])
    pdf = tmp_path / "seating.pdf"
    pdf.write_bytes(rendering.seating_pdf(plan, "zh-hans"))
    content = _text(pdf)
    assert "李明" in content
    assert "สมชายวงศ์สวัสดิ์" in content
    cards = tmp_path / "cards.pdf"
    cards.write_bytes(rendering.table_cards_pdf(plan, "en"))
    assert page_count(cards) == 2


def _colour_share(pdf, page, rgb, dpi=40, tolerance=40):
    """The share of a page's pixels within `tolerance` of the colour `rgb` (pdftoppm, in colour)."""
    ppm = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    _magic, width, height, _depth, pixels = ppm.split(maxsplit=4)
    near = sum(
        1
        for i in range(0, len(pixels), 3)
        if all(abs(pixels[i + k] - rgb[k]) <= tolerance for k in range(3))
    )
    return near / (int(width) * int(height))


def test_run_sheet_pdf_in_every_forum_language(ceremony, tmp_path):
    forum, run_sheet = ceremony["forum"], ceremony["run_sheet"]
    languages = forum.content_languages()
    assert languages == ["zh-hans", "en", "th", "km"]
    pdf = tmp_path / "run-sheet.pdf"
    pdf.write_bytes(rendering.run_sheet_pdf(run_sheet, languages))
    # In content order (-raw): Thai marks stacked at small sizes come out of place otherwise.
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True)
    content = raw.stdout.decode().replace("\u200b", "").replace(" ", "").replace("\n", "")
    with forum_fallback(forum):  # titles fall back as in the document
        for signing in ceremony["signings"]:
            for code in languages:
                title = signing.project.title.get(code).replace(" ", "")
                said = services.announcement(signing, code).replace(" ", "")
                assert title in content, (code, title)
                # Its opening words: pdftotext maps one of Khmer's ligatures (លើ) wrongly.
                assert said[:16] in content, (code, said)
    # The labels are in the first language; the names in their own scripts.
    assert "流程表" in content and "合影并结束" in content
    for name, _latin, _country in NAMES:
        assert name.replace(" ", "") in content, name
    assert _families(pdf) >= SCRIPT_FONTS
    # Each signatory's flag: China's red, Thailand's blue.
    assert _colour_share(pdf, 1, (0xEE, 0x1C, 0x25), dpi=80) > 0.0005
    assert _colour_share(pdf, 1, (0x2D, 0x2A, 0x4A), dpi=80) > 0.0001


def test_name_cards_carry_the_country_flag(ceremony, tmp_path):
    pdf = tmp_path / "name-cards.pdf"
    pdf.write_bytes(rendering.name_cards_pdf(ceremony["run_sheet"]))
    # Page 1 is Li Ming (China): red with yellow stars, twice; page 2 Somchai (Thailand).
    assert _colour_share(pdf, 1, (0xEE, 0x1C, 0x25)) > 0.01
    assert _colour_share(pdf, 1, (0xFF, 0xFF, 0x00)) > 0.0002
    assert _colour_share(pdf, 2, (0xEE, 0x1C, 0x25)) == 0
    assert _colour_share(pdf, 2, (0x2D, 0x2A, 0x4A)) > 0.005
