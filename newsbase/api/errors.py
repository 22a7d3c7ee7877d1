"""One error shape for every failure of the API:

    {"status": 400, "code": "invalid", "detail": "Some fields are not valid.", "fields": {"name": ["..."]}}

`fields` maps each invalid field (dotted for nested ones: "parties.0.role") to its messages, and is empty otherwise.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger("newsbase.api")

NON_FIELD = "non_field_errors"


def error_body(*, status_code: int, code: str, detail: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"status": status_code, "code": code, "detail": detail, "fields": fields or {}}


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, value in enumerate(detail):
            flat.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = [str(item) for item in detail] if isinstance(detail, list) else [str(detail)]
    return {prefix or NON_FIELD: messages} if messages else {}


def _validation_body(exc: exceptions.ValidationError) -> dict:
    fields = _flatten(exc.detail)
    general = fields.pop(NON_FIELD, [])
    detail = " ".join(general) if general else "Some fields are not valid."
    return error_body(status_code=status.HTTP_400_BAD_REQUEST, code="invalid", detail=detail, fields=fields)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        # Services validate with Django's ValidationError; to a client it is the same bad input.
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, SuspiciousOperation | BadRequest):
        # Too many files or fields, a body over the size limit: Django answers 400 to these, and so do we.
        exc = exceptions.ParseError(str(exc) or "The request could not be read.")
    response = exception_handler(exc, context)
    if response is None:
        if settings.DEBUG:
            return None  # Django's debug page is more use to a developer.
        request = context.get("request")
        logger.exception(
            "API error on %s %s (user %s)",
            getattr(request, "method", "?"),
            getattr(request, "path", "?"),
            getattr(getattr(request, "user", None), "pk", None),
        )
        body = error_body(status_code=500, code="server_error", detail="Something went wrong on our side.")
        return Response(body, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    if isinstance(exc, exceptions.ValidationError):
        response.data = _validation_body(exc)
    elif isinstance(exc, exceptions.APIException):
        code = exc.get_codes()
        response.data = error_body(
            status_code=response.status_code, code=code if isinstance(code, str) else "error", detail=str(exc.detail)
        )
    return response


@csrf_exempt  # any method: a PATCH to a wrong path is a 404 like a GET, not a CSRF failure page
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Paths under /api/ that no endpoint answers."""
    body = error_body(status_code=404, code="not_found", detail=f"No API endpoint at {request.path}.")
    return JsonResponse(body, status=404)
