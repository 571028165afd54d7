"""Forms for organisers editing the program and for the public program filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from infoharbor.core.languages import NAME_LOCAL
from infoharbor.core.models import Forum, Organization, Person, Platform, Room
from infoharbor.program import kinds
from infoharbor.program.models import Session, SessionSpeaker


class ProgramFilterForm(forms.Form):
    day = forms.TypedChoiceField(
        label=_("Day"), required=False, coerce=dt.date.fromisoformat, empty_value=None
    )
    city = forms.TypedChoiceField(label=_("City"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    platform = forms.ChoiceField(label=_("Platform"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["day"].choices = everything + [
            (d.isoformat(), formats.date_format(d, "MONTH_DAY_FORMAT")) for d in forum.days()
        ]
        self.fields["city"].choices = everything + [(c.pk, str(c.name)) for c in forum.cities.all()]
        self.fields["kind"].choices = everything + kinds.choices()
        self.fields["platform"].choices = everything + [
            (p.code, str(p.name)) for p in forum.platforms.all()
        ]
        self.fields["language"].choices = everything + [
            (code, NAME_LOCAL[code]) for code in forum.content_languages()
        ]


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "kind", "title", "description", "parent", "start", "end", "city", "room",
            "language", "interpretation", "platforms", "hosts", "slug",
        ]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        self.fields["kind"].choices = kinds.choices()
        parents = Session.objects.filter(forum=forum, parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["city"].queryset = forum.cities.all()
        self.fields["room"].queryset = Room.objects.filter(venue__forum=forum)
        self.fields["platforms"].queryset = Platform.objects.filter(forum=forum)
        self.fields["hosts"].queryset = Organization.objects.filter(forum=forum)
        self.fields["interpretation"].help_text = _("A list of language codes, e.g. [\"en\", \"th\"].")


class SpeakerForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=SessionSpeaker.Role.choices)

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(forum=forum)


SpeakerFormSet = forms.formset_factory(SpeakerForm, extra=2, can_delete=True)
