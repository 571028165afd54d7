"""The site's form renderer: the empty option Django adds to a list is said in words."""

import pytest
from django import forms
from django.utils import translation

from infoharbor.core.models import Forum
from infoharbor.registration.models import Delegation

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


class _Form(forms.Form):
    forum = forms.ModelChoiceField(queryset=Forum.objects.all(), required=False)


class _ModelForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ["head"]  # an optional key: Django offers "---------" first


@pytest.mark.parametrize("language", ["th", "km", "zh-hans"])
@pytest.mark.parametrize("form", [_Form, _ModelForm], ids=["choice field", "model form"])
def test_the_empty_option_is_not_chosen_in_the_readers_language(language, form):
    with translation.override(language):
        html = str(form())
        words = translation.gettext("Not chosen")
    assert words != "Not chosen"
    assert f'<option value="" selected>{words}</option>' in html
    assert "---------" not in html


def test_an_option_that_only_looks_like_the_dash_keeps_its_value_and_label():
    class Choice(forms.Form):
        line = forms.ChoiceField(choices=[("dash", "---------"), ("", "Nothing")])

    html = str(Choice())
    assert '<option value="dash">---------</option>' in html
    assert '<option value="" selected>Nothing</option>' in html
