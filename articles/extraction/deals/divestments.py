"""Spin-offs and divestments: "X will spin off its Y unit", "Y, a spin-off from X", "X sells its Y unit to Z",
"Y was sold to Z", "X seeks a buyer for Y".
"""

from __future__ import annotations

import re

from articles.extraction.deals.objects import (
    ALL_SHARES,
    GOODS,
    NOT_A_SALE_AFTER,
    SHARES,
    STAKE_WORDS,
    UNIT_PRICE,
    names_a_product,
    trades_goods,
)
from articles.extraction.deals.parties import BY_AFTER, PASSIVE_BEFORE, FoundDeal, company_of, is_past, party_list
from articles.extraction.deals.sentence import DealSentence, Named, names_a_business, rx
from articles.extraction.types import DealKind, PartyRole

SPIN = rx(
    r"\b(?:spin(?:s|ning)? off|spun off|spin-offs?|spinoffs?|spin(?:s|ning)? out|spun out|spin-outs?|"
    r"demerg(?:e|es|ed|er|ing)|carve-outs?|carv(?:e|es|ed|ing) out)\b"
)
SELL = rx(
    r"\b(?:sell|sells|selling|sold|divest(?:s|ed|ing)?|dispos(?:e|es|ed|ing) of|offload(?:s|ed|ing)?|"
    r"unload(?:s|ed|ing)?|hiv(?:e|es|ed|ing) off|(?:sale|disposal|disposition|divestiture|divestment) of)\b"
)
SEEK_BUYER = rx(
    r"\b(?:seek\w*|find|finding|look\w* for|solicit\w*|explor\w*|sought) (?:a |potential |possible |new )?"
    r"(?:buyers?|purchasers?|acquirers?) (?:for|of)\b|\b(?:proposed |potential )?(?:purchaser|buyer) of\b|"
    r"\bput (?:\S+ ){1,4}up for sale\b|\bfor sale\b"
)
_OF = rx(r" of ")
_FROM_AFTER = rx(r" (?:\S+ ){0,2}?from ")
_IT_PASSIVE = rx(r"\bit (?:\w+ ){0,2}(?:been|be|was|is) $")
_SELL_OFF = rx(r"[-\s]off\b")
_PARTICIPLE_LEAD = rx(r"(?:,|\b(?:which|that)(?: was| were)?) ?$")
# "selling the firm", "sell the loss-making business": a company named earlier, referred to again.
_THE_COMPANY = rx(r" (?:the|that) (?:[\w-]+ ){0,2}?(?:company|firm|concern|business)\b(?!'s)")
_VERB_FORM_SPIN = rx(r"(?:\bto|\bwill|\bwould|\bcan|\bcould|\bmay|\bmight|\band|\bplans to|\bplanned to) $")


