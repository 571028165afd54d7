"""Organiser pages for what participants are sent: messages to a group, and the emails' wording.

For the registration desk and owners, reached from the organiser console.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from infoharbor.core import confirm
from infoharbor.core.languages import NAME_LOCAL
from infoharbor.core.models import Forum
from infoharbor.core.pages import organiser_forum
from infoharbor.registration import email_templates, mailings, outbox, queries
from infoharbor.registration.forms import EmailTemplateForm, MailingForm
from infoharbor.registration.models import Mailing, OutboxEmail

RECIPIENTS_PER_PAGE = 100


@login_required
def mailing_list(request: HttpRequest, slug: str) -> HttpResponse:
    forum = organiser_forum(request, slug, "registration.write_to_participants")
    sent = [(m, mailings.progress(m)) for m in queries.mailings(forum)[:50]]
    return render(request, "registration/mailings.html", {"forum": forum, "sent": sent})


def _previews(forum: Forum, form: MailingForm) -> tuple[int, list[dict[str, object]]]:
    """How many the message reaches, and per language what a recipient would get."""
    found = mailings.recipients(forum, form.audience()).select_related("person", "forum")
    subject, body = form.text("subject"), form.text("body")
    previews = []
    for group in mailings.counts_by_language(forum, subject, found):
        sample = found.filter(language=group.language).first()
        email = OutboxEmail(
            participant=sample,
            kind=OutboxEmail.Kind.MESSAGE,
            language=group.version,
            mailing=Mailing(forum=forum, subject=subject, body=body),
        )
        shown_subject, shown_body = outbox.render(email)
        previews.append(
            {
                "language": group.language,
                "language_name": NAME_LOCAL.get(group.language, group.language),
                "version_name": NAME_LOCAL.get(group.version, group.version),
                "count": group.count,
                "subject": shown_subject,
                "body": shown_body,
            }
        )
    return sum(int(str(p["count"])) for p in previews), previews


@login_required
def mailing_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Compose, preview with the count per language, then send (once, however often posted)."""
    forum = organiser_forum(request, slug, "registration.write_to_participants")
    posted = request.POST if request.method == "POST" else None
    form = MailingForm(forum, posted, initial={"submission": uuid.uuid4().hex})
    total = 0
    previews: list[dict[str, object]] = []
    if posted is not None and form.is_valid():
        total, previews = _previews(forum, form)
        if not total:
            form.add_error(None, _("No participant with an email address matches these choices."))
        elif posted.get("action") == "send":
            try:
                mailing = mailings.send(
                    request.user,
                    forum,
                    subject=form.text("subject"),
                    body=form.text("body"),
                    audience=form.audience(),
                    submission=form.cleaned_data["submission"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The message is on its way."))
                return redirect(
                    "registration:mailing", slug=forum.slug, public_id=mailing.public_id
                )
    context = {
        "forum": forum,
        "form": form,
        "total": total,
        "previews": previews,
        "placeholders": [
            (f"{{{name}}}", email_templates.PLACEHOLDERS[name]) for name in mailings.PLACEHOLDERS
        ],
    }
    return render(request, "registration/mailing_new.html", context)


@login_required
def mailing_page(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """What was sent to whom: each recipient's language version and their email's status."""
    forum = organiser_forum(request, slug, "registration.write_to_participants")
    mailing = queries.mailings(forum).filter(public_id=public_id).first()
    if mailing is None:
        raise Http404(_("No such message."))
    page = Paginator(queries.mailing_emails(mailing), RECIPIENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    versions = [
        (NAME_LOCAL.get(code, code), subject, mailing.body.get(code))
        for code, subject in mailing.subject.items()
    ]
    context = {
        "forum": forum,
        "mailing": mailing,
        "progress": mailings.progress(mailing),
        "versions": versions,
        "page": page,
    }
    return render(request, "registration/mailing.html", context)


@login_required
def template_list(request: HttpRequest, slug: str) -> HttpResponse:
    forum = organiser_forum(request, slug, "registration.change_email_templates")
    languages = forum.content_languages()
    edited = set(forum.email_templates.values_list("kind", "language"))
    rows = [
        (kind, [(code, NAME_LOCAL[code], (kind.code, code) in edited) for code in languages])
        for kind in email_templates.KINDS.values()
    ]
    return render(request, "registration/email_templates.html", {"forum": forum, "rows": rows})


def _template(forum: Forum, kind: str, language: str) -> email_templates.EmailKind:
    if kind not in email_templates.KINDS or language not in forum.content_languages():
        raise Http404(_("No such email."))
    return email_templates.KINDS[kind]


@login_required
def template_edit(request: HttpRequest, slug: str, kind: str, language: str) -> HttpResponse:
    """One email in one language: its placeholders, its wording, checked before it is saved."""
    forum = organiser_forum(request, slug, "registration.change_email_templates")
    email_kind = _template(forum, kind, language)
    subject, body = email_templates.wording(forum, email_kind, language)
    posted = request.POST if request.method == "POST" else None
    form = EmailTemplateForm(email_kind, posted, initial={"subject": subject, "body": body})
    if posted is not None and form.is_valid():
        email_templates.save(
            request.user,
            forum,
            email_kind,
            language,
            form.cleaned_data["subject"],
            form.cleaned_data["body"],
        )
        messages.success(request, _("The email is saved."))
        return redirect(
            "registration:email_template", slug=forum.slug, kind=kind, language=language
        )
    context = {
        "forum": forum,
        "kind": email_kind,
        "language": language,
        "language_name": NAME_LOCAL[language],
        "form": form,
        "brace_help": _("Write a brace itself as {{ or }}."),
        "is_default": email_templates.stored(forum, email_kind, language) is None,
        "placeholders": [
            (f"{{{name}}}", email_templates.PLACEHOLDERS[name]) for name in email_kind.placeholders
        ],
    }
    return render(request, "registration/email_template.html", context)


@login_required
@require_POST
def template_reset(request: HttpRequest, slug: str, kind: str, language: str) -> HttpResponse:
    forum = organiser_forum(request, slug, "registration.change_email_templates")
    email_kind = _template(forum, kind, language)
    back = reverse("registration:email_template", args=[forum.slug, kind, language])
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            forum,
            _("Go back to the default wording of “%(email)s” (%(language)s)?")
            % {"email": email_kind.label, "language": NAME_LOCAL[language]},
            _("Reset to the default"),
            back=back,
            details=_("The forum's own wording of this email in this language is deleted."),
        )
    email_templates.reset(request.user, forum, email_kind, language)
    messages.success(request, _("The email is back to its default wording."))
    return redirect(back)
