"""Ranking helpers of the store: partial top-k equals the head of a full sort; phrase runs never cross
document boundaries."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from khabar.store.ranking import phrase_in, top_k


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 12)), min_size=1, max_size=400,
                unique_by=lambda x: x[0]), st.integers(1, 60))
def test_store_ranking_top_equals_full_sort(pairs, k):
    ids = np.array([p[0] for p in pairs], dtype=np.int64)
    scores = np.array([p[1] / 4 for p in pairs])
    order = np.lexsort((-ids, -scores))
    top_ids, top_scores = top_k(ids, scores, k)
    assert top_ids.tolist() == ids[order][:k].tolist()
    assert top_scores.tolist() == scores[order][:k].tolist()


@pytest.mark.parametrize("sequences, phrase, expected", [
    ([[1, 2, 3], [4, 5]], [2, 3], [True, False]),
    ([[1, 2], [3, 4]], [2, 3], [False, False]),        # 2 ends one document, 3 starts the next
    ([[7, 7, 7], [7]], [7, 7], [True, False]),
    ([[1, 2, 3], []], [1, 2, 3], [True, False]),
    ([[1, 2, 3]], [1, -1], [False]),                   # a word that is not indexed
])
def test_store_ranking_phrase_runs(sequences, phrase, expected):
    arrays = [np.array(s, dtype="<u4") for s in sequences]
    assert phrase_in(arrays, phrase).tolist() == expected
