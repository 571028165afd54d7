"""The participant emails' wording: defaults from the catalogues, the forum's own per language,
placeholders checked before saving, reset to the default, and the sending code using them."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from infoharbor.core.models import AuditEntry
from infoharbor.registration import email_templates, outbox, services
from infoharbor.registration.models import EmailTemplate
from tests.factories import (
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_participant,
    make_session,
    set_capacity,
    text,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Kind = email_templates.Kind


@pytest.fixture
def forum():
    return make_forum(slug="harbor", name=text("Harbor Forum", th="ฟอรั่มฮาร์เบอร์"))


def only_email():
    outbox.deliver_due()
    [message] = mail.outbox
    mail.outbox.clear()
    return message.subject, message.body


def own_wording(forum, kind, language="en"):
    email_templates.save(
        None,
        forum,
        email_templates.KINDS[kind],
        language,
        f"{kind}: {{forum}}",
        f"{kind} for {{name}} at {{link}}" + (" {sessions}" if kind in WITH_SESSIONS else ""),
    )


WITH_SESSIONS = {Kind.RECEIVED, Kind.APPROVED, Kind.WAITLISTED, Kind.SEAT_FREED}


def test_every_kind_has_a_default_that_passes_its_own_check():
    assert set(email_templates.KINDS) == set(Kind.values) - {Kind.MESSAGE}
    for kind in email_templates.KINDS.values():
        for language in ("en", "th", "km", "zh-hans"):
            subject, body = email_templates.defaults(kind, language)
            email_templates.check(subject, kind.placeholders)
            email_templates.check(body, kind.placeholders)


def test_default_received_email_in_english(forum):
    participant = make_participant(make_category(forum, needs_approval=True))
    assert only_email() == (
        "[Harbor Forum] Registration received",
        f"Dear {participant.person.name},\n\n"
        "We have received your registration. The registration desk will review it.\n\n"
        "Your private link (see your status, change sessions, cancel, download your agenda):\n"
        f"https://forum.example/en/forums/harbor/registration/{participant.token}/\n\n"
        "Harbor Forum\n",
    )


def test_forum_wording_is_used_in_its_language_only(forum):
    own_wording(forum, Kind.RECEIVED, "th")
    category = make_category(forum, needs_approval=True)
    thai = make_participant(category, language="th")
    subject, body = only_email()
    assert (subject, body) == (
        "received: ฟอรั่มฮาร์เบอร์",
        f"received for {thai.person.name} at "
        f"https://forum.example/th/forums/harbor/registration/{thai.token}/\n",
    )
    make_participant(category, language="en")
    assert only_email()[0] == "[Harbor Forum] Registration received"


def make_sessions(forum):
    city = make_city("Nanning")
    return make_session(forum, city, slug="main"), city


def test_received_approved_waitlisted_and_seat_freed_use_the_forums_wording(forum):
    for kind in WITH_SESSIONS:
        own_wording(forum, kind)
    main, _city = make_sessions(forum)
    set_capacity(main, 1)
    category = make_category(forum, needs_approval=False)
    first = make_participant(category, [main])
    assert only_email()[0] == "approved: Harbor Forum"
    second = make_participant(category, [main])
    outbox.deliver_due()
    assert sorted(m.subject for m in mail.outbox) == [
        "approved: Harbor Forum",
        "waitlisted: Harbor Forum",
    ]
    waitlisted = next(m for m in mail.outbox if m.subject.startswith("waitlisted"))
    assert "waiting list, position 1" in waitlisted.body
    mail.outbox.clear()
    services.cancel(first)
    outbox.deliver_due()
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        [
            (first.person.email, "[Harbor Forum] Registration cancelled"),
            (second.person.email, "seat_freed: Harbor Forum"),
        ]
    )
    mail.outbox.clear()
    reviewed = make_participant(make_category(forum, needs_approval=True))
    assert only_email()[0] == "received: Harbor Forum"
    services.approve(None, reviewed)
    outbox.deliver_due()
    assert sorted(m.subject for m in mail.outbox) == [
        "[Harbor Forum] Your badge is ready",
        "approved: Harbor Forum",
    ]


@pytest.mark.parametrize(
    ("kind", "act"),
    [
        (Kind.REJECTED, lambda p: services.reject(None, p)),
        (Kind.INFO_REQUESTED, lambda p: services.request_info(None, p, "Your passport number")),
    ],
)
def test_rejected_and_info_requested_use_the_forums_wording(forum, kind, act):
    extra = " {info_request}" if kind == Kind.INFO_REQUESTED else ""
    email_templates.save(
        None, forum, email_templates.KINDS[kind], "en", "{forum}: " + kind, "{name}" + extra
    )
    participant = make_participant(make_category(forum, needs_approval=True))
    only_email()
    act(participant)
    asked = " Your passport number" if kind == Kind.INFO_REQUESTED else ""
    assert only_email() == (f"Harbor Forum: {kind}", f"{participant.person.name}{asked}\n")


def test_badge_ready_uses_the_forums_wording(forum):
    own_wording(forum, Kind.BADGE_READY)
    participant = make_participant(make_category(forum, needs_approval=False))
    only_email()
    services.reissue_badge(None, participant)
    assert only_email() == (
        "badge_ready: Harbor Forum",
        f"badge_ready for {participant.person.name} at "
        f"https://forum.example/en/forums/harbor/registration/{participant.token}/\n",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Hello {nickname}",
            "Unknown placeholder “{nickname}”. You can use: {name} {forum} {link}.",
        ),
        (
            "Hello {sessions}",
            "Unknown placeholder “{sessions}”. You can use: {name} {forum} {link}.",
        ),
        (
            "Hello {name",
            "Malformed placeholder “{name”: write a placeholder as {name}, "
            "and a brace itself as {{ or }}.",
        ),
        (
            "Hello name}",
            "Malformed placeholder “}”: write a placeholder as {name}, "
            "and a brace itself as {{ or }}.",
        ),
        (
            "Hello {name!r}",
            "Malformed placeholder “{name!r}”: write a placeholder as {name}, "
            "and a brace itself as {{ or }}.",
        ),
    ],
)
def test_check_names_the_unknown_or_malformed_placeholder(text, message):
    kind = email_templates.KINDS[Kind.BADGE_READY]
    with pytest.raises(ValidationError) as refused:
        email_templates.check(text, kind.placeholders)
    assert refused.value.messages == [message]


def test_braces_themselves_are_written_doubled():
    email_templates.check("{{not a placeholder}} {name}", ["name"])
    assert email_templates.fill("{{x}} {name}", {"name": "{forum}"}) == "{x} {forum}"


def test_editing_page_refuses_unknown_placeholder_then_saves_and_resets(client, forum):
    client.force_login(make_organiser(forum))
    url = "/th/forums/harbor/orga/emails/badge_ready/th/"
    page = client.get(url)
    assert page.context["form"].initial == dict(
        zip(
            ["subject", "body"],
            email_templates.defaults(email_templates.KINDS["badge_ready"], "th"),
            strict=True,
        )
    )
    assert [token for token, _meaning in page.context["placeholders"]] == [
        "{name}",
        "{forum}",
        "{link}",
    ]

    refused = client.post(url, {"subject": "บัตร {badge}", "body": "{name}"})
    assert refused.status_code == 200
    assert EmailTemplate.objects.count() == 0
    assert "{badge}" in refused.context["form"].errors["subject"][0]

    client.post(url, {"subject": "บัตรของคุณ {name}", "body": "{name} {link}"})
    assert EmailTemplate.objects.values_list("kind", "language", "subject").get() == (
        "badge_ready",
        "th",
        "บัตรของคุณ {name}",
    )

    asked = client.post(f"{url}reset/")
    assert asked.status_code == 200 and EmailTemplate.objects.count() == 1
    client.post(f"{url}reset/", {"confirmed": "yes"})
    assert EmailTemplate.objects.count() == 0
    assert list(
        AuditEntry.objects.filter(action__startswith="email_template.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["email_template.saved", "email_template.reset"]


def test_editing_page_for_a_language_the_forum_lacks_is_not_found(client, forum):
    client.force_login(make_organiser(forum))
    assert client.get("/en/forums/harbor/orga/emails/badge_ready/km/").status_code == 404
    assert client.get("/en/forums/harbor/orga/emails/nonsense/th/").status_code == 404
