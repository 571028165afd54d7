"""Forms of the matchmaking pages: the participant's business profile and its opportunities, a
meeting request, an answer, how a meeting went; the organisers' blocks, request deadlines,
meeting orders and moves."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from infoharbor.core.countries import country_choices
from infoharbor.core.forms import BLANK_CHOICE, CheckedInputMixin, RowFormSet
from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum, Platform
from infoharbor.core.widgets import QuickSelectMultiple
from infoharbor.matchmaking.models import (
    BusinessProfile,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    Opportunity,
    Slot,
    Topic,
)
from infoharbor.projects.models import Project


class ProfileForm(CheckedInputMixin, forms.ModelForm):
    class Meta:
        model = BusinessProfile
        fields = ["summary", "language", "open_to_meetings"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = content_language_choices()  # type: ignore[attr-defined]


class OpportunityForm(CheckedInputMixin, forms.Form):
    kind = forms.ChoiceField(label=_("offer or request"), choices=Opportunity.Kind.choices)
    products = forms.CharField(label=_("products or services"), max_length=300, required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    platform = forms.ModelChoiceField(
        label=_("cooperation platform"), queryset=Platform.objects.none(), required=False
    )
    countries = forms.MultipleChoiceField(
        label=_("target countries"), required=False, widget=QuickSelectMultiple
    )
    text = forms.CharField(
        label=_("description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    # A row is blank, and skipped, when it says nothing about what is offered or sought.
    content_fields = ("products", "topics", "text")

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["topics"].queryset = Topic.objects.filter(forum=forum)
        fields["platform"].queryset = forum.platforms.all()
        fields["countries"].choices = country_choices(get_language() or "en")


OpportunityFormSet = forms.formset_factory(
    OpportunityForm, formset=RowFormSet, extra=0, can_delete=True
)


class RequestForm(CheckedInputMixin, forms.Form):
    message = forms.CharField(
        label=_("message"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    priority = forms.TypedChoiceField(
        label=_("priority"), choices=MeetingRequest.Priority.choices, coerce=int
    )
    time_of_day = forms.ChoiceField(
        label=_("when"), choices=MeetingRequest.TimeOfDay.choices, required=False
    )
    interpreter_needed = forms.BooleanField(label=_("interpreter needed"), required=False)


class ReportForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Did the meeting take place?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    rating = forms.TypedChoiceField(
        label=_("How useful was it? (1–5)"),
        choices=[BLANK_CHOICE, *[(str(n), str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
    )


class _ProjectChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class _RequestChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.requester.person} · {obj.invitee.person}"


class _SlotChoice(forms.ModelChoiceField):
    tz: dt.tzinfo = dt.UTC

    def label_from_instance(self, obj: Any) -> str:
        city = obj.block.session.city
        when = formats.date_format(obj.start.astimezone(self.tz), "SHORT_DATETIME_FORMAT")
        return f"{when} · {city.name}" if city else when


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of it"), choices=[c for c in Meeting.Outcome.choices if c[0]]
    )
    project = _ProjectChoice(
        label=_("Signed project in the registry (for an agreement)"),
        queryset=Project.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["project"])
        field.queryset = Project.objects.filter(forum=forum).order_by("-signed_on", "pk")


class BlockForm(forms.Form):
    slot_minutes = forms.IntegerField(label=_("slot length (minutes)"), min_value=10, max_value=240)
    tables = forms.IntegerField(label=_("tables"), min_value=1, max_value=500)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = MatchmakingSettings
        fields = ["answer_hours", "remind_hours_before"]


class OrderForm(forms.Form):
    """One meeting before another, chosen among the forum's accepted requests."""

    earlier = forms.ModelChoiceField(
        label=_("This meeting"), queryset=MeetingRequest.objects.none()
    )
    later = forms.ModelChoiceField(label=_("comes before"), queryset=MeetingRequest.objects.none())

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accepted = (
            MeetingRequest.objects.filter(forum=forum, status=MeetingRequest.Status.ACCEPTED)
            .select_related("requester__person", "invitee__person")
            .order_by("pk")
        )
        for name in ("earlier", "later"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = accepted


class MoveForm(forms.Form):
    """The organiser puts a meeting in another slot (and table); it is pinned there."""

    slot = _SlotChoice(label=_("slot"), queryset=Slot.objects.none())
    table = forms.IntegerField(label=_("table"), min_value=1, required=False)

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(_SlotChoice, self.fields["slot"])
        field.queryset = (
            Slot.objects.filter(block__session__forum=forum)
            .select_related("block__session__city")
            .order_by("start", "pk")
        )
        field.tz = forum.tz
