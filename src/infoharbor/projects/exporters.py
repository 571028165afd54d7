"""Exports of a forum's registry: JSON rows, CSV, XLSX and IATI activity XML 2.03."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from lxml import etree

from infoharbor.core import spreadsheets
from infoharbor.core.models import Forum, Organization
from infoharbor.projects.models import IatiPublisher, Project, ProjectParty, StatusChange

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

COLUMNS = [
    "id",
    "reference",
    "title",
    "kind",
    "binding",
    "china_asean",
    "status",
    "platforms",
    "sector_vocabulary",
    "sector",
    "parties",
    "location_city",
    "location_country",
    "signing_session",
    "signed_on",
    "signing_city",
    "amount",
    "currency",
    "amount_kind",
    "synthetic",
    "provenance",
]


def project_row(project: Project) -> dict[str, Any]:
    """One project as plain data; the project must come from `queries.registry`."""
    return {
        "id": project.public_id,
        "reference": project.reference,
        "title": project.title.data,
        "kind": project.kind,
        "binding": project.binding,
        "china_asean": bool(project.china_asean_now),  # type: ignore[attr-defined]
        "status": project.status_now,  # type: ignore[attr-defined]
        "platforms": [p.code for p in project.platforms.all()],
        "sector_vocabulary": project.sector.vocabulary if project.sector else None,
        "sector": project.sector.code if project.sector else None,
        "parties": [
            {
                "organization": party.organization.name.data,
                "country": party.organization.country,
                "role": party.role,
            }
            for party in project.parties.all()
        ],
        "location_city": project.city.name.data if project.city else None,
        "location_country": project.country,
        "signing_session": project.signing_session.slug if project.signing_session else None,
        "signed_on": project.signed_on,
        "signing_city": project.signing_city.name.data if project.signing_city else None,
        "amount": project.amount,
        "currency": project.currency,
        "amount_kind": project.amount_kind,
        "synthetic": project.synthetic,
        "provenance": project.provenance.data,
    }


def _flat(row: dict[str, Any], language: str) -> list[Any]:
    """A row for a spreadsheet: texts in `language`, lists joined with semicolons, the amount a
    number (core/spreadsheets.py keeps numbers numeric)."""
    values = []
    for column in COLUMNS:
        value = row[column]
        if column == "title":
            value = value.get(language) or value.get("en") or next(iter(value.values()), "")
        elif column == "parties":
            value = "; ".join(
                f"{p['organization'].get(language) or p['organization'].get('en', '')} "
                f"({p['country']}, {p['role']})"
                for p in value
            )
        elif isinstance(value, list):
            value = "; ".join(value)
        elif isinstance(value, dict):
            value = value.get(language) or value.get("en", "")
        elif isinstance(value, dt.date):
            value = value.isoformat()
        values.append("" if value is None else value)
    return values


def to_csv(projects: Iterable[Project], language: str) -> bytes:
    return spreadsheets.write_csv(COLUMNS, (_flat(project_row(p), language) for p in projects))


def to_xlsx(projects: Iterable[Project], language: str) -> bytes:
    return spreadsheets.write_xlsx(
        COLUMNS, (_flat(project_row(p), language) for p in projects), "projects"
    )


# ----------------------------------------------------------------------------------------------
# IATI activity XML 2.03

# IATI OrganisationType codes for our organization kinds.
IATI_ORGANISATION_TYPE = {
    Organization.Kind.GOVERNMENT: "10",
    Organization.Kind.ENTERPRISE: "70",
    Organization.Kind.ACADEMIC: "80",
    Organization.Kind.ASSOCIATION: "22",
    Organization.Kind.FUND: "60",
    Organization.Kind.MEDIA: "70",
    Organization.Kind.INTERNATIONAL: "40",
}
IATI_LANGUAGE = {"zh-hans": "zh", "fil": "tl"}  # IATI uses ISO 639-1 codes
PLANNED_START = "1"
OUTGOING_COMMITMENT, OUTGOING_PLEDGE = "2", "12"


class NoIatiPublisher(Exception):
    """The forum has no IATI publisher: nobody to report the activities as."""


def _narratives(
    parent: etree._Element, tag: str, texts: dict[str, str], **attrs: str
) -> etree._Element:
    element = etree.SubElement(parent, tag, **attrs)
    for language, text in texts.items():
        narrative = etree.SubElement(element, "narrative")
        narrative.set(XML_LANG, IATI_LANGUAGE.get(language, language))
        narrative.text = text
    return element


def iati_identifier(publisher: IatiPublisher, project: Project) -> str:
    return f"{publisher.identifier}-{project.reference}"


def to_iati(forum: Forum, projects: Iterable[Project]) -> bytes:
    """IATI activity XML 2.03, one activity per project, reported by the forum's publisher."""
    try:
        publisher = IatiPublisher.objects.get(forum=forum)
    except IatiPublisher.DoesNotExist as exc:
        raise NoIatiPublisher(forum.slug) from exc
    now = timezone.now().replace(microsecond=0).isoformat()
    root = etree.Element("iati-activities", version="2.03")
    root.set("generated-datetime", now)
    for project in projects:
        activity = etree.SubElement(root, "iati-activity")
        activity.set("last-updated-datetime", project.updated_at.replace(microsecond=0).isoformat())
        activity.set(XML_LANG, IATI_LANGUAGE.get(forum.default_language, forum.default_language))
        if project.currency:
            activity.set("default-currency", project.currency)
        etree.SubElement(activity, "iati-identifier").text = iati_identifier(publisher, project)
        _narratives(
            activity,
            "reporting-org",
            publisher.name.data,
            ref=publisher.identifier,
            type=publisher.organisation_type,
        )
        _narratives(activity, "title", project.title.data)
        # IATI requires a description; a project without one is described by its title.
        description = project.description or project.title
        _narratives(activity, "description", description.data, type="1")
        parties: list[ProjectParty] = list(project.parties.all())
        for party in parties:
            _narratives(
                activity,
                "participating-org",
                party.organization.name.data,
                role=ProjectParty.IATI_ROLE[ProjectParty.Role(party.role)],
                type=IATI_ORGANISATION_TYPE[Organization.Kind(party.organization.kind)],
            )
        status = StatusChange.Status(project.status_now)  # type: ignore[attr-defined]
        etree.SubElement(activity, "activity-status", code=StatusChange.IATI_STATUS[status])
        etree.SubElement(
            activity,
            "activity-date",
            type=PLANNED_START,
            **{"iso-date": project.signed_on.isoformat()},
        )
        if project.country:
            etree.SubElement(activity, "recipient-country", code=project.country)
        if project.sector:
            etree.SubElement(
                activity, "sector", vocabulary=project.sector.vocabulary, code=project.sector.code
            )
        if project.amount is not None:
            transaction = etree.SubElement(activity, "transaction")
            etree.SubElement(
                transaction,
                "transaction-type",
                code=OUTGOING_COMMITMENT if project.binding else OUTGOING_PLEDGE,
            )
            etree.SubElement(
                transaction, "transaction-date", **{"iso-date": project.signed_on.isoformat()}
            )
            value = etree.SubElement(
                transaction,
                "value",
                currency=project.currency,
                **{"value-date": project.signed_on.isoformat()},
            )
            value.text = str(project.amount)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
