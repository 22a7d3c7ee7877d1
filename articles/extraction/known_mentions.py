"""Link mentions of companies the knowledge base already has: gazetteer hits filtered by word boundaries, longest
match first, case rules, and corporate context for ordinary-word names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from articles.extraction.gazetteer import Gazetteer, GazetteerHit
from articles.extraction.lexicon import Lexicon
from articles.extraction.vocabulary import CORPORATE_CONTEXT_AFTER, CORPORATE_CONTEXT_BEFORE

_CONTEXT_BEFORE = re.compile(rf"\b{CORPORATE_CONTEXT_BEFORE}\s+$", re.IGNORECASE)
_CONTEXT_AFTER = re.compile(rf"(?:['\u2019]s)?,?\s*{CORPORATE_CONTEXT_AFTER}", re.IGNORECASE)
_CONTEXT_WINDOW = 40
# A ticker links only where news writes tickers: in brackets or after an exchange ("(NYSE: VOD)", "(GLW)").
_TICKER_BEFORE = re.compile(r"(?:\(|:)\s*$")
_TICKER_AFTER = re.compile(r"\s*(?:\.[A-Z]{1,2})?\s*\)")
# What separates two names of one list ("Dell, Samsung and Matsushita"), possibly with other capitalised names
# between them ("Paramount, Universal and Warner Brothers"): an ordinary-word name listed with a company is one.
_LIST_GAP = re.compile(r"(?:,? (?:and|or) |, )(?:[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,2}(?:,? (?:and|or) |, )){0,3}")
_LIST_GAP_LENGTH = 80

# Confidence of a known mention by how it was written.
EXACT = 1.0
RECASED = 0.9
IN_CONTEXT = 0.9


@dataclass(slots=True)
class KnownMention:
    start: int
    end: int
    entry_index: int
    confidence: float
    # Still waiting for corporate context ("Apple" with nothing around it that says company).
    needs_context: bool
    is_ticker: bool
    # An ordinary word or a name the knowledge base says needs context ("News", "Apple").
    ordinary: bool


def link_known(
    text: str, folded: str, gazetteer: Gazetteer, sentence_starts: set[int], lexicon: Lexicon
) -> list[KnownMention]:
    hits = sorted(gazetteer.scan(text, folded), key=lambda hit: (hit.start, -hit.end))
    chosen: list[KnownMention] = []
    last_end = -1
    for hit in hits:
        if hit.start < last_end:
            continue
        confidence = _case_confidence(text[hit.start : hit.end], hit)
        if confidence is None:
            continue
        pattern = hit.pattern
        if pattern.is_ticker and not _in_ticker_position(text, hit):
            continue
        # One dictionary word ("News", "Sky") may be the company only when something says so, unless it is the
        # company's own name in the middle of a sentence.
        ordinary = _is_ordinary_word(text[hit.start : hit.end], lexicon)
        needs_context = pattern.needs_context or (ordinary and (hit.start in sentence_starts or not pattern.is_primary))
        chosen.append(
            KnownMention(
                hit.start,
                hit.end,
                pattern.entry_index,
                confidence,
                needs_context,
                pattern.is_ticker,
                ordinary=ordinary or pattern.needs_context,
            )
        )
        last_end = hit.end
    return _resolve_context(text, chosen)


def _case_confidence(surface: str, hit: GazetteerHit) -> float | None:
    """Names keep their capitals: "Apple" is the company, "apple" the fruit, "Bt" nothing."""
    pattern = hit.pattern
    if surface == pattern.written:
        return EXACT
    if pattern.is_acronym or pattern.is_ticker or (not surface[:1].isupper() and not surface[:1].isdigit()):
        return None
    if surface.isupper() and len(surface) > 3:
        return RECASED
    for written_word, surface_word in zip(pattern.written.split(), surface.split(), strict=False):
        if written_word[:1].isupper() and not surface_word[:1].isupper():
            return None
    return RECASED


def _in_ticker_position(text: str, hit: GazetteerHit) -> bool:
    before = text[max(0, hit.start - 12) : hit.start]
    return bool(_TICKER_BEFORE.search(before)) and _TICKER_AFTER.match(text, hit.end) is not None


def _is_ordinary_word(surface: str, lexicon: Lexicon) -> bool:
    return " " not in surface and surface.casefold() in lexicon.dictionary_words


def _resolve_context(text: str, mentions: list[KnownMention]) -> list[KnownMention]:
    """Keep an ordinary-word mention when the article shows it means the company anywhere: the company's fuller
    name or ticker is in the text, or some mention of it has a corporate cue beside it. One sense per article."""
    confirmed: set[int] = set()
    for mention in mentions:
        if not mention.needs_context or _has_corporate_cue(text, mention):
            confirmed.add(mention.entry_index)
    # A list spreads the confirmation along itself ("Paramount, Universal and Warner Brothers").
    listed = [
        (previous, mention)
        for previous, mention in pairwise(mentions)
        if mention.start - previous.end <= _LIST_GAP_LENGTH
        and _LIST_GAP.fullmatch(text, previous.end, mention.start) is not None
    ]
    changed = True
    while changed:
        changed = False
        for previous, mention in listed:
            pair = {previous.entry_index, mention.entry_index}
            if pair & confirmed and not pair <= confirmed:
                confirmed.update(pair)
                changed = True
    kept: list[KnownMention] = []
    for mention in mentions:
        if not mention.needs_context:
            kept.append(mention)
        elif mention.entry_index in confirmed:
            mention.needs_context = False
            mention.confidence = min(mention.confidence, IN_CONTEXT)
            kept.append(mention)
    return kept


def _has_corporate_cue(text: str, mention: KnownMention) -> bool:
    before = text[max(0, mention.start - _CONTEXT_WINDOW) : mention.start]
    if _CONTEXT_BEFORE.search(before):
        return True
    return _CONTEXT_AFTER.match(text, mention.end, mention.end + _CONTEXT_WINDOW) is not None
