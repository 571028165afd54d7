"""The door page's form: which door, which session, the scanned code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from infoharbor.core.models import Forum
from infoharbor.registration.door.queries import sessions_of_day


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
