"""Forms for organisers editing the program and for the public program filter."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from infoharbor.core.forms import CheckedInputMixin, RowFormSet
from infoharbor.core.languages import NAME_LOCAL
from infoharbor.core.models import Forum, Organization, Person, Platform, Room
from infoharbor.core.translated import use_languages
from infoharbor.program import kinds
from infoharbor.program.models import Session, SessionSpeaker


class ProgramFilterForm(forms.Form):
    """The public program's filters; choices come from the forum."""

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything: list[tuple[Any, Any]] = [("", _("All"))]
        days = [(d.isoformat(), formats.date_format(d, "MONTH_DAY_FORMAT")) for d in forum.days()]
        cities = [(c.pk, str(c.name)) for c in forum.cities.all()]
        platforms = [(p.code, str(p.name)) for p in forum.platforms.all()]
        languages = [(code, NAME_LOCAL[code]) for code in forum.content_languages()]
        self.fields["day"] = forms.TypedChoiceField(
            label=_("Day"),
            required=False,
            choices=everything + days,
            coerce=dt.date.fromisoformat,
            empty_value=None,
        )
        self.fields["city"] = forms.TypedChoiceField(
            label=_("City"),
            required=False,
            choices=everything + cities,
            coerce=int,
            empty_value=None,
        )
        self.fields["kind"] = forms.ChoiceField(
            label=_("Kind"), required=False, choices=everything + kinds.choices()
        )
        self.fields["platform"] = forms.ChoiceField(
            label=_("Platform"), required=False, choices=everything + platforms
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"), required=False, choices=everything + languages
        )


def _limit(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class SessionForm(CheckedInputMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "kind",
            "title",
            "description",
            "parent",
            "start",
            "end",
            "city",
            "room",
            "language",
            "interpretation",
            "platforms",
            "hosts",
            "slug",
        ]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        use_languages(self, forum.content_languages())
        cast(forms.ChoiceField, self.fields["kind"]).choices = kinds.choices()
        parents = Session.objects.filter(forum=forum, parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        _limit(self, "parent", parents)
        _limit(self, "city", forum.cities.all())
        _limit(self, "room", Room.objects.filter(venue__forum=forum))
        _limit(self, "platforms", Platform.objects.filter(forum=forum))
        _limit(self, "hosts", Organization.objects.filter(forum=forum))
        self.fields["interpretation"].help_text = _('A list of language codes, e.g. ["en", "th"].')


class SpeakerForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    content_fields = ("person",)  # a row without a person is blank (core.forms.RowFormSet)
    role = forms.ChoiceField(label=_("Role"), choices=SessionSpeaker.Role.choices)

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "person", Person.objects.filter(forum=forum))


SpeakerFormSet = forms.formset_factory(SpeakerForm, formset=RowFormSet, extra=0, can_delete=True)
