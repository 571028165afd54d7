"""Participants' pages on a 390 px phone in Khmer and Burmese: the registration form, a refused
overlapping choice naming both sessions, and the main pages fitting the screen."""

import pytest
from playwright.sync_api import expect

from infoharbor.registration.models import Participant
from tests.browser.conftest import layout_widths
from tests.factories import (
    at,
    link_cities,
    make_category,
    make_city,
    make_forum,
    make_question,
    make_session,
    text,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = 390
PORT = "ភស្តុភារកំពង់ផែ"
SMART = "ទីក្រុងឆ្លាតវៃ"


def _khmer_forum():
    forum = make_forum(slug="harbor", languages=["zh-hans", "en", "km"])
    make_category(forum, "official", name=text("Official", km="ផ្លូវការ"))
    make_category(forum, "media", name=text("Media", km="អ្នកសារព័ត៌មាន"))
    make_question(
        forum,
        "diet",
        kind="choice",
        required=True,
        label=text("Diet", km="របបអាហារ"),
        options=[
            {"value": "any", "label": {"en": "Anything", "km": "អ្វីក៏បាន"}},
            {"value": "halal", "label": {"en": "Halal", "km": "ហាឡាល់"}},
        ],
    )
    nanning = make_city("Nanning", km="ណាននីង")
    beihai = make_city("Beihai", km="ប៉ីហៃ")
    link_cities(nanning, beihai, 180)
    port = make_session(forum, nanning, slug="port", start=at(12, "09:00"))
    port.title = text("Port logistics", km=PORT)
    port.save()
    smart = make_session(forum, beihai, slug="smart", start=at(12, "11:00"))
    smart.title = text("Smart city", km=SMART)
    smart.save()
    return forum


def test_khmer_registration_form_fits_a_phone_and_answers_nothing_itself(
    live_server, transactional_db, phone
):
    _khmer_forum()
    phone.goto(f"{live_server.url}/km/forums/harbor/register/")
    expect(phone.locator("html")).to_have_attribute("lang", "km")
    assert layout_widths(phone) == (PHONE, PHONE)
    # Required choices are radio buttons with none chosen: no "—" picked for the participant.
    expect(phone.locator("input[name=category]")).to_have_count(2)
    expect(phone.locator("input[name=category]:checked")).to_have_count(0)
    expect(phone.locator("input[name=q_diet]:checked")).to_have_count(0)
    expect(phone.get_by_label("អ្វីក៏បាន")).to_be_visible()
    # Every field is as wide as the form, within the screen.
    for box in (phone.locator(s).bounding_box() for s in ("#id_name", "#id_country")):
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE


def test_overlapping_choice_in_two_cities_is_refused_naming_both(
    live_server, transactional_db, phone
):
    _khmer_forum()
    phone.goto(f"{live_server.url}/km/forums/harbor/register/")
    phone.fill("#id_name", "សុខ សុភា")
    phone.fill("#id_email", "sophea@example.kh")
    phone.check("input[name=category][value=official]")
    phone.check("input[name=q_diet][value=any]")
    phone.check("input[name=sessions][value=port]")
    phone.check("input[name=sessions][value=smart]")
    phone.click("form.registration button[type=submit]")
    error = phone.locator("form.registration .errorlist li")
    expect(error).to_have_count(1)
    for name in (PORT, SMART, "ណាននីង", "ប៉ីហៃ", "180"):
        expect(error).to_contain_text(name)
    assert not Participant.objects.exists()
    assert layout_widths(phone) == (PHONE, PHONE)

    # Keeping one of the two is accepted.
    phone.uncheck("input[name=sessions][value=smart]")
    phone.click("form.registration button[type=submit]")
    phone.wait_for_selector("[data-status]")
    assert [c.session.slug for c in Participant.objects.get().session_choices.all()] == ["port"]


MAIN_PAGES = [
    "/{lang}/",
    "/{lang}/forums/caihf-3/",
    "/{lang}/forums/caihf-3/program/",
    "/{lang}/forums/caihf-3/sessions/smart-city-forum/",
    "/{lang}/forums/caihf-3/speakers/",
    "/{lang}/forums/caihf-3/search/?q=ASEAN",
    "/{lang}/forums/caihf-3/projects/",
    "/{lang}/forums/caihf-3/projects/statistics/",
    "/{lang}/forums/caihf-3/register/",
    "/{lang}/forums/caihf-3/registration/{token}/",
]


def test_public_and_participant_pages_fit_a_phone(live_server, live_seed_forum, phone):
    participant = Participant.objects.filter(session_choices__isnull=False).first()
    project = live_seed_forum.projects.order_by("pk").first()
    pages = [*MAIN_PAGES, f"/{{lang}}/forums/caihf-3/projects/{project.public_id}/"]
    too_wide = []
    for lang in ("km", "my", "lo", "th"):
        for path in pages:
            phone.goto(live_server.url + path.format(lang=lang, token=participant.token))
            widths = layout_widths(phone)
            if widths != (PHONE, PHONE):
                too_wide.append((path.format(lang=lang, token="…"), widths))
    assert too_wide == []
