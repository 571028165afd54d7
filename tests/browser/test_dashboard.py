"""The organisers' dashboard on a phone (390 px) in Thai, Chinese and Khmer, reached from the
console: participation by city with its chart, and a city's bar leading to the desk's rows."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from infoharbor.core.models import ForumRole
from tests.browser.conftest import screenshot
from tests.browser.test_console import sign_in
from tests.factories import make_organiser

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("language", ["th", "zh-hans", "km"])
def test_dashboard_on_a_phone(phone, live_server, live_seed_forum, language):
    owner = make_organiser(live_seed_forum, role=ForumRole.Role.OWNER, username=f"o-{language}")
    with translation.override(language):
        dashboard = translation.gettext("Dashboard")
        by_city = translation.gettext("Registered participants by city")
    sign_in(phone, live_server.url, owner, f"/{language}/forums/caihf-3/orga/")
    phone.get_by_role("link", name=dashboard, exact=True).first.click()
    expect(phone.locator("h1")).to_have_text(dashboard)
    expect(phone.locator("#participation-category")).to_be_visible()
    chart = phone.locator("#chart-participants-by-city svg")
    expect(chart.locator("title")).to_have_text(by_city)
    screenshot(phone, f"dashboard-{language}-phone")
    phone.locator("#participation-city").scroll_into_view_if_needed()
    screenshot(phone, f"dashboard-{language}-phone-cities")
    bar = chart.locator("a").first
    href = bar.get_attribute("href")
    assert href.startswith(f"/{language}/forums/caihf-3/orga/participants/?city=")
    bar.locator("rect").click()
    expect(phone).to_have_url(f"{live_server.url}{href}")
    expect(phone.locator("table tbody tr").first).to_be_visible()
