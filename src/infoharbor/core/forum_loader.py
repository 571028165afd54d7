"""Forums described as data files, and the one loader that reads them (organisers, the seed).

A forum folder holds `forum.toml` (the forum itself: slug, dates, time zone, languages, name) and
one TOML file per *section* (`places.toml`, `sessions.toml`, `projects.toml` …). core cannot
import the apps built on it, so each app declares the reader of its own file in its `loading.py`:

    @forum_section("projects", after=("sessions",))
    def load(forum: Forum, data: dict, loader: Loader) -> str:
        ...  # read `data` (the parsed projects.toml), call the app's services
        return "94 projects"  # one line for the console

Sections run after the sections they name in `after`; a section whose file is absent is skipped.
A section calls its app's services to write; it reports a bad value with `loader.error(field,
message)`, or raises through the `Loader` helpers (`loader.text`, `loader.date`, `loader.get` …)
inside `with loader.entry(...)`, which skips that entry and goes on, so one run names every bad
entry. What a section loads, it publishes with `loader.add(kind, slug, obj)` for the sections
after it (`loader.get("city", "nanning", field)`).

Loading is all or nothing: every file is parsed first (a TOML syntax error names its line),
sections run in one transaction, and if any problem was reported nothing is kept and
`ForumFilesRefused` lists each problem with its file, line and key path. Loading the same folder
twice changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from infoharbor.core import services
from infoharbor.core.languages import content_language_choices
from infoharbor.core.models import Forum
from infoharbor.core.translated import TranslatedText

# The seed forum ships inside the package (package data), so it is found from a checkout and
# after `pip install .` alike.
SEED_FOLDER = Path(__file__).resolve().parents[1] / "seed" / "caihf-3"
SEED_FORUM_SLUG = "caihf-3"
FORUM_FILE = "forum.toml"

LoadFunc = Callable[[Forum, dict[str, Any], "Loader"], str]
T = TypeVar("T")


@dataclass(frozen=True)
class Section:
    name: str  # also the file's name: `<name>.toml`
    after: tuple[str, ...]
    load: LoadFunc


_sections: dict[str, Section] = {}


def forum_section(name: str, *, after: tuple[str, ...] = ()) -> Callable[[LoadFunc], LoadFunc]:
    """Declare the reader of `<name>.toml`, run after the sections named in `after`."""

    def register(func: LoadFunc) -> LoadFunc:
        _sections[name] = Section(name, tuple(after), func)
        return func

    return register


def sections() -> list[Section]:
    """Every declared section, each after those it names (ties in name order)."""
    autodiscover_modules("loading")
    ordered: list[Section] = []
    done: set[str] = set()

    def visit(section: Section, path: tuple[str, ...]) -> None:
        if section.name in done:
            return
        if section.name in path:
            raise ImproperlyConfigured(f"Forum sections depend on each other: {path}")
        for name in section.after:
            if name not in _sections:
                raise ImproperlyConfigured(f"Section {section.name!r} runs after unknown {name!r}")
            visit(_sections[name], (*path, section.name))
        done.add(section.name)
        ordered.append(section)

    for name in sorted(_sections):
        visit(_sections[name], ())
    return ordered


class Problem(NamedTuple):
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ForumFilesRefused(Exception):
    """The folder was refused; nothing was written. `problems` names each bad value."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Table(dict[str, Any]):
    """A parsed TOML table that remembers which keys a section read, so the loader can name
    the others (a misspelt key would otherwise be ignored without a word)."""

    def __init__(self, data: Mapping[str, Any], path: list[str | int]) -> None:
        super().__init__(data)
        self.path = path
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)


class Invalid(Exception):
    """Raised by the Loader's helpers after recording a problem; `Loader.entry` swallows it."""


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


