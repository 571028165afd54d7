"""Pages of the apps built on registration that a participant reaches from their private link.

registration cannot import those apps, so each declares its pages in its own leaf
`private_links.py` (`private_link(_("My B2B meetings"), "matchmaking:meetings")`); the private
page lists them. A page's URL takes the forum's slug and the participant's token, and every such
page finds its participant with `participant_or_404`, which refuses an address that guesses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

from infoharbor.core import ratelimit
from infoharbor.core.pages import forum_for_page
from infoharbor.registration import queries
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


def participant_or_404(request: HttpRequest, slug: str, token: str) -> Participant:
    """The participant behind a private link of the forum `slug`; 404 for a wrong token.

    Wrong tokens count as guesses of the client's address, which is refused once it has made
    too many (the `private_link` rate limit), on whichever private page it guesses.
    """
    forum = forum_for_page(request, slug)
    try:
        participant: Participant = ratelimit.guard_private_link(
            request,
            forum,
            lambda: queries.participant_by_token(forum, token),
            Participant.DoesNotExist,
        )
    except Participant.DoesNotExist:
        raise Http404("No such registration.") from None
    return participant
