"""Register in Thai and in Chinese, then approve both as the registration desk."""

import pytest

from infoharbor.registration.models import Participant
from tests.factories import make_category, make_city, make_forum, make_organiser, make_session

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _register(page, url, name, latin, email):
    page.goto(url)
    page.fill("#id_name", name)
    page.fill("#id_name_latin", latin)
    page.fill("#id_email", email)
    page.select_option("#id_country", "TH" if "th" in url else "CN")
    page.check("input[name=category][value=official]")
    page.check("input[name=sessions][value=main-forum]")
    page.click("form.registration button[type=submit]")
    page.wait_for_selector("[data-status=pending]")


def test_register_in_thai_and_chinese_then_approve(live_server, transactional_db, browser, page):
    forum = make_forum(slug="harbor")
    make_category(forum, "official", needs_approval=True)
    make_session(forum, make_city(), slug="main-forum", title="Main forum")
    organiser = make_organiser(forum, role="registration_desk")

    _register(
        page,
        f"{live_server.url}/th/forums/harbor/register/",
        "สมชาย ใจดี",
        "Somchai Jaidee",
        "somchai@example.th",
    )
    assert page.inner_text("h1") == "การลงทะเบียนของฉัน"
    _register(
        page,
        f"{live_server.url}/zh-hans/forums/harbor/register/",
        "王芳",
        "Wang Fang",
        "wang@example.cn",
    )
    assert page.inner_text("h1") == "我的报名"

    desk = browser.new_context().new_page()
    desk.goto(f"{live_server.url}/en/admin/login/?next=/en/forums/harbor/orga/participants/")
    desk.fill("#id_username", organiser.username)
    desk.fill("#id_password", "pw-for-tests-only")
    desk.click("input[type=submit]")
    for name in ["สมชาย ใจดี (Somchai Jaidee)", "王芳 (Wang Fang)"]:
        desk.click(f"text={name}")
        # Nobody gave an honorific: the desk reads a dash beside the label, not nothing.
        honorific = desk.locator("dl.participant dt:text-is('Honorific') + dd")
        assert honorific.inner_text() == ""
        assert honorific.evaluate("dd => getComputedStyle(dd, '::after').content") == '"—"'
        desk.select_option("#id_decision", "approve")
        desk.click("form.decision button[type=submit]")
        desk.wait_for_selector("text=Decision recorded.")

    assert sorted(Participant.objects.values_list("language", "status")) == [
        ("th", "approved"),
        ("zh-hans", "approved"),
    ]
    page.reload()
    assert page.locator("[data-status=approved]").count() == 1


def test_every_required_question_of_the_form_and_only_those_is_starred(live_server, page):
    forum = make_forum(slug="harbor")
    make_category(forum, "official")
    make_session(forum, make_city(), slug="main-forum", title="Main forum")
    page.goto(f"{live_server.url}/km/forums/harbor/register/")
    page.wait_for_load_state("networkidle")  # the favicon too: no request outlives the test
    # For each question: its field's name, whether it must be answered, and what the
    # stylesheet puts after its label or legend.
    questions = page.evaluate(
        """() => [...document.querySelectorAll("form.registration > div")].map(field => {
            const title = field.querySelector(":scope > label, :scope legend");
            return [field.querySelector("[name]").name, field.classList.contains("required"),
                    getComputedStyle(title, "::after").content];
        })"""
    )
    assert {(required, after) for _name, required, after in questions} == {
        (True, '" *"'),
        (False, "none"),
    }
    required = [name for name, required, _after in questions if required]
    assert required == ["name", "email", "category"]
