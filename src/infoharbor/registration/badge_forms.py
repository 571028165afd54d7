"""Forms of the badge and door pages: which badges to print, and a scan at the door."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from infoharbor.core.models import Forum
from infoharbor.registration.checkin import sessions_of_day
from infoharbor.registration.models import Category, Delegation


class BatchForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    delegation = forms.ModelChoiceField(
        label=_("Delegation"), queryset=Delegation.objects.none(), required=False
    )

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(forum=forum)  # type: ignore[attr-defined]
        self.fields["delegation"].queryset = Delegation.objects.filter(forum=forum)  # type: ignore[attr-defined]


class ScanForm(forms.Form):
    door = forms.CharField(label=_("Door"), max_length=100)
    session: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Session"),
        queryset=None,
        required=False,
        empty_label=_("Venue entrance (no session)"),
        to_field_name="slug",
    )
    code = forms.CharField(label=_("Badge code"), max_length=200)

    def __init__(self, forum: Forum, day: dt.date, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions_of_day(forum, day)  # type: ignore[attr-defined]
        self.fields["code"].widget.attrs.update(
            {
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        )
