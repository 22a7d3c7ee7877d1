"""Readers: files, folders, zip archives and standard input turned into raw news documents.

Pure Python (no Django, no settings, no network), so ingestion, the dry-run CLI, the API and the feed poller all
read documents the same way. Bad input never raises out of `read_paths` or `read_entries`: each unreadable document
is a ReadFailure that says which one and why, and reading goes on.
"""

from articles.readers.dates import parse_date
from articles.readers.documents import DocumentFormat, RawDocument, ReaderError, ReadFailure
from articles.readers.limits import DEFAULT_MAX_BYTES, ArchiveLimits
from articles.readers.normalize import decode_text, normalize_text
from articles.readers.paths import read_paths
from articles.readers.reading import read_bytes, read_entries

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ArchiveLimits",
    "DocumentFormat",
    "RawDocument",
    "ReadFailure",
    "ReaderError",
    "decode_text",
    "normalize_text",
    "parse_date",
    "read_bytes",
    "read_entries",
    "read_paths",
]
