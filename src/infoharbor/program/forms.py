"""Forms for organisers editing the program and for the public program filter."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from infoharbor.core.formatting import language_name
from infoharbor.core.forms import CheckedInputMixin, RowFormSet
from infoharbor.core.languages import NAME_LOCAL
from infoharbor.core.models import Forum, Platform, Room
from infoharbor.core.pickers import PickerField, limit_pickers
from infoharbor.core.translated import use_languages
from infoharbor.program import kinds
from infoharbor.program.models import ScheduleRelease, Session, SessionSpeaker


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
        # The forum's languages, named in the reader's; codes kept from before stay choosable.
        reader = get_language() or forum.default_language
        codes = dict.fromkeys([*forum.content_languages(), *(self.instance.interpretation or [])])
        self.fields["interpretation"] = forms.MultipleChoiceField(
            label=self.fields["interpretation"].label,
            required=False,
            choices=[(code, language_name(code, reader)) for code in codes],
            widget=forms.CheckboxSelectMultiple,
        )


class SpeakerForm(forms.Form):
    person = PickerField("person", label=_("Person"))
    content_fields = ("person",)  # a row without a person is blank (core.forms.RowFormSet)
    role = forms.ChoiceField(label=_("Role"), choices=SessionSpeaker.Role.choices)

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_pickers(self, forum)


class HostForm(forms.Form):
    organization = PickerField("organization", label=_("Organization"))
    content_fields = ("organization",)  # a row without one is blank (core.forms.RowFormSet)

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_pickers(self, forum)


SpeakerFormSet = cast(
    type[RowFormSet],
    forms.formset_factory(SpeakerForm, formset=RowFormSet, extra=0, can_delete=True),
)
HostFormSet = cast(
    type[RowFormSet], forms.formset_factory(HostForm, formset=RowFormSet, extra=0, can_delete=True)
)


class RoomInCityField(forms.ModelChoiceField):
    """A room of any host city, named with its city: a move may take a session elsewhere."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.venue.city.name} · {obj}"


class MoveForm(forms.Form):
    """Where the timetable's move dialog puts a session: a day, a start time, a room."""

    day = forms.TypedChoiceField(label=_("Day"), coerce=dt.date.fromisoformat)
    start = forms.TimeField(label=_("Start"), widget=forms.TimeInput(attrs={"type": "time"}))
    room = RoomInCityField(
        label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("No room")
    )

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forum = forum
        days = [(d.isoformat(), formats.date_format(d, "DATE_FORMAT")) for d in forum.days()]
        cast(forms.ChoiceField, self.fields["day"]).choices = days
        rooms = Room.objects.filter(venue__forum=forum).select_related("venue__city")
        _limit(self, "room", rooms)

    @classmethod
    def initial_for(cls, session: Session) -> dict[str, Any]:
        local = session.start.astimezone(session.forum.tz)
        return {"day": local.date().isoformat(), "start": local.time(), "room": session.room_id}

    def moment(self) -> dt.datetime:
        """The chosen start, in the forum's time zone."""
        data = self.cleaned_data
        return dt.datetime.combine(data["day"], data["start"], tzinfo=self.forum.tz)


class ReleaseForm(forms.ModelForm):
    class Meta:
        model = ScheduleRelease
        fields = ["version", "note"]

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_languages(self, forum.content_languages())
