"""Named-entity spans as per-word tags, a context feature of the POS tagger.

The NER model (:mod:`khabar.ner`, trained on PEYMA, Arman and ParsTwiNER, not on the treebanks) knows
about ten times more names than the POS training data; whether a word lies inside a predicted PER, ORG,
LOC... span tells the POS CRF much about PROPN vs NOUN that the word's own features cannot (context
decides: ``اکرم`` in ``پیامبر اکرم`` is PROPN, ``اکرم`` alone rarely is).

The NER tags orthographic tokens: the words of one multiword token (``تهرانش`` → ``تهران`` + ``ش``) are
one item. A word gets ``B-<label>`` when its item starts a span, ``I-<label>`` inside one, and ``None``
outside; the second and later words of a multiword token (clitics) get ``None``.

The same tags come from two places that must agree: in a pipeline where the ``ner`` stage ran just before
the tagger, from its mentions in ``doc.entities`` (:func:`document_tags`); otherwise from a NER tagger the
POS stage runs itself, in the same way the ``ner`` stage does (:class:`EntityTags`). Training computes
them on the treebanks' orthographic tokens with :func:`item_word_tags`.

>>> item_word_tags([1, 1, 2, 1], [(0, 2, "PER"), (2, 3, "LOC")])
['B-PER', 'I-PER', 'B-LOC', None, None]
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from khabar.document import Document, Token

# The ner stage cuts very long sentences into pieces of this many tokens (khabar.ner.stage.NerStage).
MAX_SENTENCE_TOKENS = 300


def item_word_tags(sizes: Sequence[int], spans: Sequence[tuple[int, int, str]]) -> list[str | None]:
    """Per-word tags from NER spans over orthographic items; ``sizes`` is the number of words of each item."""
    item_tags: list[str | None] = [None] * len(sizes)
    for start, end, label in spans:
        item_tags[start] = "B-" + label
        for j in range(start + 1, end):
            item_tags[j] = "I-" + label
    out: list[str | None] = []
    for tag, size in zip(item_tags, sizes):
        out.append(tag)
        if size > 1:
            out.extend([None] * (size - 1))
    return out


def token_tags(tokens: Sequence["Token"], mentions: dict[int, tuple[int, str]]) -> list[str | None]:
    """Per-token tags of one sentence from NER mentions given as ``{start: (end, label)}`` character
    spans (the ``ner`` stage's: a mention starts and ends on orthographic token boundaries)."""
    out: list[str | None] = []
    open_end, open_label = -1, ""
    previous = None
    for tok in tokens:
        span = tok.surface or (tok.start, tok.end)
        if tok.surface is not None and span == previous:
            out.append(None)  # a later word of the same multiword token
            continue
        previous = span
        start = span[0]
        hit = mentions.get(start)
        if hit is not None:
            open_end, open_label = hit
            out.append("B-" + open_label)
        elif start < open_end:
            out.append("I-" + open_label)
        else:
            out.append(None)
    return out


def document_tags(doc: "Document", groups: Sequence[Sequence["Token"]]) -> list[list[str | None]]:
    """Per-token tags of each token group from the ``ner`` stage's mentions in ``doc.entities``."""
    mentions: dict[int, tuple[int, str]] = {}
    for entity in doc.entities:
        for mention in entity.mentions:
            mentions[mention.start] = (mention.end, entity.label)
    return [token_tags(tokens, mentions) for tokens in groups]


def has_ner_mentions(doc: "Document") -> bool:
    """True when ``doc.entities`` holds the ``ner`` stage's mentions, not yet merged by ``entities``."""
    stages = doc.stages
    return "ner" in stages and "entities" not in stages


class EntityTags:
    """Per-token NER tags for POS tagging when no ``ner`` stage ran before: runs the packaged NER tagger
    the way the ``ner`` stage does (orthographic tokens, sentences cut at 300 tokens). The NER model is
    read on first use (a pipeline with the ``ner`` stage before the tagger never reads it)."""

    def __init__(self, loader=None) -> None:
        self._loader = loader
        self._tagger = None
        self._lock = threading.Lock()

    def _ner(self):
        with self._lock:
            if self._tagger is None:
                if self._loader is not None:
                    self._tagger = self._loader()
                else:
                    from khabar.ner.tagger import NerTagger

                    self._tagger = NerTagger.load()
            return self._tagger

    def word_tags(self, sentences: Sequence[Sequence[str]]) -> list[list[str | None]]:
        """Per-word tags of plain word lists (each word one orthographic token)."""
        pieces = [list(words[k:k + MAX_SENTENCE_TOKENS]) for words in sentences
                  for k in range(0, len(words), MAX_SENTENCE_TOKENS)]
        found = iter(self._ner().spans_many(pieces) if pieces else [])
        out = []
        for words in sentences:
            tags: list[str | None] = []
            for k in range(0, len(words), MAX_SENTENCE_TOKENS):
                tags += item_word_tags([1] * len(words[k:k + MAX_SENTENCE_TOKENS]), next(found))
            out.append(tags)
        return out

    def tags(self, text: str, groups: Sequence[Sequence["Token"]]) -> list[list[str | None]]:
        pieces: list[tuple[int, int]] = []  # (group, first token) of each piece the NER decodes
        items_of: list[list[tuple[int, int]]] = []
        for g, tokens in enumerate(groups):
            for first in range(0, len(tokens), MAX_SENTENCE_TOKENS):
                items: list[tuple[int, int]] = []
                for tok in tokens[first:first + MAX_SENTENCE_TOKENS]:
                    span = tok.surface or (tok.start, tok.end)
                    if items and tok.surface is not None and items[-1] == span:
                        continue
                    items.append(span)
                pieces.append((g, first))
                items_of.append(items)
        found = self._ner().spans_many([[text[s:e] for s, e in items] for items in items_of]) if pieces else []
        mentions: dict[int, tuple[int, str]] = {}
        for items, spans in zip(items_of, found):
            for start, end, label in spans:
                mentions[items[start][0]] = (items[end - 1][1], label)
        return [token_tags(tokens, mentions) for tokens in groups]
