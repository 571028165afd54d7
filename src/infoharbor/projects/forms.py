"""Forms for the public registry filter and for organisers entering projects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from infoharbor.core.forms import CheckedInputMixin, RowFormSet
from infoharbor.core.models import Forum, Platform
from infoharbor.core.pickers import PickerField, limit_pickers
from infoharbor.program.models import Session
from infoharbor.projects import queries
from infoharbor.projects.models import (
    ExchangeRate,
    Project,
    ProjectDocument,
    ProjectParty,
    Sector,
    StatusChange,
)


class RegistryFilterForm(forms.Form):
    text = forms.CharField(label=_("Search"), required=False)
    platform = forms.ChoiceField(label=_("Platform"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    session = forms.ChoiceField(label=_("Signing session"), required=False)
    city = forms.TypedChoiceField(label=_("City"), required=False, coerce=int, empty_value=None)
    signed_on = forms.DateField(label=_("Date"), required=False)
    china_asean = forms.BooleanField(label=_("China-ASEAN projects only"), required=False)

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        fields: dict[str, Any] = self.fields
        fields["platform"].choices = everything + [
            (p.code, str(p.name)) for p in forum.platforms.all()
        ]
        fields["sector"].choices = everything + [
            (s.code, str(s))
            for s in Sector.objects.filter(forum=forum, projects__isnull=False).distinct()
        ]
        fields["country"].choices = everything + [
            (c, queries.country_name(c)) for c in queries.countries_in_registry(forum)
        ]
        fields["kind"].choices = everything + Project.Kind.choices
        fields["status"].choices = everything + StatusChange.Status.choices
        fields["session"].choices = everything + [
            (s.slug, str(s.title))
            for s in Session.objects.filter(forum=forum, signed_projects__isnull=False).distinct()
        ]
        fields["city"].choices = everything + [(c.pk, str(c.name)) for c in forum.cities.all()]


class ProjectForm(CheckedInputMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "reference",
            "title",
            "description",
            "kind",
            "platforms",
            "sector",
            "signing_session",
            "signed_on",
            "signing_city",
            "city",
            "country",
            "amount",
            "currency",
            "amount_kind",
            "synthetic",
            "provenance",
        ]
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.forum = forum
        fields: dict[str, Any] = self.fields
        fields["platforms"].queryset = Platform.objects.filter(forum=forum)
        fields["sector"].queryset = Sector.objects.filter(forum=forum)
        fields["signing_session"].queryset = Session.objects.filter(forum=forum)
        fields["signing_city"].queryset = queries.city_choices(forum)
        fields["city"].queryset = queries.city_choices(forum)


class PartyForm(forms.Form):
    organization = PickerField("organization", label=_("Organization"))
    content_fields = ("organization",)  # a row without one is blank (core.forms.RowFormSet)
    role = forms.ChoiceField(label=_("Role"), choices=ProjectParty.Role.choices)

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_pickers(self, forum)


PartyFormSet = forms.formset_factory(PartyForm, formset=RowFormSet, extra=0, can_delete=True)


class StatusChangeForm(CheckedInputMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=StatusChange.Status.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    source_url = forms.URLField(label=_("Source link"), required=False, assume_scheme="https")
    document = forms.ModelChoiceField(
        label=_("Source document"), queryset=ProjectDocument.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, project: Project, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["document"].queryset = project.documents.all()


class DocumentForm(CheckedInputMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX or CSV file"))


class ExchangeRateForm(CheckedInputMixin, forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["base", "currency", "date", "rate", "source"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
