"""Zip archives of documents, read member by member without extracting anything to disk.

Archives come from users, so each is treated as hostile: the member count, total size and compression ratio are
bounded before anything is decompressed, names that would climb out of the archive are refused, and archives inside
archives are not opened.
"""

from __future__ import annotations

import lzma
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from articles.readers.documents import RawDocument, ReaderError, ReadFailure
from articles.readers.formats import is_zip, read_text_document
from articles.readers.limits import ArchiveLimits, format_size, too_large

Entry = RawDocument | ReadFailure

_CRUFT_NAMES = frozenset({"__MACOSX", "Thumbs.db", "desktop.ini"})
_DRIVE = re.compile(r"^[A-Za-z]:")
# What a damaged or unusual member can raise while it is decompressed.
_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, NotImplementedError, ValueError)


def is_cruft(name: str) -> bool:
    """Hidden files and what operating systems leave behind (.DS_Store, __MACOSX, Thumbs.db) are not documents."""
    return name.startswith((".", "~$")) or name in _CRUFT_NAMES


def read_zip(archive: str | Path | BinaryIO, *, origin: str, max_bytes: int, limits: ArchiveLimits) -> Iterator[Entry]:
    """Each member's documents in name order; a problem with the archive as a whole is one ReadFailure for it."""
    try:
        zip_file = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as error:
        yield ReadFailure(origin, f"not a readable zip archive ({_describe(error)})")
        return
    with zip_file:
        members = sorted(zip_file.infolist(), key=lambda info: info.filename)
        refusal = _refuse_archive(members, limits)
        if refusal:
            yield ReadFailure(origin, refusal)
            return
        read_any = False
        for entry in _read_members(zip_file, members, origin=origin, max_bytes=max_bytes, limits=limits):
            read_any = True
            yield entry
        if not read_any:
            # An upload must never vanish without a row saying what became of it.
            yield ReadFailure(origin, "zip archive holds no documents (only folders, hidden files, or nothing)")


def _refuse_archive(members: list[zipfile.ZipInfo], limits: ArchiveLimits) -> str | None:
    if len(members) > limits.max_members:
        return f"zip archive has {len(members):,} members, over the {limits.max_members:,} limit"
    declared = sum(info.file_size for info in members)
    if declared > limits.max_total_bytes:
        return f"zip archive expands to over {format_size(limits.max_total_bytes)} (zip bomb?)"
    return None


def _read_members(
    zip_file: zipfile.ZipFile, members: list[zipfile.ZipInfo], *, origin: str, max_bytes: int, limits: ArchiveLimits
) -> Iterator[Entry]:
    total = 0
    for info in members:
        name = info.filename
        member_origin = f"{origin}!{name}"
        if _escapes(name):
            # Checked before anything else: ".." must be reported, not skipped as a hidden name.
            yield ReadFailure(member_origin, f"zip member {name} escapes the archive")
            continue
        if info.is_dir() or any(is_cruft(part) for part in PurePosixPath(name.replace("\\", "/")).parts):
            continue
        refusal = _refuse_member(info, max_bytes=max_bytes, limits=limits)
        if refusal:
            yield ReadFailure(member_origin, refusal)
            continue
        try:
            with zip_file.open(info) as member:
                data = member.read(max_bytes + 1)
        except _MEMBER_ERRORS as error:
            yield ReadFailure(member_origin, f"cannot decompress the zip member ({_describe(error)})")
            continue
        # The sizes in the directory were checked up front; this guards against a directory that lies.
        total += len(data)
        if len(data) > max_bytes:
            yield ReadFailure(member_origin, too_large(len(data), max_bytes))
            continue
        if total > limits.max_total_bytes:
            yield ReadFailure(origin, f"zip archive expands to over {format_size(limits.max_total_bytes)} (zip bomb?)")
            return
        if is_zip(data, name):
            yield ReadFailure(member_origin, "zip archive inside a zip archive: nested archives are not opened")
            continue
        try:
            yield from read_text_document(data, name=name, origin=member_origin)
        except ReaderError as error:
            yield ReadFailure(member_origin, error.reason)


def _refuse_member(info: zipfile.ZipInfo, *, max_bytes: int, limits: ArchiveLimits) -> str | None:
    if stat.S_ISLNK(info.external_attr >> 16):
        return "zip member is a symbolic link; links are not followed"
    if info.flag_bits & 0x1:
        return "zip member is encrypted"
    if info.file_size > max_bytes:
        return too_large(info.file_size, max_bytes)
    if info.file_size > limits.ratio_exempt_bytes:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            return f"compression ratio {ratio:,.0f}:1 is over the {limits.max_ratio}:1 limit (zip bomb?)"
    return None


def _escapes(name: str) -> bool:
    # Nothing is extracted to disk, but a name like this is a sign of a hostile archive and is refused on principle.
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts


def _describe(error: BaseException) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__
