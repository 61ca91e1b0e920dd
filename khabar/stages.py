"""The table of stage factories, by name, and the default pipeline.

This is a plain, static table (no registration at import time): each name points at a factory
``module:callable`` that is imported only when the stage is built, so ``import khabar`` stays light.
A factory takes keyword options and returns a stage (see :mod:`khabar.pipeline`).
"""
from __future__ import annotations

import importlib
from typing import Any

from khabar.errors import PipelineError

FACTORIES: dict[str, str] = {
    "normalizer": "khabar.text.normalizer:NormalizerStage",
    "sentences": "khabar.text.sentences:SentenceStage",
    "tokenizer": "khabar.text.tokenizer:TokenizerStage",
    "tagger": "khabar.tagging.tagger:TaggerStage",
    "lemmatizer": "khabar.tagging.lemmatizer:LemmatizerStage",
    "ner": "khabar.ner.stage:NerStage",
    "entities": "khabar.ner.coref:EntityStage",
    "times": "khabar.knowledge.dates:TimeStage",
    "quotes": "khabar.knowledge.quotes:QuoteStage",
    "events": "khabar.knowledge.events:EventStage",
    "topic": "khabar.about.topic:TopicStage",
    "keywords": "khabar.about.keywords:KeywordStage",
    "summary": "khabar.about.summary:SummaryStage",
}

# The full analysis, in order. Stages whose module is not available yet are skipped by ``load()``
# only when ``strict=False``.
DEFAULT_STAGES: tuple[str, ...] = (
    "normalizer",
    "sentences",
    "tokenizer",
    "ner",  # before the tagger: its mentions are the POS tagger's name context (khabar.tagging.entity_tags)
    "tagger",
    "lemmatizer",
    "entities",
    "times",
    "quotes",
    "events",
    "topic",
    "keywords",
    "summary",
)

TEXT_STAGES: tuple[str, ...] = ("normalizer", "sentences", "tokenizer")


def resolve_factory(name: str):
    try:
        target = FACTORIES[name]
    except KeyError:
        raise PipelineError(f"E004: unknown stage {name!r}; known stages: {sorted(FACTORIES)}") from None
    module_name, attr = target.split(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr)


class SharedResources:
    """Read-only resources loaded once per pipeline build and handed to each stage that asks for them.

    :func:`khabar.load` makes one and passes it as the ``shared`` keyword to every factory that has such a
    parameter; a stage then calls ``shared.get(key, loader)`` instead of ``loader()``, so that, e.g., the
    normalizer and the tokenizer read the word lexicon once. It lives as long as the pipeline build (no
    module-level cache); only immutable or read-only objects belong here.
    """

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: dict[str, Any] = {}

    def get(self, key: str, loader):
        """The resource under ``key``, calling ``loader()`` the first time it is asked for."""
        try:
            return self._items[key]
        except KeyError:
            value = self._items[key] = loader()
            return value


def _accepts_shared(factory) -> bool:
    import inspect

    try:
        return "shared" in inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return False


def build_stage(name: str, options: dict[str, Any] | None = None, *, shared: SharedResources | None = None):
    factory = resolve_factory(name)
    options = dict(options or {})
    if shared is not None and "shared" not in options and _accepts_shared(factory):
        options["shared"] = shared
    from khabar.resources import gc_paused

    with gc_paused():  # models build large acyclic tables: no collections while they do (start-up time)
        return factory(**options)


def available(name: str) -> bool:
    """True when the stage's module can be imported (used while capabilities are being built)."""
    try:
        resolve_factory(name)
    except (ImportError, AttributeError):
        return False
    return True

# Capabilities each stage adds (for reference; the stages themselves declare requires/assigns):
#   normalizer  -> text            sentences -> sentences       tokenizer -> tokens
#   tagger      -> pos             lemmatizer -> lemma
#   ner         -> mentions        (doc.entities: one Entity per NER span, ids "m1", "m2", ...)
#   entities    -> entities        (requires mentions: merges mentions into one entity per referent,
#                                   adds pronoun/role mentions and roles)
#   times       -> times           (doc.times: TimeExpression with start/end and ISO date)
#   quotes      -> quotes          (requires entities)
#   events      -> events          (requires entities, times)
#   topic/keywords/summary -> topic/keywords/summary
