"""The audit registry: each model declares what its entries keep; nothing else gets in."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib import admin

from infoharbor.core import audit
from infoharbor.core import services as core_services
from infoharbor.core.admin import ForumScopedAdmin
from infoharbor.core.models import AuditEntry, City, Person
from infoharbor.program.models import SessionSpeaker
from infoharbor.registration.models import Participant
from tests.factories import make_category, make_forum, make_participant, make_person, text

pytestmark = [pytest.mark.django_db, pytest.mark.unit]

MIGRATIONS = "infoharbor.core.migrations"


def test_undeclared_model_cannot_be_snapshot_or_recorded():
    city = City.objects.create(name={"en": "Nanning"}, country="CN")
    with pytest.raises(audit.NotAudited, match=r"core\.City declares no audit fields"):
        audit.snapshot(city)
    with pytest.raises(audit.NotAudited):
        audit.record(None, "city.created", city, forum=None, extra={"name": "Nanning"})
    assert AuditEntry.objects.count() == 0


def test_declaration_naming_a_missing_field_is_refused():
    with pytest.raises(audit.NotAudited, match="has no field 'passport'"):
        audit.register(SessionSpeaker, fields=["role", "passport"])
    with pytest.raises(audit.NotAudited):
        audit.spec_for(SessionSpeaker)


def test_extra_key_the_model_does_not_declare_is_refused():
    participant = make_participant(make_category(make_forum()))
    entries = AuditEntry.objects.count()
    with pytest.raises(
        audit.NotAudited, match=r"registration\.Participant declares no extra key \['passport'\]"
    ):
        audit.record(None, "participant.changed", participant, forum=None, extra={"passport": "E1"})
    audit.record(None, "participant.changed", participant, forum=None, extra={"released": ["a"]})
    assert AuditEntry.objects.count() == entries + 1


def test_field_declared_twice_is_refused():
    with pytest.raises(audit.NotAudited, match="declared twice"):
        audit.register(SessionSpeaker, fields=["role"], secret=["role"])


def test_registration_entry_masks_secrets_and_leaves_contact_data_out():
    participant = make_participant(
        make_category(make_forum()), person={"email": "a@example.org", "phone": "+86 771 1"}
    )
    entry = AuditEntry.objects.get(action="participant.registered")
    assert entry.changes == {
        "badge_code": "changed",
        "badge_revoked": [None, False],
        "category": [None, participant.category_id],
        "forum": [None, participant.forum_id],
        "info_request": [None, ""],
        "language": [None, "en"],
        "person": [None, participant.person_id],
        "sessions": {},
        "source": [None, "web"],
        "status": [None, "approved"],
        "token": "changed",
    }


def test_changed_secret_is_recorded_as_changed_and_an_unchanged_one_not_at_all():
    participant = make_participant(make_category(make_forum()))
    before = audit.snapshot(participant)
    participant.token = "another-token"
    entry = audit.record(
        None,
        "participant.x",
        participant,
        forum=None,
        before=before,
        after=audit.snapshot(participant),
    )
    assert entry is not None
    assert entry.changes == {"token": "changed"}
    unchanged = audit.snapshot(participant)
    assert (
        audit.record(None, "x", participant, forum=None, before=unchanged, after=unchanged) is None
    )


def test_secret_passed_as_extra_is_masked():
    participant = make_participant(make_category(make_forum()))
    entry = audit.record(
        None, "participant.x", participant, forum=None, extra={"photo": "people/photos/x.png"}
    )
    assert entry.changes == {"photo": "changed"}


def test_erase_personal_removes_names_and_personal_values_only():
    person = make_person(make_forum(), "王芳", "Wang Fang")
    before = audit.snapshot(person)
    person.name_latin, person.country = "Wang F.", "CN"
    audit.record(
        None, "person.changed", person, forum=None, before=before, after=audit.snapshot(person)
    )

    assert audit.erase_personal(person) == 1

    entry = AuditEntry.objects.get()
    assert (entry.object_repr, entry.changes) == (
        "erased",
        {"country": ["", "CN"], "name_latin": "erased"},
    )


def test_every_model_the_admin_saves_declares_its_audit_fields():
    # The log's own admin writes nothing.
    scoped = [
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ForumScopedAdmin) and model is not AuditEntry
    ]
    assert Participant in scoped
    assert Person in scoped
    for model in scoped:
        audit.spec_for(model)  # raises NotAudited for a model that declares nothing


def test_recorded_fields_are_named_in_the_readers_language_reverse_relations_too():
    from django.utils import translation

    from infoharbor.core.forms import field_label

    with translation.override("th"):
        assert field_label("registration.participant", "status") == "สถานะ"
        assert field_label("protocol.signing", "signatories") == "ผู้ลงนาม"
        assert field_label("protocol.signing", "no_such_field") == "no_such_field"


def test_an_invitation_is_logged_without_the_invited_email_and_old_entries_lose_it():
    forum = make_forum(name=text("Harbor"))
    invitation = core_services.invite(
        None, forum, "wang.fang@example.org", ["viewer"], language="en"
    )
    entry = AuditEntry.objects.get(action="invitation.sent")
    assert entry.object_repr == f"Harbor · #{invitation.pk}"
    # An entry written while invitations were named by their email:
    entry.object_repr = "Harbor · wang.fang@example.org"
    entry.save()

    migration = importlib.import_module(
        "infoharbor.core.migrations.0011_audit_names_without_secrets"
    )
    migration.rename(django_apps, None)

    entry.refresh_from_db()
    assert entry.object_repr == f"Harbor · #{invitation.pk}"
    assert not AuditEntry.objects.filter(object_repr__contains="@").exists()
