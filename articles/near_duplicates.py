"""Near-duplicate detection: the same story republished with small edits is one story.

Two texts are near-duplicates when the Jaccard similarity of their 5-word shingles is at least 0.9. Comparing a new
article with every stored one would not scale, so each article keeps MinHash LSH band hashes: texts sharing a band
become candidates, and only candidates get the exact comparison.

The MinHash is datasketch's (2.0, default "affine32" scheme: SHA-1 of each shingle, MurmurHash3's finaliser, then
128 affine permutations drawn from numpy's RandomState(1)), written out here with numpy in a dozen lines because
importing datasketch imports SciPy, which costs every worker process about 70 MB; the values are the same, so band
hashes stored before stay valid (tests/articles/test_near_duplicates.py compares the two).

Pure Python, no Django: the storage side keeps the band hashes in ArticleFingerprint.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

SHINGLE_WORDS = 5
THRESHOLD = 0.9
# 16 bands of 8 rows: texts at Jaccard 0.9 share a band with probability > 0.9999; at 0.5 with about 0.06.
BANDS = 16
ROWS = 8
_WORD = re.compile(r"\w+")
_MINHASH_SEED = 1
_MAX_HASH = np.uint32(0xFFFFFFFF)


def _permutations(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine permutations h -> a * h + b (mod 2^32), a odd, in the order it draws them."""
    generator = np.random.RandomState(seed)
    multipliers = generator.randint(0, 1 << 31, count, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    offsets = generator.randint(0, 1 << 32, count, dtype=np.uint32)
    return multipliers, offsets


_MULTIPLIERS, _OFFSETS = _permutations(BANDS * ROWS, _MINHASH_SEED)


def _murmur_finalise(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser: spreads the bits of each value (multiplication wraps, as intended)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


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


def minhash(shingle_set: set[str]) -> np.ndarray:
    """The 128 MinHash values of a set of shingles (uint32), as datasketch.MinHash(num_perm=128, seed=1) gives."""
    hashes = np.array(
        [
            int.from_bytes(hashlib.sha1(shingle.encode("utf-8"), usedforsecurity=False).digest()[:4], "little")
            for shingle in shingle_set
        ],
        dtype=np.uint32,
    )
    if not hashes.size:
        return np.full(BANDS * ROWS, _MAX_HASH, dtype=np.uint32)
    with np.errstate(over="ignore"):
        permuted = _murmur_finalise(hashes).reshape(-1, 1) * _MULTIPLIERS + _OFFSETS
    return permuted.min(axis=0)


def band_hashes(shingle_set: set[str]) -> list[int]:
    """One signed 64-bit hash per LSH band (fits a BigIntegerField); band i of two texts is compared with band i."""
    values = minhash(shingle_set)
    hashes = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=b"newsbase").digest()
        hashes.append(int.from_bytes(digest, "big", signed=True))
    return hashes