def spin(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    text = sentence.text
    start, end = match.span()
    word = match.group(0).lower()
    from_parent = _FROM_AFTER.match(text, end)
    if from_parent:
        # "Opera began life as a spin-off from Telenor": the subject is the spun-off company.
        parent = company_of(sentence.object_after(from_parent.end(), window=50))
        child, sure = sentence.subject_before(start)
        if child is None:
            # "Opera began life as a research project - a spin-off from Telenor": an apposition past a dash.
            before = sentence.mentions_between(0, start)
            child, sure = (before[-1].company, 0.8) if before else (None, 0.0)
        parties = party_list((parent, PartyRole.PARENT), (child, PartyRole.SPUN_OFF))
        if not parties or parent is None:
            return []
        return [FoundDeal(DealKind.SPIN_OFF, parties, start, end, 0.8 * max(sure, 0.7), past=True)]
    is_verb = " " in word or "\n" in word or bool(_VERB_FORM_SPIN.search(text, max(0, start - 20), start))
    is_verb = is_verb or word.startswith(("demerge", "carv"))
    of = _OF.match(text, end)
    child_named = sentence.object_after(end, window=70) if is_verb else None
    if of:
        child_named = sentence.object_after(of.end(), window=50)
    parent, sure = sentence.subject_before(start)
    child = company_of(child_named)
    if child is parent:
        child = None
    if parent is None and child is None:
        return []
    if child is None and not (is_verb or of):
        return []  # "the spin-off is a bold move": a reference back, not a statement of the deal
    parties = party_list((parent, PartyRole.PARENT), (child, PartyRole.SPUN_OFF))
    return [FoundDeal(DealKind.SPIN_OFF, parties, start, end, 0.85 * max(sure, 0.7), past=word in {"spun off"})]


def sell(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    text = sentence.text
    start, end = match.span()
    word = match.group(0).lower()
    if _SELL_OFF.match(text, end) and word in {"sell", "sells", "selling"}:
        return []  # a market sell-off
    if NOT_A_SALE_AFTER.match(text, end) or UNIT_PRICE.search(text, end, min(len(text), end + 60)):
        return []  # "sold extremely well", "a sell recommendation", "sell for 1.20 dlrs a pound"
    buyer_named = sentence.named_after_word(end, "to", window=110)
    by = BY_AFTER.match(text, end)
    if word in {"sold", "divested", "offloaded", "unloaded"} and (
        by or PASSIVE_BEFORE.search(text, max(0, start - 30), start) or _is_passive_participle(sentence, start)
    ):
        return _sold_passive(sentence, match, buyer_named, by)
    target_named = sentence.object_after(end, window=90)
    if trades_goods(text, end, target_named.start if target_named else len(text)):
        return []
    if target_named is not None and buyer_named is not None and target_named.start >= buyer_named.start:
        target_named = None  # the first company after "sold ... to" is the buyer
    gap_end = target_named.start if target_named else min(len(text), end + 60)
    gap = text[end:gap_end]
    if STAKE_WORDS.search(gap):
        return []  # a stake sale: the stake rule reads it
    if target_named is not None and names_a_product(sentence, target_named):
        return []
    relative = sentence.relative_object_before(start)
    if target_named is None and relative is not None:
        target_named = relative
    seller, sure = sentence.subject_before(start)
    target = company_of(target_named)
    buyer = company_of(buyer_named)
    sells_itself = ALL_SHARES.search(gap) is not None  # "the sale of all its outstanding shares": of the company
    if target is None and not sells_itself and (not names_a_business(text, end) or SHARES.search(gap)):
        return []  # "sells cars to", "sold shares": trade, not a deal
    if target is None and not sells_itself and _THE_COMPANY.match(text, end):
        # "which has led X to consider selling the firm": the firm is the other company the sentence named, not the
        # seller; the story's company is not reached for, since a company selling "the business" may mean its own.
        target = sentence.company_referred_to(start, excluding=seller, beyond_sentence=False)
    if seller is target and target is not None and buyer is not None:
        target = None  # "X agreed to sell X Italia to Z": X sells a unit named after itself
    if seller is target or seller is buyer:
        seller = None
    if target is None and seller is None and buyer is None:
        return []
    parties = party_list((buyer, PartyRole.ACQUIRER), (target, PartyRole.TARGET), (seller, PartyRole.SELLER))
    kind = DealKind.ACQUISITION if buyer is not None else DealKind.DIVESTMENT
    return [FoundDeal(kind, parties, start, end, 0.8 * max(sure, 0.6), past=is_past(word))]


def _sold_passive(
    sentence: DealSentence, match: re.Match[str], buyer_named: Named | None, by: re.Match[str] | None
) -> list[FoundDeal]:
    """ "Y was sold to Z", "Y, sold by X last year": the company before the verb is what was sold."""
    start, end = match.span()
    clause_start = sentence.clause_start(start)
    before = sentence.mentions_between(clause_start, start)
    target = before[-1].company if before else None
    if target is None and _IT_PASSIVE.search(sentence.text, clause_start, start):
        target = sentence.speaker_before(clause_start)  # "X said it has been sold to a group of investors"
    if target is None:
        return []  # "cars sold by X": what was sold is not a company
    if before and GOODS.search(sentence.text, before[-1].end, start):
        return []  # "X's program is well advanced with 10 mln tonnes already sold"
    seller = company_of(sentence.object_after(by.end(), window=40)) if by else None
    buyer = company_of(buyer_named)
    if target is buyer or target is seller:
        return []
    parties = party_list((buyer, PartyRole.ACQUIRER), (target, PartyRole.TARGET), (seller, PartyRole.SELLER))
    kind = DealKind.ACQUISITION if buyer is not None else DealKind.DIVESTMENT
    return [FoundDeal(kind, parties, start, end, 0.75, past=True)]


def _is_passive_participle(sentence: DealSentence, start: int) -> bool:
    """ "Y, sold to Z last year": a participle right after the company, no subject pronoun between."""
    before = sentence.text[max(0, start - 25) : start]
    return bool(_PARTICIPLE_LEAD.search(before)) and bool(sentence.mentions_ending_between(start - 3, start))


def seek_buyer(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    """ "X retained a bank to seek a buyer for Y", "X put its Y unit up for sale": a divestment in the making."""
    start, end = match.span()
    if GOODS.search(sentence.text, sentence.clause_start(start), start):
        return []  # "X has been offering two spot cargoes of crude for sale": trade
    seller, sure = sentence.subject_before(start)
    target = company_of(sentence.object_after(end, window=60)) if not match.group(0).lower().endswith("sale") else None
    if target is None and match.group(0).lower().endswith("sale"):
        target = company_of(sentence.object_after(sentence.clause_start(start), window=max(0, start - 1)))
    if seller is target:
        seller = None
    if seller is None and target is None:
        return []
    parties = party_list((target, PartyRole.TARGET), (seller, PartyRole.SELLER))
    return [FoundDeal(DealKind.DIVESTMENT, parties, start, end, 0.6 * max(sure, 0.7))]