def line_of(text: str, path: list[str | int]) -> int | None:
    """The line (from 1) where a key path like ["session", 3, "city"] is written, if found.

    Array-of-tables indices count from 0; keys are found at the start of a line (`key =` or a
    dotted `key.lang =`) inside the table the path has reached.
    """
    lines = text.splitlines()
    headers = [(i, m.group(2)) for i, line in enumerate(lines) if (m := _HEADER.match(line))]
    start, end, prefix, found = 0, len(lines), "", None
    k = 0
    while k < len(path):
        part = str(path[k])
        index = path[k + 1] if k + 1 < len(path) and isinstance(path[k + 1], int) else 0
        name = prefix + part
        tables = [i for i, h in headers if start <= i < end and h == name]
        if tables and isinstance(index, int) and index < len(tables):
            start = tables[index]
            end = next(
                (i for i, h in headers if i > start and not h.startswith(name + ".")), len(lines)
            )
            found, prefix = start, name + "."
            k += 2 if k + 1 < len(path) and isinstance(path[k + 1], int) else 1
            continue
        # A table's own keys end at its first sub-table; top-level keys at the first table.
        first_header = (i for i, _h in headers if i > start or found is None)
        key_end = min(next(first_header, len(lines)), end)
        # The longest dotted key written, e.g. `name.th = …` for ["name", "th"], else `name`.
        rest = [str(p) for p in path[k:]]
        for size in range(len(rest), 0, -1):
            key = re.compile(rf"^\s*{re.escape('.'.join(rest[:size]))}\s*[=.]")
            for i in range(start, key_end):
                if key.match(lines[i]):
                    return i + 1
        break
    return found + 1 if found is not None else None


