"""The public sees only what the organisers published: the press release, the report (HTML and
PDF) and the API answer 404 until a release is published in the reader's language, the forum's
home and the platform hubs link to them only then, and organisers see the draft in the console.
The seed loader publishes the generated releases of the seed's editions."""

import datetime as dt
import json

import pytest
from django.utils import translation

from infoharbor.core.forum_loader import SEED_FOLDER, load_forum
from infoharbor.core.models import Forum, ForumRole
from infoharbor.reports import queries, services
from infoharbor.reports.models import PressRelease, ReportSettings
from tests.factories import (
    at,
    make_city,
    make_forum,
    make_organiser,
    make_platform,
    make_project,
    make_signing_session,
    make_user,
)

pytestmark = pytest.mark.integration

UI_LANGUAGES = ["zh-hans", "en", "th", "vi", "id", "ms", "km", "lo", "my", "fil"]
NOT_YET = "The outcome report is not yet published"
DAY = dt.date(2018, 9, 13)


@pytest.fixture
def forum(db):
    """A forum with one ceremony in Nanning that signed one project, under one platform."""
    forum = make_forum(slug="pub", languages=UI_LANGUAGES)
    nanning = make_city("Nanning", zh_hans="南宁", th="หนานหนิง")
    forum.cities.add(nanning)
    make_platform(forum, "network", "Network infrastructure")
    ceremony = make_signing_session(forum, nanning, slug="signing", start=at(13, "10:00"))
    make_project(forum, signing_session=ceremony, signed_on=DAY, amount=5_000_000)
    return forum


def public_pages(language):
    base = f"/{language}/forums/pub/report/"
    return [base, base + "report.pdf", base + "press-release/", base + "press-release.pdf"]


def test_public_pages_and_the_api_answer_404_until_published_then_200(client, forum):
    for url in public_pages("en"):
        response = client.get(url)
        assert (url, response.status_code) == (url, 404)
        assert response.templates[0].name == "reports/not_published.html"
    api = client.get("/api/v1/forums/pub/report?lang=en")
    assert (api.status_code, api.json()) == (
        404,
        {"detail": "No press release is published in this language yet."},
    )

    release = services.publish_generated(forum, "en")

    answers = {url: client.get(url) for url in public_pages("en")}
    assert {url: r.status_code for url, r in answers.items()} == dict.fromkeys(answers, 200)
    assert answers["/en/forums/pub/report/report.pdf"]["Content-Type"] == "application/pdf"
    api = client.get("/api/v1/forums/pub/report?lang=en")
    assert api.status_code == 200
    assert api.json()["template"] == release.body
    published_at = dt.datetime.fromisoformat(api.json()["published_at"])
    assert abs(published_at - release.published_at) < dt.timedelta(milliseconds=1)
    # Published in English only: the Thai pages are still not there.
    assert [client.get(url).status_code for url in public_pages("th")] == [404] * 4
    assert client.get("/api/v1/forums/pub/report?lang=th").status_code == 404


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_the_not_published_page_speaks_the_readers_language(client, forum, language):
    response = client.get(f"/{language}/forums/pub/report/press-release/")
    with translation.override(language):
        heading = translation.gettext(NOT_YET)
    assert response.status_code == 404
    assert (language == "en") == (heading == NOT_YET)  # every other catalogue translates it
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_public_sees_the_published_version_never_the_draft(client, forum):
    editor = make_organiser(forum, role=ForumRole.Role.PROGRAM_EDITOR)
    services.publish(editor, forum, "en", "Published headline", "{{projects.count}} signed.")
    services.save_draft(editor, forum, "en", "Draft headline", "A draft: {{projects.count}}.")

    page = client.get("/en/forums/pub/report/press-release/").content.decode()
    report = client.get("/en/forums/pub/report/").content.decode()
    api = client.get("/api/v1/forums/pub/report?lang=en").json()
    participant = make_user("participant")
    client.force_login(participant)
    logged_in = client.get("/en/forums/pub/report/press-release/").content.decode()
    draft_page = client.get("/en/forums/pub/orga/report-draft/")

    for html in (page, report, logged_in):
        assert "Published headline" in html
        assert "Draft headline" not in html
    assert (api["headline"], api["text"]) == ("Published headline", "1 signed.")
    assert draft_page.status_code == 403


def test_the_organiser_sees_the_draft_marked_as_a_draft(client, forum):
    url = "/en/forums/pub/orga/report-draft/"
    assert client.get(url).status_code == 302  # to the login
    viewer = make_organiser(forum, role=ForumRole.Role.VIEWER)
    client.force_login(viewer)

    generated = client.get(url)
    services.save_draft(viewer, forum, "en", "Draft headline", "A draft: {{projects.count}}.")
    drafted = client.get(url).content.decode()

    assert generated.status_code == 200
    assert generated.context["release"].stored is None  # the text generated from the data
    assert '<div class="draft-mark" role="note"><strong>Draft</strong>' in drafted
    assert "Not published: the public does not see it" in drafted
    assert "<h1>Draft headline</h1>" in drafted
    assert 'id="section-projects"' in drafted
    assert client.get("/en/forums/pub/report/press-release/").status_code == 404


