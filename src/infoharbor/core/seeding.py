"""Registry of the steps that load the seed forum, one per app, each in the app's `seed` module.

core cannot import the apps built on it, so each app's `seed.py` registers its step here and
`core.seed.load_seed_forum` discovers them; steps run in their declared order and are idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

from infoharbor.core.models import Forum


@dataclass(frozen=True)
class SeedStep:
    order: int
    name: str
    run: Callable[[Forum], str]  # returns a one-line summary of what it loaded


_steps: dict[str, SeedStep] = {}


def seed_step(order: int, name: str) -> Callable[[Callable[[Forum], str]], Callable[[Forum], str]]:
    def register(func: Callable[[Forum], str]) -> Callable[[Forum], str]:
        _steps[name] = SeedStep(order, name, func)
        return func

    return register


def steps() -> list[SeedStep]:
    autodiscover_modules("seed")
    return sorted(_steps.values(), key=lambda s: s.order)
