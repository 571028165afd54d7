"""The forum loader: a forum described in files loads, and a bad file is refused, naming where."""

import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from infoharbor.core.forum_loader import ForumFilesRefused, Problem, line_of, load_forum
from infoharbor.core.models import Forum
from infoharbor.program.models import Session
from infoharbor.projects.models import Project
from infoharbor.registration.models import Category

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "forum"


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "forum"
    shutil.copytree(EXAMPLE, target)
    return target


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def refusal(folder: Path) -> list[Problem]:
    with pytest.raises(ForumFilesRefused) as refused:
        load_forum(folder, report=lambda line: None)
    return refused.value.problems


def row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def test_load_forum_loads_the_example_folder():
    lines = []

    forum = load_forum(EXAMPLE, report=lines.append)

    assert (forum.slug, forum.timezone, forum.languages) == (
        "mekong-digital-2026",
        "Asia/Bangkok",
        ["en", "th"],
    )
    assert forum.name.data == {
        "en": "Mekong Digital Cooperation Forum 2026",
        "th": "การประชุมความร่วมมือดิจิทัลลุ่มน้ำโขง 2026",
    }
    sessions = Session.objects.filter(forum=forum).order_by("start", "slug")
    assert [(s.slug, s.room.name.get("en"), s.parent_id is not None) for s in sessions] == [
        ("opening", "Grand Hall", False),
        ("signing", "Grand Hall", True),
        ("workshop", "Room 2", False),
    ]
    project = Project.objects.get(forum=forum)
    assert (project.reference, project.signing_session.slug, str(project.amount)) == (
        "MK-01",
        "signing",
        "12000000.00",
    )
    assert list(Category.objects.filter(forum=forum).values_list("code", flat=True)) == [
        "delegate",
        "visitor",
    ]
    assert lines[0] == "forum: Mekong Digital Cooperation Forum 2026"
    assert "sessions: 3 sessions, 1 sub-forums" in lines


def test_load_forum_twice_changes_nothing():
    load_forum(EXAMPLE, report=lambda line: None)
    before = row_counts()

    load_forum(EXAMPLE, report=lambda line: None)

    assert row_counts() == before


def test_load_forum_refuses_a_toml_syntax_error_with_its_line(folder):
    edit(folder, "sessions.toml", 'title.en = "Signing ceremony"', "title.en = Signing ceremony")

    [problem] = refusal(folder)

    assert (problem.file, problem.line) == ("sessions.toml", 16)
    assert "Invalid value" in problem.message


def test_load_forum_refuses_an_unknown_city_slug_naming_file_line_and_field(folder):
    edit(
        folder,
        "sessions.toml",
        'city = "chiang-rai"\nroom = "room-2"',
        'city = "atlantis"\nroom = "room-2"',
    )

    assert refusal(folder) == [
        Problem("sessions.toml", 30, "session[3].city", "There is no city “atlantis”.")
    ]


def test_load_forum_refuses_a_time_outside_the_forums_dates(folder):
    edit(folder, "sessions.toml", "end = 2026-03-11T11:00:00", "end = 2026-03-12T11:00:00")

    assert refusal(folder) == [
        Problem(
            "sessions.toml",
            33,
            "session[3].end",
            "2026-03-12 is outside the forum's dates, 2026-03-10 to 2026-03-11.",
        )
    ]


def test_load_forum_refuses_a_signing_date_outside_the_forums_dates(folder):
    edit(folder, "projects.toml", "signed_on = 2026-03-10", "signed_on = 2026-04-10")

    problems = refusal(folder)

    assert [(p.file, p.line, p.field) for p in problems] == [
        ("projects.toml", 7, "project[1].signed_on"),
        ("projects.toml", 6, "project[1].session"),
    ]
    assert (
        problems[0].message == "2026-04-10 is outside the forum's dates, 2026-03-10 to 2026-03-11."
    )


def test_load_forum_refuses_a_missing_required_key(folder):
    edit(folder, "people.toml", 'name_latin = "Malee Jaidee"\n', "")

    assert refusal(folder) == [
        Problem("people.toml", 1, "person[1].name_latin", "This key is required.")
    ]


def test_load_forum_refuses_an_unknown_language(folder):
    edit(folder, "platforms.toml", 'name.th = "การเชื่อมต่อ"', 'name.xx = "?"')

    assert refusal(folder) == [
        Problem("platforms.toml", 4, "platform[1].name.xx", "Unknown language.")
    ]


def test_load_forum_names_every_bad_entry_of_a_file(folder):
    edit(folder, "organizations.toml", 'kind = "enterprise"', 'kind = "pirates"')
    edit(folder, "organizations.toml", 'country = "TH"', 'country = "Thailand"')

    problems = refusal(folder)

    assert [(p.line, p.field) for p in problems] == [
        (7, "organization[1].country"),
        (7, "organization[1].country"),
        (14, "organization[2].kind"),
    ]


def test_a_refused_folder_leaves_every_table_as_it_was(folder):
    # The last section is bad: every section before it has written its rows by then.
    edit(folder, "registration.toml", 'kind = "choice"', 'kind = "riddle"')
    before = row_counts()

    [problem] = refusal(folder)

    assert (problem.file, problem.field) == ("registration.toml", "question[1].kind")
    assert row_counts() == before
    assert not Forum.objects.filter(slug="mekong-digital-2026").exists()


def test_load_forum_command_prints_each_problem(folder):
    edit(
        folder,
        "places.toml",
        'city = "chiang-rai"\nname.en = "Mekong',
        'city = "nowhere"\nname.en = "Mekong',
    )

    with pytest.raises(CommandError) as refused:
        call_command("load_forum", str(folder))

    assert str(refused.value) == (
        "Nothing was loaded:\n  places.toml:22: venue[1].city: There is no city “nowhere”."
    )


@pytest.mark.unit
def test_line_of_finds_keys_in_nested_arrays_of_tables():
    text = (EXAMPLE / "places.toml").read_text(encoding="utf-8")

    assert line_of(text, ["venue", 0, "room", 1, "capacity"]) == 36
    assert line_of(text, ["city", 1, "country"]) == 13
    assert line_of(text, ["travel", 0]) == 15


def test_load_forum_refuses_a_misspelt_key(folder):
    edit(folder, "platforms.toml", 'code = "connectivity"', 'code = "connectivity"\ncolour = "red"')

    assert refusal(folder) == [Problem("platforms.toml", 3, "platform[1].colour", "Unknown key.")]
