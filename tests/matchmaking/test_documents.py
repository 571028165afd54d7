"""The meeting agenda as iCalendar and PDF, the table lists, and the figures per country and
sector as spreadsheets and through the API."""

import csv
import io

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from infoharbor.core.models import ForumRole
from infoharbor.matchmaking import queries, services
from infoharbor.matchmaking.services import OpportunitySpec
from infoharbor.program import kinds
from tests.factories import (
    at,
    make_api_token,
    make_approved_participant,
    make_category,
    make_city,
    make_forum,
    make_organiser,
    make_profile,
    make_session,
    make_topic,
)
from tests.registration.badges.badge_pdf import blocks, font_names, page_count

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def meetings(db):
    """Three participants (Thai, Chinese, Khmer); the Thai one meets the Chinese one at table 1
    at 14:00 in Nanning and has it marked held; the Khmer one's request was declined."""
    forum = make_forum(is_published=True)
    city = make_city("Nanning", zh_hans="南宁")
    forum.cities.add(city)
    session = make_session(
        forum, city, kind=kinds.NEGOTIATION.code, start=at(14, "14:00"), end=at(14, "15:00")
    )
    block = services.set_up_block(None, session, slot_minutes=30, tables=2)
    category = make_category(forum)
    tea = make_topic(forum, "tea", zh_hans="茶")
    rice = make_topic(forum, "rice", zh_hans="大米")
    thai = make_approved_participant(
        category, name="สมชาย ใจดี", name_latin="Somchai Jaidee", country="TH"
    )
    chinese = make_approved_participant(category, name="王伟", name_latin="Wang Wei", country="CN")
    khmer = make_approved_participant(category, name="សុខ ដារា", name_latin="Sok Dara", country="KH")
    make_profile(chinese, OpportunitySpec("offer", topics=[tea], products="green tea"))
    make_profile(thai, OpportunitySpec("request", topics=[tea]))
    make_profile(khmer, OpportunitySpec("request", topics=[rice]))
    held = services.request_meeting(thai, chinese, interpreter_needed=True)
    services.accept(held, chinese, slot=block.slots.get(index=0))
    meeting = held.meeting
    services.report_meeting(meeting, thai, held=True, rating=5)
    declined = services.request_meeting(khmer, chinese)
    services.decline(declined, chinese)
    return {"forum": forum, "thai": thai, "chinese": chinese, "khmer": khmer, "meeting": meeting}


def _home(participant):
    return f"/en/forums/{participant.forum.slug}/registration/{participant.token}/meetings/"


def test_agenda_as_icalendar(client, meetings):
    thai, meeting = meetings["thai"], meetings["meeting"]
    answer = client.get(_home(thai) + "meetings.ics")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in answer["Cache-Control"]
    events = Calendar.from_ical(answer.content).walk("VEVENT")
    assert [
        (
            str(e["UID"]),
            e.decoded("DTSTART"),
            e.decoded("DTEND"),
            str(e["SUMMARY"]),
            str(e["LOCATION"]),
        )
        for e in events
    ] == [
        (
            f"meeting-{meeting.request.public_id}@{meetings['forum'].slug}.infoharbor",
            at(14, "14:00"),
            at(14, "14:30"),
            "B2B meeting with 王伟 (Wang Wei)",
            "Nanning · table 1",
        )
    ]
    assert thai.token not in answer.content.decode()


def test_agenda_of_someone_without_meetings_is_empty_and_unknown_tokens_404(client, meetings):
    khmer = meetings["khmer"]
    answer = client.get(_home(khmer) + "meetings.ics")
    assert Calendar.from_ical(answer.content).walk("VEVENT") == []
    assert client.get(_home(khmer).replace(khmer.token, "nope") + "meetings.ics").status_code == 404


def _pdf_text(tmp_path, content):
    pdf = tmp_path / "document.pdf"
    pdf.write_bytes(content)
    pages = range(1, page_count(pdf) + 1)
    return pdf, "".join(b.text for page in pages for b in blocks(pdf, page)).replace("\u200b", "")


