"""Forms of the protocol office's pages: they parse input; services hold the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from infoharbor.core.forms import CheckedInputMixin
from infoharbor.core.models import Forum, Person
from infoharbor.protocol.models import SeatingTable


class PeopleChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class OverrideForm(CheckedInputMixin, forms.Form):
    person = PeopleChoice(label=_("Place"), queryset=Person.objects.none())
    before = PeopleChoice(label=_("right before"), queryset=Person.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(forum=forum, dignitary__isnull=False)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["before"].queryset = people  # type: ignore[attr-defined]


class FixSeatForm(forms.Form):
    person = PeopleChoice(label=_("Person"), queryset=Person.objects.none())
    table = forms.ModelChoiceField(label=_("Table"), queryset=SeatingTable.objects.none())
    number = forms.IntegerField(label=_("Seat"), min_value=1)

    def __init__(self, plan: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = plan.guests.all()  # type: ignore[attr-defined]
        self.fields["table"].queryset = plan.tables.all()  # type: ignore[attr-defined]
