"""The outcome pages at their stable addresses, the editor's page, the dashboard, the hubs."""

import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.projects.models import Project
from infoharbor.reports import services
from infoharbor.reports.models import PressRelease, ReportSettings
from tests.factories import make_user
from tests.registration.badges.badge_pdf import blocks, font_names, render

pytestmark = pytest.mark.integration


def editor(forum, role=ForumRole.Role.PROGRAM_EDITOR):
    user = make_user("editor")
    ForumRole.objects.create(forum=forum, user=user, role=role)
    return user


def test_press_release_page_links_every_figure_to_its_rows(client, seed_forum):
    response = client.get("/th/forums/caihf-3/report/press-release/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<a class="figure" href="/th/forums/caihf-3/projects/?session=beihai-signing" '
        'data-figure="signing.beihai-signing.count"' in html
    )
    assert (
        'href="/th/forums/caihf-3/projects/?session=guangxi-signing&amp;china_asean=on" '
        'data-figure="signing.guangxi-signing.china_asean"' in html
    )
    assert "2 หมื่นล้านหยวน" in html


def test_the_registry_filters_china_asean_projects(client, seed_forum):
    response = client.get("/en/forums/caihf-3/projects/?session=guangxi-signing&china_asean=on")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 7


def test_report_page_lists_every_section_with_its_trace(client, seed_forum):
    html = client.get("/zh-hans/forums/caihf-3/report/").content.decode()
    for section in (
        "section-program",
        "section-participation",
        "section-projects",
        "section-run_sheets",
    ):
        assert f'id="{section}"' in html
    assert "超过200亿元" in html
    # Readers follow a value's link to its rows; the query is the organisers' and the API's.
    assert '<tr data-figure="projects.total"><th scope="row">' in html
    assert '<a href="/zh-hans/forums/caihf-3/projects/">94</a>' in html
    assert "projects.registry" not in html
    assert "<code>" not in html


def row_labels(html: str) -> dict[str, str]:
    """The report's facts by figure key: the label each row shows."""
    return dict(re.findall(r'<tr data-figure="([^"]+)"><th scope="row">([^<]+)</th>', html))


def test_report_rows_are_labelled_each_its_own_way_capitalised_as_a_heading(client, seed_forum):
    labels = row_labels(client.get("/en/forums/caihf-3/report/").content.decode())
    assert {key: labels[key] for key in labels if key.startswith(("program.", "platforms."))} == {
        "program.main_forums": "Main forums",
        "program.sub_forums": "Sub-forums",
        "program.dialogues": "High-level dialogues",
        "platforms.count": "Cooperation platforms",
        "platforms.names": "Names of the platforms",
    }
    khmer = row_labels(client.get("/km/forums/caihf-3/report/").content.decode())
    assert (khmer["platforms.count"], khmer["platforms.names"]) == (
        "ប្លាតហ្វមកិច្ចសហប្រតិបត្តិការ",
        "ឈ្មោះប្លាតហ្វម",
    )


def test_a_language_the_forum_does_not_publish_in_falls_back_to_its_default(client, seed_forum):
    seed_forum.languages = ["zh-hans", "en"]
    seed_forum.save()
    response = client.get("/th/forums/caihf-3/report/press-release/")
    assert response.context["report_language"] == "zh-hans"


# What each script's PDF must hold: its font, and text read back. pdftotext gives Thai and
# Chinese back in order; Khmer, Lao and Burmese it returns with their marks reordered, so for them
# the text layer is checked for the script's letters and the forum's city name in its own font.
PDF_SCRIPTS = {
    "th": ("Noto-Sans-Thai", ["หนานหนิง", "2หมื่นล้านหยวน", "โครงการ"], None),
    "zh-hans": ("Noto-Sans-CJK-SC", ["南宁", "超过200亿元", "9个分论坛"], None),
    "km": ("Noto-Sans-Khmer", ["94"], (0x1780, 0x17FF)),
    "lo": ("Noto-Sans-Lao", ["94"], (0x0E80, 0x0EFF)),
    "my": ("Noto-Sans-Myanmar", ["94"], (0x1000, 0x109F)),
}


