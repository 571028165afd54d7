"""Pages of the apps built on registration that a participant reaches from their private link.

registration cannot import those apps, so each declares its pages in its own leaf
`private_links.py` (`private_link(_("My B2B meetings"), "matchmaking:meetings")`); the private
page lists them. A page's URL takes the forum's slug and the participant's token.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

from infoharbor.registration.models import Participant


@dataclass(frozen=True)
class PrivateLink:
    label: str | Promise
    url_name: str
    order: int


_links: dict[str, PrivateLink] = {}


def private_link(label: str | Promise, url_name: str, *, order: int = 100) -> None:
    _links[url_name] = PrivateLink(label, url_name, order)


@cache
def _discover() -> None:
    """Import every app's `private_links` once per process (a search of each app's folder)."""
    autodiscover_modules("private_links")


def links_for(participant: Participant) -> list[tuple[str, str]]:
    """(label, address) of every page offered to an active participant, in order."""
    if not participant.is_active:
        return []
    _discover()
    args = [participant.forum.slug, participant.token]
    ordered = sorted(_links.values(), key=lambda link: (link.order, link.url_name))
    return [(str(link.label), reverse(link.url_name, args=args)) for link in ordered]
