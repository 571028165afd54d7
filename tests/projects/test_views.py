import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from infoharbor.core import spreadsheets, tasks
from infoharbor.core.models import AuditEntry, ForumRole
from infoharbor.projects import sheets
from infoharbor.projects.models import Project
from tests.factories import (
    make_city,
    make_forum,
    make_organiser,
    make_organization,
    make_platform,
    make_project,
)

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def test_registry_filters_by_kind_and_text(client):
    forum = make_forum()
    make_project(forum, reference="smart", kind="contract", title={"en": "Smart port"})
    make_project(forum, reference="memo", kind="mou", title={"en": "Cloud memo"})

    page = client.get(f"/en/forums/{forum.slug}/projects/?kind=mou").content.decode()
    found = client.get(f"/en/forums/{forum.slug}/projects/?text=PORT").content.decode()

    assert 'data-reference="memo"' in page and 'data-reference="smart"' not in page
    assert 'data-reference="smart"' in found and 'data-reference="memo"' not in found


def test_statistics_page_shows_a_chart_and_the_conversion(client):
    forum = make_forum()
    make_project(forum)

    page = client.get(f"/en/forums/{forum.slug}/projects/statistics/?by=date").content.decode()

    assert "<svg" in page
    assert "CN¥1,000,000.00" in page


def test_a_viewer_cannot_enter_projects_but_a_registrar_can(client):
    forum = make_forum()
    client.force_login(make_organiser(forum, role=ForumRole.Role.VIEWER))
    assert client.get(f"/en/forums/{forum.slug}/orga/projects/new/").status_code == 403

    client.force_login(make_organiser(forum, role=ForumRole.Role.PROJECT_REGISTRAR))
    assert client.get(f"/en/forums/{forum.slug}/orga/projects/new/").status_code == 200


