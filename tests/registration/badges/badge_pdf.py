"""Reading badges back: text and boxes (pdftotext), fonts (pdffonts), pixels (pdftoppm), QR codes.

Helpers for the badge tests; they run the poppler tools on a PDF and parse what those print.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from lxml import etree

POINTS_PER_INCH = 72


@dataclass(frozen=True)
class Block:
    lines: list[str]  # each line's words joined without spaces
    box: tuple[float, float, float, float]  # x_min, y_min, x_max, y_max in points

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class Gray:
    """A grayscale page image: one byte per pixel, 0 black, 255 white."""

    width: int
    height: int
    pixels: bytes
    dpi: int

    def dark_share(self, box: tuple[float, float, float, float]) -> float:
        """The share of pixels darker than mid-grey inside a box given in points."""
        scale = self.dpi / POINTS_PER_INCH
        x0, y0, x1, y1 = (round(v * scale) for v in box)
        dark = total = 0
        for y in range(y0, y1):
            row = self.pixels[y * self.width + x0 : y * self.width + x1]
            dark += sum(1 for value in row if value < 128)
            total += len(row)
        return dark / total


def blocks(pdf: Path, page: int = 1) -> list[Block]:
    """The page's text blocks with their boxes (`pdftotext -bbox-layout`)."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout
    tree = etree.fromstring(out, etree.XMLParser(recover=True))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    found = []
    for block in tree.iterfind(".//x:block", ns):
        lines = [
            "".join(word.text or "" for word in line.iterfind("x:word", ns))
            for line in block.iterfind("x:line", ns)
        ]
        box = tuple(float(block.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
        found.append(Block(lines=lines, box=box))  # type: ignore[arg-type]
    return found


def font_names(pdf: Path) -> set[str]:
    """Embedded fonts without their subset prefix, e.g. {"Noto-Sans-Thai-Bold"}."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = set()
    for row in out.stdout.splitlines()[2:]:
        name, *rest = row.split()
        assert " yes " in f" {' '.join(rest)} ", f"{name} is not embedded"
        names.add(re.sub(r"^[A-Z]{6}\+", "", name))
    return names


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))  # type: ignore[union-attr]


def page_size(pdf: Path) -> tuple[float, float]:
    """Width and height in millimetres."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", out, re.M)
    assert match
    return (
        round(float(match.group(1)) / POINTS_PER_INCH * 25.4, 1),
        round(float(match.group(2)) / POINTS_PER_INCH * 25.4, 1),
    )


def render(pdf: Path, page: int = 1, dpi: int = 200) -> Gray:
    """The page as a grayscale image (`pdftoppm -gray`, a binary PGM)."""
    out = subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", out)
    assert match, "pdftoppm did not write a binary PGM"
    width, height = int(match.group(1)), int(match.group(2))
    return Gray(width, height, out[match.end() : match.end() + width * height], dpi)


def qr_text(image: Gray) -> str | None:
    """What the QR code on the page says (zxing-cpp), or None when none is found."""
    view = memoryview(image.pixels).cast("B", (image.height, image.width))
    found = zxingcpp.read_barcode(view, formats=zxingcpp.BarcodeFormat.QRCode)
    return found.text if found else None
