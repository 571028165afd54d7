"""Outcomes in Chromium: the dashboard's charts in Thai and Chinese reached from the console, a
cooperation platform's hub reached from the forum's home, and an editor editing and publishing
the press release."""

import pytest
from playwright.sync_api import expect

from infoharbor.core.models import ForumRole
from tests.browser.conftest import screenshot
from tests.browser.test_console import sign_in
from tests.factories import make_organiser
from tests.reports.test_platforms import add_platform_meetings

# The seed's registration form asks these.
SEED_ANSWERS = {"diet": "none", "visa_letter": "no"}

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize(
    ("language", "console", "dashboard", "laos"),
    [("th", "แดชบอร์ด", "แดชบอร์ด", "ลาว"), ("zh-hans", "数据看板", "数据看板", "老挝")],
)
def test_dashboard_charts_from_the_console(
    page, live_server, live_seed_forum, language, console, dashboard, laos
):
    viewer = make_organiser(live_seed_forum, role=ForumRole.Role.VIEWER, username=f"v-{language}")
    sign_in(page, live_server.url, viewer, f"/{language}/forums/caihf-3/orga/")
    page.get_by_role("link", name=console).click()
    expect(page.locator("h1")).to_have_text(dashboard)
    chart = page.locator("#chart-projects-by-country svg")
    expect(chart).to_be_visible()
    bar = chart.locator(f'a[href="/{language}/forums/caihf-3/projects/?country=LA"]')
    expect(bar.locator("text").first).to_have_text(laos)
    expect(page.locator("#chart-partner-countries svg")).to_be_visible()
    expect(page.locator("#chart-status-funnel svg")).to_be_visible()
    screenshot(page, f"dashboard-{language}")
    bar.locator("rect").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/forums/caihf-3/projects/?country=LA")


def test_platform_hub_from_the_forum_home(phone, live_server, live_seed_forum):
    network = live_seed_forum.platforms.get(code="network-infrastructure")
    nanning = live_seed_forum.cities.get(name__en="Nanning")
    add_platform_meetings(live_seed_forum, nanning, network, SEED_ANSWERS)
    phone.goto(f"{live_server.url}/km/forums/caihf-3/")
    phone.locator('a[href="/km/forums/caihf-3/platforms/network-infrastructure/"]').click()
    expect(phone.locator("h1")).to_have_text("ហេដ្ឋារចនាសម្ព័ន្ធបណ្ដាញ")
    expect(phone.locator("#sessions a").first).to_be_visible()
    expect(phone.locator("#projects a").first).to_be_visible()
    expect(phone.locator("#meetings ul").last).to_have_text("ចិន៖ 2កម្ពុជា៖ 1ថៃ៖ 1")
    phone.locator("#meetings").scroll_into_view_if_needed()
    screenshot(phone, "platform-hub-km-phone")


def test_editor_edits_and_publishes_the_press_release(page, live_server, live_seed_forum):
    editor = make_organiser(live_seed_forum, role=ForumRole.Role.PROGRAM_EDITOR, username="pe")
    sign_in(page, live_server.url, editor, "/en/forums/caihf-3/orga/")
    page.get_by_role("link", name="Press release").click()
    expect(page.locator("h1")).to_have_text("Edit the press release")
    page.fill("#id_headline", "")
    page.get_by_role("button", name="Save the draft").click()
    # The browser's own check refuses the empty headline before anything is sent.
    expect(page.locator("#id_headline:invalid")).to_have_count(1)
    page.fill("#id_headline", "Record forum signs 94 projects")
    body = page.input_value("#id_body")
    page.fill("#id_body", body.replace("It drew", "The forum drew"))
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".press-release h1")).to_have_text("Record forum signs 94 projects")
    expect(page.locator(".press-release")).to_contain_text("The forum drew")
    link = page.locator('.press-release a[data-figure="signing.beihai-signing.count"]')
    expect(link).to_have_text("59")
    # Some of the seed's amounts were signed in other currencies: the rates are listed.
    rates = page.locator("#conversion li")
    expect(rates).to_have_count(4)
    expect(rates.first).to_have_text(
        "1 Malaysian Ringgit (MYR) = 1.671 CNY, rate of September 1, 2018, "
        "HM Revenue & Customs (UK) monthly exchange rates, September 2018"
    )
    screenshot(page, "press-release-published-en")
    link.click()
    expect(page).to_have_url(
        f"{live_server.url}/en/forums/caihf-3/projects/?session=beihai-signing"
    )


def test_the_press_release_editor_fits_a_phone_in_khmer(phone, live_server, live_seed_forum):
    editor = make_organiser(live_seed_forum, role=ForumRole.Role.PROGRAM_EDITOR, username="pe-km")
    sign_in(phone, live_server.url, editor, "/km/forums/caihf-3/orga/")
    phone.get_by_role("link", name="សេចក្ដីព្រាងរបាយការណ៍").click()
    expect(phone.locator(".draft-mark")).to_be_visible()
    phone.get_by_role("link", name="កែសម្រួលសេចក្ដីប្រកាសព័ត៌មាន").click()
    expect(phone.locator("h1")).to_have_text("កែសម្រួលសេចក្ដីប្រកាសព័ត៌មាន")
    # Each field on a line of its own and as wide as the form, on a 390 px screen.
    form = phone.locator("form.edit").bounding_box()
    for field in ("#id_headline", "#id_body"):
        box = phone.locator(field).bounding_box()
        assert (round(box["x"]), round(box["width"])) == (round(form["x"]), round(form["width"]))
    label = phone.locator("label[for=id_body]").bounding_box()
    assert label["y"] + label["height"] <= phone.locator("#id_body").bounding_box()["y"]
    assert phone.evaluate("document.documentElement.scrollWidth") == 390
    screenshot(phone, "press-release-editor-km-phone")
