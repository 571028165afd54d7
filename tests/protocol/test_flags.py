"""Country flags: real drawings (flag-icons) for China, ASEAN and every ISO 3166-1 country, an
honest grey card for a code without one, and a system warning when the package is missing."""

import pytest

from infoharbor.core.countries import iso_countries
from infoharbor.protocol import flags

pytestmark = pytest.mark.unit

CHINA_AND_ASEAN = ["CN", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"]


def test_china_and_the_asean_countries_have_their_flags():
    for code in CHINA_AND_ASEAN:
        drawing = flags.flag_svg(code)
        assert f'id="flag-icons-{code.lower()}"' in drawing, code
        assert drawing.lstrip().startswith("<svg")


def test_the_flag_of_china_is_red_with_yellow_stars():
    drawing = flags.flag_svg("CN")
    assert 'fill="#ee1c25"' in drawing and 'fill="#ff0"' in drawing


def test_every_iso_country_has_a_drawing():
    assert len(iso_countries()) == 249
    assert sorted(c for c in iso_countries() if not flags.has_flag(c)) == []


def test_a_code_without_a_drawing_gets_a_grey_card_with_the_code():
    for code, shown in [("ZZ", "ZZ"), ("", "?"), ("../cn", "../CN"), ("<b", "&lt;B")]:
        assert not flags.has_flag(code)
        assert flags.flag_svg(code) == flags.placeholder_svg(code)
        assert f">{shown}</text>" in flags.flag_svg(code)
    assert flags.flag_data_uri("TH").startswith("data:image/svg+xml;base64,")


def test_a_missing_package_is_reported_by_the_system_check(settings, tmp_path):
    assert flags.flags_installed(None) == []
    settings.INFOHARBOR_FLAGS_DIR = tmp_path
    assert [w.id for w in flags.flags_installed(None)] == ["protocol.W001"]
