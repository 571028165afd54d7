"""Forms for registering, managing a registration, and the registration desk."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from infoharbor.core import countries
from infoharbor.core.collation import sort_key
from infoharbor.core.formatting import local_number
from infoharbor.core.forms import BLANK_CHOICE, CheckedInputMixin, KeptBlankRendering
from infoharbor.core.languages import NAME_LOCAL
from infoharbor.core.models import Forum, Organization, Person
from infoharbor.core.text_input import max_length_of
from infoharbor.core.translated import TranslatedText
from infoharbor.core.widgets import QuickSelect
from infoharbor.program.models import Session
from infoharbor.registration import email_templates, mailings, queries
from infoharbor.registration.models import (
    YES_NO,
    Delegation,
    Participant,
    Question,
    SessionCapacity,
    normalise_email,
    option_label,
)
from infoharbor.registration.services import PersonInput, RegistrationInput


def country_choices() -> list[tuple[str, str | Promise]]:
    """ISO 3166-1 countries named in the page's language, China and ASEAN first
    (core/countries.py), after a blank choice for an optional field. Fields take the function
    itself: the 250 choices are then read only when the field is shown or checked (a kept form
    shows none of them)."""
    return [BLANK_CHOICE, *countries.country_choices(get_language() or "en")]


def _question_field(question: Question) -> forms.Field:
    label, help_text, required = str(question.label), str(question.help_text), question.required
    common: dict[str, Any] = {"label": label, "help_text": help_text, "required": required}
    kind = question.kind
    if kind == Question.Kind.CHOICE:
        options = [(o["value"], option_label(o)) for o in question.options]
        return _choice_field(options, **common)
    if kind == Question.Kind.YES_NO:
        return _choice_field(list(YES_NO.items()), **common)
    if kind == Question.Kind.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == Question.Kind.FILE:
        return forms.FileField(**common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)


def _choice_field(options: list[tuple[str, Any]], *, required: bool, **common: Any) -> forms.Field:
    """A required choice as radio buttons with none chosen, so nothing is answered for the
    participant; an optional one as a list that starts blank."""
    if required:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, required=True, **common)
    return forms.ChoiceField(choices=[BLANK_CHOICE, *options], required=False, **common)


@dataclass(frozen=True)
class FormStructure:
    """A forum's registration offer (queries.registration_offer) as its form shows it in one
    language: the public categories, the sessions (labels without the seats left, which change
    with every registration) and the questions.

    Kept per forum content version (core.content_version, which categories and questions bump
    too) and language, so the request after an edit, in any process, builds the form anew.
    """

    key: tuple[int, str, str]
    offer: queries.RegistrationOffer
    categories: tuple[tuple[str, str], ...]
    sessions: tuple[tuple[int, str, str], ...]  # id, slug, label

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.offer.questions


def form_structure(forum: Forum) -> FormStructure:
    return _form_structure(forum, forum.content_version, get_language() or "en")


@lru_cache(maxsize=64)
def _form_structure(forum: Forum, version: str, language: str) -> FormStructure:
    offer = queries.registration_offer(forum)
    return FormStructure(
        key=(forum.pk, version, language),
        offer=offer,
        categories=tuple((c.code, str(c.name)) for c in offer.categories.values() if c.is_public),
        sessions=tuple(
            (s.pk, s.slug, _session_label(s, forum.tz)) for s in offer.sessions.values()
        ),
    )


def _session_label(session: Session, tz: Any) -> str:
    when = formats.date_format(session.start.astimezone(tz), "DATETIME_FORMAT")
    return f"{when} · {session.city} · {session.title}"


def _with_seats(label: str, cap: SessionCapacity | None) -> str:
    if cap is None:
        return label
    language = get_language()
    return f"{label} · " + str(_("%(left)s of %(seats)s seats left")) % {
        "left": local_number(cap.seats_left, language),
        "seats": local_number(cap.capacity, language),
    }


class SessionsField(forms.MultipleChoiceField):
    """The forum's sessions by slug. Their labels carry the seats left at the moment the field
    is shown (one query, `queries.seats_of`); checking a choice needs no labels at all."""

    widget = forms.CheckboxSelectMultiple

    def offer(self, forum: Forum, structure: FormStructure) -> None:
        self.slugs = structure.offer.sessions

        def labelled() -> list[tuple[str, str]]:
            seats = queries.seats_of(forum)
            return [
                (slug, _with_seats(label, seats.get(pk))) for pk, slug, label in structure.sessions
            ]

        self.choices = labelled

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.slugs


class QuestionsMixin:
    """Adds one field per question of the forum's form builder, named `q_<code>`."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_questions(self, structure: FormStructure) -> None:
        self.questions = structure.questions
        for question in self.questions:
            self.fields[f"q_{question.code}"] = _question_field(question)

    def answers(self) -> dict[str, Any]:
        return {
            q.code: self.cleaned_data.get(f"q_{q.code}")
            for q in self.questions
            if self.cleaned_data.get(f"q_{q.code}") not in (None, "")
        }

    def field_for(self, key: str) -> str | None:
        """The form field behind a service error key such as `answers.diet`."""
        if key.startswith("answers."):
            return f"q_{key.removeprefix('answers.')}"
        if key.startswith("person."):
            return key.removeprefix("person.")
        return key

    def add_service_errors(self, error: ValidationError) -> None:
        """A service's errors (RegistrationError, LockTimeout) on the fields they name."""
        form: Any = self
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            name = self.field_for(key)
            form.add_error(name if name in self.fields else None, messages)


