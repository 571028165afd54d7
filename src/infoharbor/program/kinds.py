"""The registry of session kinds. A forum's program grows new kinds by registering them here."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SessionKind:
    code: str
    label: Promise
    plural: Promise
    colour: str  # shown on timetables and badges of the kind
    frab_type: str  # the event type in frab schedule exports
    holds_agenda: bool = False  # whether it usually has child sessions
    # Visitors come and go (an exhibition open for days): it collides with no other session.
    drop_in: bool = False


_REGISTRY: dict[str, SessionKind] = {}


def register(kind: SessionKind) -> SessionKind:
    if kind.code in _REGISTRY:
        raise ValueError(f"session kind {kind.code!r} is registered twice")
    _REGISTRY[kind.code] = kind
    return kind


def get(code: str) -> SessionKind:
    return _REGISTRY[code]


def all_kinds() -> list[SessionKind]:
    return list(_REGISTRY.values())


def choices() -> list[tuple[str, Promise]]:
    return [(k.code, k.label) for k in _REGISTRY.values()]


MAIN_FORUM = register(
    SessionKind("main_forum", _("main forum"), _("main forums"), "#b91c1c", "plenary", True)
)
SUB_FORUM = register(
    SessionKind("sub_forum", _("sub-forum"), _("sub-forums"), "#1d4ed8", "forum", True)
)
DIALOGUE = register(
    SessionKind(
        "dialogue", _("high-level dialogue"), _("high-level dialogues"), "#7c3aed", "dialogue"
    )
)
SIGNING = register(
    SessionKind("signing", _("signing ceremony"), _("signing ceremonies"), "#b45309", "ceremony")
)
PROMOTION = register(
    SessionKind(
        "promotion", _("project promotion"), _("project promotions"), "#0f766e", "presentation"
    )
)
NEGOTIATION = register(
    SessionKind(
        "negotiation", _("trade negotiation"), _("trade negotiations"), "#15803d", "meeting"
    )
)
EXHIBITION = register(
    SessionKind(
        "exhibition", _("exhibition"), _("exhibitions"), "#c2410c", "exhibition", drop_in=True
    )
)
VISIT = register(SessionKind("visit", _("visit"), _("visits"), "#4d7c0f", "visit"))
OTHER = register(SessionKind("other", _("other"), _("other sessions"), "#475569", "other"))
