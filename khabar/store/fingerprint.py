"""Near-duplicate fingerprints: MinHash over word 5-shingles, cut into LSH bands.

Two documents whose band hashes share at least one value are near-duplicates (same story re-published
with a changed headline, a dropped paragraph, an agency suffix). With 16 bands of 4 rows, documents of
Jaccard similarity 0.8 collide with probability ≈ 1 − (1 − 0.8⁴)¹⁶ ≈ 0.999, of 0.3 with ≈ 0.12.

This small function is the one place to swap for ``khabar.about.fingerprint`` when it lands.

>>> a = near_duplicate_bands("یک دو سه چهار پنج شش هفت هشت نه ده")
>>> b = near_duplicate_bands("یک دو سه چهار پنج شش هفت هشت نه ده")
>>> a == b and len(a) == 16
True
"""
from __future__ import annotations

import re
import zlib
from typing import Sequence

import numpy as np

BANDS = 16
ROWS = 4
SHINGLE = 5
_WORD = re.compile(r"[\w\u200c]+")


def _permutations() -> np.ndarray:
    rng = np.random.default_rng(20240607)
    return rng.integers(1, 1 << 63, size=BANDS * ROWS, dtype=np.uint64)


_A = _permutations()  # constant parameters, not mutable state


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer (wrapping uint64 arithmetic): one independent-looking hash per seed."""
    z = x + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _shingle_hashes(words: Sequence[str]) -> np.ndarray:
    """32-bit hashes of the word 5-shingles (a polynomial over CRC-32 word hashes; stable across runs)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    w = np.fromiter((zlib.crc32(x.encode()) for x in words), dtype=np.uint64, count=len(words))
    if len(w) < SHINGLE:
        w = np.concatenate([w, np.zeros(SHINGLE - len(w), dtype=np.uint64)])
    n = len(w) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        h = (h * np.uint64(1000003) + w[k:k + n]) & np.uint64(0xFFFFFFFF)
    return np.unique(h)


def signature(words: str | Sequence[str]) -> np.ndarray | None:
    """The MinHash signature (``BANDS * ROWS`` uint64 minima) of a text or of its folded words; None
    without words. The signature of a union of shingle sets is the element-wise minimum of theirs."""
    if isinstance(words, str):
        words = [w.replace("\u200c", "") for w in _WORD.findall(words.translate(_FOLD))]
    hashes = _shingle_hashes(words)
    if hashes.size == 0:
        return None
    return _mix(hashes[:, None] ^ _A[None, :]).min(axis=0)


def signature_bands(sig: np.ndarray | None) -> list[int]:
    """The LSH band values of a signature: each band's minima mixed into one signed 63-bit integer."""
    if sig is None:
        return []
    bands = sig.reshape(BANDS, ROWS)
    mixed = (bands[:, 0] * np.uint64(0x9E3779B1) ^ bands[:, 1] * np.uint64(0x85EBCA77)
             ^ bands[:, 2] * np.uint64(0xC2B2AE3D) ^ bands[:, 3] * np.uint64(0x27D4EB2F))
    mixed = (mixed ^ (np.arange(BANDS, dtype=np.uint64) << np.uint64(56))) & np.uint64((1 << 63) - 1)
    return [int(x) for x in mixed]


def near_duplicate_bands(words: str | Sequence[str]) -> list[int]:
    """``BANDS`` band hashes of a text or of its (folded) words; empty list without words."""
    return signature_bands(signature(words))


_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه", "أ": "ا", "إ": "ا"})
