"""Quality gate of the text layer: dev scores pinned in tests/quality/text.json.

UD: tokens, words and sentences F1 of ``khabar evaluate ud FILE --no-tags`` on the PerDT and Seraji dev
treebanks. PerSpellData ``be``/``hich``: sentences the normalizer fixes exactly, and correct sentences it
changes. A drop of more than ``tolerance`` points (UD) or 2% of the pairs (PerSpellData) fails."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.evaluation.spelling import read_pairs, spelling_scores
from khabar.evaluation.ud import evaluate_file

PINNED = json.loads((Path(__file__).parent / "quality" / "text.json").read_text(encoding="utf-8"))
TOLERANCE = PINNED["tolerance"]


@pytest.mark.quality
@pytest.mark.parametrize("treebank", sorted(PINNED["ud"]))
def test_quality_ud_tokenization(shared_data, treebank):
    pinned = PINNED["ud"][treebank]
    scores = evaluate_file(str(shared_data / pinned["file"]), tags=False)
    for key in ("tokens_f1", "words_f1", "sentences_f1"):
        assert scores[key] >= pinned[key] - TOLERANCE, f"{treebank} {key}: {scores[key]} < pinned {pinned[key]}"


@pytest.mark.quality
@pytest.mark.parametrize("kind", sorted(PINNED["perspell"]))
def test_quality_perspell_normalization(shared_data, kind, text_nlp):
    pinned = PINNED["perspell"][kind]
    normalizer = text_nlp.get("normalizer").normalizer
    scores = spelling_scores(normalizer.normalize, read_pairs(shared_data / pinned["folder"]))
    slack = max(1, round(0.02 * pinned["pairs"]))
    assert scores["fixed"] >= pinned["fixed"] - slack
    assert scores["correct_changed"] <= pinned["correct_changed"] + slack
