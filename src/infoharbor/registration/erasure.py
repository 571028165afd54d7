"""Erasing one participant's personal data ("shredding", as pretix calls it), for organisers.

What goes: the person's name (replaced by a placeholder), email, phone, honorific, position,
biography and photo (with its file); the registration's answers (with uploaded files); the
subject, body and address of every email to them; their names and personal values in the audit
log and the admin's history. What stays, anonymised, so that counts and statistics stay right:
the participant row with its category, status, delegation and country, its session choices
(seats and waiting-list places) and its check-ins. The private link and the badge code are
replaced, so neither the old link nor a printed badge leads to the row any more.
"""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import models, transaction

from infoharbor.core import audit
from infoharbor.core.audit import Actor
from infoharbor.core.photos import discard_replaced
from infoharbor.core.tokens import new_public_token
from infoharbor.core.translated import TranslatedText
from infoharbor.registration.models import Answer, OutboxEmail, Participant

# What an erased person is called from then on (stored data, not a UI string).
PLACEHOLDER = "—"


def erase_participant(actor: Actor, participant: Participant) -> Participant:
    """Erase the participant's personal data, leaving an audit entry that says so."""
    with transaction.atomic():
        participant = (
            Participant.objects.select_for_update()
            .select_related("person", "forum")
            .get(pk=participant.pk)
        )
        person = participant.person
        old_photo = person.photo.name or ""
        person.name, person.name_latin, person.email = PLACEHOLDER, "", ""
        person.honorific = person.position = person.biography = TranslatedText({})
        person.photo = ""
        person.save()  # save(), not update(): the search index follows saves
        discard_replaced(old_photo)

        answers = Answer.objects.filter(participant=participant)
        files = [name for name in answers.values_list("file", flat=True) if name]
        answers.delete()
        transaction.on_commit(lambda: _delete_files(files))

        OutboxEmail.objects.filter(participant=participant).update(
            to="", subject="", body="", last_error=""
        )
        participant.phone = participant.email_key = participant.info_request = ""
        participant.token, participant.badge_code = new_public_token(), new_public_token()
        participant.save(
            update_fields=[
                "phone",
                "email_key",
                "info_request",
                "token",
                "badge_code",
                "updated_at",
            ]
        )

        for obj in (participant, person):
            audit.erase_personal(obj)
            _erase_admin_history(obj)
        audit.record(actor, "participant.erased", participant, forum=participant.forum)
    return participant


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _erase_admin_history(obj: models.Model) -> None:
    """The Django admin's own history names the objects it changed."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).update(object_repr=audit.ERASED)
