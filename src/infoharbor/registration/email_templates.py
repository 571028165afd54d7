"""The wording of the emails participants get: the catalogues' default, or the forum's own.

Each kind of email (registration received, approved, badge ready …) has a subject and a body
with placeholders in braces, such as `{name}`; a brace itself is written `{{` or `}}`. The
default comes from the message catalogues in the email's language and is stored nowhere; an
organiser who edits a kind for one language stores an `EmailTemplate`, and resetting it to the
default deletes that row. `check` refuses an unknown or malformed placeholder before anything
is saved, and `fill` is the one place a template becomes text (the organisers' messages to
participants, registration/mailings.py, are filled the same way).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infoharbor.core import audit
from infoharbor.core.models import Forum
from infoharbor.registration.models import EmailTemplate, OutboxEmail

Kind = OutboxEmail.Kind

PLACEHOLDERS: dict[str, Promise] = {
    "name": gettext_lazy("the participant's name"),
    "forum": gettext_lazy("the forum's name"),
    "link": gettext_lazy("the participant's private link"),
    "sessions": gettext_lazy("the sessions concerned, one per line, with seat or waiting list"),
    "info_request": gettext_lazy("what the registration desk asked for"),
    "meetings": gettext_lazy("the B2B meetings that changed, one per line, with what changed"),
    "requests": gettext_lazy("the B2B meeting requests waiting for an answer, with their deadline"),
}
EVERY_EMAIL = ("name", "forum", "link")


@dataclass(frozen=True)
class EmailKind:
    """One kind of participant email: its default subject and opening, and what it may name."""

    code: str
    subject: Promise
    intro: Promise
    placeholders: tuple[str, ...]

    @property
    def label(self) -> str:
        return str(Kind(self.code).label)


def _kind(code: str, subject: Promise, intro: Promise, *extra: str) -> EmailKind:
    return EmailKind(code, subject, intro, (*EVERY_EMAIL, *extra))


KINDS: dict[str, EmailKind] = {
    kind.code: kind
    for kind in [
        _kind(
            Kind.RECEIVED,
            gettext_lazy("Registration received"),
            gettext_lazy(
                "We have received your registration. The registration desk will review it."
            ),
            "sessions",
        ),
        _kind(
            Kind.APPROVED,
            gettext_lazy("Registration approved"),
            gettext_lazy("Your registration is approved. We look forward to welcoming you."),
            "sessions",
        ),
        _kind(
            Kind.REJECTED,
            gettext_lazy("Registration not accepted"),
            gettext_lazy("We are sorry: your registration was not accepted."),
        ),
        _kind(
            Kind.INFO_REQUESTED,
            gettext_lazy("More information needed for your registration"),
            gettext_lazy("The registration desk needs more information from you:"),
            "info_request",
        ),
        _kind(
            Kind.WAITLISTED,
            gettext_lazy("You are on a waiting list"),
            gettext_lazy("These sessions are full; you are on their waiting lists:"),
            "sessions",
        ),
        _kind(
            Kind.SEAT_FREED,
            gettext_lazy("A seat is now yours"),
            gettext_lazy("A seat was freed and it is now yours:"),
            "sessions",
        ),
        _kind(
            Kind.SESSIONS_CHANGED,
            gettext_lazy("Your sessions have changed"),
            gettext_lazy("Your sessions are now:"),
            "sessions",
        ),
        _kind(
            Kind.CANCELLED,
            gettext_lazy("Registration cancelled"),
            gettext_lazy("Your registration is cancelled and your seats were given to others."),
        ),
        _kind(
            Kind.BADGE_READY,
            gettext_lazy("Your badge is ready"),
            gettext_lazy(
                "Your badge is ready. Bring it, printed or on your phone, to enter the venues."
            ),
        ),
        _kind(
            Kind.MEETINGS_CHANGED,
            gettext_lazy("Your B2B meetings have changed"),
            gettext_lazy("These meetings of yours were scheduled, moved or cancelled:"),
            "meetings",
        ),
        _kind(
            Kind.MEETING_REMINDER,
            gettext_lazy("A meeting request is waiting for your answer"),
            gettext_lazy(
                "Please accept or decline this meeting request before it expires, on your "
                "private page:"
            ),
            "requests",
        ),
    ]
}

# "{{" and "}}" are braces; "{word}" a placeholder; any other brace is malformed.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[a-z_]+")


def check(text: str, allowed: Iterable[str]) -> None:
    """Refuse `text` (ValidationError naming the placeholder) unless it uses only `allowed`."""
    allowed = list(allowed)
    for match in _TOKEN.finditer(text):
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            continue
        if name is None or not _NAME.fullmatch(name):
            shown = token if name is not None else text[match.start() : match.start() + 12]
            raise ValidationError(
                _(
                    "Malformed placeholder “%(placeholder)s”: write a placeholder as {name}, "
                    "and a brace itself as {{ or }}."
                ),
                code="malformed",
                params={"placeholder": shown},
            )
        if name not in allowed:
            raise ValidationError(
                _("Unknown placeholder “%(placeholder)s”. You can use: %(allowed)s."),
                code="unknown",
                params={
                    "placeholder": token,
                    "allowed": " ".join(f"{{{known}}}" for known in allowed),
                },
            )


def fill(template: str, values: Mapping[str, str]) -> str:
    """`template` (checked) with its placeholders replaced by `values`."""

    def replace(match: re.Match[str]) -> str:
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            return token[0]
        return values.get(name or "", token)

    return _TOKEN.sub(replace, template)


def default_subject(kind: EmailKind) -> str:
    """The catalogue's subject for `kind`, in the active language."""
    return "[{forum}] " + str(kind.subject)


