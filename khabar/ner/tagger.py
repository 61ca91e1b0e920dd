"""The CRF named-entity tagger: tokens in, khabar BIO tags and spans out.

The model is one python-crfsuite CRF trained jointly on PEYMA, Arman and ParsTwiNER (see
``docs/models/ner.md``). Each training sentence carries its corpus's convention as a feature, because the
corpora annotate different label sets (PEYMA has no FAC/PRO/EVENT, Arman no DATE/TIME/MONEY/PERCENT).
At run time :meth:`NerTagger.spans` tags a sentence under the PEYMA convention (news text, dates, money,
percentages) and adds the FAC, PRO and EVENT spans found under the Arman convention where they do not
overlap or that contain the PEYMA-style spans they overlap (PEYMA tags a stadium as LOC) — two CRF decodes
over one feature extraction.
"""
from __future__ import annotations

import json
from typing import Sequence

import pycrfsuite

from khabar.features.clusters import WordClusters
from khabar.ner.corpora import spans as bio_spans
from khabar.ner.features import FeatureExtractor
from khabar.ner.lexicon import Gazetteer

MODEL_RESOURCE = ("ner", "ner.crfsuite")
GAZETTEER_RESOURCE = ("ner", "gazetteer.tsv")
META_RESOURCE = ("ner", "meta.json")


class NerTagger:
    """A loaded NER model. Build with :meth:`load` (packaged model) or :meth:`from_files`."""

    def __init__(self, model: bytes, gazetteer: Gazetteer, clusters: WordClusters, meta: dict) -> None:
        self.meta = meta
        self.features = FeatureExtractor(clusters, gazetteer, int(meta.get("features", 1)))
        # crfsuite reads the model in place: the bytes must outlive the tagger
        self._model = model
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._model)
        self.primary: str | None = meta.get("primary")
        self.secondary: str | None = meta.get("secondary")
        self.secondary_labels = frozenset(meta.get("secondary_labels", ()))

    @classmethod
    def load(cls) -> "NerTagger":
        from khabar.resources import read_bytes, read_text

        return cls(read_bytes(*MODEL_RESOURCE), Gazetteer.from_tsv(read_text(*GAZETTEER_RESOURCE)),
                   WordClusters.load(), json.loads(read_text(*META_RESOURCE)))

    @classmethod
    def from_files(cls, model_path: str, gazetteer_path: str, meta_path: str) -> "NerTagger":
        from pathlib import Path

        return cls(Path(model_path).read_bytes(),
                   Gazetteer.from_tsv(Path(gazetteer_path).read_text(encoding="utf-8")),
                   WordClusters.load(), json.loads(Path(meta_path).read_text(encoding="utf-8")))

    def tag(self, words: Sequence[str], corpus: str | None = None) -> list[str]:
        """khabar BIO tags (``B-PER``, ``I-ORG``, ``O``) under one corpus's convention."""
        if not words:
            return []
        return self._tagger.tag(self.features.sentence(list(words), corpus))

    def spans(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """Entity spans ``(start, end, label)`` over token indices, with every khabar label."""
        if not words:
            return []
        words = list(words)
        feats = self.features.sentence(words, None)
        primary = self._decode(feats, self.primary)
        found = bio_spans(primary)
        if self.secondary and self.secondary_labels:
            found = self._merge(found, bio_spans(self._decode(feats, self.secondary)))
        return found

    def _merge(self, primary: list[tuple[int, int, str]],
               secondary: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Add the secondary decode's FAC/PRO/EVENT spans: a span is taken when every primary span it
        overlaps lies inside it (``ورزشگاه آزادی`` FAC replaces PEYMA-style LOC ``ورزشگاه آزادی`` or
        ``آزادی``); a span that would cut a primary span is dropped."""
        out = list(primary)
        for start, end, label in secondary:
            if label not in self.secondary_labels:
                continue
            overlapping = [p for p in out if p[0] < end and start < p[1]]
            if all(start <= p[0] and p[1] <= end for p in overlapping):
                out = [p for p in out if p not in overlapping]
                out.append((start, end, label))
        out.sort()
        return out

    def _decode(self, feats: list[list[str]], corpus: str | None) -> list[str]:
        if corpus:
            tagged = [f + [f"corpus={corpus}"] for f in feats]
        else:
            tagged = feats
        return self._tagger.tag(tagged)
