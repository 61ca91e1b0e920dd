"""khabar (خبر): Persian news to structured, searchable knowledge, offline.

>>> import khabar
>>> nlp = khabar.load()
>>> doc = nlp("شمخانی افزود: ایران از گفت‌وگو حمایت می‌کند.")
>>> doc.to_dict()["schema"]
'khabar.document/1'
"""
from __future__ import annotations

import os
from typing import Any, Iterable


def _plain_core() -> None:
    """``KHABAR_PURE=1`` in the environment: import the plain-Python ``khabar/core.py`` even where the
    compiled core is installed (same results, slower; for debugging and for the tests that compare them)."""
    import importlib.util
    import sys

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "core.py")
    spec = importlib.util.spec_from_file_location("khabar.core", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["khabar.core"] = module
    spec.loader.exec_module(module)
    globals()["core"] = module  # the attribute an import of the submodule would set on this package


if os.environ.get("KHABAR_PURE", "") not in ("", "0"):
    _plain_core()

from khabar.document import SCHEMA_ID, Document, Entity, Event, Keyword, Mention, Quote, Sentence, Token, Topic  # noqa: E402
from khabar.pipeline import Pipeline  # noqa: E402

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_ID", "Document", "Entity", "Event", "Keyword", "Mention", "Pipeline", "Quote", "Sentence",
    "Token", "Topic", "load", "__version__",
]


def load(stages: Iterable[str] | None = None, *, options: dict[str, dict[str, Any]] | None = None,
         strict: bool = False) -> Pipeline:
    """Build a pipeline from stage names (default: the full analysis).

    ``options`` maps a stage name to keyword options for its factory, e.g.
    ``load(options={"normalizer": {"dewrap": False}})``. With ``strict=False`` (the default for the
    full pipeline) a stage whose module is not installed is left out; naming stages explicitly is strict.
    """
    from khabar import stages as stage_table

    options = options or {}
    if stages is None:
        names = [n for n in stage_table.DEFAULT_STAGES if strict or stage_table.available(n)]
    else:
        names = list(stages)
    shared = stage_table.SharedResources()  # e.g. one word lexicon for the normalizer and the tokenizer
    built = [stage_table.build_stage(n, options.get(n), shared=shared) for n in names]
    if stages is None and not strict:
        # leave out a stage whose requirement a missing stage would have assigned (e.g. events without
        # entities while the NER model is not installed)
        provided: set[str] = set()
        kept = []
        for stage in built:
            if all(r in provided for r in stage.requires):
                kept.append(stage)
                provided.update(stage.assigns)
        built = kept
    return Pipeline(built)
