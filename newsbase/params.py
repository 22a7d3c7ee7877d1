"""Reading filters from a query string: anything malformed is ignored rather than an error page."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.http import QueryDict


def text(params: QueryDict, name: str, *, limit: int = 200) -> str:
    return " ".join(params.get(name, "").split())[:limit]


def integer(params: QueryDict, name: str) -> int | None:
    try:
        return int(params.get(name, ""))
    except ValueError:
        return None


def decimal(params: QueryDict, name: str) -> Decimal | None:
    raw = params.get(name, "").replace(",", "").replace("_", "").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def date(params: QueryDict, name: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(params.get(name, ""))
    except ValueError:
        return None
