"""Forms of the organiser pages core owns (the team, invitations, the audit log's filter), and
what every form of the site shares: `CheckedInputMixin`, `KeptBlankRendering`, `RowFormSet`
and the renderer, `FormRenderer`."""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from typing import Any, cast

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from infoharbor.core import audit, text_input
from infoharbor.core.countries import country_name
from infoharbor.core.formatting import language_name, local_list
from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import AuditEntry, Forum, ForumRole, country_code
from infoharbor.core.queries import audit_object_types, team_of
from infoharbor.core.translated import TranslatedField, TranslatedText


class CheckedInputMixin:
    """For every form whose input is stored: a field whose value holds a NUL character anywhere
    (a JSON list or a translated text included, which Django's own check of text fields misses)
    gets the error next to it, as core/text_input.py says."""

    cleaned_data: dict[str, Any]

    def _clean_fields(self) -> None:
        super()._clean_fields()  # type: ignore[misc]
        form = cast(forms.BaseForm, self)
        for name, value in list(self.cleaned_data.items()):
            if next(text_input.nul_paths(value), None) is not None:
                form.add_error(name, text_input.nul_message())


class _LiveMark:
    """A bound field as the kept rendering holds it: its place, marked, where its HTML goes."""

    def __init__(self, field: forms.BoundField, mark: str) -> None:
        self._field = field
        self._mark = mark

    def __getattr__(self, name: str) -> Any:
        return getattr(self._field, name)

    def as_field_group(self) -> SafeString:
        return mark_safe(self._mark)


# The first option of an optional list: nothing chosen, said in words rather than a bare dash
# (Django's "---------"), so a reader does not take it for an answer.
BLANK_CHOICE = ("", _("Not chosen"))
DJANGO_BLANK_LABEL = "---------"  # what Django puts there for a model's optional field


class FormRenderer(DjangoTemplates):
    """The site's form renderer (settings.FORM_RENDERER): Django's own, except that the empty
    option Django adds by itself to a list (a model form's optional choice, a ModelChoiceField)
    reads as BLANK_CHOICE does, in the reader's language, on every form of the site."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if isinstance(widget, dict):
            for _group, options, _index in widget.get("optgroups", ()):
                for option in options:
                    if option["value"] in ("", None) and option["label"] == DJANGO_BLANK_LABEL:
                        option["label"] = BLANK_CHOICE[1]
        return super().render(template_name, context, request)


# (form's key, template) → the blank rendering cut where its live fields go; newest last.
_kept_blank: OrderedDict[tuple[Hashable, str], tuple[str, ...]] = OrderedDict()
_kept_lock = threading.Lock()
KEPT_BLANK = 64


class KeptBlankRendering:
    """For a form whose blank rendering is the same for everyone until its structure changes
    (the registration form: 250 countries, the categories, the questions): the blank form's
    HTML is rendered once per `blank_key()` and kept in this process, and only `live_fields`
    (e.g. sessions labelled with the seats left now) are rendered on each request.

    Holds for templates that write each field through `as_field_group` (Django's div
    template, `as_div`); a bound form, a form with initial values and any other template
    render as usual. The key must change whenever anything the form shows does.
    """

    live_fields: tuple[str, ...] = ()

    def blank_key(self) -> Hashable:
        raise NotImplementedError

    def render(
        self, template_name: str | None = None, context: Any = None, renderer: Any = None
    ) -> SafeString:
        form = cast(forms.BaseForm, self)
        template_name = template_name or form.template_name
        usual = cast(Any, super())
        if (
            form.is_bound
            or form.initial
            or context is not None
            or template_name != form.template_name_div
        ):
            return cast(SafeString, usual.render(template_name, context, renderer))
        key = (self.blank_key(), template_name)
        with _kept_lock:
            parts = _kept_blank.get(key)
            if parts is not None:
                _kept_blank.move_to_end(key)
        if parts is None:
            parts = self._blank_parts(template_name, renderer)
            with _kept_lock:
                _kept_blank[key] = parts
                while len(_kept_blank) > KEPT_BLANK:
                    _kept_blank.popitem(last=False)
        live = [form[name].as_field_group() for name in self.live_fields if name in form.fields]
        pieces = [parts[0]]
        for html, part in zip(live, parts[1:], strict=True):
            pieces += [html, part]
        return mark_safe("".join(pieces))

    def _blank_parts(self, template_name: str, renderer: Any) -> tuple[str, ...]:
        form = cast(forms.BaseForm, self)
        mark = f"<!--live-{secrets.token_hex(8)}-->"
        context = form.get_context()
        live = set(self.live_fields)
        context["fields"] = [
            (_LiveMark(field, mark) if field.name in live else field, errors)
            for field, errors in context["fields"]
        ]
        html = (renderer or form.renderer).render(template_name, context)
        return tuple(html.split(mark))


class CheckedModelForm(CheckedInputMixin, forms.ModelForm):
    """The admin's form for every model it edits (core.admin.ForumScopedAdmin)."""


