"""A deal statement made into a `DealCandidate`: its status from the wording, its amount and valuation from the
money in the sentence, its announcement date and its evidence.
"""

from __future__ import annotations

from datetime import date

from articles.extraction.deals.dates import announced_on, stated_year
from articles.extraction.deals.parties import FoundDeal
from articles.extraction.deals.sentence import DealSentence, rx
from articles.extraction.deals.status import status_from_wording
from articles.extraction.money import Money
from articles.extraction.types import DealCandidate, PartyCandidate, Span

_VALUATION_CUE = rx(r"\b(?:valued at|valuing (?:\S+ ){0,3}at|valuation of|values (?:\S+ ){0,3}at)\b")
_AMOUNT_CUE = rx(
    r"\b(?:for|worth|paid|pay|paying|price of|priced at|cost|raise[sd]?|raising|totall?ing|deal|offer|bid|"
    r"in cash|invest(?:ed|s|ing)?|at|of)\b"
)
# Between a sum and the deal word it prices: nothing, or a word or two ("in cash", "hostile takeover").
_SUM_BEFORE_DEAL = rx(r" ?(?:[\w-]+ ){0,2}")
_NOT_AMOUNT_CUE = rx(
    r"\b(?:sales|revenues?|profits?|turnover|earnings|loss(?:es)?|assets|income|debts?|market value|"
    r"capitali[sz]ation)\b"
)


def _valuation(sentence: DealSentence, money: list[Money]) -> Money | None:
    for each in money:
        if _VALUATION_CUE.search(sentence.text, max(0, each.start - 40), each.start) and not each.per_share:
            return each
    return None


def _amount(sentence: DealSentence, money: list[Money], found: FoundDeal, valuation: Money | None) -> Money | None:
    """The deal's value: a sum after the verb, introduced as a price ("for", "worth"), not a company's sales."""
    candidates = [each for each in money if each is not valuation and not each.per_share]
    for each in candidates:
        if _SUM_BEFORE_DEAL.fullmatch(sentence.text, each.end, found.trigger_start):
            return each  # "its $68.7 billion acquisition of Y", "a 542 mln stg bid"
        lead = sentence.text[max(0, each.start - 35) : each.start]
        if _NOT_AMOUNT_CUE.search(lead):
            continue
        if each.start >= found.trigger_start - 40 and _AMOUNT_CUE.search(lead):
            return each
    return None


def deal_candidate(
    sentence: DealSentence, found: FoundDeal, money: list[Money], published_on: date | None
) -> tuple[DealCandidate, bool]:
    text = sentence.text
    clause = sentence.clause_start(found.trigger_start)
    wording = text[max(clause - 60, 0, found.trigger_start - 160) : min(len(text), found.trigger_end + 60)]
    status, explicit = status_from_wording(wording, past_default=found.past)
    valuation = _valuation(sentence, money)
    amount = _amount(sentence, money, found, valuation)
    deal = DealCandidate(
        kind=found.kind,
        status=status,
        parties=tuple(PartyCandidate(name=company.name, key=company.key, role=role) for company, role in found.parties),
        evidence=Span(start=sentence.offset, end=sentence.offset + len(text), text=text),
        confidence=round(min(found.confidence, 1.0), 3),
        amount=amount.amount if amount else None,
        currency=amount.currency if amount else None,
        valuation=valuation.amount if valuation else None,
        valuation_currency=valuation.currency if valuation else None,
        round=found.round,
        announced_on=announced_on(text, published_on),
        stated_year=stated_year(wording),
    )
    return deal, explicit
