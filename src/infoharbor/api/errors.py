"""How the OpenAPI document describes error answers: each status with its real body and example.

Every route passes `openapi_extra=errors.documented(...)` naming the error statuses it can answer;
statuses whose body is the same everywhere (400, 401, 404, 429) bring their own example, the others
(403, 409, 422) take the route's. tests/api/test_openapi.py triggers each documented error and
compares the answer with the example, so the document cannot drift from what the API does.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema

# {"detail": "<message>"}: a refusal that concerns the whole request.
MESSAGE: dict[str, Any] = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# {"detail": {"<field>": ["<message>", ...]}}: what is wrong with which part of the input;
# "__all__" holds what concerns several fields.
FIELDS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "detail": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    },
    "required": ["detail"],
}


class FieldsOut(Schema):
    """The body of FIELDS, for routes that declare it as their response model."""

    detail: dict[str, list[str]]


DESCRIPTIONS = {
    400: "The body is not JSON",
    401: "No API token, or one that is unknown or whose user is inactive",
    403: "The token's user holds no role at this forum that allows this",
    404: "No published forum (or none of its objects) by that name",
    409: "The forum's data does not allow this now; the message says what to do first",
    422: "The input is not valid: each bad field with its messages",
    429: "Too many unknown API tokens from this address; the Retry-After header says how long",
}
# The answers that do not depend on the route.
COMMON_EXAMPLES: dict[int, dict[str, Any]] = {
    400: {"detail": "Cannot parse request body"},
    401: {"detail": "Unauthorized"},
    404: {"detail": "Not found."},
    429: {"detail": "Too many failed attempts. Please try again in 10 minutes."},
}


def documented(
    *statuses: int,
    examples: dict[int, dict[str, Any]] | None = None,
    messages: tuple[int, ...] = (),
    typed: tuple[int, ...] = (),
    file: tuple[str, str] | None = None,
    descriptions: dict[int, str] | None = None,
) -> dict[str, Any]:
    """`openapi_extra` for a route: its error statuses, each with a schema and an example.

    A status's body is MESSAGE for 400, 401, 404, 429 and those in `messages`, FIELDS otherwise;
    `typed` names statuses whose schema the route's `response=` already gives (a route that
    returns them as `Status`). `file` is (media type, description) for a route that answers 200
    with a file. `descriptions` replaces the common description of a status where the route
    answers it for a reason of its own too.
    """
    given = {**COMMON_EXAMPLES, **(examples or {})}
    responses: dict[int, Any] = {}
    for status in statuses:
        content: dict[str, Any] = {"example": given[status]}
        if status not in typed:
            plain = status in {400, 401, 404, 429, *messages}
            content["schema"] = MESSAGE if plain else FIELDS
        responses[status] = {
            "description": (descriptions or {}).get(status, DESCRIPTIONS[status]),
            "content": {"application/json": content},
        }
    if file is not None:
        media_type, description = file
        # A JSON file is a JSON object to a client; any other file is bytes.
        json_file = media_type == "application/json"
        schema = {"type": "object"} if json_file else {"type": "string", "format": "binary"}
        responses[200] = {"description": description, "content": {media_type: {"schema": schema}}}
    return {"responses": responses}
