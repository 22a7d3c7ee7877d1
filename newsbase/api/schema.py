"""Additions to the generated OpenAPI schema: the error responses every operation can give, in the one shape."""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "required": ["status", "code", "detail", "fields"],
    "properties": {
        "status": {"type": "integer", "description": "The HTTP status, repeated."},
        "code": {"type": "string", "description": "Machine-readable: invalid, not_found, not_authenticated, ..."},
        "detail": {"type": "string", "description": "What went wrong, for a person."},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "Messages per invalid field (dotted for nested fields); empty for other errors.",
        },
    },
    "example": {"status": 400, "code": "invalid", "detail": "Some fields are not valid.", "fields": {"name": ["..."]}},
}

_ALWAYS = {
    "400": "Invalid parameters or body.",
    "401": "The API key is missing where one is needed, invalid or revoked.",
    "403": "The API key may not do this (a read-only key writing).",
    "406": "No representation matches the Accept header (the API speaks JSON).",
    "429": "Too many requests for this key or address; retry after the Retry-After header's seconds.",
}
_WITH_PATH_PARAMETERS = {"404": "Nothing here by that identifier."}
_WITH_BODY = {"415": "The body's media type is not accepted."}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = dict(_ALWAYS)
            if "{" in path:
                errors |= _WITH_PATH_PARAMETERS
            if "requestBody" in operation:
                errors |= _WITH_BODY
            for code, description in errors.items():
                operation["responses"].setdefault(code, {"description": description, "content": reference})
    return result