@pytest.mark.slow
@pytest.mark.parametrize("language", list(PDF_SCRIPTS))
def test_press_release_pdf_renders_every_script(client, seed_forum, tmp_path, language):
    font, words, block = PDF_SCRIPTS[language]
    response = client.get(f"/{language}/forums/caihf-3/report/press-release.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(response.content)
    assert font in {name.removesuffix("-Bold") for name in font_names(pdf)}
    content = "".join(b.text for b in blocks(pdf, 1)).replace("\u200b", "").replace(" ", "")
    for word in words:
        assert word in content, (word, content[:300])
    if block:
        letters = [c for c in content if block[0] <= ord(c) <= block[1]]
        assert len(letters) > 200
    assert render(pdf, 1, dpi=50).dark_share((0, 0, 595, 842)) > 0.01


def test_report_pdf_renders(client, seed_forum, tmp_path):
    response = client.get("/en/forums/caihf-3/report/report.pdf")
    assert response.status_code == 200
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Signed projects" in text
    # On paper as on the page, a value links to its rows, not to the query behind it.
    assert "projects.registry" not in text
    links = subprocess.run(
        ["pdftohtml", "-stdout", "-i", "-noframes", "-q", str(pdf)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert 'href="http://testserver/en/forums/caihf-3/projects/"' in links


def test_only_editors_may_edit(client, seed_forum):
    url = reverse("reports:edit_press_release", args=["caihf-3"])
    assert client.get(url).status_code == 302  # to the login
    viewer = make_user("viewer")
    ForumRole.objects.create(forum=seed_forum, user=viewer, role=ForumRole.Role.VIEWER)
    client.force_login(viewer)
    assert client.get(url).status_code == 403


def test_editor_edits_publishes_and_the_release_keeps_its_figures(client, seed_forum):
    client.force_login(editor(seed_forum))
    url = "/en/forums/caihf-3/orga/press-release/"
    page = client.get(url)
    assert page.status_code == 200
    body = page.context["body_value"]
    edited = body.replace("It drew", "The forum drew")
    response = client.post(
        url, {"headline": "Outcomes of the forum", "body": edited, "action": "publish"}
    )
    assert response.status_code == 302
    published = services.published_of(seed_forum, "en")
    assert published.headline == "Outcomes of the forum"
    assert AuditEntry.objects.filter(
        action="press_release.published", object_id=str(published.pk)
    ).exists()
    Project.objects.filter(forum=seed_forum, reference="BH-07").delete()
    html = client.get("/en/forums/caihf-3/report/press-release/").content.decode()
    assert "The forum drew" in html
    assert "59</a> projects were signed" in html  # as published, not the 58 the data now holds
    editing = client.get(url)
    changes = {c.key: (c.was, c.now) for c in editing.context["changes"]}
    assert changes["signing.beihai-signing.count"] == ("59", "58")


def test_an_empty_text_is_refused_with_its_reason(client, seed_forum):
    client.force_login(editor(seed_forum))
    response = client.post(
        "/en/forums/caihf-3/orga/press-release/", {"headline": "", "body": "x", "action": "save"}
    )
    assert response.status_code == 400
    assert response.context["errors"] == ["The headline is empty: write one."]
    assert not PressRelease.objects.filter(published_at__isnull=True).exists()


def test_saving_twice_keeps_one_draft(client, seed_forum):
    user = editor(seed_forum)
    services.save_draft(user, seed_forum, "en", "A", "{{projects.count}} projects.")
    services.save_draft(user, seed_forum, "en", "B", "{{projects.count}} projects!")
    drafts = PressRelease.objects.filter(forum=seed_forum, published_at__isnull=True)
    assert [(d.headline, d.body) for d in drafts] == [("B", "{{projects.count}} projects!")]


def test_dashboard_shows_charts_with_labels_and_links(client, seed_forum):
    client.force_login(editor(seed_forum, ForumRole.Role.VIEWER))
    response = client.get("/zh-hans/forums/caihf-3/orga/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    for key in (
        "participants-by-category",
        "projects-by-country",
        "partner-countries",
        "signings-timeline",
        "status-funnel",
    ):
        assert f'id="chart-{key}"' in html
    assert "<code>projects.registry</code>" in html
    assert '<a href="/zh-hans/forums/caihf-3/projects/?country=LA" aria-label="老挝：' in html
    svg = client.get("/zh-hans/forums/caihf-3/orga/dashboard/charts/projects-by-country.svg")
    assert svg["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert '<title id="projects-by-country-title">' in svg.content.decode()


def test_chart_png_export(client, seed_forum):
    client.force_login(editor(seed_forum, ForumRole.Role.VIEWER))
    png = client.get("/th/forums/caihf-3/orga/dashboard/charts/status-funnel.png")
    assert png.status_code == 200
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get("/th/forums/caihf-3/orga/dashboard/charts/nothing.png").status_code == 404


def test_platform_hub_from_the_forum_home(client, seed_forum):
    home = client.get("/en/forums/caihf-3/").content.decode()
    assert 'href="/en/forums/caihf-3/platforms/network-infrastructure/"' in home
    response = client.get("/en/forums/caihf-3/platforms/network-infrastructure/")
    assert response.status_code == 200
    hub = response.context["hub"]
    assert (
        hub.count
        == Project.objects.filter(
            forum=seed_forum, platforms__code="network-infrastructure"
        ).count()
    )
    assert any(item.slug == "main-forum" for _city, items in hub.by_city for item in items)
    assert client.get("/en/forums/caihf-3/platforms/nothing/").status_code == 404


def test_earlier_editions_are_loaded_as_a_series(seed_forum):
    from infoharbor.reports.editions import earlier_attendance

    found = [(a.forum.slug, a.count) for a in earlier_attendance(seed_forum)]
    assert found == [("caihf-1", 200), ("caihf-2", 500)]
    # Each edition's source of its attendance is told in every language of the forum.
    for edition in ("caihf-1", "caihf-2"):
        settings = ReportSettings.objects.get(forum__slug=edition)
        assert sorted(settings.attendance_source.data) == sorted(settings.forum.languages)
    with translation.override("km"):
        notes = [(a.source, a.note) for a in earlier_attendance(seed_forum)]
    assert notes[0] == (
        "reported",
        "ស៊ីនហួ ថ្ងៃទី13 ខែកញ្ញា ឆ្នាំ2015៖ អ្នកចូលរួមជាង 200 នាក់ "
        "ក្នុងនោះមានរដ្ឋមន្ត្រី និងក្រុមហ៊ុនអ៊ីនធឺណិត និងទូរគមនាគមន៍របស់ចិន",
    )


def test_api_report_gives_each_figure_its_value_and_trace(client, seed_forum):
    response = client.get("/api/v1/forums/caihf-3/report?lang=th")
    assert response.status_code == 200
    data = response.json()
    figures = {f["key"]: f for f in data["figures"]}
    count = figures["signing.beihai-signing.count"]
    assert count["value"] == 59
    assert count["trace"] == {
        "source": "projects.registry",
        "filters": {"session": "beihai-signing"},
        "url": "http://testserver/th/forums/caihf-3/projects/?session=beihai-signing",
    }
    assert figures["signing.beihai-signing.total"]["text"] == "มากกว่า 2 หมื่นล้านหยวน"
    assert "{{signing.beihai-signing.count}}" in data["template"]
    assert "59 โครงการ" in data["text"]
    bad = client.get("/api/v1/forums/caihf-3/report?lang=xx")
    assert bad.status_code == 422
    assert list(bad.json()["detail"]) == ["lang"]
    assert "/api/v1/forums/{slug}/report" in client.get("/api/v1/openapi.json").json()["paths"]
