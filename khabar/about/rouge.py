"""ROUGE-1, ROUGE-2 and ROUGE-L (Lin 2004), computed on khabar tokens.

Both the candidate and the reference are token lists produced by the same khabar text stages
(normalizer, sentence splitter, tokenizer); punctuation tokens are dropped and every word is folded
(:func:`khabar.about.terms.fold`: Arabic ``ي``/``ك`` → Persian, ZWNJ removed, digits to ASCII). No stemming
and no stopword removal. Scores are F1 (the harmonic mean of precision and recall):

- ROUGE-N: clipped n-gram overlap ``Σ min(count_cand, count_ref)`` over candidate / reference n-gram totals;
- ROUGE-L: longest common subsequence of the two whole token sequences (summary level, sentences
  concatenated), ``LCS / len(cand)`` and ``LCS / len(ref)``.

Corpus figures are the mean of per-document F1 (as the official ROUGE script reports), in percent.

>>> rouge_n(["a", "b", "c"], ["a", "b", "d"], 1)
(0.6666666666666666, 0.6666666666666666, 0.6666666666666666)
>>> rouge_l(["a", "b", "c", "d"], ["a", "c", "d"])[2]
0.8571428571428571
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence


def _prf(overlap: int, n_cand: int, n_ref: int) -> tuple[float, float, float]:
    p = overlap / n_cand if n_cand else 0.0
    r = overlap / n_ref if n_ref else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> tuple[float, float, float]:
    """(precision, recall, F1) of clipped n-gram overlap."""
    cand = Counter(tuple(candidate[i:i + n]) for i in range(len(candidate) - n + 1))
    ref = Counter(tuple(reference[i:i + n]) for i in range(len(reference) - n + 1))
    overlap = sum(min(c, ref[g]) for g, c in cand.items())
    return _prf(overlap, sum(cand.values()), sum(ref.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (O(len(a)·len(b)) time, O(len(b)) memory)."""
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the longest common subsequence."""
    return _prf(lcs_length(candidate, reference), len(candidate), len(reference))


def rouge_scores(candidate: Sequence[str], reference: Sequence[str]) -> dict[str, float]:
    """F1 of ROUGE-1, ROUGE-2 and ROUGE-L for one document (fractions, 0..1)."""
    return {
        "rouge1": rouge_n(candidate, reference, 1)[2],
        "rouge2": rouge_n(candidate, reference, 2)[2],
        "rougeL": rouge_l(candidate, reference)[2],
    }


def mean_scores(per_document: Sequence[dict[str, float]]) -> dict[str, float]:
    """Mean per-document F1, in percent, rounded to two decimals."""
    if not per_document:
        return {}
    keys = per_document[0].keys()
    return {k: round(100 * sum(d[k] for d in per_document) / len(per_document), 2) for k in keys}
