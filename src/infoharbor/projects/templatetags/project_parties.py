"""A project's parties as one list in the page's language: "华为（中国）和……", or names only."""

from collections.abc import Iterable

from django import template
from django.utils.translation import get_language, pgettext

from infoharbor.core import countries, formatting
from infoharbor.projects.models import ProjectParty

register = template.Library()


@register.filter
def party_list(parties: Iterable[ProjectParty]) -> str:
    language = get_language() or "en"
    return formatting.local_list(
        [
            pgettext("organization and its country", "%(organization)s (%(country)s)")
            % {
                "organization": party.organization.name,
                "country": countries.country_name(party.organization.country, language),
            }
            for party in parties
        ],
        language,
    )


@register.filter
def party_names(parties: Iterable[ProjectParty]) -> str:
    names = [str(party.organization.name) for party in parties]
    return formatting.local_list(names, get_language() or "en")
