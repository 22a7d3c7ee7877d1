"""The names of known companies, compiled into one Aho-Corasick automaton (pyahocorasick, in C).

Every name, alias, former name and ticker is added under a folded key with a leading space, and the text is folded
the same way with a leading space, so a key can only start at a word start; the word end is checked in Python on
the (few) hits. Variants news writes are added at build time: hyphen and ampersand forms ("Hewlett Packard",
"Procter and Gamble", "AT & T"), and the name without its legal form or a leading "The".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

from articles.extraction.normalize import (
    comparable_key,
    comparable_name,
    fold_name,
    fold_text,
    strip_legal_suffix,
)
from articles.extraction.types import GazetteerEntry, GazetteerName


@dataclass(frozen=True, slots=True)
class NamePattern:
    """What a key in the automaton stands for."""

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


@dataclass(frozen=True, slots=True)
class GazetteerHit:
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
        derived_names: list[tuple[int, GazetteerName, str, bool]] = []
        for index, entry in enumerate(self.entries):
            self.by_key.setdefault(entry.key, index)
            for name in entry.names:
                letters = [char for char in name.text if char.isalpha()]
                is_acronym = bool(letters) and all(char.isupper() for char in letters)
                for variant, derived in _variants(name.text):
                    if derived:
                        derived_names.append((index, name, variant, is_acronym))
                    else:
                        self._add(keys, index, name, variant, is_acronym, derived=False)
        for index, name, variant, is_acronym in derived_names:
            self._add(keys, index, name, variant, is_acronym, derived=True)
        for key, pattern_index in keys.items():
            self._automaton.add_word(key, pattern_index)
        if keys:
            self._automaton.make_automaton()

    def _add(
        self, keys: dict[str, int], index: int, name: GazetteerName, variant: str, is_acronym: bool, *, derived: bool
    ) -> None:
        folded = fold_name(variant)
        key = " " + folded
        if len(key) < 2 or key in keys:
            return
        keys[key] = len(self.patterns)
        self.patterns.append(
            NamePattern(
                entry_index=index,
                written=variant,
                needs_context=name.needs_context,
                is_ticker=name.is_ticker,
                is_acronym=is_acronym,
                derived=derived,
                length=len(folded),
                is_primary=name.text == self.entries[index].name,
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


def _variants(name: str) -> Iterator[tuple[str, bool]]:
    """The name as written, then forms news also writes, each flagged as derived."""
    name = " ".join(name.split())
    if not name:
        return
    yield name, False
    without_the = name[4:] if name[:4].casefold() == "the " else name
    stripped = strip_legal_suffix(without_the)
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
    seen = {name.casefold()}
    for candidate in candidates:
        folded = candidate.casefold()
        # A derived form must stay a name: at least two characters.
        if folded in seen or len(folded) < 2:
            continue
        seen.add(folded)
        yield candidate, True
