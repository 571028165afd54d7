import os

import pytest
from playwright.sync_api import sync_playwright

from infoharbor.core.models import Organization
from tests.factories import make_forum, make_organization, make_project

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def test_public_registry_filters_and_opens_a_project_page(live_server):
    forum = make_forum()
    thai = make_organization(
        forum, "Thai Digital Agency", country="TH", kind=Organization.Kind.GOVERNMENT
    )
    make_project(forum, reference="port", title={"en": "Smart port"}, parties=[(thai, "host")])
    make_project(forum, reference="memo", kind="mou", title={"en": "Cloud memo"})

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        page.goto(f"{live_server.url}/en/forums/{forum.slug}/projects/")
        assert page.locator("li.project").count() == 2
        page.select_option("select[name=kind]", "mou")
        page.click("form.filters button")
        assert page.locator("li.project h2").all_inner_texts() == ["Cloud memo"]
        page.goto(f"{live_server.url}/en/forums/{forum.slug}/projects/?country=TH")
        page.click("text=Smart port")
        assert page.locator("h1").inner_text() == "Smart port"
        assert "Thai Digital Agency" in page.locator("ul.parties").inner_text()
        assert page.locator("ol.history li").count() == 1
        browser.close()
