"""The names of known companies, compiled into one Aho-Corasick automaton (pyahocorasick, in C).

Every name, alias, former name and ticker is added under a folded key with a leading space, and the text is folded
the same way with a leading space, so a key can only start at a word start; the word end is checked in Python on
the (few) hits. Variants news writes are added at build time: hyphen and ampersand forms ("Hewlett Packard",
"Procter and Gamble", "AT & T"), and the name without its legal form or a leading "The".

Compact, because every worker process keeps one: 50,000 companies make about 100,000 keys. The automaton stores
plain integers (pattern indexes, not Python objects), and what a pattern stands for is kept in parallel arrays (the
company index, the key length, one byte of flags) plus a reference to the name as written, which is the knowledge
base's own string whenever the name needs no respacing. A NamePattern is made only for a hit.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, overload

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


_NEEDS_CONTEXT, _IS_TICKER, _IS_ACRONYM, _DERIVED, _IS_PRIMARY = 1, 2, 4, 8, 16


class _PatternTable(Sequence[NamePattern]):
    """Every pattern of the automaton, packed: arrays of numbers and flags, and the written names."""

    def __init__(self) -> None:
        self.entry_indexes = array("i")
        self.lengths = array("i")
        self.flags = bytearray()
        self.written: list[str] = []

    def append(
        self,
        entry_index: int,
        written: str,
        length: int,
        *,
        needs_context: bool,
        is_ticker: bool,
        is_acronym: bool,
        derived: bool,
        is_primary: bool,
    ) -> None:
        self.entry_indexes.append(entry_index)
        self.lengths.append(length)
        self.flags.append(
            needs_context * _NEEDS_CONTEXT
            | is_ticker * _IS_TICKER
            | is_acronym * _IS_ACRONYM
            | derived * _DERIVED
            | is_primary * _IS_PRIMARY
        )
        self.written.append(written)

    def __len__(self) -> int:
        return len(self.flags)

    @overload
    def __getitem__(self, index: int) -> NamePattern: ...

    @overload
    def __getitem__(self, index: slice) -> list[NamePattern]: ...

    def __getitem__(self, index: int | slice) -> NamePattern | list[NamePattern]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        flags = self.flags[index]
        return NamePattern(
            self.entry_indexes[index],
            self.written[index],
            bool(flags & _NEEDS_CONTEXT),
            bool(flags & _IS_TICKER),
            bool(flags & _IS_ACRONYM),
            bool(flags & _DERIVED),
            self.lengths[index],
            bool(flags & _IS_PRIMARY),
        )


class Gazetteer:
    """Known companies and every name they go by; build once, share across documents (it pickles)."""

    def __init__(self, entries: Iterable[GazetteerEntry], *, blocked_names: Iterable[str] = ()) -> None:
        self.entries: list[GazetteerEntry] = list(entries)
        self.blocked_names: frozenset[str] = frozenset(comparable_name(name) for name in blocked_names)
        self.patterns = _PatternTable()
        # Known companies by comparable name, so a discovered phrase that is a known name links to it.
        self.by_name: dict[str, int] = {}
        self.by_key: dict[str, int] = {}
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
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
        # Primary names first, then aliases, then derived variants: when two companies share a key, the one for
        # which it is the real name keeps it.
        derived_names: list[tuple[int, GazetteerName, str, bool, bool]] = []
        for index, entry in enumerate(self.entries):
            self.by_key.setdefault(entry.key, index)
            for name in entry.names:
                # The knowledge base's own string when it needs no respacing (most names): one copy, not two.
                written = " ".join(name.text.split())
                written = name.text if written == name.text else written
                if not written:
                    continue
                is_acronym = _is_acronym(name.text)
                is_primary = name.text == entry.name
                self._add(index, name, written, is_acronym, is_primary, derived=False)
                for variant in _derived_variants(written):
                    derived_names.append((index, name, variant, is_acronym, is_primary))
        for index, name, variant, is_acronym, is_primary in derived_names:
            self._add(index, name, variant, is_acronym, is_primary, derived=True)
        if len(self.patterns):
            self._automaton.make_automaton()

    def _add(
        self,
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
        if len(key) < 2 or self._automaton.exists(key):
            return
        self._automaton.add_word(key, len(self.patterns))
        self.patterns.append(
            index,
            variant,
            len(folded),
            needs_context=name.needs_context,
            is_ticker=name.is_ticker,
            is_acronym=is_acronym,
            derived=derived,
            is_primary=is_primary,
        )
        if not name.is_ticker:
            self.by_name.setdefault(comparable_key(folded), index)

    def scan(self, text: str, folded: str | None = None) -> Iterator[GazetteerHit]:
        """Every occurrence of a known name on word boundaries, overlaps included, in no particular order.

        `folded` is `" " + fold_text(text)` when the caller has it already.
        """
        if not len(self.patterns):
            return
        if folded is None:
            folded = " " + fold_text(text)
        length = len(text)
        patterns = self.patterns
        lengths = patterns.lengths
        for last, pattern_index in self._automaton.iter(folded):
            # `last` indexes the folded text, which has one extra leading character: it is the original end - 1.
            end = last
            if end < length and text[end].isalnum():
                continue
            yield GazetteerHit(end - lengths[pattern_index], end, patterns[pattern_index])


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