def test_the_not_published_page_leads_organisers_to_the_draft(client, forum):
    draft_link = 'href="/en/forums/pub/orga/report-draft/"'
    assert draft_link not in client.get("/en/forums/pub/report/").content.decode()
    client.force_login(make_organiser(forum, role=ForumRole.Role.VIEWER))
    assert draft_link in client.get("/en/forums/pub/report/").content.decode()


def test_home_and_hub_link_to_the_outcomes_only_where_published(client, forum):
    links = ['href="/{0}/forums/pub/report/"', 'href="/{0}/forums/pub/report/press-release/"']

    def shown(language):
        home = client.get(f"/{language}/forums/pub/").content.decode()
        hub = client.get(f"/{language}/forums/pub/platforms/network/").content.decode()
        return [link.format(language) in page for page in (home, hub) for link in links]

    assert shown("en") == [False] * 4
    services.publish_generated(forum, "en")
    assert shown("en") == [True] * 4
    assert shown("th") == [False] * 4


def test_a_reader_language_the_forum_lacks_gets_the_default_languages_release(client, forum):
    forum.languages = ["zh-hans", "en"]
    forum.save()
    services.publish_generated(forum, "zh-hans")
    home = client.get("/th/forums/pub/").content.decode()
    assert 'href="/th/forums/pub/report/"' in home
    assert client.get("/th/forums/pub/report/").context["report_language"] == "zh-hans"


def test_publish_generated_publishes_once_per_state_of_the_data(forum):
    first = services.publish_generated(forum, "th")
    again = services.publish_generated(forum, "th")
    make_project(forum, signing_session=forum.sessions.get(slug="signing"), signed_on=DAY)
    changed = services.publish_generated(forum, "th")

    assert again.pk == first.pk
    assert changed.pk != first.pk
    assert services.published_of(forum, "th") == changed
    assert (services.thawed(first)["projects.count"].value, changed.figures != first.figures) == (
        1,
        True,
    )
    assert services.thawed(changed)["projects.count"].value == 2
    assert PressRelease.objects.filter(forum=forum, published_at__isnull=True).count() == 0


def test_publish_generated_leaves_an_editors_draft_alone(forum):
    editor = make_organiser(forum, role=ForumRole.Role.PROGRAM_EDITOR)
    services.save_draft(editor, forum, "en", "Mine", "{{projects.count}} projects.")
    with pytest.raises(services.ReleaseError) as refused:
        services.publish_generated(forum, "en")
    assert str(refused.value) == (
        "An editor's draft is open in this language: publish or discard it first."
    )
    assert services.published_of(forum, "en") is None
    assert services.draft_of(forum, "en").headline == "Mine"


def test_an_earlier_edition_is_linked_only_once_its_report_is_published(forum):
    earlier = make_forum(
        slug="pub-2016", start_date=dt.date(2016, 9, 11), end_date=dt.date(2016, 9, 12)
    )
    for edition, attendance in ((earlier, 500), (forum, 3)):
        services.save_settings(
            None, ReportSettings(forum=edition, series="pub", reported_attendance=attendance)
        )

    before = queries.figures(forum, "en")["editions.best_attendance"].trace.url
    services.publish_generated(earlier, "en")
    after = queries.figures(forum, "en")["editions.best_attendance"].trace.url

    assert (before, after) == ("", "/en/forums/pub-2016/report/")
    assert queries.figures(forum, "th")["editions.best_attendance"].trace.url == ""


def test_the_seed_editions_are_published_with_the_figures_of_all_their_data(seed_forum):
    for slug in ("caihf-1", "caihf-2", "caihf-3"):
        edition = Forum.objects.get(slug=slug)
        published = {
            language: services.published_of(edition, language)
            for language in edition.content_languages()
        }
        assert [lang for lang, release in published.items() if release is None] == [], slug
    # Published after every section it counts, and after the earlier editions it compares with:
    # the frozen figures are those the fully loaded data gives.
    for language in ("en", "th", "zh-hans"):
        frozen = services.published_of(seed_forum, language).figures
        now = json.loads(json.dumps(services.frozen(queries.sections(seed_forum, language))))
        assert frozen == now, language
    figures = services.thawed(services.published_of(seed_forum, "en"))
    assert figures["projects.count"].value == 94
    assert figures["editions.best_attendance"].value == 500
    assert figures["editions.best_attendance"].trace.url == "/en/forums/caihf-2/report/"
    assert {"participants.registered", "run_sheet.beihai-signing.signings"} <= set(figures)


@pytest.mark.slow
def test_loading_an_edition_again_publishes_nothing_new(seed_forum):
    before = list(PressRelease.objects.order_by("pk").values_list("pk", "published_at"))
    load_forum(SEED_FOLDER.parent / "caihf-1", report=lambda line: None)
    after = list(PressRelease.objects.order_by("pk").values_list("pk", "published_at"))
    assert after == before
