"""Delegation lists in and out: the "participants" kind of the import job, and its spreadsheets.

For the registration desk. The columns below are the import's, the template's and the
participants export's, so an export can be imported back unchanged. `check` and `write` are
registered with the import job (core/imports.py), which reads the file and runs them in the
background; services.py holds the registration rules they apply.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from infoharbor.core import imports, spreadsheets
from infoharbor.core.imports import Column, Row, RowError, Written
from infoharbor.core.models import Forum, ImportJob, Organization, Person
from infoharbor.core.text_input import max_length_of
from infoharbor.core.translated import TranslatedText
from infoharbor.registration import queries, services
from infoharbor.registration.models import YES_NO, Participant, Question, normalise_email

KIND = "participants"
ANSWER_PREFIX = "answer:"
HEAD_VALUES = {"yes", "y", "1", "x"}


# The file's columns; answers to the forum's questions follow as "answer:<code>".
BASE_COLUMNS = [
    Column("name", required=True, max_length=max_length_of(Person, "name")),
    Column("name_latin", max_length=max_length_of(Person, "name_latin")),
    Column("honorific", max_length=200),
    Column("position", max_length=300),
    Column("organization", max_length=300),
    Column("organization_kind", max_length=20),
    Column("country", max_length=2),
    Column("email", required=True, max_length=max_length_of(Person, "email")),
    Column("phone", max_length=max_length_of(Participant, "phone")),
    Column("category", required=True, max_length=50),
    Column("language", max_length=10),
    Column("sessions"),
    Column("head", max_length=10),
]
COLUMNS = [c.name for c in BASE_COLUMNS]


def columns(forum: Forum) -> list[Column]:
    """The import's columns for this forum: the fixed ones, then one per form question."""
    return [
        *BASE_COLUMNS,
        *(Column(ANSWER_PREFIX + q.code) for q in queries.form_questions(forum)),
    ]


def _row_input(row: Row, default_language: str) -> services.RegistrationInput:
    v = row.values
    return services.RegistrationInput(
        person=services.PersonInput(
            name=v.get("name", ""),
            name_latin=v.get("name_latin", ""),
            honorific=v.get("honorific", ""),
            position=v.get("position", ""),
            organization=v.get("organization", ""),
            organization_kind=v.get("organization_kind") or Organization.Kind.GOVERNMENT,
            country=v.get("country", "").strip().upper(),
            email=v.get("email", ""),
            phone=v.get("phone", ""),
        ),
        category=v.get("category", ""),
        language=v.get("language") or default_language,
        answers={
            k.removeprefix(ANSWER_PREFIX): val
            for k, val in v.items()
            if k.startswith(ANSWER_PREFIX) and val
        },
        sessions=[s for s in v.get("sessions", "").replace(",", " ").split() if s],
    )


def _column(error_key: str) -> str:
    """The file's column for a field named as `services.register` names it."""
    if error_key.startswith("answers."):
        return ANSWER_PREFIX + error_key.removeprefix("answers.")
    return error_key.removeprefix("person.")


Plan = tuple[list[services.CheckedRegistration], int | None]


def check(
    job: ImportJob, rows: list[Row], progress: imports.Progress
) -> tuple[Plan, list[RowError]]:
    """Check every row as the registration desk would register it; write nothing."""
    forum = job.forum
    errors: list[RowError] = []
    heads = [r.number for r in rows if r.values.get("head", "").lower() in HEAD_VALUES]
    if len(heads) > 1:
        errors += [RowError(n, "head", _("Only one head of delegation per file.")) for n in heads]
    members: list[services.CheckedRegistration] = []
    head = None
    emails: dict[str, int] = {}
    offer = queries.registration_offer_now(forum)  # one read for every row
    for done, row in enumerate(rows, start=1):
        data = _row_input(row, forum.default_language)
        checked, found = services.check_registration(forum, data, offer)
        email = normalise_email(data.person.email)
        if email and email in emails:
            found.setdefault("person.email", []).append(
                _("The same email address is on row %(row)s.") % {"row": emails[email]}
            )
        emails.setdefault(email, row.number)
        errors += [
            RowError(row.number, _column(key), message)
            for key, messages in found.items()
            for message in messages
        ]
        if checked is not None and not found:
            if row.number in heads:
                head = len(members)
            members.append(checked)
        progress(done, len(rows))
    return (members, head), errors