def test_agenda_pdf_names_the_other_side_in_their_script(client, meetings, tmp_path):
    chinese = meetings["chinese"]
    answer = client.get(_home(chinese) + "meetings.pdf")
    assert answer["Content-Type"] == "application/pdf"
    pdf, content = _pdf_text(tmp_path, answer.content)
    assert "สมชายใจดี" in content.replace(" ", "")
    assert "SomchaiJaidee" in content.replace(" ", "")
    assert "Nanning·table1" in content.replace(" ", "")
    assert {"Noto-Sans-Thai", "Noto-Sans-CJK-SC"} <= {
        name.removesuffix("-Bold") for name in font_names(pdf)
    }


def test_table_lists_for_organisers_only(client, meetings, tmp_path):
    forum = meetings["forum"]
    url = f"/en/forums/{forum.slug}/orga/matchmaking/tables.pdf"
    assert client.get(url).status_code == 302
    client.force_login(make_organiser(make_forum(), ForumRole.Role.OWNER))
    assert client.get(url).status_code == 403
    client.force_login(make_organiser(forum, ForumRole.Role.REGISTRATION_DESK))
    _pdf, content = _pdf_text(tmp_path, client.get(url).content)
    flat = content.replace(" ", "")
    assert "王伟(WangWei)" in flat
    assert "สมชายใจดี" in flat
    assert "interpreterneeded" in flat
    assert "សុខដារា" not in flat  # declined: no table


def test_figures_per_country_and_sector(meetings):
    forum = meetings["forum"]
    by_country = queries.figures_by(forum, "country", "en")
    assert [
        (g.key, g.label, g.figures.requested, g.figures.held, g.figures.declined)
        for g in by_country
    ] == [
        ("CN", "China", 2, 1, 1),
        ("KH", "Cambodia", 1, 0, 1),
        ("TH", "Thailand", 1, 1, 0),
    ]
    by_sector = queries.figures_by(forum, "sector", "en")
    assert [(g.key, g.label, g.figures.requested, g.figures.scheduled) for g in by_sector] == [
        ("tea", "tea", 2, 1),
        ("rice", "rice", 1, 0),
    ]


def test_figures_spreadsheets_in_the_readers_language(client, meetings):
    forum = meetings["forum"]
    client.force_login(make_organiser(forum, ForumRole.Role.VIEWER))
    answer = client.get(f"/en/forums/{forum.slug}/orga/matchmaking/figures.csv?by=country")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["group", "requested", "accepted"]
    assert rows[1:] == [
        ["China", "2", "1", "1", "0", "1", "1", "0", "0", "0", "0"],
        ["Cambodia", "1", "0", "1", "0", "0", "0", "0", "0", "0", "0"],
        ["Thailand", "1", "1", "0", "0", "1", "1", "0", "0", "0", "0"],
    ]
    answer = client.get(f"/zh-hans/forums/{forum.slug}/orga/matchmaking/figures.xlsx?by=country")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert [sheet.cell(row=r, column=1).value for r in range(2, 5)] == ["中国", "柬埔寨", "泰国"]
    assert sheet.cell(row=2, column=2).value == 2
    assert client.get(f"/en/forums/{forum.slug}/orga/matchmaking/figures.pdf").status_code == 404


def test_figures_api_for_the_forums_organisers(client, meetings):
    forum = meetings["forum"]
    url = f"/api/v1/forums/{forum.slug}/matchmaking/figures"
    token = make_api_token(make_organiser(forum, ForumRole.Role.VIEWER))
    answer = client.get(url, {"by": "sector"}, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["overall"]["requested"] == 2
    assert [(g["key"], g["figures"]["requested"]) for g in body["groups"]] == [
        ("tea", 2),
        ("rice", 1),
    ]
    bad = client.get(url, {"by": "colour"}, headers={"Authorization": f"Bearer {token}"})
    assert (bad.status_code, bad.json()) == (
        422,
        {"detail": {"by": ["Use one of: country, sector."]}},
    )
    stranger = make_api_token(make_organiser(make_forum(), ForumRole.Role.OWNER))
    refused = client.get(url, headers={"Authorization": f"Bearer {stranger}"})
    assert refused.status_code == 403
    assert client.get(url).status_code == 401
