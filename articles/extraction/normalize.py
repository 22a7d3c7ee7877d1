"""Offset-preserving text folding and name keys shared by the gazetteer and discovery."""

from __future__ import annotations

import re
from functools import lru_cache

from articles.extraction.vocabulary import LEGAL_SUFFIXES

# Characters folded to one form, one character for one character, so offsets into the folded text are offsets
# into the original: white space and word-delimiting punctuation become a space, typographic quotes and dashes
# their ASCII forms.
_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys("\n\r\t\x0b\x0c\xa0\u2002\u2003\u2009\u200a\u202f\u3000", " "),
        **dict.fromkeys('()[]{}"\u201c\u201d\u00ab\u00bb,;:!?/\\|<>*_=~^`#@', " "),
        "\u2019": "'",
        "\u2018": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
    }
)
_DELIMITERS = re.compile(
    '[\n\r\t\x0b\x0c\xa0\u2002\u2003\u2009\u200a\u202f\u3000()\\[\\]{}"\u201c\u201d\u00ab\u00bb,;:!?/\\\\|<>*_=~^`#@]'
)
_TYPOGRAPHIC = re.compile("[\u2018\u2019\u2010-\u2014]")
_SPACES = re.compile(r" {2,}")
# Names made of these characters, single-spaced, fold to their lower case as they are.
_PLAIN_NAME = re.compile(r"[a-z0-9&'.+-]+(?: [a-z0-9&'.+-]+)*")


def fold_text(text: str) -> str:
    """Lower-case and fold `text` without changing its length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lower-case into two ("\u0130"); keep those as they are so offsets stay aligned.
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    # A regular expression replaces the common delimiters five times faster than str.translate does; the
    # table is needed only for the typographic quotes and dashes, which become ASCII.
    lowered = _DELIMITERS.sub(" ", lowered)
    if _TYPOGRAPHIC.search(lowered):
        lowered = lowered.translate(_FOLD_TABLE)
    return lowered


def fold_name(name: str) -> str:
    """A name's key: folded like text, spaces collapsed, a final full stop dropped ("Inc." -> "inc")."""
    lowered = name.lower()
    if _PLAIN_NAME.fullmatch(lowered) is None:
        # Rare: punctuation, typographic quotes or odd spacing to fold (the common case skips the table).
        lowered = _SPACES.sub(" ", fold_text(name)).strip()
    return lowered[:-1] if lowered.endswith(".") else lowered


def strip_legal_suffix(name: str) -> str:
    """ "Woodco Inc" -> "Woodco", "Apple Inc." -> "Apple"; a name that is only a suffix stays as it is."""
    words = name.split()
    while len(words) > 1 and words[-1].rstrip(".,").casefold() in LEGAL_SUFFIXES:
        words.pop()
        if words[-1].endswith(","):
            words[-1] = words[-1].rstrip(",")
    return " ".join(words)


# News names the same companies again and again, in one article and across articles, so the keys of the latest
# 16,384 names are kept (about 3 MB).
@lru_cache(maxsize=1 << 14)
def comparable_name(name: str) -> str:
    """A key for deciding whether two surface forms name the same company."""
    return comparable_key(fold_name(name))


def comparable_key(key: str) -> str:
    """`comparable_name` of a name already folded by `fold_name`."""
    words = key.split()
    while len(words) > 1 and words[-1].rstrip(".,") in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words).rstrip(",").removeprefix("the ").replace("-", " ").replace("'s", "")
