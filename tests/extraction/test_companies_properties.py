"""Property tests: any text gives valid offsets and raises nothing but ExtractionError."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extraction.pipeline import extract
from articles.extraction.types import ExtractionError
from tests.extraction.companies_fixtures import small_gazetteer

GAZETTEER = small_gazetteer()
WORDS = st.sampled_from(
    ["Kuaishou", "Kling AI", "Inc", "Ltd", "its", "unit", "of", "'s", "\u2019s", ",", ".", "\n", "\n\n", "Shares in",
     "Apple", "(NASDAQ: AAPL)", "the", "firm", "İstanbul", "ß", "Ltd.", "&", "-", "  ", "Mr", "said", "$2bn"]
)  # fmt: skip
NEWSY = st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), NEWSY))
def test_any_text_gives_valid_offsets(text: str) -> None:
    try:
        extraction = extract(text, GAZETTEER)
    except ExtractionError:
        return
    for company in extraction.companies:
        assert 0.0 <= company.confidence <= 1.0
        for mention in company.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
    for sentence in extraction.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for deal in extraction.deals:
        assert text[deal.evidence.start : deal.evidence.end] == deal.evidence.text


def test_a_non_string_raises_our_own_error() -> None:
    with pytest.raises(ExtractionError, match="string"):
        extract(b"bytes", GAZETTEER)  # type: ignore[arg-type]
