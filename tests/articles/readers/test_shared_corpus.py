"""The readers against the shared corpus and seed, when they sit next to the project (nothing is copied from them)."""

from pathlib import Path

import pytest

from articles.readers import RawDocument, ReadFailure, read_paths

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
BBC = SHARED / "corpus" / "bbc"
SEED = SHARED / "seeds" / "kuaishou-kling-spin-off.txt"


@pytest.mark.skipif(not BBC.is_dir(), reason=f"the BBC corpus is not at {BBC}")
def test_every_bbc_business_and_tech_file_reads_with_its_headline_as_the_title():
    results = list(read_paths([BBC / "business", BBC / "tech"]))

    failures = [str(result) for result in results if isinstance(result, ReadFailure)]
    assert failures == []
    assert len(results) == 911
    for document in results:
        headline = Path(document.origin).read_text(encoding="utf-8").split("\n", 1)[0].strip()
        assert document.title == headline
        assert not document.body.startswith(headline)


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed document is not at {SEED}")
def test_the_seed_without_a_title_line_keeps_its_whole_text_as_the_body():
    [document] = read_paths([SEED])

    assert isinstance(document, RawDocument)
    assert document.body == SEED.read_text(encoding="utf-8").strip()
    assert 20 <= len(document.title) <= 91
