"""Backup files on disk: plain JSON Lines, or gzip when the name ends in .gz."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

GZIP_LEVEL = 6  # level 9 takes twice as long for a file a few percent smaller


def _is_gzip(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


@contextmanager
def backup_file_writing(path: Path) -> Iterator[TextIO]:
    """Writes beside the target and renames when done, so a failed export never leaves a partial backup behind
    under the name a restore would be given."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with _open_for_writing(partial, gzipped=_is_gzip(path)) as stream:
            yield stream
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)


def _open_for_writing(path: Path, *, gzipped: bool) -> TextIO:
    if gzipped:
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=GZIP_LEVEL)
    return path.open("w", encoding="utf-8")


def backup_file_reading(path: Path) -> TextIO:
    if _is_gzip(path):
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")
