"""Normalizer quality on PerSpellData pairs (wrong → correct): sentences fixed exactly, and correct
sentences the normalizer makes wrong. Used by the quality gate and ``bench/bench_text.py`` (which scores
hazm's and shekar's normalizers with the same function).

>>> spelling_scores(lambda s: s.replace("بعنوان", "به‌عنوان"), [("بعنوان مثال", "به‌عنوان مثال")])
{'pairs': 1, 'fixed': 1, 'fixed_pct': 100.0, 'already_equal': 0, 'correct_changed': 0}
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Sequence


def read_pairs(folder: Path) -> list[tuple[str, str]]:
    """``(wrong, correct)`` sentence pairs from a PerSpellData ``real-word/<kind>`` folder, stripped."""
    wrong = next(folder.glob("wrong*.txt")).read_text(encoding="utf-8").splitlines()
    correct = next(folder.glob("correct*.txt")).read_text(encoding="utf-8").splitlines()
    return [(w.strip(), c.strip()) for w, c in zip(wrong, correct) if w.strip() and c.strip()]


def spelling_scores(normalize: Callable[[str], str], pairs: Sequence[tuple[str, str]],
                    outputs: Iterable[tuple[str, str]] | None = None) -> dict:
    """``fixed``: wrong sentences whose normalized form equals the correct one exactly;
    ``correct_changed``: correct sentences that the normalizer changes (it made them wrong).
    ``outputs`` may give precomputed ``(normalized wrong, normalized correct)`` pairs instead of ``normalize``."""
    if outputs is None:
        outputs = ((normalize(w), normalize(c)) for w, c in pairs)
    fixed = changed = equal = 0
    for (wrong, correct), (out_wrong, out_correct) in zip(pairs, outputs):
        equal += wrong == correct
        fixed += wrong != correct and out_wrong.strip() == correct
        changed += out_correct.strip() != correct
    n = len(pairs)
    return {"pairs": n, "fixed": fixed, "fixed_pct": round(100 * fixed / n, 2) if n else 0.0,
            "already_equal": equal, "correct_changed": changed}
