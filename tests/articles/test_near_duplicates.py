"""Near-duplicate fingerprints: the numpy MinHash gives datasketch's values, so stored band hashes stay valid."""

from __future__ import annotations

import numpy as np
import pytest

from articles.near_duplicates import BANDS, ROWS, THRESHOLD, band_hashes, jaccard, minhash, shingles

datasketch = pytest.importorskip("datasketch", reason="datasketch (requirements-dev.txt) is the reference MinHash")

STORY = (
    "Kuaishou plans to spin off its Kling AI video unit, valued at $20 billion, the Chinese company said on Monday. "
    "The move would let Kling AI raise money from outside investors while Kuaishou keeps control of the business. "
)


@pytest.mark.parametrize("text", ["", "Kuaishou", "one two three four five six", STORY, STORY * 4])
def test_the_minhash_is_datasketchs(text: str) -> None:
    shingle_set = shingles(text)
    reference = datasketch.MinHash(num_perm=BANDS * ROWS, seed=1)
    reference.update_batch([shingle.encode("utf-8") for shingle in sorted(shingle_set)])
    assert np.array_equal(minhash(shingle_set), reference.hashvalues)


def test_a_lightly_edited_story_shares_a_band_and_a_different_one_does_not() -> None:
    story = " ".join(f"In week {week} the company said sales in region {week * 7} rose again." for week in range(30))
    edited = story.replace("rose", "fell", 1)
    other = "Microsoft agreed to buy Activision Blizzard for $68.7 billion in cash, the companies said on Friday."
    assert jaccard(shingles(story), shingles(edited)) >= THRESHOLD
    assert set(enumerate(band_hashes(shingles(story)))) & set(enumerate(band_hashes(shingles(edited))))
    assert not set(enumerate(band_hashes(shingles(story)))) & set(enumerate(band_hashes(shingles(other))))
