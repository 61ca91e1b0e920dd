"""Quality gate of the 'about' layer: scores pinned in tests/quality/about.json.

Runs khabar.evaluation.about on a fixed prefix of ../shared/data/farsnews-lmcourse/train.jsonl with the text
stages only (fast); fails when a score drops by more than the pinned tolerance. The full-data figures with
the lemmatizer are in docs/about.md."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import khabar
from khabar.evaluation import about

PINNED = json.loads((Path(__file__).parent / "quality" / "about.json").read_text(encoding="utf-8"))
TOL = PINNED["tolerance"]


class _MemoPipeline:
    """The text pipeline, remembering each analyzed text so the three gates share one pass."""

    def __init__(self) -> None:
        self.nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer"])
        self.stage_names = self.nlp.stage_names
        self.cache: dict[str, khabar.Document] = {}

    def __call__(self, text, meta=None):
        doc = self.cache.get(text)
        if doc is None:
            doc = self.cache[text] = self.nlp(text, meta)
        return doc


@pytest.fixture(scope="module")
def fars(shared_data):
    path = shared_data / "farsnews-lmcourse" / "train.jsonl"
    return about.read_files([path], PINNED["articles"])


@pytest.fixture(scope="module")
def memo_nlp():
    return _MemoPipeline()


def _check(measured: dict, pinned: dict) -> None:
    """Every pinned score must be reached within the tolerance (a section may set its own)."""
    tol = pinned.get("tolerance", TOL)
    for key, value in pinned.items():
        if key == "tolerance":
            continue
        assert measured[key] >= value - tol, f"{key}: {measured[key]} < pinned {value} - {tol}"


@pytest.mark.quality
def test_quality_summary_beats_lead_baselines(fars, memo_nlp):
    from khabar.about.summary import SummaryStage

    result = about.evaluate_summary(fars, memo_nlp, SummaryStage())
    _check(result, PINNED["summary"])
    for key in ("rouge1", "rouge2", "rougeL"):
        assert result[key] > result["lead3"][key] and result[key] > result["lead1"][key]


@pytest.mark.quality
def test_quality_keywords_against_tags(fars, memo_nlp):
    from khabar.about.keywords import KeywordStage

    _check(about.evaluate_keywords(fars, memo_nlp, KeywordStage()), PINNED["keywords"])


@pytest.mark.quality
def test_quality_topic_cross_validated(fars, memo_nlp):
    _check(about.evaluate_topic(fars, memo_nlp, cv=5), PINNED["topic_cv"])
