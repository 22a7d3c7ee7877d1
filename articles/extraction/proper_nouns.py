"""Capitalised phrases ("Sybari Software", "Fairmont Hotels & Resorts", "Bank of America") with the words around
them, found by one compiled regular expression over the whole text.

Each phrase comes with up to four words after it (read ahead, not consumed) and, on demand, the lower-case words
before it: all the context the discovery rules need. No per-token Python work happens here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_UPPER = "A-ZÀ-ÖØ-Þ"
# One capitalised word: "Kuaishou", "eBay", "3Com", "Hewlett-Packard", "AT&T", "N.V", "O'Reilly".
# The possessive "++" changes no match (a capital can never be one of the letters given back) but spares the
# regex engine walking back through every lower-case word it tried as the start of "eBay": 12% of the scan.
_WORD = (
    rf"(?:[{_UPPER}]\w*|[a-z]++[{_UPPER}]\w*|\d++[{_UPPER}]\w*)"
    rf"(?:['\u2019][{_UPPER}]\w*)?(?:[-.&+/][{_UPPER}\d]\w*)*"
)
# Words of one name are separated by spaces, at most one line break (wire copy wraps lines), "&" or a particle.
_JOIN = (
    r"(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"(?:(?:&|of|de|du|des|la|le|van|von|der|den|del|da|di|und|et|and(?=[ \t]+(?:Co\b|Company|Sons)))[ \t]+)?"
)
# A number inside a name ("Systems 4 Inc"), only where another capitalised word follows it.
_NUMBER = rf"\d+(?=[ \t]+[{_UPPER}])"
_SPACE = r"(?:[ \t]+|[ \t]*\n[ \t]*)"

# A whole name, for other modules' patterns.
NAME = rf"(?<![\w'\u2019&.-]){_WORD}(?:{_JOIN}(?:{_WORD}|{_NUMBER}))*"

PROPER_NOUN = re.compile(
    rf"(?P<name>{NAME})"
    rf"(?=(?P<possessive>['\u2019]s?(?![\w]))?(?P<comma>[ \t]*,)?(?P<after>(?:{_SPACE}[\w'\u2019$£€%.-]+){{0,4}}))"
)
# How far back to look for the lower-case words before a phrase. They are read on demand only, since a leading
# optional group in PROPER_NOUN would make the regex engine try it at every character.
_LOOK_BACK = 48
_CLAUSE_END = frozenset(',.;:!?)"\u201d')


class ProperNoun(NamedTuple):
    """A named tuple of plain values: a text has tens of thousands of these per megabyte, all alive until its
    extraction ends, and tuples of strings and numbers are built faster than dataclasses and drop out of the
    garbage collector's passes (which otherwise ran through the whole heap, gazetteer included, every few
    hundred kilobytes of one long text)."""

    start: int
    end: int
    # The words as written, white space collapsed ("Fairmont Hotels & Resorts").
    text: str
    words: tuple[str, ...]
    # Words just after it, as written; `possessive` and `comma` say what sits between.
    after: tuple[str, ...]
    possessive: bool
    comma: bool
    sentence_start: bool

    def words_before(self, text: str) -> list[str]:
        """Words just before the phrase, lower-cased, nearest last ("agreed", "to", "buy"); the run stops after
        a capitalised word ("Shares in X" gives "shares", "in")."""
        window = text[max(0, self.start - _LOOK_BACK) : self.start]
        if not window or not window[-1].isspace():
            return []
        words = window.split()[-3:]
        for index in range(len(words) - 1, -1, -1):
            word = words[index]
            # Punctuation ends the run: in "said, Google" the comma separates "said" from the name.
            if word[-1] in _CLAUSE_END:
                return [w.casefold() for w in words[index + 1 :]]
            if not word[:1].islower():
                return [w.casefold() for w in words[index:]]
        return [w.casefold() for w in words]


def find_proper_nouns(text: str, sentence_starts: set[int]) -> list[ProperNoun]:
    found: list[ProperNoun] = []
    append = found.append
    for match in PROPER_NOUN.finditer(text):
        # One call for all four groups; the whole match is the name (the rest is read ahead, not consumed).
        name, possessive, comma, after = match.group("name", "possessive", "comma", "after")
        start, end = match.span()
        words = tuple(name.split())
        append(
            ProperNoun(
                start=start,
                end=end,
                text=name if len(words) == 1 else " ".join(words),
                words=words,
                after=tuple(after.split()) if after else (),
                possessive=possessive is not None,
                comma=comma is not None,
                sentence_start=start in sentence_starts,
            )
        )
    return found
