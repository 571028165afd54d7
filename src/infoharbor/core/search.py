"""One search for every app: a registry of searchable models, and an index that finds Thai too.

Apps register what they want found (`register(Searchable(...))`, from their AppConfig.ready) and
`search(forum, query)` finds it, best first, for the public search page and the API.

How text is indexed (ARCHITECTURE.md, "search in unspaced scripts"): text is folded (casefolded,
accents removed, Vietnamese đ to d); runs of Chinese, Thai, Lao, Khmer and Burmese letters become
every single character plus every overlapping pair of characters, other text becomes words. A
query term that is such a run must occur in the text as it is; a word term must begin a word of the
text ("thong" finds "thông minh", "ai研究院" finds "AI研究院"); every term must occur. The index
only proposes candidates (all pairs of a run present, every word prefix present), and each is
confirmed against the folded original text, so results are exactly those of a full scan.

Tokens are stored as ASCII (letters of other scripts as hex code points), so that neither FTS5's
`ascii` tokenizer nor PostgreSQL's locale-dependent text-search parser can split or drop them.

Ranking puts whole-word matches first: a term that occurs between two ICU word boundaries ("ลาว"
in "ประเทศลาว", Laos) comes before one found inside a longer word ("ลาว" in "คลาวด์", cloud).
Results come a page of `RESULT_LIMIT` at a time, with their total.

Bounds: a query may hold `MAX_QUERY_CHARS` characters and uses at most `MAX_QUERY_TOKENS` index
tokens; the first `MATCH_CAP` matches in index order are ranked (a pair as common as "中国" still
answers in milliseconds), and `SearchResults.truncated` tells the reader to narrow the search.

The index follows every save and delete through model signals, not through the apps' services:
it is derived data, not a business change (nothing to audit), and people and organizations are
also written by the admin and the seed loader, which call no service. Bulk writes that bypass
signals (`QuerySet.update`, `bulk_create`) must be followed by `reindex`, or by the management
command `infoharbor rebuild_search_index`.
"""

from __future__ import annotations

import json
import operator
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Model, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from infoharbor.core.models import Forum, Organization, SearchEntry
from infoharbor.core.textbreak import word_boundaries
from infoharbor.core.translated import TranslatedText

MAX_QUERY_CHARS = 100
MAX_QUERY_TOKENS = 12
MATCH_CAP = 200
CANDIDATE_BATCH = 500
MAX_CANDIDATES = 5000
RESULT_LIMIT = 50
MAX_TOKEN_CHARS = 60

# Scripts written without spaces between words: Thai, Lao, Myanmar (and extensions), Khmer (and
# symbols), CJK ideographs (extension A, compatibility ideographs, the supplementary planes).
_UNSPACED_RANGES = (
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x19E0, 0x19FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA9E0, 0xA9FF),
    (0xAA60, 0xAA7F),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
# Accents as combining marks after NFKD (Thai, Lao, Khmer and Burmese vowel signs are not).
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters that carry their accent in the letter itself, so NFKD leaves them whole.
_BARE_LETTERS = {
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ı": "i",
    "ł": "l",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
}
_BARE = re.compile(f"[{''.join(_BARE_LETTERS)}]")
_UNSPACED = "".join(f"{chr(low)}-{chr(high)}" for low, high in _UNSPACED_RANGES)
# A word is a run of letters and digits (Python's \w without "_") outside the unspaced scripts.
_TERM = re.compile(f"([{_UNSPACED}]+)|([^\\W_{_UNSPACED}]+)")


