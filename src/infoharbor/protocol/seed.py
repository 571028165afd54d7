"""The seed forum's protocol office, read from `seed_data/caihf-3-protocol.toml` (after the
participants, whose registrations it needs)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from infoharbor.core.models import Forum
from infoharbor.core.seeding import seed_step
from infoharbor.protocol import loading

DATA = Path(__file__).resolve().parent / "seed_data" / "caihf-3-protocol.toml"


@seed_step(50, "protocol")
def seed_protocol(forum: Forum) -> str:
    with DATA.open("rb") as file:
        return loading.load(forum, tomllib.load(file))
