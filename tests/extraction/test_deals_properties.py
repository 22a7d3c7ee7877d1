"""Property tests: deal finding never raises on any text, and evidence always slices the text it claims."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extraction.deals import find_deals
from articles.extraction.sentences import split_paragraphs, split_sentences
from articles.extraction.types import DealKind, DealStatus, PartyRole, Sentence
from tests.extraction.deals_fixtures import companies_in

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

# Text that looks like deal news: company names, deal words and noise in random order.
_WORDS = st.sampled_from(
    [
        "Northwind", "Contoso", "Litware", "agreed", "to", "buy", "bought", "by", "was", "stake", "in", "20%",
        "$5bn", "sold", "its", "unit", "to", "merge", "with", "and", "spin", "off", "IPO", "said", "it", ",", ".",
        "which", "of", "the", "takeover", "bid", "for", "Series", "A", "raised", "led", "joint", "venture", "\n",
    ]
)  # fmt: skip
_DEALISH = st.lists(_WORDS, max_size=60).map(" ".join)


def _check(text: str) -> None:
    sentences = split_sentences(text, split_paragraphs(text))
    companies = companies_in(text, "Northwind", "Contoso", "Litware")
    names = {company.name for company in companies}
    for deal in find_deals(text=text, sentences=sentences, companies=companies, published_on=None):
        assert 0 <= deal.evidence.start <= deal.evidence.end <= len(text)
        assert text[deal.evidence.start : deal.evidence.end] == deal.evidence.text
        assert deal.parties
        assert {party.name for party in deal.parties} <= names
        assert len({party.name for party in deal.parties}) == len(deal.parties)
        assert deal.kind in DealKind
        assert deal.status in DealStatus
        assert all(party.role in PartyRole for party in deal.parties)


@given(st.text())
def test_find_deals_never_raises_on_arbitrary_text(text):
    _check(text)


@settings(max_examples=300)
@given(_DEALISH)
def test_find_deals_on_deal_like_word_salad_gives_valid_evidence(text):
    _check(text)


def test_find_deals_ignores_sentences_whose_offsets_fall_outside_the_text():
    text = "Northwind agreed to buy Contoso."
    outside = Sentence(start=100, end=130, text="Northwind agreed to buy Contoso.", paragraph=0)
    assert (
        find_deals(
            text=text, sentences=[outside], companies=companies_in(text, "Northwind", "Contoso"), published_on=None
        )
        == []
    )


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed documents are not here")
def test_the_seed_gives_exactly_one_proposed_spin_off_with_the_first_sentence_as_evidence():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences = split_sentences(text, split_paragraphs(text))
        companies = companies_in(text, "Kuaishou", "Kling AI")
        deals = find_deals(text=text, sentences=sentences, companies=companies, published_on=None)
        assert len(deals) == 1
        deal = deals[0]
        assert deal.kind == DealKind.SPIN_OFF
        assert deal.status == DealStatus.PROPOSED
        assert {(p.name, p.role) for p in deal.parties} == {
            ("Kuaishou", PartyRole.PARENT),
            ("Kling AI", PartyRole.SPUN_OFF),
        }
        assert (deal.valuation, deal.valuation_currency) == (20_000_000_000, "USD")
        assert deal.evidence.start == sentences[0].start
        assert re.match(r"China's Kuaishou", deal.evidence.text)
