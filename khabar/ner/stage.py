"""The ``ner`` stage: named-entity spans over ``doc.tokens``.

Writes ``doc.entities`` as one :class:`~khabar.document.Entity` per detected span (ids ``m1``, ``m2``, ...,
``name`` = the span's text, one :class:`~khabar.document.Mention`); the ``entities`` stage later merges
mentions of one referent. Labels: PER, ORG, LOC, FAC, PRO, EVENT, DATE, TIME, MONEY, PERCENT.

The tagger works on orthographic tokens, as the training corpora do: words of one multiword token
(``surface`` set, e.g. a clitic split ``تهرانش`` → ``تهران`` + ``ش``) are tagged as one item. Sentences come
from ``doc.sentences`` when present, else the whole token list is one sequence. ``pos`` is not used (the
NER corpora have no POS tags to train on).

>>> import khabar
>>> nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer", "ner"])
>>> doc = nlp("علی شمخانی در تهران با سفیر چین دیدار کرد.")
>>> [(e.label, e.name) for e in doc.entities][:2]
[('PER', 'علی شمخانی'), ('LOC', 'تهران')]
"""
from __future__ import annotations

from khabar.document import Document, Entity, Mention, Token


class NerStage:
    name = "ner"
    requires = ("tokens",)
    assigns = ("mentions",)

    def __init__(self, *, max_sentence_tokens: int = 300) -> None:
        from khabar.ner.tagger import NerTagger

        self.tagger = NerTagger.load()
        self.max_sentence_tokens = max_sentence_tokens

    @staticmethod
    def _items(tokens: list[Token]) -> list[tuple[int, int]]:
        """Character spans of the orthographic tokens (multiword tokens collapsed)."""
        items: list[tuple[int, int]] = []
        for tok in tokens:
            span = tok.surface or (tok.start, tok.end)
            if items and tok.surface is not None and items[-1] == span:
                continue
            items.append((span[0], span[1]))
        return items

    def _sequences(self, doc: Document) -> list[list[Token]]:
        if doc.sentences:
            seqs = [toks for _, toks in doc.iter_sentence_tokens() if toks]
        else:
            seqs = [doc.tokens] if doc.tokens else []
        out = []
        step = self.max_sentence_tokens
        for seq in seqs:  # very long "sentences" (lists, tables) are cut to keep decoding linear
            out.extend(seq[i:i + step] for i in range(0, len(seq), step))
        return out

    def __call__(self, doc: Document) -> Document:
        entities: list[Entity] = []
        text = doc.text
        sequences = [self._items(tokens) for tokens in self._sequences(doc)]
        found = self.tagger.spans_many([[text[s:e] for s, e in items] for items in sequences])
        for items, spans in zip(sequences, found):  # all sentences decoded together
            for start, end, label in spans:
                s, e = items[start][0], items[end - 1][1]
                span_text = text[s:e]
                entities.append(Entity(f"m{len(entities) + 1}", label, span_text, [],
                                       [Mention(s, e, span_text)]))
        doc.entities = entities
        return doc
