"""Units and their parents, from the phrases news uses for them: "its Kling AI video unit", "Y's X unit",
"X, a unit of Y", "Y-owned X", "X, owned by Y"."""

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


@dataclass(frozen=True, slots=True)
class UnitRelation:
    unit_start: int
    unit_end: int
    # The owner's span, or None for "its X unit", whose owner is the company the sentence is about.
    owner_start: int | None
    owner_end: int | None
    evidence: str


# The patterns above start with a name, so the regex engine would try them at every capital letter; they run
# only in windows around the words they need, found first by this cheap pattern.
_CUES = re.compile(rf"\b{_UNIT_NOUN}\b|\bpart\s+of\b|\b(?:owned|controlled)\b")
_WINDOW_BEFORE = 160
_WINDOW_AFTER = 120


def find_unit_relations(text: str) -> list[UnitRelation]:
    relations: dict[tuple[int, int, int | None], UnitRelation] = {}
    for start, end in _windows(text):
        for match in _ITS_UNIT.finditer(text, start, end):
            unit_start, unit_end = match.span("unit")
            relations.setdefault(
                (unit_start, unit_end, None), UnitRelation(unit_start, unit_end, None, None, match.group(0))
            )
        for pattern in (_OWNERS_UNIT, _UNIT_OF, _OWNED, _OWNED_BY):
            for match in pattern.finditer(text, start, end):
                unit_start, unit_end = match.span("unit")
                owner_start, owner_end = match.span("owner")
                relations.setdefault(
                    (unit_start, unit_end, owner_start),
                    UnitRelation(unit_start, unit_end, owner_start, owner_end, match.group(0)),
                )
    return list(relations.values())


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for cue in _CUES.finditer(text):
        start, end = max(0, cue.start() - _WINDOW_BEFORE), min(len(text), cue.end() + _WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows
