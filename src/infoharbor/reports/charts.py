"""Charts drawn on the server as accessible SVG: a title and a description a screen reader reads,
a text label on every bar in the page's language, and every bar a link to the rows behind it.

The same SVG is served as a file, and as PNG: WeasyPrint lays it on a page of its own size and
poppler's pdftoppm rasterises it, so the PNG shows the same fonts (Thai, Chinese, Khmer …) as
the PDFs.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import escape

from infoharbor.core.formatting import labelled
from infoharbor.core.printing import pdf_of

FONT = (
    "Noto Sans, Noto Sans Thai, Noto Sans Khmer, Noto Sans Lao, Noto Sans Myanmar, "
    "Noto Sans CJK SC, DejaVu Sans, sans-serif"
)
BAR = "#1d4ed8"
WIDTH = 720


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as the page's language writes it
    url: str = ""


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    bars: list[Bar]
    kind: str = "bars"  # "bars" (horizontal), "columns" (a timeline), "tiles" (a tile map)


def _link(url: str, inner: str, label: str) -> str:
    if not url:
        return f"<g>{inner}</g>"
    return f'<a href="{escape(url)}" aria-label="{escape(label)}">{inner}</a>'


def _frame(chart: Chart, height: int, body: str) -> str:
    title_id, desc_id = f"{chart.key}-title", f"{chart.key}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT}" font-size="13" class="chart chart-{chart.kind}">'
        f'<title id="{title_id}">{escape(chart.title)}</title>'
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>'
        f'<text x="8" y="20" font-size="15" font-weight="700" fill="#111">'
        f"{escape(chart.title)}</text>"
        f"{body}</svg>"
    )


def _bars(chart: Chart) -> str:
    top, row, label_width = 36, 26, 260
    biggest = max((b.value for b in chart.bars), default=0) or 1
    span = WIDTH - label_width - 90
    rows = []
    for i, bar in enumerate(chart.bars):
        y = top + i * row
        width = max(1.0, span * bar.value / biggest)
        inner = (
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="#111">'
            f"{escape(bar.label)}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{width:.1f}" height="{row - 8}" '
            f'fill="{BAR}"/>'
            f'<text x="{label_width + width + 6:.1f}" y="{y + 16}" fill="#111">'
            f"{escape(bar.text)}</text>"
        )
        rows.append(_link(bar.url, inner, labelled(bar.label, bar.text)))
    return _frame(chart, top + row * len(chart.bars) + 10, "".join(rows))


def _columns(chart: Chart) -> str:
    top, height, bottom = 40, 180, 60
    count = max(1, len(chart.bars))
    step = (WIDTH - 40) / count
    biggest = max((b.value for b in chart.bars), default=0) or 1
    cols = []
    for i, bar in enumerate(chart.bars):
        x = 20 + i * step
        h = max(1.0, height * bar.value / biggest)
        y = top + height - h
        middle = x + step / 2
        inner = (
            f'<rect x="{x + step * 0.15:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{BAR}"/>'
            f'<text x="{middle:.1f}" y="{y - 4:.1f}" text-anchor="middle" fill="#111">'
            f"{escape(bar.text)}</text>"
            f'<text x="{middle:.1f}" y="{top + height + 18}" text-anchor="middle" fill="#111">'
            f"{escape(bar.label)}</text>"
        )
        cols.append(_link(bar.url, inner, labelled(bar.label, bar.text)))
    return _frame(chart, top + height + bottom, "".join(cols))


# China and the ASEAN members laid out roughly as on a map; any other country goes on a last row.
TILE_PLACES = {
    "CN": (2, 0),
    "MM": (1, 1),
    "LA": (2, 1),
    "VN": (3, 1),
    "TH": (1, 2),
    "KH": (2, 2),
    "PH": (4, 2),
    "MY": (1, 3),
    "BN": (3, 3),
    "SG": (1, 4),
    "ID": (2, 4),
}


def _tiles(chart: Chart, codes: list[str]) -> str:
    size, gap, top, left = 100, 6, 36, 8
    biggest = max((b.value for b in chart.bars), default=0) or 1
    others = 0
    tiles = []
    for bar, code in zip(chart.bars, codes, strict=True):
        if code in TILE_PLACES:
            column, row = TILE_PLACES[code]
        else:
            column, row = others % 6, 5 + others // 6
            others += 1
        x, y = left + column * (size + gap), top + row * (size + gap)
        shade = 0.25 + 0.75 * bar.value / biggest
        inner = (
            f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="6" fill="{BAR}" '
            f'fill-opacity="{shade:.2f}"/>'
            f'<text x="{x + size / 2}" y="{y + 42}" text-anchor="middle" font-size="12" '
            f'fill="#111">'
            f"{escape(bar.label)}</text>"
            f'<text x="{x + size / 2}" y="{y + 66}" text-anchor="middle" font-size="16" '
            f'font-weight="700" fill="#111">{escape(bar.text)}</text>'
        )
        tiles.append(_link(bar.url, inner, labelled(bar.label, bar.text)))
    rows = 5 + (others + 5) // 6 if others else 5
    return _frame(chart, top + rows * (size + gap) + 8, "".join(tiles))


def svg(chart: Chart, codes: list[str] | None = None) -> str:
    """The chart as an SVG document; a tile map needs each bar's country code in `codes`."""
    if chart.kind == "columns":
        return _columns(chart)
    if chart.kind == "tiles":
        return _tiles(chart, codes or [])
    return _bars(chart)


def png(document: str) -> bytes:
    """An SVG document as PNG, through WeasyPrint (PDF) and pdftoppm."""
    width, height = _size(document)
    html = (
        f"<html><head><style>@page {{ size: {width}px {height}px; margin: 0 }} "
        f"body {{ margin: 0 }}</style></head><body>{document}</body></html>"
    )
    pdf = pdf_of(html)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "chart.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "96",
                "-singlefile",
                str(source),
                str(Path(folder) / "chart"),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return (Path(folder) / "chart.png").read_bytes()


def _size(document: str) -> tuple[int, int]:
    head = document[: document.index(">")]
    width = int(head.split('width="', 1)[1].split('"', 1)[0])
    height = int(head.split('height="', 1)[1].split('"', 1)[0])
    return width, height
