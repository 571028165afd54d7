"""Writing to a group of participants: the composer, its preview and count, one send per form,
each recipient in their language through the outbox, and the record of who got what."""

import pytest
from django.core import mail

from infoharbor.core import tasks
from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.core.translated import TranslatedText
from infoharbor.registration import mailings, outbox
from infoharbor.registration.models import Delegation, Mailing, OutboxEmail, Participant
from tests.factories import make_category, make_forum, make_organiser, make_participant, text

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

THAI_SUBJECT = "ข่าวจากฟอรั่ม: รถรับส่งวันที่ 12"
THAI_BODY = "เรียน {name}\nรถรับส่งออกจากโรงแรมเวลา 08:00 น.\n{link}\n{forum}"
KHMER_SUBJECT = "ព័ត៌មានពីវេទិកា៖ រថយន្តដឹកជញ្ជូន ថ្ងៃទី១២"
KHMER_BODY = "ជូនចំពោះ {name}\nរថយន្តចេញពីសណ្ឋាគារ ម៉ោង ០៨:០០។\n{link}\n{forum}"
CHINESE_SUBJECT = "论坛通知：12日班车"
CHINESE_BODY = "{name}，您好：\n班车08:00从酒店出发。\n{link}\n{forum}"


@pytest.fixture
def forum():
    return make_forum(
        slug="harbor",
        name=text("Harbor Forum", th="ฟอรั่มฮาร์เบอร์", zh_hans="信息港论坛", km="វេទិកាកំពង់ផែ"),
        languages=["zh-hans", "en", "th", "km"],
        default_language="zh-hans",
    )


def delegate(category, delegation, name, language, country):
    participant = make_participant(
        category, language=language, person={"name": name, "country": country}
    )
    Participant.objects.filter(pk=participant.pk).update(delegation=delegation)
    return participant


@pytest.fixture
def delegations(forum):
    official = make_category(forum, code="official")
    thai = Delegation.objects.create(forum=forum, name="Thailand", country="TH")
    khmer = Delegation.objects.create(forum=forum, name="Cambodia", country="KH")
    chinese = Delegation.objects.create(forum=forum, name="China", country="CN")
    people = {
        "somchai": delegate(official, thai, "สมชาย ใจดี", "th", "TH"),
        "sokha": delegate(official, khmer, "សុខា ចាន់", "km", "KH"),
        # Reads Vietnamese, which the message has no version in: the forum's version (Chinese).
        "lan": delegate(official, khmer, "Nguyễn Thị Lan", "vi", "KH"),
        "wang": delegate(official, chinese, "王伟", "zh-hans", "CN"),
    }
    outbox.deliver_due()  # the registrations' own emails
    mail.outbox.clear()
    return thai, khmer, chinese, people


def composer_data(thai, khmer, submission="once"):
    return {
        "delegations": [str(thai.pk), str(khmer.pk)],
        "submission": submission,
        "subject_th": THAI_SUBJECT,
        "body_th": THAI_BODY,
        "subject_km": KHMER_SUBJECT,
        "body_km": KHMER_BODY,
        "subject_zh-hans": CHINESE_SUBJECT,
        "body_zh-hans": CHINESE_BODY,
    }


def link(participant, language):
    return f"https://forum.example/{language}/forums/harbor/registration/{participant.token}/"


