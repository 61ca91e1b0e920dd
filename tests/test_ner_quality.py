"""Quality gate: the shipped NER model on the PEYMA and ParsTwiNER dev files, against pinned scores.

Scores are computed by the project's own evaluation code (``khabar evaluate ner``) and compared with
``tests/quality/ner.json``; a drop of more than ``tolerance`` F1 points fails. The Arman figure there is
the cross-validation recorded by ``khabar train ner --cv-arman 3`` (documented, not re-run here).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.evaluation.ner import evaluate_file

PINNED = json.loads((Path(__file__).parent / "quality" / "ner.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tagger():
    from khabar.ner.tagger import NerTagger

    return NerTagger.load()


@pytest.mark.quality
@pytest.mark.parametrize("name", ["peyma-dev", "parstwiner-dev"])
def test_ner_quality_dev_f1_does_not_drop(name, tagger, shared_data):
    pin = PINNED[name]
    result, _, _ = evaluate_file(shared_data / pin["file"], pin["format"], tagger, pin["convention"])
    assert result["f1"] >= pin["f1"] - PINNED["tolerance"], (name, result["f1"], pin["f1"])
    for label, f1 in pin.get("per_label_f1", {}).items():
        got = result["per_label"][label]["f1"]
        assert got >= f1 - PINNED["label_tolerance"], (name, label, got, f1)
