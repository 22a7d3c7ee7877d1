"""Markdown with optional YAML front matter (title, date, url, source, author, tags) to a plain-text document."""

from __future__ import annotations

import html
import re
from datetime import date, datetime

import frontmatter
import yaml

from articles.readers.assemble import build_document, split_tags
from articles.readers.dates import parse_date
from articles.readers.documents import DocumentFormat, RawDocument, ReaderError
from articles.readers.normalize import normalize_text

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_ORDERED = re.compile(r"^\s*(\d{1,9})[.)]\s+")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")

_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images keep their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"`+([^`]+?)`+"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    # Underscores inside words (snake_case, file_names) are not emphasis.
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
)


def read_markdown(text: str, *, origin: str) -> RawDocument:
    try:
        post = frontmatter.loads(normalize_text(text))
    except yaml.YAMLError as error:
        raise ReaderError(f"malformed YAML front matter: {_first_line(error)}") from error
    except (ValueError, TypeError) as error:
        raise ReaderError(f"malformed front matter: {error}") from error
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    body, heading = markdown_to_text(post.content)
    title = _text(meta.get("title"))
    if title and heading and heading != title.strip():
        # A heading other than the title is part of the text.
        body = f"{heading}\n\n{body}"
    return build_document(
        origin=origin,
        title=title or heading,
        body=body,
        url=_text(meta.get("url") or meta.get("link") or meta.get("canonical_url")),
        published_at=parse_date(_first(meta, "date", "published_at", "published", "pubDate")),
        source=_text(meta.get("source") or meta.get("site")),
        author=_text(meta.get("author") or meta.get("byline")),
        tags=split_tags(meta.get("tags") or meta.get("keywords") or meta.get("categories")),
        format=DocumentFormat.MARKDOWN,
    )


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """(plain text, the leading heading if the document opens with one); the heading is not repeated in the text."""
    blocks: list[str] = []
    paragraph: list[str] = []
    list_block: list[str] = []
    leading_heading: str | None = None
    in_fence = False

    def flush() -> None:
        if paragraph:
            blocks.append(" ".join(paragraph))
            paragraph.clear()
        if list_block:
            blocks.append("\n".join(list_block))
            list_block.clear()

    lines = markdown.split("\n")
    for index, raw in enumerate(lines):
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            # Code keeps its lines; the fence itself was the only markup.
            list_block.append(raw.rstrip())
            continue
        line = _QUOTE.sub("", raw)
        if not line.strip() or _RULE.match(line) or _REFERENCE_DEFINITION.match(line):
            flush()
            continue
        heading = _ATX_HEADING.match(line)
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if heading or (paragraph == [] and _SETEXT_UNDERLINE.match(next_line) and not _BULLET.match(line)):
            flush()
            heading_text = _inline(heading.group(1) if heading else line.strip())
            if heading_text and leading_heading is None and not blocks:
                leading_heading = heading_text
            elif heading_text:
                blocks.append(heading_text)
            continue
        if _SETEXT_UNDERLINE.match(line) or _TABLE_SEPARATOR.match(line):
            continue
        if _BULLET.match(line) or _ORDERED.match(line):
            if paragraph:
                flush()
            item = _ORDERED.sub(r"\1. ", line) if _ORDERED.match(line) else _BULLET.sub("- ", line)
            list_block.append(_inline(item.strip()))
            continue
        if list_block and raw.startswith(("  ", "\t")):
            list_block[-1] += " " + _inline(line.strip())
            continue
        if line.lstrip().startswith("|"):
            # Table rows stay one to a line, like list items.
            if paragraph:
                flush()
            list_block.append(_inline(_table_row(line.strip())))
            continue
        if list_block:
            flush()
        paragraph.append(_inline(line.strip()))
    flush()
    return "\n\n".join(block for block in blocks if block.strip()), leading_heading


def _table_row(line: str) -> str:
    if line.startswith("|") and line.endswith("|") and len(line) > 1:
        return " | ".join(cell.strip() for cell in line[1:-1].split("|"))
    return line


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    # Entities are decoded once here, where Markdown meant them, and never again by the normaliser.
    return html.unescape(text).strip()


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _first(meta: dict[str, object], *keys: str) -> object:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, str | int | float | date | datetime) and value != "":
            return value
    return None


def _first_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]
