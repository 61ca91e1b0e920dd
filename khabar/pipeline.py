"""The pipeline: an ordered list of stages, each declaring what it ``requires`` and what it ``assigns``.

A stage is any object with ``name``, ``requires`` and ``assigns`` (tuples of capability names) and a
``__call__(doc) -> Document``. Capabilities are short names for what a stage adds to the document:
``text`` (normalized text and offset map), ``sentences``, ``tokens``, ``pos``, ``lemma``, ``entities``,
``coref``, ``times``, ``quotes``, ``events``, ``topic``, ``keywords``, ``summary``, ``fingerprint``.

Building a pipeline checks the order: a stage whose requirement no earlier stage assigns is refused
with an error that names what is missing.

>>> from khabar import load
>>> nlp = load(stages=["normalizer", "sentences", "tokenizer"])
>>> [t.text for t in nlp("سلام دنیا.").tokens]
['سلام', 'دنیا', '.']
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Protocol, Sequence, runtime_checkable

from khabar.document import Document
from khabar.errors import PipelineError


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    """Runs stages in order over documents. Build one with :func:`khabar.load`."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        provided: set[str] = set()
        names: list[str] = []
        for stage in stages:
            if not isinstance(stage, Stage):
                raise PipelineError(f"E001: {stage!r} is not a stage (needs name, requires, assigns, __call__)")
            missing = [r for r in stage.requires if r not in provided]
            if missing:
                raise PipelineError(
                    f"E002: stage {stage.name!r} requires {missing} but no earlier stage assigns it; "
                    f"stages so far: {names or 'none'}"
                )
            provided.update(stage.assigns)
            names.append(stage.name)
        self.stages: list[Stage] = list(stages)
        self.provides = frozenset(provided)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def get(self, name: str) -> Stage:
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise KeyError(f"no stage named {name!r} in pipeline {self.stage_names}")

    def __call__(self, text: str | Document, meta: dict[str, Any] | None = None) -> Document:
        doc = text if isinstance(text, Document) else Document.from_text(text, meta)
        for stage in self.stages:
            result = stage(doc)
            if not isinstance(result, Document):
                raise PipelineError(
                    f"E003: stage {stage.name!r} returned {type(result).__name__}, not a Document"
                )
            doc = result
            doc.stages.append(stage.name)
        return doc

    def pipe(self, texts: Iterable[str | Document | tuple[str, dict[str, Any]]]) -> Iterator[Document]:
        """Analyze many texts, yielding documents in order. Items may be ``(text, meta)`` pairs."""
        for item in texts:
            if isinstance(item, tuple):
                yield self(item[0], item[1])
            else:
                yield self(item)

    def __repr__(self) -> str:
        return f"Pipeline({self.stage_names})"
