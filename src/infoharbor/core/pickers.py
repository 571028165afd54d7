"""Choosing one person or organization among thousands: a search-as-you-type field for organisers.

`PickerField` is a text box. In the browser, core/static/core/picker.js asks the organiser
endpoint (`core:pick`, answered by `choices`) for matches as the organiser types, through the
shared search (core/search.py: Chinese and Thai found inside names), and writes the chosen one's
key into a hidden companion input. Without the script the text itself is resolved on the server:
one match, or one whose name is exactly the text, is taken; none or several is an error on the
field saying so.

Each kind is one `Picker` in `PICKERS`, with the permission that lets an organiser search it:
people are personal data (`core.pick_people`: those who see people, and the protocol office),
organizations are not (`core.view_forum`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from infoharbor.core import search
from infoharbor.core.models import Forum, Organization, Person

CHOICES_SHOWN = 10
# Matches resolved on the way to the few shown, so the best of them come first.
MATCHES_READ = 50


@dataclass(frozen=True)
class Picker:
    kind: str
    model: type[Model]
    permission: str
    key_field: str  # the key given to the browser: never a token of the public pages
    hint: Callable[[Any], str]  # what tells two of the same name apart

    def objects(self, forum: Forum) -> QuerySet[Any]:
        return self.model._default_manager.filter(forum=forum)

    def key(self, obj: Any) -> str:
        return str(getattr(obj, self.key_field))


def _person_hint(person: Person) -> str:
    parts = [str(person.position), str(person.organization) if person.organization else ""]
    return " · ".join(part for part in parts if part)


PICKERS = {
    "person": Picker("person", Person, "core.pick_people", "public_id", _person_hint),
    "organization": Picker(
        "organization", Organization, "core.view_forum", "pk", lambda org: org.short_name
    ),
}


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    hint: str


def _matching(picker: Picker, forum: Forum, text: str) -> tuple[list[Any], bool]:
    """Objects whose indexed text matches `text`, those named exactly so first; and whether more
    exist than were read. Raises search.SearchQueryError for a query too long to search."""
    keys = search.matching_pks(forum, text, picker.model, cap=MATCHES_READ + 1)
    more = len(keys) > MATCHES_READ
    objects = list(picker.objects(forum).filter(pk__in=keys[:MATCHES_READ]))
    folded = search.fold(text.strip())
    objects.sort(key=lambda obj: (search.fold(str(obj)) != folded, len(str(obj)), obj.pk))
    return objects, more


def choices(picker: Picker, forum: Forum, text: str) -> tuple[list[Choice], bool]:
    """What the picker offers for `text`: the best few, and whether there are more."""
    if not text.strip():
        return [], False
    objects, more = _matching(picker, forum, text)
    shown = [Choice(picker.key(obj), str(obj), picker.hint(obj)) for obj in objects]
    return shown[:CHOICES_SHOWN], more or len(shown) > CHOICES_SHOWN


class PickerWidget(forms.TextInput):
    """The text box and the hidden key beside it; the endpoint's address is in `data-picker`."""

    template_name = "core/widgets/picker.html"

    def __init__(self, picker: Picker, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.picker = picker
        self.forum_slug = ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, str]:
        return (data.get(name, ""), data.get(f"{name}_key", ""))

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data

    def format_value(self, value: Any) -> str | None:
        return value[0] if isinstance(value, tuple) else super().format_value(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["key"] = value[1] if isinstance(value, tuple) else ""
        widget["attrs"]["data-picker"] = reverse(
            "core:pick", args=[self.forum_slug, self.picker.kind]
        )
        widget["attrs"]["role"] = "combobox"
        widget["attrs"]["aria-autocomplete"] = "list"
        widget["attrs"]["data-picker-more"] = _("More match: type more of the name.")
        return context


class PickerField(forms.ModelChoiceField):
    """One person or organization of a forum, chosen by typing part of the name."""

    default_error_messages = {
        "none": _("Nothing matches “%(text)s”: check the spelling, or type less of the name."),
        "several": _("More than one matches “%(text)s”: type more of the name."),
    }

    def __init__(self, kind: str, **kwargs: Any) -> None:
        self.picker = PICKERS[kind]
        self.forum: Forum | None = None
        super().__init__(
            queryset=self.picker.model._default_manager.none(),
            widget=PickerWidget(self.picker),
            **kwargs,
        )

    def for_forum(self, forum: Forum) -> None:
        self.forum = forum
        self.queryset = self.picker.objects(forum)
        cast(PickerWidget, self.widget).forum_slug = forum.slug

    def _objects(self) -> QuerySet[Any]:
        return cast("QuerySet[Any]", self.queryset)

    def prepare_value(self, value: Any) -> Any:
        """(text, key) for the widget, from the submitted pair or the initial object or pk."""
        if isinstance(value, tuple):
            return value
        if value in (None, ""):
            return ("", "")
        obj = value if isinstance(value, Model) else self._objects().filter(pk=value).first()
        return (str(obj), self.picker.key(obj)) if obj is not None else ("", "")

    def to_python(self, value: Any) -> Any:
        text, key = value if isinstance(value, tuple) else (str(value or ""), "")
        text = text.strip()
        if not text:
            return None
        if key:
            # The script's choice, as long as the text still names it (not typed over since).
            chosen = self._objects().filter(**{self.picker.key_field: key}).first()
            if chosen is not None and str(chosen) == text:
                return chosen
        return self._resolve(text)

    def _resolve(self, text: str) -> Any:
        assert self.forum is not None, "PickerField.for_forum was not called"
        try:
            found, more = _matching(self.picker, self.forum, text)
        except search.SearchQueryError as error:
            raise forms.ValidationError(error.message_dict["q"]) from error
        exact = [obj for obj in found if search.fold(str(obj)) == search.fold(text)]
        if len(exact) == 1 or (len(found) == 1 and not more):
            return exact[0] if exact else found[0]
        if not found:
            raise forms.ValidationError(
                self.error_messages["none"], code="none", params={"text": text}
            )
        raise forms.ValidationError(
            self.error_messages["several"], code="several", params={"text": text}
        )

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.prepare_value(initial)[0] != self.prepare_value(data)[0].strip()


def limit_pickers(form: forms.BaseForm, forum: Forum) -> None:
    """Point every picker of `form` at `forum`: its objects and its endpoint."""
    for field in form.fields.values():
        if isinstance(field, PickerField):
            field.for_forum(forum)
