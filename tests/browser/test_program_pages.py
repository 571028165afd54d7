"""The public program in a real browser: Thai and Chinese, the language switch, a session page."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def cities_of_day(page, day: str) -> list[str]:
    return page.locator(f'section.day[data-day="{day}"] section.city > h3').all_inner_texts()


def slugs_in(page, day: str, city_en: str) -> list[str]:
    selector = (
        f'section.day[data-day="{day}"] section.city[data-city="{city_en}"] > article.session'
    )
    return [el.get_attribute("data-slug") for el in page.locator(selector).all()]


def test_program_in_thai_shows_sub_forums_under_their_days_and_cities(
    page, live_server, live_seed_forum
):
    page.goto(f"{live_server.url}/th/forums/caihf-3/program/")
    assert page.locator("html").get_attribute("lang") == "th"
    assert cities_of_day(page, "2018-09-14") == ["หนานหนิง", "เป๋ยไห่"]
    assert slugs_in(page, "2018-09-14", "Beihai") == ["new-gen-it-forum", "beihai-negotiations"]
    assert slugs_in(page, "2018-09-18", "Guilin") == [
        "satellite-forum",
        "network-culture-forum",
        "huawei-logistics-summit",
    ]
    sub_forum = page.locator('article[data-slug="new-gen-it-forum"] h4')
    assert sub_forum.inner_text() == "การประชุมนวัตกรรมและการพัฒนาอุตสาหกรรมเทคโนโลยีสารสนเทศยุคใหม่"
    agenda = page.locator('article[data-slug="new-gen-it-forum"] .agenda li a').all_inner_texts()
    assert agenda == [
        "ปาฐกถาพิเศษ",
        "พิธีลงนามโครงการที่เมืองเป๋ยไห่",
        "การส่งเสริมโครงการเขตอุตสาหกรรมเป๋ยไห่",
    ]
    screenshot(page, "program-th")


def test_program_in_chinese_and_the_language_switch(page, live_server, live_seed_forum):
    page.goto(f"{live_server.url}/zh-hans/forums/caihf-3/program/")
    assert cities_of_day(page, "2018-09-18") == ["桂林"]
    assert (
        page.locator('article[data-slug="satellite-forum"] h4').inner_text() == "卫星产业合作论坛"
    )
    screenshot(page, "program-zh-hans")
    with page.expect_navigation():
        page.click('.language-switcher a[lang="th"]')
    assert page.url == f"{live_server.url}/th/forums/caihf-3/program/"
    assert page.locator('article[data-slug="satellite-forum"] h4').inner_text() == (
        "การประชุมความร่วมมืออุตสาหกรรมดาวเทียม"
    )
    assert cities_of_day(page, "2018-09-18") == ["กุ้ยหลิน"]


def test_filters_and_session_page(page, live_server, live_seed_forum):
    page.goto(f"{live_server.url}/en/forums/caihf-3/program/")
    page.select_option("select[name=kind]", "signing")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert [a.get_attribute("data-slug") for a in page.locator("article.session").all()] == [
        "guangxi-signing",
        "beihai-signing",
    ]
    with page.expect_navigation():
        page.click('article[data-slug="beihai-signing"] h4 a')
    assert page.url == f"{live_server.url}/en/forums/caihf-3/sessions/beihai-signing/"
    assert page.locator("h1").inner_text() == "Beihai project signing ceremony"
    assert "Silver Beach Hall" in page.locator("dl.facts").inner_text()
    assert page.locator("ul.people li").all_inner_texts() == [
        "刘洋 (Liu Yang) · host · Beihai Municipal People's Government"
    ]


def test_program_is_usable_on_a_phone(phone, live_server, live_seed_forum):
    phone.goto(f"{live_server.url}/th/forums/caihf-3/program/")
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390
    card = phone.locator('article[data-slug="main-forum"]').bounding_box()
    assert card["width"] <= 390
    screenshot(phone, "program-th-phone")
