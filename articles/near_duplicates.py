"""Near-duplicate detection: the same story republished with small edits is one story.

Two texts are near-duplicates when the Jaccard similarity of their 5-word shingles is at least 0.9. Comparing a new
article with every stored one would not scale, so each article keeps MinHash LSH band hashes (datasketch): texts
sharing a band become candidates, and only candidates get the exact comparison.

Pure Python, no Django: the storage side keeps the band hashes in ArticleFingerprint.
"""

from __future__ import annotations

import hashlib
import re

from datasketch import MinHash

SHINGLE_WORDS = 5
THRESHOLD = 0.9
# 16 bands of 8 rows: texts at Jaccard 0.9 share a band with probability > 0.9999; at 0.5 with about 0.06.
BANDS = 16
ROWS = 8
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping runs of `size` words, case-folded; a text shorter than that is its own single shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[index : index + size]) for index in range(len(words) - size + 1)}


def jaccard(first: set[str], second: set[str]) -> float:
    if not first and not second:
        return 1.0
    return len(first & second) / len(first | second)


def band_hashes(shingle_set: set[str]) -> list[int]:
    """One signed 64-bit hash per LSH band (fits a BigIntegerField); band i of two texts is compared with band i."""
    minhash = MinHash(num_perm=BANDS * ROWS, seed=1)
    minhash.update_batch([shingle.encode("utf-8") for shingle in sorted(shingle_set)])
    values = minhash.hashvalues
    hashes = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=b"newsbase").digest()
        hashes.append(int.from_bytes(digest, "big", signed=True))
    return hashes
