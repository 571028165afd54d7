"""The badge's QR code is segno's own symbol, module for module, however its mask step runs."""

import random
import secrets

import pytest
from segno import encoder

from infoharbor.registration.badges import qr

pytestmark = pytest.mark.unit

# Tokens as badges carry them (`<badge code>:<signature>`), and other lengths, so that several
# symbol sizes and every mask pattern are chosen at least once.
# Drawn from a fixed seed: the same contents on every run, known to choose all eight masks.
_DRAW = random.Random(18004)
_URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _token(n: int) -> str:
    return "".join(_DRAW.choice(_URLSAFE) for _ in range(n))


CONTENTS = [
    *(f"{_token(22)}:{_token(27)}" for _ in range(120)),
    *(_token(n) for n in (1, 8, 30, 90, 200)),
]


def _segno_alone(monkeypatch, content):
    with monkeypatch.context() as patch:
        patch.setattr(encoder, "apply_mask", qr._SEGNO_APPLY_MASK)
        return qr.make(content)


def test_qr_code_is_segnos_own_symbol_and_mask(monkeypatch):
    masks = set()
    for content in CONTENTS:
        ours, segnos = qr.make(content), _segno_alone(monkeypatch, content)
        assert (ours.version, ours.mask) == (segnos.version, segnos.mask)
        assert ours.matrix == segnos.matrix
        masks.add(ours.mask)
    assert masks == set(range(8))


def test_qr_code_is_level_m_never_micro_as_an_svg_address():
    token = f"{secrets.token_urlsafe(16)}:{secrets.token_urlsafe(20)}"
    code = qr.make(token)
    assert code.error == "M"
    assert not code.is_micro
    assert qr.svg_data_uri(code).startswith("data:image/svg+xml")
