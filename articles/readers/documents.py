"""What the readers hand over: raw documents, per-document failures, and the one exception they raise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class DocumentFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    RSS = "rss"
    ATOM = "atom"


class ReaderError(Exception):
    """Bad input: the only exception the readers raise on purpose (anything else is a bug)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RawDocument:
    """One news document as read, before it is hashed and stored.

    `body` is the exact text that is stored and that mention offsets index: normalised plain text with paragraphs
    separated by a blank line, never markup.
    """

    origin: str
    title: str
    body: str
    url: str | None = None
    published_at: datetime | None = None
    source: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    format: str = "text"


@dataclass(frozen=True)
class ReadFailure:
    """A document that could not be read, and why, in words a user can act on."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
