"""Normalised forms of company names, for lookups that must ignore case, accents and punctuation."""

import re
import unicodedata

_POSSESSIVE = re.compile(r"['\u2019]s\b")
_NON_WORD = re.compile(r"[^\w&]+")
_LEGAL_SUFFIXES = frozenset(
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "ltd", "limited", "llc", "lp",
        "ag", "sa", "nv", "bv", "gmbh", "se", "spa", "kk", "group", "holdings", "holding", "the",
    }
)  # fmt: skip


def name_key(name: str) -> str:
    """The lookup form of a name: "Kuaishou's" -> "kuaishou", "AT&T Inc." -> "at&t inc", "Börse" -> "borse"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _POSSESSIVE.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def core_key(name: str) -> str:
    """name_key without legal suffixes, so "Apple Inc." and "Apple" compare equal; never empty for a non-empty key."""
    words = name_key(name).split()
    core = [word for word in words if word not in _LEGAL_SUFFIXES]
    return " ".join(core or words)
