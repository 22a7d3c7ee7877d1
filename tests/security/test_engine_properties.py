"""The engine on hostile text, extending tests/extraction/*_properties.py: what the readers hand over, and text built
to make regular expressions backtrack, gives valid offsets and well-typed results, in bounded time."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.extraction.pipeline import extract
from articles.extraction.types import CompanyKind, DealKind, DealStatus, Extraction, ExtractionError, PartyRole
from articles.readers import ReaderError, read_bytes
from tests.extraction.companies_fixtures import small_gazetteer

GAZETTEER = small_gazetteer()
NEWS_WORDS = st.sampled_from(
    ["Kuaishou", "Apple Inc.", "IBM", "Meta", "Time Warner", "AOL", "agreed", "to", "buy", "acquire", "stake", "$5bn",
     "€2.5 billion", "Series B", "IPO", "spin off", "unit", "said", "on", "Monday", "\n\n", ".", ",", "(NYSE: IBM)",
     "<script>alert(1)</script>", "'; DROP TABLE x; --", "\u202e", "\x00", "İ", "ﬁ", "e\u0301"]
)  # fmt: skip
NEWS = st.lists(st.one_of(NEWS_WORDS, st.text(max_size=6)), max_size=60).map(" ".join)


def check_extraction(text: str, extraction: Extraction) -> None:
    for sentence in extraction.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
    for company in extraction.companies:
        assert isinstance(company.name, str)
        assert company.name.strip()
        assert company.kind in set(CompanyKind)
        assert 0.0 <= company.confidence <= 1.0
        for mention in company.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
    for deal in extraction.deals:
        assert deal.kind in set(DealKind)
        assert deal.status in set(DealStatus)
        assert all(party.role in set(PartyRole) for party in deal.parties)
        assert text[deal.evidence.start : deal.evidence.end] == deal.evidence.text
        for money in (deal.amount, deal.valuation):
            assert money is None or (isinstance(money, Decimal) and money >= 0)
        assert deal.announced_on is None or isinstance(deal.announced_on, date)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NEWS, name=st.sampled_from(["a.txt", "a.md", "a.html", "a.json", "a.xml"]))
def test_the_engine_reads_whatever_a_reader_hands_over(text: str, name: str) -> None:
    try:
        documents = read_bytes(text.encode("utf-8", "surrogatepass"), name=name, origin=name)
    except ReaderError:
        return
    for document in documents:
        try:
            extraction = extract(document.body, GAZETTEER, published_on=date(2024, 5, 6))
        except ExtractionError:
            continue
        check_extraction(document.body, extraction)


# Shapes that make a careless regular expression backtrack for ever, at a size a real article can reach.
PATHOLOGICAL = {
    "capitalised words": "Alpha Beta Gamma Delta " * 5_000,
    "legal suffixes": "Apple Inc. Inc. Ltd. Corp. " * 3_000,
    "one huge word": "A" * 200_000,
    "no spaces": "IBM," * 40_000,
    "money noise": "$5bn $ 5 bn €€€ 5.5.5.5 billion " * 3_000,
    "nested brackets": "(" * 20_000 + "Kuaishou" + ")" * 20_000,
    "quotes": "\u201c'\"" * 30_000,
    "dots": "Mr. Dr. St. U.S. " * 5_000,
    "deal words": "to buy to acquire a stake in the unit of " * 3_000,
    "tickers": "(NASDAQ: AAPL) " * 5_000,
}


@pytest.mark.parametrize("shape", sorted(PATHOLOGICAL))
def test_the_engine_reads_pathological_text_in_bounded_time(shape: str) -> None:
    text = PATHOLOGICAL[shape]
    started = time.process_time()
    try:
        extraction = extract(text, GAZETTEER)
    except ExtractionError:
        extraction = None
    # Generous for a loaded shared machine (CPU seconds, not wall time); catastrophic backtracking takes minutes.
    assert time.process_time() - started < 20
    if extraction is not None:
        check_extraction(text, extraction)
