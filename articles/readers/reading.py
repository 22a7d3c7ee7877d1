"""Reading one document's bytes, wherever they came from (a file, an archive member, an upload, a fetched feed)."""

from __future__ import annotations

import io

from articles.readers.archives import read_zip
from articles.readers.documents import RawDocument, ReaderError, ReadFailure
from articles.readers.formats import is_zip, read_text_document
from articles.readers.limits import DEFAULT_MAX_BYTES, ArchiveLimits, too_large

Entry = RawDocument | ReadFailure


def read_entries(
    data: bytes,
    *,
    name: str,
    origin: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    archive_limits: ArchiveLimits | None = None,
) -> list[Entry]:
    """Every document in `data`, and a ReadFailure for each one that could not be read; never raises ReaderError.

    A feed, a JSON list or a zip archive gives one result per entry, so one bad entry costs only itself.
    """
    if is_zip(data, name):
        # The archive itself may be larger than one document; its own limits bound what it expands to.
        return list(
            read_zip(io.BytesIO(data), origin=origin, max_bytes=max_bytes, limits=archive_limits or ArchiveLimits())
        )
    if len(data) > max_bytes:
        return [ReadFailure(origin, too_large(len(data), max_bytes))]
    try:
        return read_text_document(data, name=name, origin=origin)
    except ReaderError as error:
        return [ReadFailure(origin, error.reason)]


def read_bytes(data: bytes, *, name: str, origin: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument]:
    """The documents in `data`, all or nothing: raises ReaderError if the input, or any entry in it, is unreadable.

    `name` chooses the format by its extension (content is sniffed when that says nothing). Use read_entries to keep
    the good entries of a feed or a JSON list when some are bad.
    """
    entries = read_entries(data, name=name, origin=origin, max_bytes=max_bytes)
    failures = [entry for entry in entries if isinstance(entry, ReadFailure)]
    if not failures:
        return [entry for entry in entries if isinstance(entry, RawDocument)]
    if len(entries) == 1:
        raise ReaderError(failures[0].reason)
    first = failures[0]
    raise ReaderError(
        f"{len(failures)} of {len(entries)} entries are unreadable, the first {first.origin}: {first.reason}"
    )
