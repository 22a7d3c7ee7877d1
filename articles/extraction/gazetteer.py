"""The names of known companies, compiled into one Aho-Corasick automaton (pyahocorasick, in C).

Every name, alias, former name and ticker is added under a folded key with a leading space, and the text is folded
the same way with a leading space, so a key can only start at a word start; the word end is checked in Python on
the (few) hits. Variants news writes are added at build time: hyphen and ampersand forms ("Hewlett Packard",
"Procter and Gamble", "AT & T"), and the name without its legal form or a leading "The".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import ahocorasick

from articles.extraction.normalize import (
    comparable_key,
    comparable_name,
    fold_name,
    fold_text,
    strip_legal_suffix,
)
from articles.extraction.types import GazetteerEntry, GazetteerName
from articles.extraction.vocabulary import LEGAL_SUFFIXES


class NamePattern(NamedTuple):
    """What a key in the automaton stands for.

    A named tuple of plain values rather than a dataclass: 50,000 names make about 100,000 of these, and tuples
    are built several times faster and, holding no containers, drop out of the garbage collector's passes.
    """

    entry_index: int
    # The name as the knowledge base writes it, for the case rules.
    written: str
    # The knowledge base marked it as an ordinary word ("Apple", "Shell"): links only with corporate context.
    needs_context: bool
    is_ticker: bool
    # All capitals ("IBM", "BT"): must match exactly, since "bt" or "Ibm" is something else.
    is_acronym: bool
    # A variant we derived (suffix dropped, hyphen changed) rather than a name the knowledge base wrote.
    derived: bool
    # Length of the folded key, which is the length of the text it matches.
    length: int
    # The company's own name (or a form of it) rather than an alias.
    is_primary: bool


class GazetteerHit(NamedTuple):
    start: int
    end: int
    pattern: NamePattern


class Gazetteer:
    """Known companies and every name they go by; build once, share across documents (it pickles)."""

    def __init__(self, entries: Iterable[GazetteerEntry], *, blocked_names: Iterable[str] = ()) -> None:
        self.entries: list[GazetteerEntry] = list(entries)
        self.blocked_names: frozenset[str] = frozenset(comparable_name(name) for name in blocked_names)
        self.patterns: list[NamePattern] = []
        # Known companies by comparable name, so a discovered phrase that is a known name links to it.
        self.by_name: dict[str, int] = {}
        self.by_key: dict[str, int] = {}
        self._automaton = ahocorasick.Automaton()
        self._build()

    def __len__(self) -> int:
        return len(self.entries)

    def entry(self, index: int) -> GazetteerEntry:
        return self.entries[index]

    def find(self, comparable: str) -> int | None:
        """The known company whose name (or alias) has this comparable form."""
        return self.by_name.get(comparable)

    def is_blocked(self, name: str) -> bool:
        return comparable_name(name) in self.blocked_names

    def _build(self) -> None:
        keys: dict[str, int] = {}
        # Primary names first, then aliases, then derived variants: when two companies share a key, the one for
        # which it is the real name keeps it.
        derived_names: list[tuple[int, GazetteerName, str, bool, bool]] = []
        for index, entry in enumerate(self.entries):
            self.by_key.setdefault(entry.key, index)
            for name in entry.names:
                written = " ".join(name.text.split())
                if not written:
                    continue
                is_acronym = _is_acronym(name.text)
                is_primary = name.text == entry.name
                self._add(keys, index, name, written, is_acronym, is_primary, derived=False)
                for variant in _derived_variants(written):
                    derived_names.append((index, name, variant, is_acronym, is_primary))
        for index, name, variant, is_acronym, is_primary in derived_names:
            self._add(keys, index, name, variant, is_acronym, is_primary, derived=True)
        for key, pattern_index in keys.items():
            self._automaton.add_word(key, pattern_index)
        if keys:
            self._automaton.make_automaton()

    def _add(
        self,
        keys: dict[str, int],
        index: int,
        name: GazetteerName,
        variant: str,
        is_acronym: bool,
        is_primary: bool,
        *,
        derived: bool,
    ) -> None:
        folded = fold_name(variant)
        key = " " + folded
        if len(key) < 2 or key in keys:
            return
        keys[key] = len(self.patterns)
        self.patterns.append(
            NamePattern(
                index, variant, name.needs_context, name.is_ticker, is_acronym, derived, len(folded), is_primary
            )
        )
        if not name.is_ticker:
            self.by_name.setdefault(comparable_key(folded), index)

    def scan(self, text: str, folded: str | None = None) -> Iterator[GazetteerHit]:
        """Every occurrence of a known name on word boundaries, overlaps included, in no particular order.

        `folded` is `" " + fold_text(text)` when the caller has it already.
        """
        if not self.patterns:
            return
        if folded is None:
            folded = " " + fold_text(text)
        length = len(text)
        patterns = self.patterns
        for last, pattern_index in self._automaton.iter(folded):
            # `last` indexes the folded text, which has one extra leading character: it is the original end - 1.
            end = last
            if end < length and text[end].isalnum():
                continue
            pattern = patterns[pattern_index]
            yield GazetteerHit(end - pattern.length, end, pattern)


def _is_acronym(name: str) -> bool:
    """All its letters are capitals ("IBM", "AT&T")."""
    if name.isascii():
        # For ASCII the cased characters are exactly the letters, so str.isupper says the same, in C.
        return name.isupper()
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


_INITIALS = re.compile(r"(?:[A-Za-z]\.){1,3}")


def _derived_variants(name: str) -> list[str]:
    """Forms news also writes for a single-spaced name: without a leading "The" or its legal form, with hyphen
    and ampersand variants."""
    without_the = name[4:] if name[:4].casefold() == "the " else name
    # Splitting every name into words is the costly part of strip_legal_suffix; look at the last word first.
    has_legal_form = without_the.rpartition(" ")[2].rstrip(".,").casefold() in LEGAL_SUFFIXES
    stripped = strip_legal_suffix(without_the) if has_legal_form else without_the
    if _INITIALS.fullmatch(stripped):
        # "U.S. Bancorp" without its legal form is "U.S.", which is a country, not the bank.
        stripped = without_the
    if stripped == name and "-" not in name and "&" not in name and " and " not in name and name[-1] != ".":
        return []  # Most names: nothing to vary, and this runs for every name of the gazetteer.
    bases = list(dict.fromkeys((name, without_the, stripped)))
    candidates: list[str] = bases[1:]
    for base in bases:
        if "-" in base:
            candidates.append(base.replace("-", " "))
            candidates.append(base.replace("-", ""))
        if "&" in base:
            candidates.append(" ".join(base.replace("&", " & ").split()))
            candidates.append(base.replace(" & ", "&"))
            candidates.append(" ".join(base.replace("&", " and ").split()))
        if " and " in base:
            candidates.append(base.replace(" and ", " & "))
        if base.endswith("."):
            candidates.append(base.rstrip("."))
    variants: list[str] = []
    seen = {name.casefold()}
    for candidate in candidates:
        folded = candidate.casefold()
        # A derived form must stay a name: at least two characters.
        if folded in seen or len(folded) < 2:
            continue
        seen.add(folded)
        variants.append(candidate)
    return variants
