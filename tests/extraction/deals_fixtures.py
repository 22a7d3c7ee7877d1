"""Helpers for the deal tests: companies given by hand (as the company half of the engine would find them), so the
tests pin the deal grammar alone."""

from __future__ import annotations

import re
from datetime import date

from articles.extraction.deals import find_deals
from articles.extraction.sentences import split_paragraphs, split_sentences
from articles.extraction.types import CompanyCandidate, DealCandidate, MentionCandidate, MentionMethod, PartyRole


def companies_in(text: str, *names: str) -> list[CompanyCandidate]:
    """Each name as a known company, with a mention wherever it occurs in `text` as a whole word."""
    companies = []
    for name in names:
        mentions = [
            MentionCandidate(match.start(), match.end(), name, 1.0, MentionMethod.GAZETTEER)
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        ]
        companies.append(CompanyCandidate(name=name, key=name.lower(), confidence=1.0, mentions=mentions))
    return companies


def deals_in(text: str, *names: str, published_on: date | None = None) -> list[DealCandidate]:
    sentences = split_sentences(text, split_paragraphs(text))
    return find_deals(text=text, sentences=sentences, companies=companies_in(text, *names), published_on=published_on)


def the_deal(text: str, *names: str, published_on: date | None = None) -> DealCandidate:
    deals = deals_in(text, *names, published_on=published_on)
    assert len(deals) == 1, deals
    return deals[0]


def roles(deal: DealCandidate) -> dict[str, PartyRole]:
    return {party.name: party.role for party in deal.parties}
