"""The badge batch form: which badges to print."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from infoharbor.core.models import Forum
from infoharbor.registration.models import Category, Delegation


class BatchForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    delegation = forms.ModelChoiceField(
        label=_("Delegation"),
        queryset=Delegation.objects.none(),
        required=False,
        empty_label=_("All"),
    )

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(forum=forum)  # type: ignore[attr-defined]
        self.fields["delegation"].queryset = Delegation.objects.filter(forum=forum)  # type: ignore[attr-defined]
