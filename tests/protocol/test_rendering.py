"""The printed documents read back: text (pdftotext), fonts (pdffonts) and pixels (pdftoppm)."""

import pytest

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
    pdf.write_bytes(rendering.run_sheet_pdf(ceremony["run_sheet"], "th"))
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
