"""RSS and Atom files (feedparser): one document per entry, the feed's own title as the source."""

from __future__ import annotations

import io
from typing import Any

import feedparser

from articles.readers.assemble import build_document
from articles.readers.dates import parse_date
from articles.readers.documents import DocumentFormat, RawDocument, ReaderError, ReadFailure
from articles.readers.htmltext import html_to_text

# The text is already decoded and normalised; this tells feedparser so, whatever the XML declaration claims.
_UTF8_HEADERS = {"content-type": "application/xml; charset=utf-8"}
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(text: str, *, origin: str) -> list[RawDocument | ReadFailure]:
    # Always a stream: given a str, feedparser would treat a URL as something to fetch and a path as a file to open.
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=_UTF8_HEADERS)
    entries = parsed.get("entries") or []
    if not entries:
        # A recoverable flaw (an undefined entity, a wrong declared encoding) is tolerated when entries came through;
        # with none, the file is either broken or not a feed.
        if parsed.get("bozo"):
            raise ReaderError(f"malformed feed: {_describe(parsed.get('bozo_exception'))}")
        if not parsed.get("version"):
            raise ReaderError("not an RSS or Atom feed")
        raise ReaderError("feed has no entries")
    format = DocumentFormat.ATOM if str(parsed.get("version", "")).startswith("atom") else DocumentFormat.RSS
    feed_title = _plain(parsed.get("feed", {}).get("title_detail")) or parsed.get("feed", {}).get("title")
    results: list[RawDocument | ReadFailure] = []
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#{number}"
        try:
            results.append(_read_entry(entry, origin=entry_origin, source=feed_title, format=format))
        except ReaderError as error:
            results.append(ReadFailure(entry_origin, error.reason))
    return results


def _read_entry(entry: Any, *, origin: str, source: str | None, format: str) -> RawDocument:
    body = _entry_text(entry)
    if not body.strip():
        raise ReaderError("feed entry has no text (no content or summary)")
    return build_document(
        origin=origin,
        title=_plain(entry.get("title_detail")) or entry.get("title"),
        body=body,
        url=entry.get("link"),
        published_at=parse_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        or parse_date(entry.get("published") or entry.get("updated")),
        source=source,
        author=entry.get("author"),
        tags=[tag.get("term") or "" for tag in entry.get("tags") or []],
        format=format,
    )


def _entry_text(entry: Any) -> str:
    # The full content when the feed carries it, else the summary; feedparser has already sanitised the HTML.
    for detail in [*(entry.get("content") or []), entry.get("summary_detail")]:
        text = _plain(detail)
        if text and text.strip():
            return text
    return ""


def _plain(detail: Any) -> str | None:
    if not detail or not isinstance(detail.get("value"), str):
        return None
    value: str = detail["value"]
    return html_to_text(value) if detail.get("type") in _HTML_TYPES else value


def _describe(error: object) -> str:
    if error is None:
        return "not well-formed XML"
    return " ".join(str(error).split())[:200] or type(error).__name__
