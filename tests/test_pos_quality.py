"""Quality gate for the POS tagger and lemmatizer: a fast cross-validation estimate must not drop.

The figure is the first fold of the 5-fold cross-validation that ``khabar train pos --cv 5`` runs (a
shorter CRF training), so it measures generalization to sentences the model did not see, both on
gold tokens and end to end from raw text. Pinned in ``tests/quality/pos.json``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

PINNED = json.loads((Path(__file__).parent / "quality" / "pos.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def estimate(shared_data):
    from khabar.training.pos import quick_estimate

    return quick_estimate(shared_data)


def _figures(tree: dict, prefix: str = ""):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _figures(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


@pytest.mark.slow
@pytest.mark.parametrize("name, pinned", [
    (name, value) for name, value in _figures({"perdt": PINNED["perdt"], "seraji": PINNED["seraji"]})
])
def test_pos_quality_cross_validated_figures_hold(estimate, name, pinned):
    value = estimate
    for part in name.split("."):
        value = value[part]
    assert value >= pinned - PINNED["tolerance"], f"{name}: {value} < pinned {pinned}"