def fold(text: str) -> str:
    """Casefolded, accent-free text: "ĐẶNG Văn Lâm" → "dang van lam"; Thai and Chinese unchanged."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    if folded.isascii():
        return folded
    folded = unicodedata.normalize("NFC", _ACCENTS.sub("", folded))
    return _BARE.sub(lambda letter: _BARE_LETTERS[letter.group()], folded)


@dataclass(frozen=True)
class Terms:
    """A folded text split into words and runs of unspaced letters, in order of appearance."""

    words: tuple[str, ...]
    runs: tuple[str, ...]


def split_terms(folded: str) -> Terms:
    words: list[str] = []
    runs: list[str] = []
    for run, word in _TERM.findall(folded):
        (runs if run else words).append(run or word)
    return Terms(tuple(words), tuple(runs))


@lru_cache(maxsize=256)
def _word_start(word: str) -> re.Pattern[str]:
    return re.compile(f"(?<![^\\W_{_UNSPACED}]){re.escape(word)}")


@lru_cache(maxsize=65536)
def _ascii_token(token: str) -> str:
    if token.isascii():
        return token[:MAX_TOKEN_CHARS]
    return "".join(f"u{ord(char):x}" for char in token)[:MAX_TOKEN_CHARS]


def _run_tokens(run: str) -> list[str]:
    return [*run, *(run[i : i + 2] for i in range(len(run) - 1))]


def index_tokens(text: str) -> str:
    """Index tokens of `text`, space-separated: its words, the characters and pairs of its runs."""
    terms = split_terms(fold(text))
    tokens = [*terms.words, *(t for run in terms.runs for t in _run_tokens(run))]
    return " ".join(dict.fromkeys(_ascii_token(t) for t in tokens))


def matches(terms: Terms, text: str) -> bool:
    """The matching rule: every run occurs in the folded text, every word begins one of its words.

    A run holds only unspaced letters, so finding it anywhere in the text finds it inside a run.
    """
    folded = fold(text)
    return all(run in folded for run in terms.runs) and all(
        _word_start(word).search(folded) for word in terms.words
    )


class SearchQueryError(ValidationError):
    """The search text cannot be searched (too long)."""


def parse_query(query: str) -> Terms:
    if len(query) > MAX_QUERY_CHARS:
        raise SearchQueryError(
            {"q": _("Search for at most %(count)s characters.") % {"count": MAX_QUERY_CHARS}}
        )
    return split_terms(fold(query))


# Registry -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Searchable:
    """A kind of object to find: the fields to index and how to show what was found.

    `public` gives the objects a visitor may find (e.g. only people who speak at a session);
    entries of other objects stay in the index but are never shown. `forum_field` names the
    model's foreign key to its Forum.
    """

    model: type[Model]
    fields: tuple[str, ...]
    title: Callable[[Any], TranslatedText]
    url: Callable[[Any], str | None] = lambda obj: None
    key: Callable[[Any], str | None] = lambda obj: None
    public: Callable[[], QuerySet[Any]] | None = None
    forum_field: str = "forum"

    @property
    def object_type(self) -> str:
        return self.model._meta.label_lower

    def visible(self) -> QuerySet[Any]:
        return self.public() if self.public is not None else self.model._default_manager.all()

    def text(self, obj: Any) -> str:
        parts: list[str] = []
        for name in self.fields:
            value = getattr(obj, name)
            if isinstance(value, TranslatedText):
                parts.extend(text for _language, text in value.items())
            elif value:
                parts.append(str(value))
        return "\n".join(parts)


_registry: dict[str, Searchable] = {}

# Organizations are public only through what published them: apps add a condition on
# Organization (e.g. "hosts a session") and an organization that meets none stays private. One a
# participant typed at registration meets none until it appears in published data.
_organization_sources: dict[str, Callable[[], Q]] = {}


def publish_organizations(name: str, condition: Callable[[], Q]) -> None:
    """Make organizations public that meet `condition` (from the app's search registrations)."""
    _organization_sources[name] = condition


def published_organizations() -> QuerySet[Organization]:
    """Organizations named in published data: the only ones search and public pages show."""
    conditions = [condition() for condition in _organization_sources.values()]
    if not conditions:
        return Organization.objects.none()
    return Organization.objects.filter(reduce(operator.or_, conditions))


def register(searchable: Searchable) -> None:
    """Make a model searchable and keep its entries in step with every save and delete."""
    _registry[searchable.object_type] = searchable
    uid = f"infoharbor-search-{searchable.object_type}"
    post_save.connect(_saved, sender=searchable.model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=searchable.model, dispatch_uid=uid)


def searchables() -> list[Searchable]:
    return list(_registry.values())


def _entry(searchable: Searchable, obj: Any) -> SearchEntry:
    text = searchable.text(obj)
    return SearchEntry(
        forum_id=getattr(obj, f"{searchable.forum_field}_id"),
        object_type=searchable.object_type,
        object_key=str(obj.pk),
        title=searchable.title(obj),
        text=text,
        tokens=index_tokens(text),
    )


def _saved(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loaddata: the fixture's objects are indexed by rebuild_search_index
    searchable = _registry[sender._meta.label_lower]
    # One INSERT … ON CONFLICT DO UPDATE: update_or_create costs a read and two savepoints,
    # and every registration saves a person.
    SearchEntry.objects.bulk_create(
        [_entry(searchable, instance)],
        update_conflicts=True,
        unique_fields=["object_type", "object_key"],
        update_fields=["forum", "title", "text", "tokens"],
    )


def _deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    SearchEntry.objects.filter(
        object_type=sender._meta.label_lower, object_key=str(instance.pk)
    ).delete()


@transaction.atomic
def reindex(forum: Forum | None = None, batch_size: int = 1000) -> dict[str, int]:
    """Rebuild the entries of every registered model (of one forum, or all); counts per type."""
    counts: dict[str, int] = {}
    for searchable in searchables():
        stale = SearchEntry.objects.filter(object_type=searchable.object_type)
        objects = searchable.model._default_manager.all()
        if forum is not None:
            stale = stale.filter(forum=forum)
            objects = objects.filter(**{searchable.forum_field: forum})
        stale.delete()
        entries = (_entry(searchable, obj) for obj in objects.iterator(chunk_size=batch_size))
        counts[searchable.object_type] = _bulk_insert(entries, batch_size)
    if connection.vendor == "postgresql":
        # Fresh statistics let the planner pick the GIN index for rare pairs after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_searchentry")
    return counts


def _bulk_insert(entries: Iterable[SearchEntry], batch_size: int) -> int:
    batch: list[SearchEntry] = []
    count = 0
    for entry in entries:
        batch.append(entry)
        if len(batch) == batch_size:
            count += len(SearchEntry.objects.bulk_create(batch))
            batch = []
    return count + len(SearchEntry.objects.bulk_create(batch))


# Querying -------------------------------------------------------------------------------------


def query_tokens(terms: Terms) -> list[tuple[str, bool]]:
    """(token, is_prefix) pairs every matching entry's tokens contain, at most MAX_QUERY_TOKENS."""
    tokens = [(_ascii_token(word), True) for word in terms.words]
    for run in terms.runs:
        pieces = [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        tokens.extend((_ascii_token(piece), False) for piece in pieces)
    return list(dict.fromkeys(tokens))[:MAX_QUERY_TOKENS]


_COLUMNS = "id, object_type, object_key, title, text"


def _candidates_sql(tokens: list[tuple[str, bool]]) -> tuple[str, str]:
    """SQL selecting candidate entries after a given id, in id order, and its match parameter."""
    if connection.vendor == "postgresql":
        expression = " & ".join(f"'{t}':*" if prefix else f"'{t}'" for t, prefix in tokens)
        return (
            f"SELECT {_COLUMNS} FROM core_searchentry WHERE forum_id = %s AND id > %s"
            " AND tokens_tsv @@ to_tsquery('simple', %s)"
            " ORDER BY id LIMIT %s",
            expression,
        )
    expression = " AND ".join(f'"{t}"*' if prefix else f'"{t}"' for t, prefix in tokens)
    return (
        f"SELECT {_COLUMNS} FROM core_searchentry WHERE forum_id = %s AND id IN ("
        " SELECT rowid FROM core_searchentry_fts WHERE rowid > %s"
        " AND core_searchentry_fts MATCH %s ORDER BY rowid LIMIT %s)"
        " ORDER BY id",
        expression,
    )


@dataclass(frozen=True)
class Match:
    """An entry that matches a query (read without building a model, to stay fast)."""

    pk: int
    object_type: str
    object_key: str
    raw_title: Any
    text: str

    def title(self) -> TranslatedText:
        # PostgreSQL's driver decodes jsonb; SQLite hands over the JSON text.
        raw = self.raw_title
        return TranslatedText(json.loads(raw) if isinstance(raw, str) else raw)


Row = tuple[int, str, str, Any, str]


def candidate_rows(forum: Forum, terms: Terms) -> Iterator[Row]:
    """Entries whose tokens hold every query token, in id order, at most MAX_CANDIDATES."""
    tokens = query_tokens(terms)
    if not tokens:
        return
    sql, expression = _candidates_sql(tokens)
    after = 0
    seen = 0
    with connection.cursor() as cursor:
        while seen < MAX_CANDIDATES:
            cursor.execute(sql, [forum.pk, after, expression, CANDIDATE_BATCH])
            batch = cursor.fetchall()
            yield from batch
            seen += len(batch)
            if len(batch) < CANDIDATE_BATCH:
                return
            after = batch[-1][0]


def matching_entries(forum: Forum, terms: Terms, cap: int = MATCH_CAP) -> tuple[list[Match], bool]:
    """The first `cap` entries (in id order) matching `terms`; and whether more may exist."""
    found: list[Match] = []
    scanned = 0
    for pk, object_type, object_key, title, text in candidate_rows(forum, terms):
        scanned += 1
        if matches(terms, text):
            found.append(Match(pk, object_type, object_key, title, text))
            if len(found) == cap:
                return found, True
    return found, scanned >= MAX_CANDIDATES


def matching_pks(forum: Forum, query: str, model: type[Model], cap: int = MATCH_CAP) -> list[str]:
    """Keys of `model`'s objects in `forum` that match `query` (for filtering one app's list)."""
    terms = parse_query(query)
    object_type = model._meta.label_lower
    found: list[str] = []
    for _pk, entry_type, object_key, _title, text in candidate_rows(forum, terms):
        if entry_type == object_type and matches(terms, text):
            found.append(object_key)
            if len(found) == cap:
                break
    return found


@dataclass
class SearchHit:
    object_type: str
    kind: str
    obj: Any
    title: TranslatedText
    url: str | None
    key: str | None
    label: str


@dataclass
class SearchResults:
    """One page of what matched: `total` matches in all, `page` of `pages`, `per_page` each."""

    query: str
    hits: list[SearchHit] = field(default_factory=list)
    truncated: bool = False
    total: int = 0
    page: int = 1
    per_page: int = RESULT_LIMIT

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        """The position of the page's first hit among all (1-based)."""
        return (self.page - 1) * self.per_page + 1


def _as_whole_words(piece: str, text: str, boundaries: set[int]) -> bool:
    start = text.find(piece)
    while start >= 0:
        if start in boundaries and start + len(piece) in boundaries:
            return True
        start = text.find(piece, start + 1)
    return False


def _whole_words(pieces: list[str], texts: list[str]) -> bool:
    """Whether one of `texts` holds every piece between two ICU word boundaries."""
    for text in texts:
        if all(piece in text for piece in pieces):
            boundaries = word_boundaries(text)
            if all(_as_whole_words(piece, text, boundaries) for piece in pieces):
                return True
    return False


def _rank(terms: Terms, folded_query: str, entry: Match) -> tuple[int, int, int, int, int, int]:
    """Best first: a title equal to the query; then entries holding every term as whole words;
    within each, titles holding every term, earliest hit and shortest title first, then the rest
    by earliest hit in their text. Ties go to the older entry.
    """
    pieces = [*terms.runs, *terms.words]
    titles = [" ".join(fold(text).split()) for _language, text in entry.title().items()]
    body = fold(entry.text)
    exact = 0 if folded_query in titles else 1
    whole = 0 if _whole_words(pieces, [*titles, body]) else 1
    holding = [t for t in titles if all(piece in t for piece in pieces)]
    if holding:
        position, length = min((min(t.find(p) for p in pieces), len(t)) for t in holding)
        return (exact, whole, 0, position, length, entry.pk)
    position = min((body.find(p) for p in pieces if p in body), default=0)
    return (exact, whole, 1, position, len(body), entry.pk)


def search(forum: Forum, query: str, page: int = 1, per_page: int = RESULT_LIMIT) -> SearchResults:
    """What a visitor finds for `query` in `forum`: public objects of every kind, best first,
    the `page`th page of `per_page` (a page past the last gives the last)."""
    terms = parse_query(query)
    results = SearchResults(query=query, per_page=per_page)
    if not terms.words and not terms.runs:
        return results
    entries, results.truncated = matching_entries(forum, terms)
    by_type: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        by_type[entry.object_type].append(entry.object_key)
    visible: dict[tuple[str, str], Any] = {}
    for object_type, keys in by_type.items():
        searchable = _registry.get(object_type)
        if searchable is None:
            continue
        for obj in searchable.visible().filter(pk__in=keys):
            visible[(object_type, str(obj.pk))] = obj
    folded_query = " ".join(fold(query).split())
    ranked = sorted(
        (e for e in entries if (e.object_type, e.object_key) in visible),
        key=lambda e: _rank(terms, folded_query, e),
    )
    results.total = len(ranked)
    results.page = min(max(page, 1), results.pages)
    start = (results.page - 1) * per_page
    for entry in ranked[start : start + per_page]:
        searchable = _registry[entry.object_type]
        obj = visible[(entry.object_type, entry.object_key)]
        results.hits.append(
            SearchHit(
                object_type=entry.object_type,
                kind=searchable.model._meta.model_name or "",
                obj=obj,
                title=searchable.title(obj),
                url=searchable.url(obj),
                key=searchable.key(obj),
                label=str(searchable.model._meta.verbose_name),
            )
        )
    return results
