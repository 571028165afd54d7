"""The program's rules: rooms, people with travel time, forum dates, agendas; and the audit log."""

import pytest
from django.db.models import RestrictedError

from infoharbor.core.models import AuditEntry
from infoharbor.program import services
from infoharbor.program.models import Session
from infoharbor.program.services import ProgramConflict, SessionInUse, SpeakerSpec
from infoharbor.registration.door.services import Door, scan
from infoharbor.registration.models import CheckIn
from tests.factories import (
    at,
    link_cities,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_person,
    make_room,
    make_session,
    make_user,
    text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def places():
    forum = make_forum()
    nanning, beihai = make_city("Nanning"), make_city("Beihai")
    link_cities(nanning, beihai, 180)
    return forum, nanning, beihai


def test_speaker_in_nanning_then_beihai_an_hour_later_is_refused_naming_both(places):
    forum, nanning, beihai = places
    speaker = make_person(forum, "王芳", "Wang Fang")
    make_session(forum, nanning, title="Smart cities", start=at(13, "09:00"), speakers=[speaker])
    with pytest.raises(ProgramConflict) as refused:
        make_session(
            forum, beihai, title="Port digitalisation", start=at(13, "11:00"), speakers=[speaker]
        )
    assert refused.value.messages == [
        "王芳 (Wang Fang) cannot be at “Port digitalisation” in Beihai (Sept. 13, 2018, 11 a.m.) "
        "and at “Smart cities” in Nanning (Sept. 13, 2018, 9 a.m.): travel between the two cities "
        "takes 180 minutes."
    ]
    assert Session.objects.filter(forum=forum).count() == 1


def test_speaker_with_enough_travel_time_is_accepted(places):
    forum, nanning, beihai = places
    speaker = make_person(forum)
    make_session(forum, nanning, start=at(13, "09:00"), speakers=[speaker])
    later = make_session(forum, beihai, start=at(13, "13:00"), speakers=[speaker])
    assert later.speakers.get().person == speaker


def test_speaker_in_two_rooms_of_one_city_at_once_is_refused(places):
    forum, nanning, _ = places
    speaker = make_person(forum, "李明", "Li Ming")
    make_session(forum, nanning, title="A", start=at(12, "09:00"), speakers=[speaker])
    with pytest.raises(ProgramConflict) as refused:
        make_session(forum, nanning, title="B", start=at(12, "09:30"), speakers=[speaker])
    assert refused.value.messages == [
        "李明 (Li Ming) is already at “A” (Sept. 12, 2018, 9 a.m. – Sept. 12, 2018, 10 a.m.)."
    ]


def test_back_to_back_sessions_in_one_city_are_accepted(places):
    forum, nanning, _ = places
    speaker = make_person(forum)
    make_session(forum, nanning, start=at(12, "09:00"), speakers=[speaker])
    make_session(forum, nanning, start=at(12, "10:00"), speakers=[speaker])
    assert Session.objects.filter(speakers__person=speaker).count() == 2


def test_room_used_twice_at_once_is_refused(places):
    forum, nanning, _ = places
    room = make_room(forum, nanning, "Hall A")
    make_session(forum, nanning, title="First", room=room, start=at(12, "09:00"))
    with pytest.raises(ProgramConflict) as refused:
        make_session(forum, nanning, title="Second", room=room, start=at(12, "09:59"))
    assert len(refused.value.messages) == 1
    assert refused.value.messages[0].startswith("Room “Venue ")
    assert (
        "is already used by “First” (Sept. 12, 2018, 9 a.m. – Sept. 12, 2018, 10 a.m.)."
        in (refused.value.messages[0])
    )


def test_agenda_item_shares_room_and_speaker_with_its_sub_forum(places):
    forum, nanning, _ = places
    room, speaker = make_room(forum, nanning), make_person(forum)
    parent = make_session(
        forum, nanning, room=room, start=at(12, "09:00"), end=at(12, "12:00"), speakers=[speaker]
    )
    child = make_session(
        forum, nanning, room=room, parent=parent, start=at(12, "10:00"), speakers=[speaker]
    )
    assert list(parent.children.all()) == [child]


def test_agenda_item_outside_its_sub_forum_is_refused(places):
    forum, nanning, _ = places
    parent = make_session(forum, nanning, title="Sub", start=at(12, "09:00"), end=at(12, "12:00"))
    with pytest.raises(ProgramConflict) as refused:
        make_session(forum, nanning, parent=parent, title="Late", start=at(12, "11:30"))
    assert refused.value.messages == [
        "“Late” must take place within “Sub” (Sept. 12, 2018, 9 a.m. – Sept. 12, 2018, noon)."
    ]


def test_session_outside_the_forum_dates_is_refused(places):
    forum, nanning, _ = places
    with pytest.raises(ProgramConflict) as refused:
        make_session(forum, nanning, title="Too late", start=at(19, "09:00"))
    assert refused.value.messages == [
        "“Too late” must take place within the forum's dates, Sept. 11, 2018 to Sept. 18, 2018."
    ]


def test_session_on_the_last_evening_in_local_time_is_inside_the_forum(places):
    # 23:00 in Shanghai on 18 September is 15:00 UTC: the check uses the forum's time zone.
    forum, nanning, _ = places
    session = make_session(forum, nanning, start=at(18, "22:00"), end=at(18, "23:00"))
    assert session.pk is not None


def test_room_in_another_city_is_refused(places):
    forum, nanning, beihai = places
    room = make_room(forum, beihai, "Silver Beach Hall")
    with pytest.raises(ProgramConflict) as refused:
        make_session(forum, nanning, room=room, start=at(12, "09:00"))
    assert refused.value.messages == [f"Room “{room}” is in Beihai, not in Nanning."]


def test_save_session_records_before_and_after_in_the_audit_log(places):
    forum, nanning, _ = places
    editor = make_user("editor")
    speaker = make_person(forum)
    session = make_session(forum, nanning, title="Old title", start=at(12, "09:00"))
    session.title = text("New title", th="หัวข้อใหม่")
    services.save_session(editor, session, speakers=[SpeakerSpec(speaker, "moderator")])
    entry = AuditEntry.objects.filter(action="session.changed").get()
    assert entry.actor == editor
    assert entry.forum == forum
    assert entry.object_id == str(session.pk)
    assert entry.changes == {
        "title": [{"en": "Old title"}, {"en": "New title", "th": "หัวข้อใหม่"}],
        "speakers": [[], [[speaker.pk, "moderator"]]],
    }


def test_saving_without_changes_adds_no_audit_entry(places):
    forum, nanning, _ = places
    session = make_session(forum, nanning)
    before = AuditEntry.objects.count()
    services.save_session(None, session)
    assert AuditEntry.objects.count() == before


def test_delete_session_is_audited(places):
    forum, nanning, _ = places
    session = make_session(forum, nanning, title="Gone")
    services.delete_session(None, session)
    entry = AuditEntry.objects.get(action="session.deleted")
    assert entry.object_repr == "Gone"
    assert entry.changes["title"] == [{"en": "Gone"}, None]
    assert not Session.objects.filter(forum=forum).exists()


def test_delete_session_with_registrations_is_refused_with_the_count(places):
    forum, nanning, _ = places
    sub_forum = make_session(forum, nanning, title="Digital Silk Road", start=at(12, "09:00"))
    agenda_item = make_session(
        forum, nanning, title="Keynote", parent=sub_forum, start=at(12, "09:00")
    )
    guest = make_category(forum, "guest", needs_approval=False)
    make_participant(guest, [agenda_item])  # in the agenda: deleting the sub-forum takes it along

    with pytest.raises(SessionInUse) as refused:
        services.delete_session(None, sub_forum)

    assert refused.value.messages == [
        "“Digital Silk Road” has 1 registration. Move it to another session or cancel it, "
        "then delete the session."
    ]
    assert Session.objects.filter(forum=forum).count() == 2
    assert not AuditEntry.objects.filter(action="session.deleted").exists()


def test_delete_session_with_door_records_is_refused_and_keeps_them(places):
    forum, nanning, _ = places
    session = make_session(forum, nanning, title="Opening", start=at(12, "09:00"))
    participant = make_approved_participant(make_category(forum, "guest"))
    scan(Door(forum, "Hall A"), participant.badge_code, session=session, at=at(12, "09:05"))

    with pytest.raises(SessionInUse) as refused:
        services.delete_session(None, session)

    assert refused.value.messages == [
        "“Opening” has 1 door record, which is kept: the session cannot be deleted. "
        "Change its time or room instead."
    ]
    assert CheckIn.objects.filter(session=session).count() == 1


def test_deleting_a_session_directly_is_restricted_by_its_records(places):
    forum, nanning, _ = places
    session = make_session(forum, nanning, start=at(12, "09:00"))
    make_participant(make_category(forum, "guest", needs_approval=False), [session])
    with pytest.raises(RestrictedError):
        session.delete()


def test_admin_delete_of_a_session_with_registrations_shows_why_and_keeps_it(client, places):
    forum, nanning, _ = places
    session = make_session(forum, nanning, title="Visit", start=at(12, "09:00"))
    make_participant(make_category(forum, "guest", needs_approval=False), [session])
    client.force_login(make_organiser(forum))

    response = client.post(f"/en/admin/program/session/{session.pk}/delete/", {"post": "yes"})

    assert response.status_code == 200
    assert (
        "“Visit” has 1 registration. Move it to another session or cancel it, then delete the "
        "session." in response.content.decode()
    )
    assert Session.objects.filter(pk=session.pk).exists()