def default_body(kind: EmailKind) -> str:
    """The catalogue's body for `kind`, in the active language."""
    parts = [_("Dear {name},"), str(kind.intro)]
    parts += [
        f"{{{name}}}"
        for name in ("info_request", "sessions", "meetings", "requests")
        if name in kind.placeholders
    ]
    parts += [
        _("Your private link (see your status, change sessions, cancel, download your agenda):")
        + "\n{link}",
        "{forum}",
    ]
    return "\n\n".join(parts) + "\n"


def defaults(kind: EmailKind, language: str) -> tuple[str, str]:
    with translation.override(language):
        return default_subject(kind), default_body(kind)


def stored(forum: Forum, kind: EmailKind, language: str) -> EmailTemplate | None:
    return EmailTemplate.objects.filter(forum=forum, kind=kind.code, language=language).first()


def wording(forum: Forum, kind: EmailKind, language: str) -> tuple[str, str]:
    """The subject and body templates used for `kind` in `language` at `forum`."""
    own = stored(forum, kind, language)
    return (own.subject, own.body) if own else defaults(kind, language)


@transaction.atomic
def save(
    actor: audit.Actor, forum: Forum, kind: EmailKind, language: str, subject: str, body: str
) -> EmailTemplate:
    """Store the forum's wording of `kind` in `language`, once both texts pass `check`."""
    check(subject, kind.placeholders)
    check(body, kind.placeholders)
    own = stored(forum, kind, language)
    before = audit.snapshot(own) if own else None
    own, _created = EmailTemplate.objects.update_or_create(
        forum=forum, kind=kind.code, language=language, defaults={"subject": subject, "body": body}
    )
    audit.record(
        actor, "email_template.saved", own, forum=forum, before=before, after=audit.snapshot(own)
    )
    return own


@transaction.atomic
def reset(actor: audit.Actor, forum: Forum, kind: EmailKind, language: str) -> None:
    """Go back to the catalogues' wording: the forum's stored copy is deleted."""
    own = stored(forum, kind, language)
    if own is None:
        return
    audit.record(actor, "email_template.reset", own, forum=forum, before=audit.snapshot(own))
    own.delete()
