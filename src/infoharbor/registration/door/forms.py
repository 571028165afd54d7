"""The door page's forms: which door, which session, the scanned code; and the scans a door
queued while it had no connection."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from infoharbor.core.formatting import local_date
from infoharbor.core.models import Forum
from infoharbor.program.models import Session
from infoharbor.registration.door.models import CheckIn
from infoharbor.registration.door.queries import door_sessions
from infoharbor.registration.door.services import OfflineAnswer, OfflineScan, scan_time


class DoorSessionField(forms.ModelChoiceField):
    """A session by its day and time (the forum's time zone) and title."""

    def __init__(self, forum: Forum, day: dt.date, **kwargs: Any) -> None:
        super().__init__(queryset=door_sessions(forum, day), to_field_name="slug", **kwargs)
        self.forum = forum
        self.day = day

    def label_from_instance(self, obj: Session) -> str:
        start = timezone.localtime(obj.start, self.forum.tz)
        if obj.other_day:  # type: ignore[attr-defined]
            day = local_date(start, get_language(), timezone=self.forum.timezone, style="medium")
            return f"{day} {start:%H:%M} {obj.title}"
        return f"{start:%H:%M} {obj.title}"


class ScanForm(forms.Form):
    door = forms.CharField(label=_("Door"), max_length=100)
    code = forms.CharField(label=_("Badge code"), max_length=200)
    # The page's own id for this scan: sent again after a lost answer, it is recorded once.
    scan_id = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def __init__(self, forum: Forum, day: dt.date, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"] = DoorSessionField(
            forum,
            day,
            label=_("Session"),
            required=False,
            empty_label=_("Venue entrance (no session)"),
        )
        self.order_fields(["door", "session", "code"])
        self.fields["code"].widget.attrs.update(
            {
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        )


class OfflineScanForm(forms.Form):
    """One scan of a door's queue, as its page sends it when the network is back."""

    scan_id = forms.CharField(max_length=64)
    door = forms.CharField(max_length=100)
    code = forms.CharField(max_length=200)
    session = forms.CharField(max_length=200, required=False)
    scanned_at = forms.CharField(max_length=40)
    allowed = forms.BooleanField(required=False)
    reason = forms.ChoiceField(choices=[("", ""), *CheckIn.Reason.choices], required=False)

    def __init__(self, forum: Forum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forum = forum

    def clean_session(self) -> Session | None:
        slug = self.cleaned_data["session"]
        if not slug:
            return None
        found = Session.objects.filter(forum=self.forum, slug=slug).first()
        if found is None:
            raise forms.ValidationError(_("No session of this forum has this slug."))
        return found

    def clean_scanned_at(self) -> dt.datetime:
        try:
            moment = dt.datetime.fromisoformat(self.cleaned_data["scanned_at"])
        except ValueError:
            raise forms.ValidationError(
                _("Give the time as ISO 8601 with its UTC offset.")
            ) from None
        try:
            return scan_time(moment)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "allowed" in data and not data["allowed"] and not data.get("reason"):
            self.add_error("reason", _("A refusal needs its reason."))
        return data

    def to_scan(self) -> OfflineScan:
        data = self.cleaned_data
        return OfflineScan(
            door=data["door"],
            code=data["code"],
            session=data["session"],
            scanned_at=data["scanned_at"],
            scan_id=data["scan_id"],
            answer=OfflineAnswer(data["allowed"], "" if data["allowed"] else data["reason"]),
        )
