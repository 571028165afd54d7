"""Country flags for the protocol office's stage plans, table layouts, name cards and prints.

The drawings come from the flag-icons package (npm, MIT; one SVG per ISO 3166-1 code, kept up to
date by its maintainers) that `make install` puts in node_modules/, read from
settings.INFOHARBOR_FLAGS_DIR at run time: the repository holds no copy. Pages and PDFs embed a
flag as a data: URI, so its drawing's ids never clash with the page's and no extra request is
made. A code the package has no drawing for (or a missing package, which the system check
`protocol.W001` reports) gets a plain grey card with the code on it: visibly not a flag.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register
from django.utils.html import escape

# Flag-icons draws every flag on a 4:3 card.
RATIO = 4 / 3


def _folder() -> Path:
    return Path(settings.INFOHARBOR_FLAGS_DIR)


@functools.cache
def _drawing(code: str) -> str | None:
    if len(code) != 2 or not code.isalpha():
        return None
    path = _folder() / f"{code.lower()}.svg"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def has_flag(code: str) -> bool:
    return _drawing(code) is not None


def placeholder_svg(code: str) -> str:
    """A grey card with the country code: what a country without a drawing gets."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 480">'
        '<rect width="640" height="480" fill="#e5e7eb" stroke="#6b7280" stroke-width="12"/>'
        '<text x="320" y="290" font-family="sans-serif" font-size="200" text-anchor="middle" '
        f'fill="#374151">{escape(code.upper() or "?")}</text></svg>'
    )


def flag_svg(code: str) -> str:
    """The flag of the country with ISO 3166-1 alpha-2 `code`, as an SVG document."""
    return _drawing(code) or placeholder_svg(code)


@functools.cache
def flag_data_uri(code: str) -> str:
    """The flag as a data: URI, for <img src> and SVG <image href>."""
    encoded = base64.b64encode(flag_svg(code).encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


@register()
def flags_installed(app_configs: object, **kwargs: object) -> list[Warning]:
    if (_folder() / "cn.svg").is_file():  # uncached: the check looks where the settings say now
        return []
    return [
        Warning(
            f"No country flags in {_folder()}: stage plans and name cards show grey cards.",
            hint="Run `make install` (npm ci), or point INFOHARBOR_FLAGS_DIR at flag-icons' "
            "flags/4x3 folder.",
            id="protocol.W001",
        )
    ]
