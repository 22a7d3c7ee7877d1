"""Bytes to text, and text to the one canonical form that is stored, hashed and indexed.

Everything here is deterministic and idempotent: the content hash of the normalised body is how the same article
is recognised when it arrives again, so the same input must always give the same string.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy

from articles.readers.documents import ReaderError

# Only mojibake and encoding damage are repaired; the author's typography (curly quotes, dashes) is kept, and
# HTML entities are left alone because unescaping "&amp;amp;" one level per pass would never reach a fixed point.
_FTFY_CONFIG = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, explain=False)

# File signatures of the binary formats people most often drop into a folder of news, to say what the file is.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (a .docx, .xlsx or .epub is one too)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Control characters carry no meaning in a news text; tabs become spaces, vertical tabs, form feeds and the Unicode
# separators become line breaks, and the invisible characters that only break search and hashing are dropped.
_TRANSLATION: dict[int, str | None] = {
    **{code: None for code in range(0x00, 0x20) if code not in (0x09, 0x0A, 0x0B, 0x0C)},
    0x09: " ",
    0x0B: "\n",
    0x0C: "\n",
    0x7F: None,
    **dict.fromkeys(range(128, 160)),
    0x00AD: None,  # soft hyphen
    0x200B: None,  # zero-width space
    0xFEFF: None,  # byte order mark, or a zero-width no-break space left inside the text
    0x2028: "\n",
    0x2029: "\n\n",
}

_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")

# ftfy may, rarely, uncover new mojibake once control characters are gone; a few passes always reach a fixed point.
_MAX_PASSES = 4


def decode_text(data: bytes) -> str:
    """Decode a document's bytes as UTF-8 (or UTF-16 with a byte order mark), refusing binary files."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ReaderError(f"not UTF-16 text despite its byte order mark ({error.reason})") from error
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ReaderError(f"binary file, not text (looks like {kind})")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ReaderError(f"binary file, not text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        raise ReaderError(
            f"not UTF-8 text (invalid byte 0x{data[offset]:02x} at offset {offset}); save it as UTF-8"
        ) from error
    if _looks_binary(text):
        raise ReaderError("binary file, not text (mostly control characters)")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f\v")
    return controls > max(8, len(sample) // 10)


def normalize_text(text: str) -> str:
    """The canonical form of a text: mojibake fixed, NFC, no control characters, tidy lines and paragraphs."""
    for _ in range(_MAX_PASSES):
        normalised = _normalize_once(text)
        if normalised == text:
            break
        text = normalised
    return text


def _normalize_once(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(text, _FTFY_CONFIG)
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATION))
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def normalize_line(text: str) -> str:
    """A title, name or tag: normalised, then on one line with single spaces."""
    return " ".join(normalize_text(text).split())
