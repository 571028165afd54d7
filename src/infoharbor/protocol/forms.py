"""Forms of the protocol office's pages: they parse input; services hold the rules. Row editors
(ranks, dignitaries, signatories, seating rules, tables) are core.forms.RowFormSet formsets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from infoharbor.core.countries import country_choices
from infoharbor.core.forms import BLANK_CHOICE, CheckedInputMixin, RowFormSet
from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum, Person, Room
from infoharbor.core.pickers import PickerField, limit_pickers
from infoharbor.core.translated import TranslatedFormField, use_languages
from infoharbor.program.models import Session
from infoharbor.projects.models import Project
from infoharbor.protocol.models import (
    ProtocolSettings,
    Rank,
    RoomLayout,
    RunSheet,
    SeatingPlan,
    SeatingRule,
    SeatingTable,
    Signatory,
)


class PeopleChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _people(forum: Forum) -> Any:
    return Person.objects.filter(forum=forum).order_by("name_latin", "name", "pk")


class OverrideForm(CheckedInputMixin, forms.Form):
    person = PeopleChoice(label=_("Place"), queryset=Person.objects.none())
    before = PeopleChoice(label=_("right before"), queryset=Person.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(forum=forum, dignitary__isnull=False)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["before"].queryset = people  # type: ignore[attr-defined]


class SettingsForm(forms.ModelForm):
    """The tie rules, the guests' side on stage and the interpreters' day."""

    class Meta:
        model = ProtocolSettings
        fields = [
            "host_country",
            "host_last",
            "tie_break",
            "guest_side",
            "interpreter_minutes_per_day",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host_country"] = forms.ChoiceField(
            label=_("host country"),
            required=False,
            choices=[BLANK_CHOICE, *country_choices(get_language() or "en")],
        )


class RankForm(forms.Form):
    rank = forms.ModelChoiceField(
        queryset=Rank.objects.none(), required=False, widget=forms.HiddenInput
    )
    code = forms.SlugField(label=_("code"), max_length=50)
    content_fields = ("code",)  # a row without a code is blank (core.forms.RowFormSet)

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rank"].queryset = forum.ranks.all()  # type: ignore[attr-defined]
        self.fields["name"] = TranslatedFormField(forum.content_languages(), label=_("name"))


RankFormSet = forms.formset_factory(RankForm, formset=RowFormSet, extra=0, can_delete=True)


class DignitaryForm(forms.Form):
    person = PickerField("person", label=_("Person"))
    content_fields = ("person",)
    rank = forms.ModelChoiceField(label=_("rank"), queryset=Rank.objects.none())
    arrived_at = forms.DateTimeField(
        label=_("arrival"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_pickers(self, forum)
        self.fields["rank"].queryset = forum.ranks.all()  # type: ignore[attr-defined]


DignitaryFormSet = forms.formset_factory(
    DignitaryForm, formset=RowFormSet, extra=0, can_delete=True
)


class RunSheetForm(forms.ModelForm):
    class Meta:
        model = RunSheet
        fields = ["opening_minutes", "closing_minutes"]


class AddSigningForm(forms.Form):
    project = forms.ModelChoiceField(label=_("project"), queryset=Project.objects.none())
    minutes = forms.IntegerField(label=_("signing (minutes)"), min_value=1, initial=2)
    exchange_minutes = forms.IntegerField(
        label=_("exchange of documents (minutes)"), min_value=0, initial=1
    )

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        projects = Project.objects.filter(forum=forum, signing__isnull=True).order_by("reference")
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]


class SigningForm(forms.Form):
    minutes = forms.IntegerField(label=_("signing (minutes)"), min_value=1)
    exchange_minutes = forms.IntegerField(label=_("exchange of documents (minutes)"), min_value=0)

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["announcement"] = TranslatedFormField(
            forum.content_languages(),
            textarea=True,
            required=False,
            label=_("announcement"),
            help_text=_(
                "What the master of ceremonies says; empty gives the standard announcement."
            ),
        )


class SignatoryForm(forms.Form):
    person = PickerField("person", label=_("person"))
    content_fields = ("person",)
    role = forms.ChoiceField(label=_("role"), choices=Signatory.Role.choices)
    side = forms.ChoiceField(label=_("side"), choices=Signatory.Side.choices)

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_pickers(self, forum)


SignatoryFormSet = forms.formset_factory(
    SignatoryForm, formset=RowFormSet, extra=0, can_delete=True
)


class TableForm(forms.Form):
    table = forms.ModelChoiceField(
        queryset=SeatingTable.objects.none(), required=False, widget=forms.HiddenInput
    )
    label = forms.CharField(label=_("label"), max_length=20)
    content_fields = ("label",)
    shape = forms.ChoiceField(label=_("shape"), choices=SeatingTable.Shape.choices)
    seats = forms.IntegerField(label=_("seats"), min_value=1, max_value=60)
    x = forms.FloatField(label=_("x (m)"), min_value=0)
    y = forms.FloatField(label=_("y (m)"), min_value=0)
    order = forms.IntegerField(label=_("importance"), min_value=0, initial=0)

    def __init__(self, *args: Any, tables: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = tables  # type: ignore[attr-defined]


TableFormSet = forms.formset_factory(TableForm, formset=RowFormSet, extra=0, can_delete=True)


class LayoutForm(forms.ModelForm):
    class Meta:
        model = RoomLayout
        fields = ["width", "depth"]


class PlanForm(forms.ModelForm):
    class Meta:
        model = SeatingPlan
        fields = ["name", "session", "room", "width", "depth", "guests"]
        widgets = {"guests": forms.SelectMultiple(attrs={"size": 12})}

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        use_languages(self, forum.content_languages())
        fields: dict[str, Any] = self.fields
        fields["session"].queryset = Session.objects.filter(forum=forum)
        fields["room"].queryset = Room.objects.filter(venue__forum=forum)
        fields["guests"].queryset = _people(forum)
        fields["guests"].help_text = _("Who is seated when the plan is computed.")


class SeatingRuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=SeatingRule.Kind.choices)
    person = PickerField("person", label=_("person"))
    content_fields = ("person",)
    other = PickerField("person", label=_("other person"))

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_pickers(self, forum)


SeatingRuleFormSet = forms.formset_factory(
    SeatingRuleForm, formset=RowFormSet, extra=0, can_delete=True
)


class FixSeatForm(forms.Form):
    person = PeopleChoice(label=_("Person"), queryset=Person.objects.none())
    table = forms.ModelChoiceField(label=_("Table"), queryset=SeatingTable.objects.none())
    number = forms.IntegerField(label=_("Seat"), min_value=1)

    def __init__(self, plan: Any, tables: list[SeatingTable], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = plan.guests.all()  # type: ignore[attr-defined]
        self.fields["table"].queryset = SeatingTable.objects.filter(  # type: ignore[attr-defined]
            pk__in=[t.pk for t in tables]
        )


class PairsField(forms.CharField):
    """Language pairs written as "zh-hans/en, th/en": each pair's two codes, pairs by commas."""

    def to_python(self, value: Any) -> list[list[str]]:  # type: ignore[override]
        text = super().to_python(value) or ""
        known = {code for code, _name in content_language_choices()}
        pairs = []
        for chunk in filter(None, (part.strip() for part in text.split(","))):
            codes = [code.strip() for code in chunk.split("/")]
            if len(codes) != 2 or codes[0] == codes[1] or not set(codes) <= known:
                raise forms.ValidationError(
                    _("“%(pair)s” is not a pair of two language codes, like zh-hans/en."),
                    params={"pair": chunk},
                )
            pairs.append(codes)
        if not pairs:
            raise forms.ValidationError(_("Give at least one language pair."))
        return pairs

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join("/".join(pair) for pair in value)
        return value


class InterpreterForm(forms.Form):
    person = PickerField("person", label=_("person"))
    content_fields = ("person",)
    pairs = PairsField(
        label=_("language pairs"), help_text=_("For example: zh-hans/en, th/en"), max_length=200
    )

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_pickers(self, forum)


InterpreterFormSet = forms.formset_factory(
    InterpreterForm, formset=RowFormSet, extra=0, can_delete=True
)


class BoothsForm(forms.Form):
    session = forms.ModelChoiceField(label=_("session"), queryset=Session.objects.none())

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sessions = Session.objects.filter(forum=forum).exclude(interpretation=[])
        self.fields["session"].queryset = sessions.order_by("start")  # type: ignore[attr-defined]
