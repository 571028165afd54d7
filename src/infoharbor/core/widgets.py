"""Form widgets written in Python where Django's templates are too slow for their size.

Django renders each `<option>` of a select through its own template; the country list has 250 of
them and cost more than the rest of the registration form together. `QuickSelect` and
`QuickSelectMultiple` write the same HTML in one pass.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """Attributes as Django's widgets/attrs.html writes them: in order, True as a bare name."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class _QuickOptions:
    """Django's ChoiceWidget.optgroups and the select templates in one loop (same selection rule:
    the first matching option only, unless several may be selected)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]  # type: ignore[arg-type]
        multiple = self.allow_multiple_selected  # type: ignore[attr-defined]
        if multiple:
            widget["attrs"]["multiple"] = True
        chosen = set(widget["value"])
        found = False
        parts = []
        for group_value, group_label in self.choices:  # type: ignore[attr-defined]
            grouped = isinstance(group_label, list | tuple)
            rows = []
            for option, label in group_label if grouped else [(group_value, group_label)]:
                selected = (multiple or not found) and str(option) in chosen
                found = found or selected
                rows.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        option,
                        mark_safe(" selected") if selected else "",
                        label,
                    )
                )
            joined = format_html_join("", "{}", ((row,) for row in rows))
            parts.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_value, joined)
                if grouped
                else joined
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            _attrs(widget["attrs"]),
            format_html_join("", "{}", ((part,) for part in parts)),
        )


class QuickSelect(_QuickOptions, forms.Select):
    pass


class QuickSelectMultiple(_QuickOptions, forms.SelectMultiple):
    pass