def test_registrar_records_a_status_change_with_a_document(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    forum = make_forum()
    project = make_project(forum)
    client.force_login(make_organiser(forum, role=ForumRole.Role.PROJECT_REGISTRAR))
    base = f"/en/forums/{forum.slug}/orga/projects/{project.public_id}"

    client.post(
        f"{base}/documents/", {"title": "Contract", "file": SimpleUploadedFile("c.pdf", b"%PDF")}
    )
    document = project.documents.get()
    client.post(
        f"{base}/status/", {"status": "preparation", "date": "2019-01-02", "document": document.pk}
    )

    assert list(project.history.values_list("status", "date")) == [
        ("signed", forum.start_date),
        ("preparation", dt.date(2019, 1, 2)),
    ]
    assert AuditEntry.objects.filter(action="project.document_attached").count() == 1


def test_import_page_answers_at_once_and_the_job_reports_progress(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    forum = make_forum(languages=["en"], default_language="en")
    make_organization(forum, "Huawei", short_name="Huawei")
    client.force_login(make_organiser(forum, role=ForumRole.Role.PROJECT_REGISTRAR))
    header = sheets.columns(forum)
    row = {
        "reference": "i-1",
        "title_en": "Imported",
        "kind": "contract",
        "funders": "Huawei",
        "signed_on": "2018-09-13",
        "amount": "10",
        "currency": "CNY",
    }
    upload = SimpleUploadedFile(
        "p.csv", spreadsheets.write_csv(header, [[row.get(c, "") for c in header]])
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/forums/{forum.slug}/orga/projects/import/", {"file": upload})
    queued = client.get(response["Location"] + "?format=json").json()
    tasks.run_pending()
    progress = client.get(response["Location"] + "?format=json").json()

    assert (queued["status"], queued["done"]) == ("queued", 0)
    assert (progress["status"], progress["done"], progress["written"]) == ("done", 1, 1)
    assert Project.objects.get().reference == "i-1"
    assert "1 project imported." in client.get(response["Location"]).content.decode()


def test_registry_counts_projects_in_thai(client):
    forum = make_forum()
    make_project(forum)
    make_project(forum)

    page = client.get(f"/th/forums/{forum.slug}/projects/").content.decode()

    assert "2 โครงการ" in page


def test_registry_text_filter_finds_words_inside_thai_and_chinese_titles(client):
    forum = make_forum()
    make_project(
        forum,
        reference="city",
        title={"th": "โครงการเมืองอัจฉริยะกว่างซี", "zh-hans": "广西智慧城市项目"},
    )
    make_project(forum, reference="port", title={"th": "ท่าเรือดิจิทัล", "zh-hans": "数字港口"})

    thai = client.get(f"/th/forums/{forum.slug}/projects/?text=อัจฉริยะ").content.decode()
    chinese = client.get(f"/zh-hans/forums/{forum.slug}/projects/?text=港口").content.decode()

    assert 'data-reference="city"' in thai and 'data-reference="port"' not in thai
    assert 'data-reference="port"' in chinese and 'data-reference="city"' not in chinese


def test_forum_search_api_finds_projects_by_a_partys_name(client):
    forum = make_forum()
    asiainfo = make_organization(forum, "AsiaInfo", short_name="AsiaInfo")
    project = make_project(
        forum,
        reference="ai",
        title={"en": "Big data platform"},
        parties=[(asiainfo, "implementer")],
    )

    hits = client.get(f"/api/v1/forums/{forum.slug}/search?q=asiainfo").json()

    assert [(h["type"], h["key"]) for h in hits["results"] if h["type"] == "project"] == [
        ("project", project.public_id)
    ]


@pytest.mark.parametrize(
    ("language", "headline"),
    [("th", "2.13 หมื่นล้านหยวน"), ("zh-hans", "213.32亿元"), ("en", "CNY 21.33 billion")],
)
def test_statistics_show_the_beihai_total_in_the_readers_words(
    client, seed_forum, language, headline
):
    page = client.get(
        f"/{language}/forums/caihf-3/projects/statistics/?by=session"
    ).content.decode()
    assert headline in page


def test_project_editor_saves_with_a_blank_party_row_added(client):
    forum = make_forum(languages=["en"], default_language="en")
    huawei = make_organization(forum, "Huawei")
    client.force_login(make_organiser(forum, role=ForumRole.Role.PROJECT_REGISTRAR))
    page = client.get(f"/en/forums/{forum.slug}/orga/projects/new/").content.decode()
    assert 'name="parties-TOTAL_FORMS" value="0"' in page
    assert 'data-add-row="parties"' in page
    answer = client.post(
        f"/en/forums/{forum.slug}/orga/projects/new/",
        {
            "reference": "row-1",
            "title_en": "Cloud centre",
            "kind": "contract",
            "signed_on": "2018-09-13",
            "amount": "100",
            "currency": "CNY",
            "amount_kind": "total_investment",
            "parties-TOTAL_FORMS": "2",
            "parties-INITIAL_FORMS": "0",
            "parties-0-organization": str(huawei),
            "parties-0-organization_key": huawei.pk,
            "parties-0-role": "funder",
            "parties-1-organization": "",
            "parties-1-role": "implementing",
        },
    )
    assert answer.status_code == 302
    project = Project.objects.get(forum=forum, reference="row-1")
    assert [(p.organization, p.role) for p in project.parties.all()] == [(huawei, "funder")]


def test_project_pages_name_countries_and_list_parties_in_the_readers_language(client):
    forum = make_forum()
    huawei = make_organization(forum, country="CN")
    huawei.name = {"en": "Huawei", "zh-hans": "华为"}
    huawei.save()
    viettel = make_organization(forum, country="VN")
    viettel.name = {"en": "Viettel"}
    viettel.save()
    city = make_city("Beihai", zh_hans="北海")
    platforms = [make_platform(forum, "cloud", "Cloud"), make_platform(forum, "port", "Port")]
    project = make_project(
        forum,
        parties=[(huawei, "funder"), (viettel, "partner")],
        country="VN",
        city=city,
        platforms=platforms,
    )

    registry = client.get(f"/zh-hans/forums/{forum.slug}/projects/").content.decode()
    path = f"/zh-hans/forums/{forum.slug}/projects/{project.public_id}/"
    page = client.get(path).content.decode()

    assert '<p class="meta">华为（中国）和Viettel（越南）</p>' in registry
    assert "<dd>越南北海</dd>" in page
    assert "<dd>Cloud和Port</dd>" in page
    assert "<li>华为 · 中国 · " in page


def test_project_page_shows_its_provenance_in_the_readers_language(client):
    forum = make_forum()
    provenance = {"en": "Named in the press release.", "th": "มีชื่อในข่าวประชาสัมพันธ์"}
    project = make_project(forum, provenance=provenance)

    th = client.get(f"/th/forums/{forum.slug}/projects/{project.public_id}/").content.decode()
    km = client.get(f"/km/forums/{forum.slug}/projects/{project.public_id}/").content.decode()

    assert "<dd>มีชื่อในข่าวประชาสัมพันธ์</dd>" in th
    assert "<dd>Named in the press release.</dd>" in km  # English where Khmer is missing


def test_import_page_shows_the_columns_as_the_files_header_in_english(client):
    forum = make_forum()
    client.force_login(make_organiser(forum))

    html = client.get(f"/km/forums/{forum.slug}/orga/projects/import/").content.decode()

    header = ",".join(sheets.columns(forum))
    assert f'<code class="columns" lang="en">{header}</code>' in html
