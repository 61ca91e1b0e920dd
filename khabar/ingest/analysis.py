"""The analysis used while ingesting: ``khabar.load()``, tolerant of stages that cannot be built yet.

While the stages are being filled in, a stage may be importable but miss its trained model. Ingestion
must still work: :func:`load_pipeline` first tries ``khabar.load()`` and, when that fails, builds the
stages one by one and keeps those that build and whose requirements are met, logging what it left out.
When no tokenizer can be built, documents are stored with their text only (the store then indexes the
words of the text).
"""
from __future__ import annotations

import logging
from typing import Any, Iterable

from khabar.document import Document
from khabar.errors import KhabarError

log = logging.getLogger(__name__)


class TextOnly:
    """A stand-in pipeline that makes documents without analysis (used when nothing can be built)."""

    stage_names: list[str] = []

    def __call__(self, text: str, meta: dict[str, Any] | None = None) -> Document:
        return Document.from_text(text, meta)


def load_pipeline(stages: Iterable[str] | None = None):
    """``khabar.load(stages)``, or the largest consistent subset of its stages that can be built."""
    import khabar
    from khabar import stages as stage_table
    from khabar.pipeline import Pipeline

    try:
        return khabar.load(stages=stages)
    except (KhabarError, ImportError, AttributeError) as err:
        log.warning("khabar.load() failed (%s); building the stages that are available", err)
    built, provided, skipped = [], set(), []
    for name in (stages or stage_table.DEFAULT_STAGES):
        try:
            stage = stage_table.build_stage(name)
        except (KhabarError, ImportError, AttributeError, OSError):
            skipped.append(name)
            continue
        if all(r in provided for r in stage.requires):
            built.append(stage)
            provided.update(stage.assigns)
        else:
            skipped.append(name)
    if skipped:
        log.warning("analysis without stages: %s", ", ".join(skipped))
    if not built:
        return TextOnly()
    return Pipeline(built)


def query_analyzer():
    """What query words go through: the text stages plus tagger and lemmatizer (the stages that decide
    index terms), built like :func:`load_pipeline`."""
    return load_pipeline(["normalizer", "sentences", "tokenizer", "tagger", "lemmatizer"])