def object_type_label(label: str) -> str:
    """A model's name in the reader's language, from its label ("registration.participant")."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def _declared_extra(model: type[models.Model]) -> dict[str, Any]:
    try:
        return dict(audit.spec_for(model).extra)
    except audit.NotAudited:
        return {}


def field_label(label: str, field: str) -> str:
    """A recorded field's name in the reader's language ("registration.participant", "status"
    → "สถานะ"), a reverse relation by what it holds ("signatories"), a key a service added by
    the name its model's audit declaration gives it; anything else as it is."""
    try:
        model = apps.get_model(label)
        found = model._meta.get_field(field)
    except (LookupError, ValueError):
        return field
    except FieldDoesNotExist:
        return str(_declared_extra(model).get(field, field))
    if found.auto_created and not found.concrete:  # a reverse relation has no name of its own
        return str(found.related_model._meta.verbose_name_plural)
    if found.is_relation and not isinstance(found.verbose_name, Promise):
        # A key given no name of its own ("forum", "person") is named by what it points to.
        names = found.related_model._meta
        return str(names.verbose_name_plural if found.many_to_many else names.verbose_name)
    return str(found.verbose_name)


def _pointed_to(found: Any) -> type[models.Model] | None:
    """The model a key or many-to-many field points to; None for any other field."""
    if not found.is_relation or found.one_to_many or found.auto_created:
        return None
    target = found.related_model
    return target if isinstance(target, type) and issubclass(target, models.Model) else None


def related_names(entries: Iterable[AuditEntry]) -> dict[tuple[str, Any], str]:
    """What the keys recorded in `entries` point to, by (model label, pk) → its name in the
    reader's language: one query per model pointed to, whatever the number of entries."""
    wanted: dict[type[models.Model], set[Any]] = {}
    for entry in entries:
        for field, value in entry.changes.items():
            try:
                found = apps.get_model(entry.object_type)._meta.get_field(field)
            except (LookupError, ValueError, FieldDoesNotExist):
                continue
            target = _pointed_to(found)
            if target is None:
                continue
            pairs = value if isinstance(value, list) and len(value) == 2 else [value]
            keys = wanted.setdefault(target, set())
            for one in pairs:
                keys.update(one if isinstance(one, list) else [one])
    names = {}
    for model, keys in wanted.items():
        keys.discard(None)
        for obj in model._default_manager.filter(pk__in=keys):
            names[(model._meta.label_lower, obj.pk)] = str(obj)
    return names


