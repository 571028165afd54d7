"""The projects spreadsheet: its columns, the template's example row, and the export in them.

Files are read and written by core/spreadsheets.py; the import job is wired in projects/imports.py.
"""

from __future__ import annotations

from infoharbor.core.models import Forum, Organization
from infoharbor.projects.models import Project

PARTY_COLUMNS = {
    "funder": "funders",
    "implementer": "implementers",
    "host": "hosts",
    "partner": "partners",
}


def columns(forum: Forum) -> list[str]:
    """The import columns, one title and description column per forum language."""
    languages = forum.content_languages()
    return [
        "reference",
        *[f"title_{code}" for code in languages],
        *[f"description_{code}" for code in languages],
        "kind",
        "platforms",
        "sector",
        *PARTY_COLUMNS.values(),
        "location_city",
        "location_country",
        "signing_session",
        "signed_on",
        "signing_city",
        "amount",
        "currency",
        "amount_kind",
    ]


def _organization_name(forum: Forum, organization: Organization) -> str:
    # The name the import finds it by: its short name, else its name in the forum's language.
    return organization.short_name or organization.name.get(forum.default_language)


def export_row(forum: Forum, project: Project) -> list[str]:
    """A project in the import's columns, so the registry can be exported and imported back."""
    languages = forum.content_languages()
    parties: dict[str, list[str]] = {column: [] for column in PARTY_COLUMNS.values()}
    for party in project.parties.all():
        parties[PARTY_COLUMNS[party.role]].append(_organization_name(forum, party.organization))
    values = {
        "reference": project.reference,
        **{f"title_{c}": project.title.data.get(c, "") for c in languages},
        **{f"description_{c}": project.description.data.get(c, "") for c in languages},
        "kind": project.kind,
        "platforms": "; ".join(p.code for p in project.platforms.all()),
        "sector": project.sector.code if project.sector else "",
        **{column: "; ".join(names) for column, names in parties.items()},
        "location_city": project.city.name.get(forum.default_language) if project.city else "",
        "location_country": project.country,
        "signing_session": project.signing_session.slug if project.signing_session else "",
        "signed_on": project.signed_on.isoformat() if project.signed_on else "",
        "signing_city": (
            project.signing_city.name.get(forum.default_language) if project.signing_city else ""
        ),
        "amount": "" if project.amount is None else str(project.amount),
        "currency": project.currency,
        "amount_kind": project.amount_kind,
    }
    return [values[column] for column in columns(forum)]


def template_example(forum: Forum) -> list[str]:
    """One filled-in row that shows every column's format, with names from the forum's data."""
    platform = forum.platforms.first()
    organization = forum.organizations.exclude(short_name="").first()
    session = forum.sessions.filter(kind="signing").first()
    city = forum.cities.first()
    example = {
        "reference": "NN-001",
        "title_en": "Smart city cooperation project",
        "kind": "contract",
        "platforms": platform.code if platform else "",
        "sector": "22040",
        "funders": organization.short_name if organization else "",
        "location_city": city.name.get("en") if city else "",
        "location_country": city.country if city else "",
        "signing_session": session.slug if session else "",
        "signed_on": (
            session.start.astimezone(forum.tz).date() if session else forum.start_date
        ).isoformat(),
        "signing_city": session.city.name.get("en") if session else "",
        "amount": "1500000000.00",
        "currency": "CNY",
        "amount_kind": "total_investment",
    }
    return [example.get(column, "") for column in columns(forum)]
