"""API for search: one forum's sessions, speakers and organizations matching a query, best first."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from infoharbor.api import errors
from infoharbor.core import search
from infoharbor.core.queries import public_forum

router = Router(tags=["search"])


class SearchHitOut(Schema):
    type: str
    key: str | None
    title: dict[str, str]
    url: str | None


class SearchOut(Schema):
    query: str
    truncated: bool
    total: int
    page: int
    pages: int
    results: list[SearchHitOut]


@router.get(
    "/forums/{slug}/search",
    response=SearchOut,
    summary="Search one forum",
    openapi_extra=errors.documented(
        404, 422, examples={422: {"detail": {"q": ["Search for at most 100 characters."]}}}
    ),
)
def search_forum(
    request: HttpRequest, slug: str, q: str = "", page: int = Query(1, ge=1)
) -> dict[str, object]:
    """Sessions, speakers and organizations matching `q` (Thai, Chinese and all forum languages),
    whole-word matches first, `total` in all, a `page` of 50 at a time (of `pages`).

    `truncated` is true when only the first matches were ranked: a longer query narrows them.
    """
    results = search.search(public_forum(slug), q.strip(), page=page)
    return {
        "query": results.query,
        "truncated": results.truncated,
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "results": [
            {"type": hit.kind, "key": hit.key, "title": hit.title.data, "url": hit.url}
            for hit in results.hits
        ],
    }
