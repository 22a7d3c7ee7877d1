"""HTML pages: the article's main text and metadata, with navigation, ads and comments left behind (trafilatura)."""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml.etree import LxmlError
from trafilatura.settings import Document

from articles.readers.assemble import build_document, split_tags
from articles.readers.dates import parse_date
from articles.readers.documents import DocumentFormat, RawDocument, ReaderError
from articles.readers.htmltext import html_to_text

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_WHOLE_PAGE = re.compile(r"<(?:html|body)\b", re.I)

# trafilatura logs every page it finds thin as an error; a thin page is ordinary input here, reported if it fails.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def read_html(text: str, *, origin: str) -> RawDocument:
    if not _WHOLE_PAGE.search(text):
        # A fragment has no page furniture to remove, and trafilatura would judge parts of it too thin to keep.
        return build_document(origin=origin, title=None, body=html_to_text(text), format=DocumentFormat.HTML)
    try:
        extracted = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            # The publication date with its time, not just the day, when the page states one.
            date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True},
        )
    except (LxmlError, ValueError, TypeError, RecursionError) as error:
        raise ReaderError(f"malformed HTML: {error}") from error
    # None when trafilatura found no main text; an empty Document keeps the metadata lookups below simple.
    page = extracted if isinstance(extracted, Document) else Document()
    body = _paragraphs(page.text) if page.text else ""
    title = page.title
    if not body.strip():
        # Short pages and fragments fall under trafilatura's length threshold; their text is all there is to keep.
        body = html_to_text(text, drop_furniture=True)
        title = title or _title_tag(text)
    if not body.strip():
        raise ReaderError("no readable text in the HTML page")
    if title:
        body = _without_leading_title(body, title)
    return build_document(
        origin=origin,
        title=title,
        body=body,
        url=page.url,
        published_at=parse_date(page.date),
        source=page.sitename,
        author=page.author,
        tags=split_tags(page.tags or page.categories),
        format=DocumentFormat.HTML,
    )


def _paragraphs(extracted: str) -> str:
    """trafilatura puts a block on each line; the stored body separates paragraphs by a blank line."""
    blocks: list[str] = []
    for line in extracted.split("\n"):
        line = line.strip()
        if not line:
            continue
        # Lines of one list or one table stay together.
        if blocks and line[:2] in ("- ", "| ") and blocks[-1].rsplit("\n", 1)[-1][:2] == line[:2]:
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return "\n\n".join(blocks)


def _without_leading_title(body: str, title: str) -> str:
    first, separator, rest = body.partition("\n\n")
    if separator and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return body


def _title_tag(text: str) -> str | None:
    match = _TITLE_TAG.search(text)
    return html_to_text(match.group(1)) if match else None
