"""Units and their parents, from the phrases news uses for them: "its Kling AI video unit", "Y's X unit",
"X, a unit of Y", "Y-owned X", "X, owned by Y", "X, the French mineral water owned by Y"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.extraction.proper_nouns import NAME

_UNIT_NOUN = r"(?:unit|subsidiary|division|arm|affiliate|offshoot|business)"
# Up to two lower-case words between the unit's name and the noun ("video", "cloud computing").
_MODIFIERS = r"(?:[a-z][\w-]*\s+){0,2}?"

_ITS_UNIT = re.compile(rf"\bits\s+(?:own\s+)?(?P<unit>{NAME})\s+{_MODIFIERS}{_UNIT_NOUN}\b")
_OWNERS_UNIT = re.compile(rf"(?P<owner>{NAME})['\u2019]s?\s+(?P<unit>{NAME})\s+{_MODIFIERS}{_UNIT_NOUN}\b")
_UNIT_OF = re.compile(
    rf"(?P<unit>{NAME}),?\s+(?:which\s+is\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:unit|subsidiary|division|arm|affiliate|part)\s+of\s+(?:the\s+)?(?P<owner>{NAME})"
)
_OWNED = re.compile(rf"(?P<owner>{NAME})-(?:owned|controlled)\s+{_MODIFIERS}(?P<unit>{NAME})")
_OWNED_BY = re.compile(rf"(?P<unit>{NAME}),?\s+(?:which\s+is\s+)?(?:owned|controlled)\s+by\s+(?P<owner>{NAME})")
# "X, the iconic mineral water owned by Y", "X, a chain majority-owned by Y": an apposition describing X says who
# owns it. A few words of description only, none of them a clause's punctuation, so the owner is X's and not that
# of something the description goes on about.
_DESCRIBED_OWNED_BY = re.compile(
    rf"(?P<unit>{NAME}),\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,5}}?(?:\w+-)?(?:owned|controlled)\s+by\s+(?:the\s+)?"
    rf"(?P<owner>{NAME})"
)


@dataclass(frozen=True, slots=True)
class UnitRelation:
    unit_start: int
    unit_end: int
    # The owner's span, or None for "its X unit", whose owner is the company the sentence is about.
    owner_start: int | None
    owner_end: int | None
    evidence: str


# The patterns above start with a name, so the regex engine would try them at every capital letter; they run
# only in windows around the words they need, found first by these cheap patterns. Each cue word has its own: a
# pattern that starts with a literal word is scanned for it at C speed, while one alternation of all the words
# (with \b first) is tried at every character, three times slower. The start of the word is checked on the hits.
_CUE_WORDS = ("unit", "subsidiary", "division", "arm", "affiliate", "offshoot", "business", "owned", "controlled")
_CUES = (*(re.compile(rf"{word}\b") for word in _CUE_WORDS), re.compile(r"part\s+of\b"))
_WINDOW_BEFORE = 160
_WINDOW_AFTER = 120
# The cue words each pattern's matches contain.
_UNIT_CUES = frozenset({"unit", "subsidiary", "division", "arm", "affiliate", "offshoot", "business"})
_OWNED_CUES = frozenset({"owned", "controlled"})
_PATTERNS_WITH_OWNER = (
    (_OWNERS_UNIT, _UNIT_CUES),
    (_UNIT_OF, frozenset({"unit", "subsidiary", "division", "arm", "affiliate", "part"})),
    (_OWNED, _OWNED_CUES),
    (_OWNED_BY, _OWNED_CUES),
    (_DESCRIBED_OWNED_BY, _OWNED_CUES),
)


def find_unit_relations(text: str) -> list[UnitRelation]:
    relations: dict[tuple[int, int, int | None], UnitRelation] = {}
    for start, end, cues in _windows(text):
        if cues & _UNIT_CUES:
            for match in _ITS_UNIT.finditer(text, start, end):
                unit_start, unit_end = match.span("unit")
                relations.setdefault(
                    (unit_start, unit_end, None), UnitRelation(unit_start, unit_end, None, None, match.group(0))
                )
        for pattern, needs in _PATTERNS_WITH_OWNER:
            # A match holds one of its pattern's cue words, so a window without any cannot have one.
            if not cues & needs:
                continue
            for match in pattern.finditer(text, start, end):
                unit_start, unit_end = match.span("unit")
                owner_start, owner_end = match.span("owner")
                relations.setdefault(
                    (unit_start, unit_end, owner_start),
                    UnitRelation(unit_start, unit_end, owner_start, owner_end, match.group(0)),
                )
    return list(relations.values())


def _windows(text: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around the cue words, each with the cue words in it ("part of" as "part")."""
    windows: list[tuple[int, int, set[str]]] = []
    for cue_start, cue_end, word in _cues(text):
        start, end = max(0, cue_start - _WINDOW_BEFORE), min(len(text), cue_end + _WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end, windows[-1][2] | {word})
        else:
            windows.append((start, end, {word}))
    return windows


def _cues(text: str) -> list[tuple[int, int, str]]:
    """The cue words that start a word, in the order of the text."""
    cues: list[tuple[int, int, str]] = []
    for pattern in _CUES:
        for match in pattern.finditer(text):
            start = match.start()
            if start == 0 or not _is_word_character(text[start - 1]):
                word = match.group(0)
                cues.append((start, match.end(), "part" if word.startswith("part") else word))
    cues.sort()
    return cues


def _is_word_character(char: str) -> bool:
    """What \\w matches."""
    return char.isalnum() or char == "_"