class EmailAddressField(forms.EmailField):
    """An email address in the one form registrations store (`normalise_email`), normalised
    before it is validated so that full-width letters from a CJK input method pass."""

    def to_python(self, value: Any) -> str:
        return normalise_email(super().to_python(value) or "")


class RegistrationForm(KeptBlankRendering, CheckedInputMixin, QuestionsMixin, forms.Form):
    required_css_class = "required"
    live_fields = ("sessions",)

    name = forms.CharField(
        label=_("Name in your own script"), max_length=max_length_of(Person, "name")
    )
    name_latin = forms.CharField(
        label=_("Name in Latin letters"),
        max_length=max_length_of(Person, "name_latin"),
        required=False,
    )
    honorific = forms.CharField(
        label=_("Honorific"),
        max_length=100,
        required=False,
        help_text=_("For example: academician, professor, H.E."),
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    organization = forms.CharField(label=_("Organization"), max_length=200, required=False)
    # Asked only with an organization (the service says so when it is missing).
    organization_kind = forms.ChoiceField(
        label=_("Kind of organization"),
        choices=[BLANK_CHOICE, *Organization.Kind.choices],
        required=False,
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=QuickSelect)
    email = EmailAddressField(label=_("Email"), max_length=max_length_of(Person, "email"))
    phone = forms.CharField(
        label=_("Phone"), max_length=max_length_of(Participant, "phone"), required=False
    )
    category = forms.ChoiceField(label=_("I attend as"), widget=forms.RadioSelect)
    sessions = SessionsField(label=_("Sessions I will attend"), required=False)
    delegation_name = forms.CharField(
        label=_("Delegation"),
        max_length=Delegation.NAME_LENGTH,
        required=False,
        help_text=_("If you lead a delegation, give its name: you can then register its members."),
    )

    def __init__(self, forum: Forum, *args: Any, in_delegation: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.structure = structure = form_structure(forum)
        self.in_delegation = in_delegation
        cast(forms.ChoiceField, self.fields["country"]).choices = country_choices
        cast(forms.ChoiceField, self.fields["category"]).choices = structure.categories
        cast(SessionsField, self.fields["sessions"]).offer(forum, structure)
        if in_delegation:
            del self.fields["delegation_name"]
            # The head of the delegation fills it in for someone else.
            self.fields["name"].label = _("The member's name in their own script")
            self.fields["category"].label = _("The member attends as")
            self.fields["sessions"].label = _("Sessions the member will attend")
        self.add_questions(structure)

    def blank_key(self) -> Hashable:
        return (*self.structure.key, self.in_delegation)

    def to_input(self) -> RegistrationInput:
        data = self.cleaned_data
        return RegistrationInput(
            person=PersonInput(
                name=data["name"],
                name_latin=data["name_latin"],
                honorific=data["honorific"],
                position=data["position"],
                organization=data["organization"],
                organization_kind=data["organization_kind"],
                country=data["country"],
                email=data["email"],
                phone=data["phone"],
            ),
            category=data["category"],
            language=get_language() or "en",
            answers=self.answers(),
            sessions=data["sessions"],
            delegation_name=data.get("delegation_name", ""),
        )


class SessionsForm(forms.Form):
    sessions = SessionsField(label=_("Sessions I will attend"), required=False)

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(SessionsField, self.fields["sessions"]).offer(forum, form_structure(forum))


class InfoForm(CheckedInputMixin, QuestionsMixin, forms.Form):
    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_questions(form_structure(forum))


class PhotoForm(KeptBlankRendering, forms.Form):
    """Blank, the same for every private page in one language: rendered once per language."""

    # A plain file field: core/photos.py checks the image, with one message per problem.
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP. Door staff see it beside your name."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def blank_key(self) -> Hashable:
        return ("photo", get_language())


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve")),
            ("reject", _("Reject")),
            ("request_info", _("Ask for more information")),
            ("cancel", _("Cancel the registration")),
        ],
    )
    message = forms.CharField(
        label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class BadgeForm(forms.Form):
    badge = forms.ChoiceField(
        label=_("Badge"),
        choices=[
            ("reissue", _("Issue a new badge (a lost badge: doors refuse the old one)")),
            ("revoke", _("Revoke the badge")),
            ("restore", _("Restore the badge")),
        ],
    )


class DeskFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Participant.Status.choices]
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    session = forms.ChoiceField(label=_("Session"), required=False)
    city = forms.TypedChoiceField(label=_("City"), required=False, coerce=int, empty_value=None)
    day = forms.DateField(label=_("Day"), required=False)
    checked_in = forms.BooleanField(label=_("Checked in"), required=False)
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = ("", _("All"))
        cast(forms.ChoiceField, self.fields["category"]).choices = [every] + [
            (c.code, str(c.name)) for c in forum.categories.all()
        ]
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            every,
            *countries.country_choices(get_language() or "en"),
        ]
        cast(forms.ChoiceField, self.fields["session"]).choices = [every] + [
            (s.slug, str(s.title)) for s in forum.sessions.order_by("start", "pk")
        ]
        cast(forms.ChoiceField, self.fields["city"]).choices = [every] + [
            (c.pk, str(c.name)) for c in forum.cities.all()
        ]

    def place(self) -> queries.Place:
        """Where the desk looks: a session, a city, a day (when the filters are valid)."""
        data = self.cleaned_data
        return queries.Place(data.get("session") or None, data.get("city"), data.get("day"))


