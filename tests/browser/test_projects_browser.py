"""The public registry of signed projects in a real browser."""

import pytest

from infoharbor.core.models import Organization
from tests.factories import make_forum, make_organization, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_registry_filters_and_opens_a_project_page(page, live_server):
    forum = make_forum()
    thai = make_organization(
        forum, "Thai Digital Agency", country="TH", kind=Organization.Kind.GOVERNMENT
    )
    make_project(forum, reference="port", title={"en": "Smart port"}, parties=[(thai, "host")])
    make_project(forum, reference="memo", kind="mou", title={"en": "Cloud memo"})

    page.goto(f"{live_server.url}/en/forums/{forum.slug}/projects/")
    assert page.locator("li.project").count() == 2
    page.select_option("select[name=kind]", "mou")
    with page.expect_navigation():
        page.click("form.filters button")
    assert page.locator("li.project h2").all_inner_texts() == ["Cloud memo"]
    page.goto(f"{live_server.url}/en/forums/{forum.slug}/projects/?country=TH")
    with page.expect_navigation():
        page.click("text=Smart port")
    assert page.locator("h1").inner_text() == "Smart port"
    assert "Thai Digital Agency" in page.locator("ul.parties").inner_text()
    assert page.locator("ol.history li").count() == 1
