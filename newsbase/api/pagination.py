"""Keyset ("cursor") pagination: pages cost the same however deep a client reads, and rows added meanwhile do not
shift them. DRF's CursorPagination breaks on nullable sort keys (deal dates, publication times), so this one knows
about NULLs: they come last in either direction, the row id breaks ties, and the cursor carries both."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Model, OrderBy, Q, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class SortKey:
    name: str  # as clients write it in ?ordering=, without the "-"
    field: str
    descending: bool
    nullable: bool

    def order_by(self) -> list[OrderBy]:
        column = F(self.field)
        first = column.desc(nulls_last=True) if self.descending else column.asc(nulls_last=True)
        if not self.nullable:
            # Plain ORDER BY, so that the database can walk an ordinary index.
            first = column.desc() if self.descending else column.asc()
        return [first, F("pk").desc() if self.descending else F("pk").asc()]

    def after(self, value: Any, pk: int) -> Q:
        """Rows that come after the row (value, pk) in this order."""
        beyond = "lt" if self.descending else "gt"
        if value is None:
            return Q(**{f"{self.field}__isnull": True, f"pk__{beyond}": pk})
        condition = Q(**{f"{self.field}__{beyond}": value}) | Q(**{self.field: value, f"pk__{beyond}": pk})
        if self.nullable:
            condition |= Q(**{f"{self.field}__isnull": True})
        return condition


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class KeysetPagination(BasePagination):
    """Views declare `ordering_fields` ({public name: model field}) and `default_ordering` (e.g. "-published")."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    ordering_query_param = "ordering"

    def __init__(self) -> None:
        self.next_url: str | None = None

    def paginate_queryset(self, queryset: QuerySet, request: Request, view: APIView | None = None) -> list[Model]:
        sort_key = self._sort_key(queryset, request, view)
        page_size = self._page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor:
            queryset = queryset.filter(self._decode(cursor, sort_key, queryset))
        rows = list(queryset.order_by(*sort_key.order_by())[: page_size + 1])
        if len(rows) > page_size:
            rows = rows[:page_size]
            last = rows[-1]
            token = self._encode(sort_key, getattr(last, sort_key.field), last.pk)
            self.next_url = replace_query_param(request.build_absolute_uri(), self.cursor_query_param, token)
        return rows

    def get_paginated_response(self, data: Sequence[Any]) -> Response:
        return Response({"next": self.next_url, "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page, or null on the last one.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        names = sorted(getattr(view, "ordering_fields", {}))
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: the `next` link of the previous page carries it.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page (default {DEFAULT_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
            {
                "name": self.ordering_query_param,
                "required": False,
                "in": "query",
                "description": f"Sort order; `-` for descending (default `{getattr(view, 'default_ordering', '')}`).",
                "schema": {"type": "string", "enum": [f"{prefix}{name}" for name in names for prefix in ("", "-")]},
            },
        ]

    def _sort_key(self, queryset: QuerySet, request: Request, view: APIView | None) -> SortKey:
        fields: dict[str, str] = getattr(view, "ordering_fields", {})
        wanted = request.query_params.get(self.ordering_query_param) or getattr(view, "default_ordering", "")
        name = wanted.removeprefix("-")
        if name not in fields:
            choices = ", ".join(sorted(fields))
            raise ValidationError({self.ordering_query_param: [f"Order by one of {choices}, with - for descending."]})
        field = fields[name]
        nullable = queryset.model._meta.get_field(field).null
        return SortKey(name=name, field=field, descending=wanted.startswith("-"), nullable=nullable)

    def _page_size(self, request: Request) -> int:
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return DEFAULT_PAGE_SIZE
        if not given.isdigit() or not 1 <= int(given) <= MAX_PAGE_SIZE:
            raise ValidationError({self.page_size_query_param: [f"A whole number from 1 to {MAX_PAGE_SIZE}."]})
        return int(given)

    def _encode(self, sort_key: SortKey, value: Any, pk: int) -> str:
        order = ("-" if sort_key.descending else "") + sort_key.name
        payload = json.dumps([order, _plain(value), pk], separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def _decode(self, token: str, sort_key: SortKey, queryset: QuerySet) -> Q:
        invalid = ValidationError({self.cursor_query_param: ["This cursor is not valid; follow a `next` link."]})
        try:
            order, value, pk = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        except (ValueError, TypeError, binascii.Error):
            raise invalid from None
        if order != ("-" if sort_key.descending else "") + sort_key.name or type(pk) is not int:
            raise invalid
        if value is not None:
            try:
                value = queryset.model._meta.get_field(sort_key.field).to_python(value)
            except DjangoValidationError:
                raise invalid from None
        return sort_key.after(value, pk)