def _dotted(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass
class Loader:
    """What a section gets besides its data: problem reporting, value helpers, look-ups."""

    folder: Path
    forum: Forum | None = None
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # file name: its text, for line numbers
    file: str = FORUM_FILE
    _objects: dict[tuple[str, str], Any] = field(default_factory=dict)
    _tables: list[Table] = field(default_factory=list)

    # --- problems -----------------------------------------------------------------------------

    def error(self, field: str | list[str | int], message: str) -> None:
        """Record a problem with the current file's value at `field` (a dotted path or a list)."""
        path = field if isinstance(field, list) else _split_path(field)
        line = line_of(self.texts.get(self.file, ""), path) if path else None
        self.problems.append(Problem(self.file, line, _dotted(path), message))

    def fail(self, field: str | list[str | int], message: str) -> Invalid:
        self.error(field, message)
        return Invalid()

    @contextlib.contextmanager
    def entry(self, *path: str | int, keys: Mapping[str, str] | None = None) -> Iterator[None]:
        """Load one entry: a helper's problem or a service's refusal skips it, and loading goes
        on so every bad entry of the file is named. `keys` maps a service's field names to the
        file's keys where they differ (e.g. {"signing_session": "session"})."""
        try:
            yield
        except Invalid:
            pass
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                for message in error.messages:
                    self.error(list(path), message)
                return
            for name, messages in error.message_dict.items():
                key = [] if name == "__all__" else _split_path((keys or {}).get(name, name))
                for message in messages:
                    self.error([*path, *key], message)

    # --- look-ups of what earlier sections loaded --------------------------------------------

    def add(self, kind: str, slug: str, obj: Any) -> None:
        self._objects[(kind, slug)] = obj

    def get(self, kind: str, slug: Any, field: str | list[str | int]) -> Any:
        """The `kind` (city, venue, room, platform, organization, person, session …) loaded
        under `slug`; an unknown slug is a problem at `field`."""
        found = self._objects.get((kind, str(slug)))
        if found is None:
            raise self.fail(
                field, _("There is no %(kind)s “%(slug)s”.") % {"kind": kind, "slug": slug}
            )
        return found

    def all(self, kind: str) -> dict[str, Any]:
        return {slug: obj for (k, slug), obj in self._objects.items() if k == kind}

    # --- values -------------------------------------------------------------------------------

    def value(
        self,
        data: Mapping[str, Any],
        key: str,
        path: list[str | int],
        kind: type[T],
        default: T | None = None,
    ) -> T:
        """`data[key]` of type `kind`; missing is a problem unless a default is given."""
        if key not in data:
            if default is not None:
                return default
            raise self.fail([*path, key], _("This key is required."))
        value = data[key]
        # TOML integers are fine where a float is asked; booleans are never numbers.
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail([*path, key], _("Expected %(kind)s.") % {"kind": _KIND_NAMES[kind]()})
        return value

    def choice(
        self,
        data: Mapping[str, Any],
        key: str,
        path: list[str | int],
        choices: list[str],
        default: str | None = None,
    ) -> str:
        """`data[key]`, one of `choices`."""
        value = self.value(data, key, path, str, default=default)
        if value not in choices:
            raise self.fail(
                [*path, key], _("Use one of: %(choices)s.") % {"choices": ", ".join(choices)}
            )
        return value

    def text(
        self, data: Mapping[str, Any], key: str, path: list[str | int], *, required: bool = True
    ) -> TranslatedText:
        """A translated text: a table of language code to text, in the forum's languages."""
        raw = data.get(key)
        if raw is None:
            if required:
                raise self.fail([*path, key], _("This key is required."))
            return TranslatedText({})
        languages = set(self.forum.languages if self.forum else _known_languages())
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            raise self.fail(
                [*path, key], _("Give one text per language, e.g. %(key)s.en = …") % {"key": key}
            )
        for lang in raw:
            if lang not in languages:
                raise self.fail([*path, key, lang], _("Unknown language."))
        if required and not any(v.strip() for v in raw.values()):
            raise self.fail([*path, key], _("This key is required."))
        return TranslatedText({lang: v for lang, v in raw.items() if v.strip()})

    def date(self, data: Mapping[str, Any], key: str, path: list[str | int]) -> dt.date:
        """A date (TOML `2018-09-13`)."""
        value = data.get(key)
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.fail([*path, key], _("Give a date as YYYY-MM-DD."))
        return value

    def moment(self, data: Mapping[str, Any], key: str, path: list[str | int]) -> dt.datetime:
        """A local date and time of the forum (TOML `2018-09-13T09:00:00`), within its days."""
        value = data.get(key)
        if not isinstance(value, dt.datetime) or value.tzinfo is not None:
            raise self.fail([*path, key], _("Give a local date and time as YYYY-MM-DDTHH:MM:SS."))
        assert self.forum is not None
        self._within_forum(value.date(), [*path, key])
        return value.replace(tzinfo=ZoneInfo(self.forum.timezone))

    def decimal(self, data: Mapping[str, Any], key: str, path: list[str | int]) -> Decimal:
        raw = data.get(key)
        try:
            if isinstance(raw, bool) or not isinstance(raw, str | int):
                raise InvalidOperation
            return Decimal(str(raw))
        except InvalidOperation:
            raise self.fail(
                [*path, key], _('Give an amount as a string, e.g. "1500000".')
            ) from None

    def items(
        self, data: Mapping[str, Any], key: str, path: list[str | int] | None = None
    ) -> list[tuple[list[str | int], dict[str, Any]]]:
        """The tables of an array of tables `[[key]]`, each with its key path."""
        base = [*(path or []), key]
        raw = data.get(key, [])
        if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
            self.error(base, _("Expected a list of tables [[%(key)s]].") % {"key": key})
            return []
        return [([*base, i], self.table(table, [*base, i])) for i, table in enumerate(raw)]

    def table(self, data: Mapping[str, Any], path: list[str | int]) -> Table:
        """`data`, watched for keys the section never reads (see `unread`)."""
        table = Table(data, path)
        self._tables.append(table)
        return table

    def unread(self) -> None:
        """Name every key of the current file that its section did not read."""
        for table in self._tables:
            for key in sorted(set(table) - table.read):
                self.error([*table.path, key], _("Unknown key."))
        self._tables = []

    def _within_forum(self, day: dt.date, path: list[str | int]) -> None:
        assert self.forum is not None
        if not self.forum.start_date <= day <= self.forum.end_date:
            raise self.fail(
                path,
                _("%(day)s is outside the forum's dates, %(first)s to %(last)s.")
                % {"day": day, "first": self.forum.start_date, "last": self.forum.end_date},
            )


_KIND_NAMES: dict[type, Callable[[], str]] = {
    str: lambda: _("a text in quotes"),
    int: lambda: _("a whole number"),
    float: lambda: _("a number"),
    bool: lambda: _("true or false"),
    list: lambda: _("a list in brackets"),
    dict: lambda: _("a table"),
}


def _split_path(key: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in key.split(".") if p]


def _known_languages() -> set[str]:
    return {code for code, _name in content_language_choices()}


def _parse(loader: Loader, names: list[str]) -> dict[str, dict[str, Any]]:
    parsed = {}
    for name in names:
        path = loader.folder / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        loader.texts[name] = text
        try:
            parsed[name] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            line = getattr(error, "lineno", None) or _line_from_message(str(error))
            loader.problems.append(Problem(name, line, "", str(error)))
    return parsed


def _line_from_message(message: str) -> int | None:
    # Python 3.11's tomllib puts the position only in the message: "... (at line 3, column 7)".
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


_FORUM_KEYS = ("slug", "start_date", "end_date", "timezone", "languages", "default_language")


def _load_forum_file(data: dict[str, Any], loader: Loader) -> Forum | None:
    """Create the forum, or bring it up to date through core's service (audited)."""
    with loader.entry():
        fields: dict[str, Any] = {
            "slug": loader.value(data, "slug", [], str),
            "start_date": loader.date(data, "start_date", []),
            "end_date": loader.date(data, "end_date", []),
            "timezone": loader.value(data, "timezone", [], str),
            "languages": loader.value(data, "languages", [], list),
            "default_language": loader.value(data, "default_language", [], str),
            "acronym": loader.value(data, "acronym", [], str, default=""),
            "is_published": loader.value(data, "is_published", [], bool, default=False),
        }
        if "edition" in data:
            fields["edition"] = loader.value(data, "edition", [], int)
        known = _known_languages()
        for lang in fields["languages"]:
            if lang not in known:
                raise loader.fail(
                    ["languages"], _("Unknown language codes: %(codes)s") % {"codes": lang}
                )
        if fields["default_language"] not in fields["languages"]:
            raise loader.fail(["default_language"], _("Name one of the forum's languages."))
        if fields["end_date"] < fields["start_date"]:
            raise loader.fail(["end_date"], _("The last day comes before the first."))
        loader.forum = Forum(**fields)  # the forum's languages check the texts below
        for key, required in (("name", True), ("description", False), ("organisers", False)):
            fields[key] = loader.text(data, key, [], required=required)
        existing = Forum.objects.filter(slug=fields["slug"]).first()
        if existing is None:
            forum = services.create_forum(None, **fields)
        else:
            forum = services.update_forum(None, existing, **fields)
        loader.forum = forum
        return forum
    return None


def load_forum(folder: Path | str, report: Callable[[str], None] = print) -> Forum:
    """Load (or bring up to date) the forum described in `folder`; all or nothing.

    Raises ForumFilesRefused, having written nothing, when any file is bad.
    """
    loader = Loader(Path(folder))
    loader.file = FORUM_FILE
    declared = sections()
    parsed = _parse(loader, [FORUM_FILE] + [f"{s.name}.toml" for s in declared])
    if FORUM_FILE not in parsed and not loader.problems:
        loader.problems.append(Problem(FORUM_FILE, None, "", _("The folder has no forum.toml.")))
    if loader.problems:
        raise ForumFilesRefused(loader.problems)
    with transaction.atomic():
        forum = _load_forum_file(loader.table(parsed[FORUM_FILE], []), loader)
        if forum is not None:
            loader.unread()
        if forum is not None:
            report(f"forum: {forum.name.get('en')}")
            for section in declared:
                name = f"{section.name}.toml"
                if name not in parsed:
                    continue
                loader.file = name
                summary = section.load(forum, loader.table(parsed[name], []), loader)
                if not loader.problems:
                    loader.unread()
                if loader.problems:
                    break  # later sections build on this one
                report(f"{section.name}: {summary}")
        if loader.problems or forum is None:
            raise ForumFilesRefused(loader.problems)  # leaving atomic() undoes every write
    return forum


def load_seed_forum(report: Callable[[str], None] = print) -> Forum:
    """The 3rd China-ASEAN Information Harbor Forum; running it twice changes nothing."""
    return load_forum(SEED_FOLDER, report)
