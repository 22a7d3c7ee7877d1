"""One place where the fields every reader found become a RawDocument, cleaned the same way for every format."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from articles.readers.dates import dateline_date
from articles.readers.documents import RawDocument, ReaderError
from articles.readers.normalize import normalize_line, normalize_text
from articles.readers.titles import clean_title, derive_title

_MAX_FIELD = 300
_MAX_TAGS = 50


def build_document(
    *,
    origin: str,
    body: str,
    format: str,
    title: str | None = None,
    url: str | None = None,
    published_at: datetime | None = None,
    source: str | None = None,
    author: str | None = None,
    tags: Iterable[str] = (),
) -> RawDocument:
    body = normalize_text(body)
    if not body:
        raise ReaderError("no text: the body is empty or only whitespace")
    title = clean_title(title) if title else ""
    if published_at is None:
        # Whatever the format, a story whose metadata gives no date often states it in its dateline; without it, the
        # story would be dated the day it was ingested, years from the events (and the deal reports) it describes.
        published_at = dateline_date(body)
    return RawDocument(
        origin=origin,
        title=title or derive_title(body),
        body=body,
        url=clean_url(url),
        published_at=published_at,
        source=clean_field(source),
        author=clean_field(author),
        tags=clean_tags(tags),
        format=str(format),
    )


def clean_field(value: str | None) -> str | None:
    if not value:
        return None
    return normalize_line(value)[:_MAX_FIELD] or None


def clean_url(value: str | None) -> str | None:
    """Only web addresses are kept: a `javascript:` or `data:` URL from a document must never become a link."""
    if not value:
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        return None
    return value


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    kept: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        cleaned = clean_field(tag)
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            kept.append(cleaned)
            if len(kept) == _MAX_TAGS:
                break
    return tuple(kept)


def split_tags(value: object) -> list[str]:
    """Tags given as a list, or as one comma-separated string."""
    if isinstance(value, str):
        return [part for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(item) for item in value if isinstance(item, str | int | float) and not isinstance(item, bool)]
    return []