def test_message_to_thai_and_cambodian_delegations_arrives_in_thai_and_khmer(
    client, forum, delegations, django_capture_on_commit_callbacks
):
    thai, khmer, _chinese, people = delegations
    client.force_login(make_organiser(forum, ForumRole.Role.REGISTRATION_DESK))
    url = "/en/forums/harbor/orga/messages/new/"

    preview = client.post(url, {**composer_data(thai, khmer), "action": "preview"})
    assert preview.context["total"] == 3
    assert [(p["language"], p["count"], p["subject"]) for p in preview.context["previews"]] == [
        ("th", 1, THAI_SUBJECT),
        ("km", 1, KHMER_SUBJECT),
        ("vi", 1, CHINESE_SUBJECT),
    ]
    assert preview.context["previews"][0]["body"] == (
        f"เรียน สมชาย ใจดี\nรถรับส่งออกจากโรงแรมเวลา 08:00 น.\n{link(people['somchai'], 'th')}\n"
        "ฟอรั่มฮาร์เบอร์\n"
    )
    assert Mailing.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {**composer_data(thai, khmer), "action": "send"})
        again = client.post(url, {**composer_data(thai, khmer), "action": "send"})  # twice
    mailing = Mailing.objects.get()
    assert sent.url == again.url == f"/en/forums/harbor/orga/messages/{mailing.public_id}/"
    assert mailing.recipients == 3
    assert tasks.pending() == [("registration.write_mailing", (mailing.pk,))]

    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_pending()  # writes the emails, then has the outbox deliver them
    tasks.run_pending()

    received = sorted((m.to[0], m.subject, m.body) for m in mail.outbox)
    assert received == sorted(
        [
            (
                people["somchai"].person.email,
                THAI_SUBJECT,
                f"เรียน สมชาย ใจดี\nรถรับส่งออกจากโรงแรมเวลา 08:00 น.\n"
                f"{link(people['somchai'], 'th')}\nฟอรั่มฮาร์เบอร์\n",
            ),
            (
                people["sokha"].person.email,
                KHMER_SUBJECT,
                f"ជូនចំពោះ សុខា ចាន់\nរថយន្តចេញពីសណ្ឋាគារ ម៉ោង ០៨:០០។\n"
                f"{link(people['sokha'], 'km')}\nវេទិកាកំពង់ផែ\n",
            ),
            (
                people["lan"].person.email,
                CHINESE_SUBJECT,
                f"Nguyễn Thị Lan，您好：\n班车08:00从酒店出发。\n"
                f"{link(people['lan'], 'vi')}\n信息港论坛\n",
            ),
        ]
    )
    assert sorted(m.extra_headers["Content-Language"] for m in mail.outbox) == [
        "km",
        "th",
        "zh-hans",
    ]
    assert set(mailing.emails.values_list("status", flat=True)) == {OutboxEmail.Status.SENT}

    page = client.get(sent.url)
    assert page.context["progress"] == mailings.Progress(3, 3, 3, 0, 0)
    assert [(e.to, e.language, e.status) for e in page.context["page"]] == [
        (people["somchai"].person.email, "th", "sent"),
        (people["sokha"].person.email, "km", "sent"),
        (people["lan"].person.email, "zh-hans", "sent"),
    ]
    assert list(
        AuditEntry.objects.filter(action__startswith="mailing.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "mailing.sent",
        "mailing.written",
    ]


def test_criteria_combine_and_statuses_default_to_active_registrations(forum, delegations):
    _thai, khmer, _chinese, people = delegations
    Participant.objects.filter(pk=people["lan"].pk).update(status=Participant.Status.CANCELLED)

    def names(**criteria):
        found = mailings.recipients(forum, mailings.Audience(**criteria))
        return sorted(p.person.name for p in found)

    assert names(delegations=[khmer.pk]) == ["សុខា ចាន់"]
    assert names(delegations=[khmer.pk], statuses=["cancelled"]) == ["Nguyễn Thị Lan"]
    assert names(countries=["TH", "CN"]) == ["สมชาย ใจดี", "王伟"]
    assert names(countries=["TH"], delegations=[khmer.pk]) == []
    assert names(categories=[people["wang"].category_id], countries=["CN"]) == ["王伟"]


def test_sessions_criterion_takes_who_chose_one_of_them(forum):
    from tests.factories import at, make_city, make_session

    city = make_city("Nanning")
    main = make_session(forum, city, slug="main", start=at(12, "09:00"), end=at(12, "10:00"))
    visit = make_session(forum, city, slug="visit", start=at(12, "14:00"), end=at(12, "15:00"))
    guest = make_category(forum)
    at_main = make_participant(guest, [main, visit])
    make_participant(guest, [visit])
    found = mailings.recipients(forum, mailings.Audience(sessions=[main.pk]))
    assert list(found) == [at_main]


def test_composer_refuses_an_unknown_placeholder_and_a_missing_forum_version(
    client, forum, delegations
):
    thai, khmer, _chinese, _people = delegations
    client.force_login(make_organiser(forum))
    data = {
        **composer_data(thai, khmer),
        "body_th": "เรียน {nickname}",
        "subject_zh-hans": "",
        "body_zh-hans": "",
        "action": "send",
    }
    response = client.post("/en/forums/harbor/orga/messages/new/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["body_th"] == [
        "Unknown placeholder “{nickname}”. You can use: {name} {forum} {link}."
    ]
    assert form.errors["subject_zh-hans"] == ["This field is required."]
    assert Mailing.objects.count() == 0


def test_composer_with_nobody_matching_says_so(client, forum, delegations):
    thai, khmer, _chinese, _people = delegations
    client.force_login(make_organiser(forum))
    data = {**composer_data(thai, khmer), "statuses": ["rejected"], "action": "send"}
    response = client.post("/en/forums/harbor/orga/messages/new/", data)
    assert response.context["form"].non_field_errors() == [
        "No participant with an email address matches these choices."
    ]
    assert Mailing.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (ForumRole.Role.OWNER, 200),
        (ForumRole.Role.REGISTRATION_DESK, 200),
        (ForumRole.Role.VIEWER, 403),
        (ForumRole.Role.PROGRAM_EDITOR, 403),
        (ForumRole.Role.DOOR_STAFF, 403),
    ],
)
def test_writing_to_participants_is_for_the_desk_and_owners(client, forum, role, status):
    client.force_login(make_organiser(forum, role))
    for page in ("messages/", "messages/new/", "emails/"):
        assert client.get(f"/en/forums/harbor/orga/{page}").status_code == status


def test_mailing_task_run_twice_writes_each_email_once(forum, delegations):
    thai, khmer, _chinese, _people = delegations
    mailing = mailings.send(
        None,
        forum,
        subject=TranslatedText({"zh-hans": "通知"}),
        body=TranslatedText({"zh-hans": "{name}"}),
        audience=mailings.Audience(delegations=[thai.pk, khmer.pk]),
        submission="retry",
    )
    mailings.write_emails(mailing.pk)
    mailings.write_emails(mailing.pk)
    assert mailing.emails.count() == 3
    mailing.refresh_from_db()
    assert (mailing.status, mailing.recipients) == (Mailing.Status.WRITTEN, 3)
