"""Quality gate: quote attribution on the dev gold (``gold/quotes.jsonl``) against the figures pinned in
``tests/quality/quotes.json``. The rules are scored on their own (no NER mentions) and inside the default
pipeline (with NER) when that pipeline has the ner stage."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import khabar
from khabar.evaluation.quotes import evaluate, load_gold, rules_pipeline
from khabar.stages import available

ROOT = Path(__file__).resolve().parent.parent
PINNED = json.loads((ROOT / "tests" / "quality" / "quotes.json").read_text(encoding="utf-8"))
GOLD = ROOT / "gold" / "quotes.jsonl"


def check(result: dict, pinned: dict) -> None:
    tol = PINNED["tolerance"]
    measured = {"f1": result["f1"], "unattributed_f1": result["unattributed"]["f1"],
                "coref_accuracy": result["coref_accuracy"]}
    for name, floor in pinned.items():
        assert measured[name] >= floor - tol, f"{name} {measured[name]} fell below the pinned {floor} - {tol}"


def test_quotes_gold_is_well_formed():
    gold = load_gold(GOLD)
    assert len(gold) >= 20
    for art in gold:
        assert art["split"] in ("dev", "final") and art["link"].startswith("https://")
        assert art["batch"] in range(1, 9)
        for q in art["quotes"]:
            assert set(q) == {"speaker", "speaker_text", "speaker_kind", "cue", "content", "direct", "occurrence"}
            assert q["speaker_kind"] in ("name", "pronoun", "role", "other")


def test_quotes_quality_rules_only(shared_data):
    result = evaluate(load_gold(GOLD), rules_pipeline(), split="dev")
    assert result["gold_quotes"] >= 95
    check(result, PINNED["rules_only"])


def test_quotes_quality_with_ner(shared_data):
    """Text stages, the ner stage, then entities and quotes: the stages the quotes depend on in the default
    pipeline (the tagger and later stages are left out to keep the test fast)."""
    if not available("ner"):
        pytest.skip("the ner stage is not installed")
    nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer", "ner", "entities", "quotes"])
    check(evaluate(load_gold(GOLD), nlp, split="dev"), PINNED["pipeline"])
