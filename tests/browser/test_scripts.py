"""The program page in Lao, Khmer and Burmese, rendered by Chromium: real fonts, not tofu.

Screenshots are saved under test-artifacts/ for a reviewer's eye; the assertions check what the
eye would: the script's text is drawn with a font that covers that script (asked of Chromium
through the DevTools protocol), and it is not as wide as the same number of unassigned code
points, which only the fallback boxes could draw.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

# Playwright's sync API runs an event loop in this thread; the live server's ORM is elsewhere.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# The language, the program page's heading in it, and code points unassigned in its block.
SCRIPTS = [
    ("lo", "ກຳນົດການ", "\u0e80"),
    ("km", "កម្មវិធី", "\u17de"),
    ("my", "အစီအစဉ်", "\u05ff"),
]

MEASURE = """([text, tofu]) => {
  const width = (s) => {
    const span = document.createElement("span");
    span.style.whiteSpace = "pre";
    span.textContent = s;
    document.querySelector("h1").appendChild(span);
    const w = span.getBoundingClientRect().width;
    span.remove();
    return w;
  };
  return [width(text), width(tofu.repeat([...text].length)), width("")];
}"""


def fonts_for_script(language: str) -> set[str]:
    listed = subprocess.run(
        ["fc-list", f":lang={language}", "family"], capture_output=True, text=True, check=True
    ).stdout
    return {family for line in listed.splitlines() for family in line.split(",") if family}


@pytest.mark.unit
@pytest.mark.parametrize("language", ["lo", "km", "my"])
def test_fonts_for_the_script_are_installed(language):
    assert {f"Noto Sans {name}" for name in ["Lao", "Khmer", "Myanmar"]} & fonts_for_script(
        language
    ) == {{"lo": "Noto Sans Lao", "km": "Noto Sans Khmer", "my": "Noto Sans Myanmar"}[language]}


@pytest.mark.browser
@pytest.mark.slow
def test_program_page_draws_lao_khmer_and_burmese_with_real_fonts(
    page, live_server, live_seed_forum
):
    ARTIFACTS.mkdir(exist_ok=True)
    results = {}
    cdp = page.context.new_cdp_session(page)
    for language, heading, unassigned in SCRIPTS:
        page.goto(f"{live_server.url}/{language}/forums/{live_seed_forum.slug}/program/")
        shot = ARTIFACTS / f"program-{language}.png"
        page.screenshot(path=str(shot), full_page=True)

        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        h1 = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": h1})["fonts"]
        text_width, tofu_width, empty_width = page.evaluate(MEASURE, [heading, unassigned])
        results[language] = {
            "lang": page.get_attribute("html", "lang"),
            "heading": page.inner_text("h1").split("·")[0].strip(),
            "png": shot.read_bytes()[:8],
            "fonts": {f["familyName"]: f["glyphCount"] for f in fonts},
            "widths": (text_width, tofu_width, empty_width),
        }

    for language, heading, _unassigned in SCRIPTS:
        seen = results[language]
        assert (seen["lang"], seen["heading"], seen["png"]) == (
            language,
            heading,
            b"\x89PNG\r\n\x1a\n",
        )
        # Chromium drew glyphs of the heading with a font that covers the script (fontconfig
        # says so); the rest of the h1 is the forum's name in Chinese and punctuation.
        script_fonts = {f: n for f, n in seen["fonts"].items() if f in fonts_for_script(language)}
        assert sum(script_fonts.values()) >= len(heading) // 2, seen["fonts"]
        text_width, tofu_width, empty_width = seen["widths"]
        assert empty_width == 0
        assert text_width > 0
        assert text_width != tofu_width
