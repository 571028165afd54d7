"""Translated text: one value per language, kept as JSON in one column.

A `TranslatedText` shows itself in the active UI language, then in the languages of the forum's
fallback order (`Forum.fallback_chain()`, set for the request with `forum_fallback`; English
when no forum is set), then in any language it has.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from infoharbor.core.languages import ui_language_codes

if TYPE_CHECKING:
    from infoharbor.core.models import Forum

# Without a forum (pages about no forum, the console command), English is the only fallback.
NO_FORUM_CHAIN = ("en",)

_forum_chain: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "forum_fallback_chain", default=NO_FORUM_CHAIN
)


def _chain_of(forum: Forum | Sequence[str]) -> tuple[str, ...]:
    return tuple(forum if isinstance(forum, Sequence) else forum.fallback_chain())


@contextlib.contextmanager
def forum_fallback(forum: Forum | Sequence[str]) -> Iterator[None]:
    """Within this block, translated text falls back through `forum`'s order (or these codes)."""
    token = _forum_chain.set(_chain_of(forum))
    try:
        yield
    finally:
        _forum_chain.reset(token)


def set_forum_fallback(forum: Forum) -> None:
    """Set the fallback for the rest of the current request (views call this once per request).

    `ForumLanguageMiddleware` scopes it to the request, so it never leaks into the next one.
    """
    _forum_chain.set(_chain_of(forum))


class ForumLanguageMiddleware:
    """Starts every request with no forum fallback and restores the previous state after it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _forum_chain.set(NO_FORUM_CHAIN)
        try:
            return self.get_response(request)
        finally:
            _forum_chain.reset(token)


class TranslatedText:
    """An immutable mapping of language code to text, shown in the best available language."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str] | str | None = None) -> None:
        if values is None:
            values = {}
        elif isinstance(values, str):
            values = {"en": values} if values else {}
        self._values = {k: v for k, v in values.items() if v}

    def fallback_chain(self, language: str | None = None) -> list[str]:
        """The languages tried in order: the requested one, then the forum's fallback order."""
        return list(dict.fromkeys([language or get_language() or "en", *_forum_chain.get()]))

    def get(self, language: str | None = None) -> str:
        for code in self.fallback_chain(language):
            if code in self._values:
                return self._values[code]
        return next(iter(self._values.values()), "")

    def has(self, language: str) -> bool:
        return language in self._values

    def items(self) -> Iterable[tuple[str, str]]:
        return self._values.items()

    @property
    def data(self) -> dict[str, str]:
        return dict(self._values)

    def __str__(self) -> str:
        return self.get()

    def __bool__(self) -> bool:
        return bool(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TranslatedText):
            return self._values == other._values
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._values.items())))

    def __repr__(self) -> str:
        return f"TranslatedText({self._values!r})"


class TranslatedWidget(forms.MultiWidget):
    """One text input (or text area) per language, labelled with the language's own name."""

    template_name = "core/widgets/translated.html"

    def __init__(self, languages: list[str], textarea: bool = False) -> None:
        self.languages = languages
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            code: forms.Textarea(attrs={"rows": 3, "lang": code})
            if textarea
            else forms.TextInput(attrs={"lang": code})
            for code in languages
        }
        super().__init__(widgets)

    def decompress(self, value: Any) -> list[str]:
        value = value if isinstance(value, TranslatedText) else TranslatedText(value)
        return [value.data.get(code, "") for code in self.languages]


class TranslatedFormField(forms.MultiValueField):
    def __init__(self, languages: list[str], textarea: bool = False, **kwargs: Any) -> None:
        self.languages = languages
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(required=False) for _ in languages]
        super().__init__(
            fields,
            widget=TranslatedWidget(languages, textarea),
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> TranslatedText:
        return TranslatedText(dict(zip(self.languages, data_list or [], strict=False)))

    def validate(self, value: TranslatedText) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


def use_languages(form: forms.BaseForm, languages: list[str]) -> None:
    """Give every translated field of `form` one input per language in `languages`."""
    for name, field in list(form.fields.items()):
        if isinstance(field, TranslatedFormField):
            form.fields[name] = TranslatedFormField(
                languages,
                textarea=isinstance(field.widget.widgets[0], forms.Textarea),
                required=field.required,
                label=field.label,
                help_text=field.help_text,
            )


class TranslatedDescriptor(DeferredAttribute):
    """Whatever is assigned (dict, str, TranslatedText) reads back as a TranslatedText."""

    def __set__(self, instance: models.Model, value: Any) -> None:
        field = cast(TranslatedField, self.field)
        instance.__dict__[field.attname] = field.to_python(value)


class TranslatedField(models.JSONField):
    """A model field holding a TranslatedText."""

    descriptor_class = TranslatedDescriptor

    def __init__(self, *args: Any, textarea: bool = False, **kwargs: Any) -> None:
        self.textarea = textarea
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.textarea:
            kwargs["textarea"] = True
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> TranslatedText:
        return TranslatedText(super().from_db_value(value, expression, connection))

    def to_python(self, value: Any) -> TranslatedText:
        if isinstance(value, TranslatedText):
            return value
        return TranslatedText(value)

    def get_prep_value(self, value: Any) -> Any:
        # Plain strings pass through: lookups such as `name__en="Nanning"` compare JSON values.
        if isinstance(value, TranslatedText):
            value = value.data
        return super().get_prep_value(value)

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value.data if isinstance(value, TranslatedText) else value, model_instance)

    def value_to_string(self, obj: models.Model) -> Any:
        value = self.value_from_object(obj)
        return value.data if isinstance(value, TranslatedText) else value

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return TranslatedFormField(
            ui_language_codes(),
            textarea=self.textarea,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
