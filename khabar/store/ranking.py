"""Ranking helpers shared by both backends: top-k selection, phrase runs, highlight positions, snippets.

All of them work on plain numbers (numpy arrays of document ids, scores and term ids), which is what
makes SQLite and PostgreSQL rank identically.

>>> import numpy as np
>>> ids, scores = top_k(np.array([3, 5, 9]), np.array([1.0, 2.0, 2.0]), 2)
>>> ids.tolist()
[9, 5]
"""
from __future__ import annotations

from array import array
from typing import Sequence

import numpy as np

SNIPPET_CHARS = 240


def top_k(ids: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` best documents, best score first and the newest (largest) id first among equal scores:
    exactly the head of a full sort, without sorting everything."""
    if ids.size > 4 * k and k > 0:
        kth = np.partition(scores, ids.size - k)[ids.size - k]
        keep = scores >= kth  # every document that can be in the top k, ties included
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((-ids.astype(np.int64), -scores))[:max(k, 0)]
    return ids[order], scores[order]


def without(ids: np.ndarray, scores: np.ndarray, excluded: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mask = ~np.isin(ids, excluded)
    return ids[mask], scores[mask]


def phrase_in(arrays: Sequence[np.ndarray], ids: Sequence[int]) -> np.ndarray:
    """For each term-id sequence, whether ``ids`` occurs in it as a contiguous run (vectorized)."""
    k = len(ids)
    out = np.zeros(len(arrays), dtype=bool)
    if k == 0 or -1 in ids or not arrays:
        return out
    lengths = np.fromiter((len(a) for a in arrays), dtype=np.int64, count=len(arrays))
    starts = np.concatenate(([0], np.cumsum(lengths)))
    flat = np.concatenate(arrays)
    m = len(flat) - k + 1
    if m <= 0:
        return out
    hit = flat[:m] == ids[0]
    for j in range(1, k):
        hit &= flat[j:j + m] == ids[j]
    positions = np.flatnonzero(hit)
    doc = np.searchsorted(starts, positions, side="right") - 1
    inside = positions + k <= starts[doc + 1]  # the run must not cross into the next document
    out[doc[inside]] = True
    return out


def match_positions(seq: array, term_ids: set[int], phrases: list[list[int]]) -> list[int]:
    positions = set()
    for ids in phrases:
        n = len(ids)
        for i in range(len(seq) - n + 1):
            if seq[i] == ids[0] and list(seq[i:i + n]) == ids:
                positions.update(range(i, i + n))
    if not positions:
        positions = {i for i, t in enumerate(seq) if t in term_ids}
    return sorted(positions)


def snippet(text: str, highlights: list[tuple[int, int]]) -> tuple[str, int]:
    if not highlights:
        end = min(len(text), SNIPPET_CHARS)
        return text[:end], 0
    first = highlights[0][0]
    start = max(0, first - SNIPPET_CHARS // 3)
    if start > 0:
        space = text.find(" ", start)
        if 0 <= space < first:
            start = space + 1
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", max(first, start), end)
        if space > highlights[0][1]:
            end = space
    return text[start:end], start
