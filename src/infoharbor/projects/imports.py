"""The "projects" kind of the import job (core/imports.py): its columns, check and write.

For the project registrar's import page. The rules each row must meet are in services.py; the
columns, the template and the export in them are in sheets.py.
"""

from __future__ import annotations

from infoharbor.core import imports
from infoharbor.core.imports import Column, Row, RowError, Written
from infoharbor.core.models import Forum, ImportJob
from infoharbor.core.text_input import max_length_of
from infoharbor.projects import services, sheets
from infoharbor.projects.models import Project

KIND = "projects"
REQUIRED = {"reference", "kind", "signed_on"}
_LENGTHS = {
    name: max_length_of(Project, field)
    for name, field in {
        "reference": "reference",
        "kind": "kind",
        "location_country": "country",
        "currency": "currency",
        "amount_kind": "amount_kind",
    }.items()
}


def columns(forum: Forum) -> list[Column]:
    return [
        Column(name, required=name in REQUIRED, max_length=_LENGTHS.get(name))
        for name in sheets.columns(forum)
    ]


def check(
    job: ImportJob, rows: list[Row], progress: imports.Progress
) -> tuple[list[services.ImportedRow], list[RowError]]:
    return services.check_import(job.forum, rows, progress)


def write(job: ImportJob, plan: list[services.ImportedRow]) -> Written:
    saved = services.save_imported(job.created_by, plan)
    return Written(len(saved))


imports.register(imports.ImportKind(KIND, columns, check, write))
