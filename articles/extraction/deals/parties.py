"""The shared party and role machinery of the deal rules: a deal as one sentence states it (`FoundDeal`), its
parties in order without repeats, and the few word patterns that decide which side of a verb plays which role
(passive voice, "by" after the verb).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.extraction.deals.sentence import Named, rx
from articles.extraction.types import CompanyCandidate, DealKind, PartyRole

Party = tuple[CompanyCandidate, PartyRole]


@dataclass(slots=True)
class FoundDeal:
    """A deal as one sentence states it, before the document's reports of it are merged."""

    kind: DealKind
    parties: list[Party]
    trigger_start: int
    trigger_end: int
    confidence: float
    past: bool = False
    round: str | None = None


# Patterns below are used with `match(text, pos)`, which anchors at `pos` by itself.
BY_AFTER = rx(r" (?:\S+ ){0,3}?by\b")


PASSIVE_BEFORE = rx(r"\b(?:was|were|is|are|be|been|being|get|gets|got|had been|has been|have been)(?: \w+)? $")


def is_past(word: str) -> bool:
    return bool(re.search(r"(?:ed|ought|old|ook|aken|un|ent|one)\b", word, re.IGNORECASE))


def party_list(*pairs: tuple[CompanyCandidate | None, PartyRole]) -> list[Party]:
    """Party list without gaps or repeats: a company plays one role in one deal."""
    seen: set[int] = set()
    out: list[Party] = []
    for company, role in pairs:
        if company is not None and id(company) not in seen:
            seen.add(id(company))
            out.append((company, role))
    return out


def company_of(named: Named | None) -> CompanyCandidate | None:
    return None if named is None else named.company
