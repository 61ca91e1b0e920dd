"""Quality gate for search and near-duplicate grouping: ``khabar evaluate search`` on real articles must
not fall more than the pinned tolerance below ``tests/quality/corpus.json``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.evaluation.corpus import evaluate

PINNED = json.loads((Path(__file__).parent / "quality" / "corpus.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores(shared_data):
    return evaluate(PINNED["per_source"], str(shared_data))


@pytest.mark.quality
@pytest.mark.parametrize("part, metric", [
    ("known_item", "mrr10"), ("known_item", "success1"), ("known_item", "success10"),
    ("near_duplicates", "recall"), ("near_duplicates", "original_groups"),
])
def test_store_quality_does_not_drop(scores, part, metric):
    assert scores[part][metric] >= PINNED[part][metric] - PINNED["tolerance"], (part, metric, scores[part])
