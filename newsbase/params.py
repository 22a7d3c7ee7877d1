"""Reading filters from a query string: anything malformed is ignored rather than an error page."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.http import QueryDict

_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def text(params: QueryDict, name: str, *, limit: int = 200) -> str:
    # PostgreSQL refuses NUL in any text it is given, even only to compare with; no real query holds one.
    return " ".join(params.get(name, "").replace("\x00", "").split())[:limit]


def choice(params: QueryDict, name: str, allowed: list[str]) -> str:
    value = params.get(name, "").strip()
    return value if value in allowed else ""


def slug(params: QueryDict, name: str) -> str:
    """A slug, or nothing: pages build links from it, and a URL cannot be built from arbitrary text."""
    value = params.get(name, "").strip()[:100]
    return value if _SLUG.fullmatch(value) else ""


def integer(params: QueryDict, name: str) -> int | None:
    try:
        return int(params.get(name, ""))
    except ValueError:
        return None


def year(params: QueryDict, name: str) -> int | None:
    """A year a date can have (a query string can hold any integer, and datetime.date only takes 1 to 9999)."""
    value = integer(params, name)
    return value if value is not None and datetime.MINYEAR <= value < datetime.MAXYEAR else None


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
