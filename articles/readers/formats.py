"""Which reader a document needs: by its extension, else by sniffing its first characters."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from articles.readers.documents import RawDocument, ReaderError, ReadFailure
from articles.readers.feeds import read_feed
from articles.readers.html_pages import read_html
from articles.readers.json_docs import read_json, read_json_lines
from articles.readers.markdown import read_markdown
from articles.readers.normalize import decode_text
from articles.readers.plain_text import read_plain_text

Entry = RawDocument | ReadFailure

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")

TEXT, MARKDOWN, HTML, JSON, JSONL, FEED = "text", "markdown", "html", "json", "jsonl", "feed"

_BY_EXTENSION = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".mdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".rss": FEED,
    ".atom": FEED,
    ".xml": FEED,
}

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div|meta|title)\b", re.I)


def is_zip(data: bytes, name: str) -> bool:
    """A .zip file, or zip bytes with no name to go by; a .docx or .epub is a zip too, but not an archive of news."""
    suffix = PurePosixPath(name).suffix.lower()
    return suffix == ".zip" or (not suffix and data.startswith(ZIP_SIGNATURES))


def detect_format(text: str, name: str) -> str:
    known = _BY_EXTENSION.get(PurePosixPath(name).suffix.lower())
    return known or sniff_format(text)


def sniff_format(text: str) -> str:
    head = text.lstrip()[:2048]
    if head.startswith(("{", "[")):
        return JSON
    if head.startswith("---\n"):
        return MARKDOWN
    if head.startswith("<"):
        if _FEED_ROOT.search(head):
            return FEED
        if _HTML_START.search(head):
            return HTML
    return TEXT


def read_text_document(data: bytes, *, name: str, origin: str) -> list[Entry]:
    """Every document one (non-archive) file holds; raises ReaderError when the file as a whole is unreadable."""
    if not data:
        raise ReaderError("empty file")
    text = decode_text(data)
    if not text.strip():
        raise ReaderError("empty file (only whitespace)")
    reader = _READERS[detect_format(text, name)]
    return reader(text, origin)


def _one(read: Callable[..., RawDocument]) -> Callable[[str, str], list[Entry]]:
    return lambda text, origin: [read(text, origin=origin)]


def _many(read: Callable[..., list[Entry]]) -> Callable[[str, str], list[Entry]]:
    return lambda text, origin: read(text, origin=origin)


_READERS: dict[str, Callable[[str, str], list[Entry]]] = {
    TEXT: _one(read_plain_text),
    MARKDOWN: _one(read_markdown),
    HTML: _one(read_html),
    JSON: _many(read_json),
    JSONL: _many(read_json_lines),
    FEED: _many(read_feed),
}
