"""Plain text: an optional headline line followed by a blank line, then the body exactly as written."""

from __future__ import annotations

from articles.readers.assemble import build_document
from articles.readers.documents import DocumentFormat, RawDocument
from articles.readers.normalize import normalize_text
from articles.readers.titles import split_title_line


def read_plain_text(text: str, *, origin: str) -> RawDocument:
    # Paragraph breaks are kept as the author wrote them (the seed uses single newlines): re-flowing would change
    # the text whose offsets the mentions point into, and would break hard-wrapped newswire copy.
    title, body = split_title_line(normalize_text(text))
    # Plain text has no field for its date: build_document takes it from the dateline, when the story has one.
    return build_document(origin=origin, title=title, body=body, format=DocumentFormat.TEXT)