class ImportForm(forms.Form):
    delegation = forms.CharField(label=_("Delegation"), max_length=Delegation.NAME_LENGTH)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=QuickSelect)
    file = forms.FileField(label=_("File (XLSX or CSV)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = country_choices


class MailingForm(forms.Form):
    """The composer: whom to write to, and the message in each of the forum's languages.

    Every criterion narrows the group; the forum's own language version is required, the others
    are optional (their readers get the forum's version). `submission` is the one-time key that
    makes a second post of the same form send nothing more.
    """

    categories = forms.MultipleChoiceField(
        label=_("Categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    statuses = forms.MultipleChoiceField(
        label=_("Registration status"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Participant.Status.choices,
        help_text=_("None ticked: every registration not rejected or cancelled."),
    )
    sessions = forms.MultipleChoiceField(
        label=_("Registered for one of these sessions"), required=False
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"), required=False, widget=forms.CheckboxSelectMultiple
    )
    delegations = forms.MultipleChoiceField(
        label=_("Delegations"), required=False, widget=forms.CheckboxSelectMultiple
    )
    submission = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.languages = forum.content_languages()
        self.default_language_name = NAME_LOCAL[forum.default_language]
        language = get_language() or "en"
        by_name = sort_key(language)
        choices = {
            "categories": [(str(c.pk), str(c.name)) for c in forum.categories.all()],
            "sessions": [
                (
                    str(s.pk),
                    f"{formats.date_format(s.start.astimezone(forum.tz), 'SHORT_DATETIME_FORMAT')}"
                    f" · {s.title}",
                )
                for s in forum.sessions.order_by("start", "pk")
            ],
            "countries": [
                (code, countries.country_name(code, language))
                for code in queries.participant_countries(forum)
            ],
            "delegations": sorted(
                ((str(d.pk), str(d.name)) for d in forum.delegations.all()),
                key=lambda choice: by_name(choice[1]),
            ),
        }
        for name, options in choices.items():
            cast(forms.MultipleChoiceField, self.fields[name]).choices = options
        for code in self.languages:
            required = code == forum.default_language
            self.fields[f"subject_{code}"] = forms.CharField(
                label=_("Subject"), max_length=250, required=required
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), required=required
            )
            for field in ("subject", "body"):
                self.fields[f"{field}_{code}"].widget.attrs["lang"] = code

    def criteria(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in ("categories", "statuses", "sessions", "countries", "delegations")
        ]

    def versions(self) -> list[tuple[str, str, forms.BoundField, forms.BoundField]]:
        """(language, its name, subject field, body field) in the forum's order."""
        return [
            (code, NAME_LOCAL[code], self[f"subject_{code}"], self[f"body_{code}"])
            for code in self.languages
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code in self.languages:
            subject, body = data.get(f"subject_{code}"), data.get(f"body_{code}")
            if bool(subject) != bool(body):
                missing = f"body_{code}" if subject else f"subject_{code}"
                self.add_error(missing, _("Write both the subject and the message, or neither."))
            for name in (f"subject_{code}", f"body_{code}"):
                try:
                    mailings.check([data.get(name) or ""])
                except ValidationError as error:
                    self.add_error(name, error)
        return data

    def audience(self) -> mailings.Audience:
        data = self.cleaned_data
        return mailings.Audience(
            categories=[int(pk) for pk in data["categories"]],
            statuses=list(data["statuses"]),
            sessions=[int(pk) for pk in data["sessions"]],
            countries=list(data["countries"]),
            delegations=[int(pk) for pk in data["delegations"]],
        )

    def text(self, field: str) -> TranslatedText:
        return TranslatedText(
            {code: self.cleaned_data.get(f"{field}_{code}") or "" for code in self.languages}
        )


class EmailTemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, kind: email_templates.EmailKind, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean_subject(self) -> str:
        subject: str = self.cleaned_data["subject"]
        email_templates.check(subject, self.kind.placeholders)
        return subject

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        email_templates.check(body, self.kind.placeholders)
        return body