def write(job: ImportJob, plan: Plan) -> Written:
    members, head = plan
    # Named in the organiser's language (jobs started before it was kept: the forum's).
    language = job.options.get("language") or job.forum.default_language
    delegation = services.register_delegation(
        job.created_by,
        job.forum,
        TranslatedText({language: job.options.get("delegation", "").strip()}),
        job.options.get("country", ""),
        members,
        head,
    )
    return Written(len(members), {"delegation": str(delegation.name)})


imports.register(imports.ImportKind(KIND, columns, check, write))


def template_xlsx(forum: Forum) -> bytes:
    """An empty delegation list with the forum's columns, and a sheet of allowed values."""
    values: list[list[str]] = []
    for category in forum.categories.all():
        values.append(["category", category.code, str(category.name)])
    for session in queries.sessions_open_for_registration(forum):
        values.append(["sessions", session.slug, str(session.title)])
    for code in forum.content_languages():
        values.append(["language", code, ""])
    values.append(["head", "yes", _("head of delegation (one row at most)")])
    for question in queries.form_questions(forum):
        # The question, then each value it takes with what a reader reads for it.
        column = ANSWER_PREFIX + question.code
        values.append([column, "", str(question.label)])
        for value in _answer_values(question):
            values.append([column, value, question.answer_text(value)])
    return spreadsheets.write_workbook(
        ("participants", [c.name for c in columns(forum)], []),
        ("values", ["column", "value", "meaning"], values),
    )


def _answer_values(question: Question) -> list[str]:
    if question.kind == Question.Kind.CHOICE:
        return [o["value"] for o in question.options]
    if question.kind == Question.Kind.YES_NO:
        return list(YES_NO)
    return []


def _export_row(participant: Participant, header: list[str]) -> list[str]:
    person = participant.person
    language = participant.language
    organization = person.organization
    answers = {ANSWER_PREFIX + a.question.code: a.value for a in participant.answers.all()}
    choices = sorted(participant.session_choices.all(), key=lambda c: (c.session.start, c.pk))
    values = {
        "name": person.name,
        "name_latin": person.name_latin,
        "honorific": person.honorific.get(language) or "",
        "position": person.position.get(language) or "",
        "organization": (organization.name.get(language) or "") if organization else "",
        "organization_kind": organization.kind if organization else "",
        "country": person.country,
        "email": person.email,
        "phone": participant.phone,
        "category": participant.category.code,
        "language": language,
        "sessions": " ".join(c.session.slug for c in choices),
        "head": "yes" if hasattr(participant, "heads_delegation") else "",
        **answers,
    }
    return [values.get(column, "") for column in header]


def exportable(forum: Forum) -> QuerySet[Participant]:
    """The forum's participants who hold their registration (not rejected or cancelled)."""
    return (
        Participant.objects.filter(forum=forum)
        .exclude(status__in=[Participant.Status.REJECTED, Participant.Status.CANCELLED])
        .select_related("person__organization", "category", "heads_delegation")
        .prefetch_related("answers__question", "session_choices__session")
        .order_by("pk")
    )


def export_participants(forum: Forum, participants: Iterable[Participant], fmt: str) -> bytes:
    """Participants in the import's columns, as XLSX or CSV: importable back unchanged."""
    header = [c.name for c in columns(forum)]
    rows = (_export_row(p, header) for p in participants)
    if fmt == "xlsx":
        return spreadsheets.write_xlsx(header, rows, "participants")
    return spreadsheets.write_csv(header, rows)
