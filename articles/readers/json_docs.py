"""JSON (one article object, a list of them, or a wrapper such as JSON Feed's `items`) and JSON Lines.

Each entry is read on its own: a bad entry becomes a ReadFailure naming it, and the others are still read.
"""

from __future__ import annotations

import json

from articles.readers.assemble import build_document, split_tags
from articles.readers.dates import parse_date
from articles.readers.documents import DocumentFormat, RawDocument, ReaderError, ReadFailure
from articles.readers.htmltext import html_to_text, looks_like_html

_TITLE_KEYS = ("title", "headline")
_BODY_KEYS = ("body", "text", "content", "content_text", "article", "description", "summary", "content_html")
_URL_KEYS = ("url", "link", "canonical_url", "href", "external_url")
_DATE_KEYS = (
    "published_at", "publishedAt", "date", "published", "pubDate", "date_published", "datePublished", "pub_date",
    "created_at", "createdAt", "timestamp", "time", "updated_at",
)  # fmt: skip
_SOURCE_KEYS = ("source", "site", "site_name", "siteName", "publisher", "source_name")
_AUTHOR_KEYS = ("author", "byline", "creator", "authors", "writer")
_TAG_KEYS = ("tags", "keywords", "categories")
# Wrappers that APIs and JSON Feed put around a list of articles.
_LIST_KEYS = ("items", "articles", "entries", "documents", "data", "results", "posts", "stories")

Entry = RawDocument | ReadFailure


def read_json(text: str, *, origin: str) -> list[Entry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _is_json_lines(text):
            return read_json_lines(text, origin=origin)
        raise ReaderError(f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}") from error
    except (ValueError, RecursionError) as error:
        raise ReaderError(f"malformed JSON: {_describe(error)}") from error
    default_source: str | None = None
    if isinstance(data, dict) and not _is_article(data):
        wrapped = next((data[key] for key in _LIST_KEYS if isinstance(data.get(key), list)), None)
        if wrapped is None:
            raise ReaderError("JSON object has no article fields (title, body, text, content...) and no list of them")
        default_source = _string(data.get("title")) if isinstance(data.get("items"), list) else None
        data = wrapped
    if isinstance(data, dict):
        return [_read_entry(data, origin=origin, default_source=None, format=DocumentFormat.JSON)]
    if not isinstance(data, list):
        raise ReaderError(f"JSON holds {_json_type(data)}, not an article object or a list of them")
    if not data:
        raise ReaderError("JSON list is empty: no articles in it")
    return [
        _entry_or_failure(entry, origin=f"{origin}#{number}", default_source=default_source, format=DocumentFormat.JSON)
        for number, entry in enumerate(data, start=1)
    ]


def read_json_lines(text: str, *, origin: str) -> list[Entry]:
    entries: list[Entry] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        entry_origin = f"{origin}#{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            entries.append(ReadFailure(entry_origin, f"malformed JSON at line {number}: {error.msg}"))
            continue
        except (ValueError, RecursionError) as error:
            entries.append(ReadFailure(entry_origin, f"malformed JSON at line {number}: {_describe(error)}"))
            continue
        entries.append(_entry_or_failure(data, origin=entry_origin, default_source=None, format=DocumentFormat.JSONL))
    if not entries:
        raise ReaderError("no JSON lines in the file")
    return entries


def _entry_or_failure(entry: object, *, origin: str, default_source: str | None, format: str) -> Entry:
    try:
        return _read_entry(entry, origin=origin, default_source=default_source, format=format)
    except ReaderError as error:
        return ReadFailure(origin, error.reason)


def _read_entry(entry: object, *, origin: str, default_source: str | None, format: str) -> RawDocument:
    if not isinstance(entry, dict):
        raise ReaderError(f"entry is {_json_type(entry)}, not an article object")
    body_key = next((key for key in _BODY_KEYS if _string(entry.get(key))), None)
    if body_key is None:
        raise ReaderError("entry has no text (no body, text, content, description or summary field)")
    body = _string(entry[body_key]) or ""
    if body_key == "content_html" or looks_like_html(body):
        body = html_to_text(body)
    return build_document(
        origin=origin,
        title=_first_string(entry, _TITLE_KEYS),
        body=body,
        url=_first_string(entry, _URL_KEYS),
        published_at=parse_date(next((entry[key] for key in _DATE_KEYS if entry.get(key) not in (None, "")), None)),
        source=_first_name(entry, _SOURCE_KEYS) or default_source,
        author=_first_name(entry, _AUTHOR_KEYS),
        tags=split_tags(next((entry[key] for key in _TAG_KEYS if entry.get(key)), None)),
        format=format,
    )


def _is_article(data: dict[str, object]) -> bool:
    return any(_string(data.get(key)) for key in _BODY_KEYS)


def _is_json_lines(text: str) -> bool:
    first_line = text.lstrip().split("\n", 1)[0]
    try:
        json.loads(first_line)
    except (ValueError, RecursionError):
        return False
    return True


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _first_string(entry: dict[str, object], keys: tuple[str, ...]) -> str | None:
    return next((value for key in keys if (value := _string(entry.get(key)))), None)


def _first_name(entry: dict[str, object], keys: tuple[str, ...]) -> str | None:
    """A name given as a string, as {"name": ...} (NewsAPI's source, JSON Feed's author), or a list of either."""
    for key in keys:
        value = entry.get(key)
        values = value if isinstance(value, list) else [value]
        names = [_string(item.get("name")) if isinstance(item, dict) else _string(item) for item in values]
        joined = ", ".join(name for name in names if name)
        if joined:
            return joined
    return None


def _json_type(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _describe(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return " ".join(str(error).split())[:200]