def field_value(
    label: str, field: str, value: Any, names: dict[tuple[str, Any], str] | None = None
) -> Any:
    """A recorded value as the reader reads it: a choice by its label and translated text in
    their language, yes or no, a secret's change as the word, a moment as the page writes
    dates, a country by its CLDR name, a key by what it points to (`names`, from
    related_names; one gone since as it was recorded); anything else as recorded."""
    try:
        model = apps.get_model(label)
        found = model._meta.get_field(field)
    except (LookupError, ValueError, FieldDoesNotExist):
        return value
    if field in audit.spec_for(model).secret and value == audit.CHANGED:
        return _("changed")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(found, TranslatedField) and isinstance(value, dict):
        return str(TranslatedText(value))
    if isinstance(value, str) and isinstance(found, models.DateTimeField | models.DateField):
        with contextlib.suppress(ValueError):  # recorded in ISO 8601 (core/audit.py)
            parsed = dt.datetime.fromisoformat(value)
            return parsed if isinstance(found, models.DateTimeField) else parsed.date()
    if isinstance(value, str) and value and country_code in getattr(found, "validators", ()):
        return country_name(value, get_language() or "en")
    target = _pointed_to(found)
    if target is not None and names is not None:
        key = target._meta.label_lower
        if isinstance(value, list):
            shown = [names.get((key, v), str(v)) for v in value]
            return local_list(shown, get_language() or "en")
        return names.get((key, value), value)
    choices = dict(getattr(found, "flatchoices", None) or ())
    if isinstance(value, str | int) and value in choices:
        return str(choices[value])
    return value


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ForumRole.Role.choices, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)


class GrantRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Add a role"), choices=ForumRole.Role.choices)


class NewAccountForm(forms.Form):
    """The invitee's password for the account the invitation creates."""

    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password_again = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password and password != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        elif password:
            try:
                validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class AuditFilterForm(forms.Form):
    actor = forms.ChoiceField(label=_("Who"), required=False)
    action = forms.CharField(label=_("What (action)"), required=False, max_length=60)
    object_type = forms.ChoiceField(label=_("Kind of object"), required=False)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("anyone"))]
        team = [(str(m.user.pk), m.user.get_username()) for m in team_of(forum)]
        self.fields["actor"].choices = everyone + team  # type: ignore[attr-defined]
        types = [(t, object_type_label(t)) for t in audit_object_types(forum)]
        self.fields["object_type"].choices = [("", _("any")), *types]  # type: ignore[attr-defined]


class RowFormSet(forms.BaseFormSet):
    """Editable rows (speakers, parties, opportunities): a row that leaves all of its form's
    `content_fields` empty is blank and ignored, whatever its other fields hold (a role select
    always sends a value). Rows are added in the browser from `empty_form` (the "Add a row"
    button of core/static/core/rows.js), never shown as pre-rendered blank rows."""

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form: forms.Form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        if self.is_bound and i >= self.initial_form_count() and self._blank(form):
            form.empty_permitted = True
            form.has_changed = lambda: False  # type: ignore[method-assign]
        return form

    @staticmethod
    def _blank(form: forms.Form) -> bool:
        names = getattr(form, "content_fields", ())
        return all(
            not any(
                str(v).strip() for v in cast(QueryDict, form.data).getlist(form.add_prefix(name))
            )
            for name in names
        )

    def rows(self) -> list[dict[str, Any]]:
        """The cleaned data of every row kept: not blank, not marked for deletion."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


FALLBACK_STEPS = 3


class FallbackOrderForm(forms.Form):
    """The forum's fallback order: up to three languages tried, in turn, after the reader's."""

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reader = get_language()
        choices = [
            ("", _("(none)")),
            *((code, language_name(code, reader)) for code, _name in content_language_choices()),
        ]
        chain = forum.fallback_chain()
        labels = [
            _("First fallback language"),
            _("Second fallback language"),
            _("Third fallback language"),
        ]
        for step, label in enumerate(labels[:FALLBACK_STEPS]):
            self.fields[f"step_{step}"] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=step == 0,
                initial=chain[step] if step < len(chain) else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        order = [data[f"step_{step}"] for step in range(FALLBACK_STEPS) if data.get(f"step_{step}")]
        if len(set(order)) != len(order):
            raise forms.ValidationError(_("Name each language once in the fallback order."))
        data["languages"] = order
        return data
