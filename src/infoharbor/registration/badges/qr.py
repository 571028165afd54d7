"""The badge's QR code: segno's encoder, with its mask step done a row at a time.

A QR encoder tries the eight mask patterns and keeps the one with the lowest penalty
(ISO/IEC 18004, 7.8.3). segno (pinned in pyproject.toml) applies each mask module by module,
calling two Python functions per module: 8 × 1,089 modules for a badge's token, 80 % of the
time a badge takes to build besides WeasyPrint's layout. `_apply_mask_by_rows` does the same XOR
a whole row at a time, with each (size, mask) row pattern worked out once per process; segno
still chooses the mask by its own scores, so the symbol is the same to the module
(tests/registration/badges/test_qr.py compares them with segno's own).
"""

from __future__ import annotations

from collections.abc import Callable, MutableSequence
from types import CodeType

import segno
from segno import encoder

_SEGNO_APPLY_MASK = encoder.apply_mask
# (width, height, mask) -> each row's mask bits, as one int (a byte per module). segno makes its
# mask functions afresh for each symbol, so a mask is known by its code.
_ROW_MASKS: dict[tuple[int, int, CodeType], list[int]] = {}


def _apply_mask_by_rows(
    matrix: MutableSequence[bytearray],
    mask_pattern: Callable[[int, int], bool],
    width: int,
    height: int,
    is_encoding_region: Callable[[int, int], bool],
) -> None:
    """segno's `encoder.apply_mask`: flip the data modules the mask pattern selects."""
    key = (width, height, mask_pattern.__code__)
    rows = _ROW_MASKS.get(key)
    if rows is None:
        rows = _ROW_MASKS[key] = [
            int.from_bytes(
                bytes(
                    int(is_encoding_region(i, j) and bool(mask_pattern(i, j))) for j in range(width)
                ),
                "big",
            )
            for i in range(height)
        ]
    for i, bits in enumerate(rows):
        row = matrix[i]
        # XOR has no carries: each byte (module) is flipped on its own, as segno's row[j] ^= 1.
        row[:] = (int.from_bytes(row, "big") ^ bits).to_bytes(width, "big")


encoder.apply_mask = _apply_mask_by_rows


def make(content: str) -> segno.QRCode:
    """The QR code a badge prints: error correction level M, never a Micro QR."""
    return segno.make(content, error="m", micro=False)


def svg_data_uri(code: segno.QRCode) -> str:
    """The code as an SVG `data:` address for an <img>, with a quiet zone of two modules."""
    return code.svg_data_uri(border=2)
