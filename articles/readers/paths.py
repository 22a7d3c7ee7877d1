"""Files, folders, zip archives and standard input, walked in a stable order, as documents or failures."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from articles.readers.archives import is_cruft, read_zip
from articles.readers.documents import RawDocument, ReaderError, ReadFailure
from articles.readers.formats import ZIP_SIGNATURES, is_zip, read_text_document
from articles.readers.limits import DEFAULT_MAX_BYTES, ArchiveLimits, over_limit, too_large

Entry = RawDocument | ReadFailure

STDIN = "-"


def read_paths(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    archive_limits: ArchiveLimits | None = None,
) -> Iterator[Entry]:
    """Every document under `paths` ("-" is standard input), lazily; whatever cannot be read is a ReadFailure.

    Folders are read recursively in name order, so the same folder always gives the same sequence.
    """
    reader = _PathReader(max_bytes=max_bytes, limits=archive_limits or ArchiveLimits())
    for path in paths:
        if str(path) == STDIN:
            yield from reader.read_stream(stdin if stdin is not None else sys.stdin.buffer, origin=STDIN)
        else:
            yield from reader.read_path(Path(path), origin=str(path))


class _PathReader:
    def __init__(self, *, max_bytes: int, limits: ArchiveLimits) -> None:
        self.max_bytes = max_bytes
        self.limits = limits

    def read_path(self, path: Path, *, origin: str) -> Iterator[Entry]:
        try:
            status = path.stat()
        except OSError as error:
            yield ReadFailure(origin, _os_reason(error))
            return
        if stat.S_ISDIR(status.st_mode):
            yield from self._read_folder(path, origin=origin)
        elif stat.S_ISREG(status.st_mode):
            yield from self._read_file(path, origin=origin, size=status.st_size)
        else:
            # Reading a pipe or a device could block forever or never end.
            yield ReadFailure(origin, "not a regular file (a pipe, socket or device)")

    def _read_folder(self, folder: Path, *, origin: str) -> Iterator[Entry]:
        try:
            with os.scandir(folder) as scan:
                children = sorted(scan, key=lambda child: child.name)
        except OSError as error:
            yield ReadFailure(origin, _os_reason(error))
            return
        for child in children:
            if is_cruft(child.name):
                continue
            child_origin = os.path.join(origin, child.name)
            try:
                is_linked_folder = child.is_symlink() and child.is_dir()
            except OSError:
                is_linked_folder = False
            if is_linked_folder:
                # A link back up the tree would loop for ever; linked files are still read.
                yield ReadFailure(child_origin, "link to a folder; linked folders are not followed")
                continue
            yield from self.read_path(Path(child.path), origin=child_origin)

    def _read_file(self, path: Path, *, origin: str, size: int) -> Iterator[Entry]:
        try:
            with path.open("rb") as file:
                head = file.read(len(ZIP_SIGNATURES[0]))
                if is_zip(head, path.name):
                    file.seek(0)
                    yield from read_zip(file, origin=origin, max_bytes=self.max_bytes, limits=self.limits)
                    return
                if size > self.max_bytes:
                    yield ReadFailure(origin, too_large(size, self.max_bytes))
                    return
                # Read one byte past the limit: the file may have grown since it was measured.
                data = head + file.read(self.max_bytes + 1 - len(head))
        except OSError as error:
            yield ReadFailure(origin, _os_reason(error))
            return
        yield from self._read_data(data, name=path.name, origin=origin)

    def read_stream(self, stream: BinaryIO, *, origin: str) -> Iterator[Entry]:
        try:
            data = stream.read(self.max_bytes + 1)
        except OSError as error:
            yield ReadFailure(origin, _os_reason(error))
            return
        if is_zip(data, ""):
            yield from read_zip(io.BytesIO(data), origin=origin, max_bytes=self.max_bytes, limits=self.limits)
            return
        yield from self._read_data(data, name="", origin=origin)

    def _read_data(self, data: bytes, *, name: str, origin: str) -> Iterator[Entry]:
        if len(data) > self.max_bytes:
            what = "standard input" if origin == STDIN else "file"
            yield ReadFailure(origin, over_limit(what, self.max_bytes))
            return
        try:
            yield from read_text_document(data, name=name, origin=origin)
        except ReaderError as error:
            yield ReadFailure(origin, error.reason)


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    return f"cannot read ({error.strerror or error})"
