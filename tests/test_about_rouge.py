"""ROUGE-1/2/L on token lists, checked against hand-computed values."""
from __future__ import annotations

import pytest

from khabar.about.rouge import lcs_length, mean_scores, rouge_l, rouge_n, rouge_scores

CAND = "وزیر نفت امروز گفت تولید افزایش یافت".split()
REF = "وزیر نفت گفت تولید نفت افزایش یافت".split()


@pytest.mark.parametrize("cand, ref, n, expected", [
    (CAND, REF, 1, (6 / 7, 6 / 7)),          # امروز unmatched; نفت counted once in the candidate
    (CAND, REF, 2, (3 / 6, 3 / 6)),          # وزیر نفت, گفت تولید, افزایش یافت
    (["الف"], ["الف", "ب"], 1, (1.0, 0.5)),
    (["الف", "الف"], ["الف"], 1, (0.5, 1.0)),  # clipped counts
    ([], ["الف"], 1, (0.0, 0.0)),
])
def test_rouge_n_precision_recall(cand, ref, n, expected):
    p, r, f = rouge_n(cand, ref, n)
    assert (p, r) == pytest.approx(expected)
    assert f == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


@pytest.mark.parametrize("a, b, expected", [
    (CAND, REF, 6),
    ("الف ب ج د".split(), "ب د".split(), 2),
    ("الف ب".split(), "ج د".split(), 0),
    ([], ["الف"], 0),
])
def test_rouge_lcs_length(a, b, expected):
    assert lcs_length(a, b) == expected == lcs_length(b, a)


def test_rouge_scores_identical_is_one_and_mean_is_percent():
    one = rouge_scores(REF, REF)
    assert one == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    assert rouge_l(CAND, REF)[2] == pytest.approx(6 / 7)
    assert mean_scores([one, rouge_scores([], REF)]) == {"rouge1": 50.0, "rouge2": 50.0, "rougeL": 50.0}
