"""The quick selects write exactly what Django's own select templates write."""

import re

import pytest
from django import forms

from infoharbor.core.widgets import QuickSelect, QuickSelectMultiple

pytestmark = pytest.mark.unit

CHOICES = [
    ("", "—"),
    ("CN", "中国"),
    ("TH", "ไทย"),
    ("Elsewhere", [("FR", "France"), ("XQ", 'Say "<b>" & co')]),
]


def _normalised(html: str) -> str:
    """Django's templates put a newline between options; that is all that may differ."""
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize(
    ("quick", "django_widget", "value"),
    [
        (QuickSelect, forms.Select, "TH"),
        (QuickSelect, forms.Select, None),
        (QuickSelectMultiple, forms.SelectMultiple, ["CN", "XQ"]),
    ],
)
def test_same_html_as_djangos_select(quick, django_widget, value):
    attrs = {"id": "id_country", "required": True, "aria-describedby": "help"}
    ours = quick(choices=CHOICES).render("country", value, attrs)
    theirs = django_widget(choices=CHOICES).render("country", value, attrs)
    assert _normalised(ours) == _normalised(theirs)
    assert "&lt;b&gt;" in ours and "<b>" not in ours
