"""The CRF named-entity tagger: tokens in, khabar BIO tags and spans out.

The model is one CRF (trained with python-crfsuite, decoded by :mod:`khabar.features.crf`) trained jointly on PEYMA, Arman and ParsTwiNER (see
``docs/models/ner.md``). Each training sentence carries its corpus's convention as a feature, because the
corpora annotate different label sets (PEYMA has no FAC/PRO/EVENT, Arman no DATE/TIME/MONEY/PERCENT).
At run time :meth:`NerTagger.spans` tags a sentence under the PEYMA convention (news text, dates, money,
percentages) and adds the FAC, PRO and EVENT spans found under the Arman convention where they do not
overlap or that contain the PEYMA-style spans they overlap (PEYMA tags a stadium as LOC) — two CRF decodes
over one set of state scores (:class:`~khabar.ner.features.StateScores`; the corpus attribute is one
vector per convention). :meth:`NerTagger.spans_many` decodes all sentences of a document in one batch.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from khabar.features.clusters import WordClusters
from khabar.features.crf import CrfModel
from khabar.ner.corpora import split_tag
from khabar.ner.features import FeatureExtractor, StateScores
from khabar.ner.lexicon import Gazetteer

MODEL_RESOURCE = ("ner", "ner.crf.npz")
GAZETTEER_RESOURCE = ("ner", "gazetteer.tsv")
META_RESOURCE = ("ner", "meta.json")


class NerTagger:
    """A loaded NER model. Build with :meth:`load` (packaged model) or :meth:`from_files`."""

    def __init__(self, model: CrfModel, gazetteer: Gazetteer, clusters: WordClusters, meta: dict) -> None:
        self.meta = meta
        self.model = model
        self.features = FeatureExtractor(clusters, gazetteer, int(meta.get("features", 1)))
        self.scores = StateScores(self.features, model)
        self.primary: str | None = meta.get("primary")
        self.secondary: str | None = meta.get("secondary")
        self.secondary_labels = frozenset(meta.get("secondary_labels", ()))
        self._corpus_vectors = {c: self.scores.corpus_vector(c) for c in (self.primary, self.secondary) if c}
        # each label id's BIO prefix and entity label, for spans straight from Viterbi's label ids
        self._bio = [split_tag(label) for label in model.labels]

    @classmethod
    def load(cls) -> "NerTagger":
        from khabar.resources import read_bytes, read_text

        return cls(CrfModel.from_bytes(read_bytes(*MODEL_RESOURCE)),
                   Gazetteer.from_tsv(read_text(*GAZETTEER_RESOURCE)), WordClusters.load(),
                   json.loads(read_text(*META_RESOURCE)))

    @classmethod
    def from_files(cls, model_path: str, gazetteer_path: str, meta_path: str) -> "NerTagger":
        """A model from files: ``model_path`` is the shipped decoder file (``ner.crf.npz``) or a crfsuite
        model as crfsuite writes it."""
        path = Path(model_path)
        model = CrfModel.from_crfsuite(path) if path.suffix == ".crfsuite" else CrfModel.load(path)
        return cls(model, Gazetteer.from_tsv(Path(gazetteer_path).read_text(encoding="utf-8")),
                   WordClusters.load(), json.loads(Path(meta_path).read_text(encoding="utf-8")))

    def tag(self, words: Sequence[str], corpus: str | None = None) -> list[str]:
        """khabar BIO tags (``B-PER``, ``I-ORG``, ``O``) under one corpus's convention."""
        if not words:
            return []
        (scores,) = self.scores.sentences([list(words)])
        if corpus:
            scores = scores + self._corpus_vector(corpus)
        labels = self.model.labels
        return [labels[i] for i in self.model.viterbi(scores)]

    def spans(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """Entity spans ``(start, end, label)`` over token indices, with every khabar label."""
        return self.spans_many([words])[0]

    def spans_many(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, int, str]]]:
        """:meth:`spans` of several sentences, decoded together."""
        scores = self.scores.sentences([list(s) for s in sentences])
        conventions = [self.primary]
        if self.secondary and self.secondary_labels:
            conventions.append(self.secondary)
        batch = []
        for corpus in conventions:
            vector = self._corpus_vector(corpus) if corpus else None
            batch += [s + vector if vector is not None else s for s in scores]
        paths = self.model.viterbi_batch(batch)
        n = len(scores)
        out = []
        for k in range(n):
            found = self._spans(paths[k])
            if len(conventions) > 1:
                found = self._merge(found, self._spans(paths[n + k]))
            out.append(found)
        return out

    def _spans(self, path: list[int]) -> list[tuple[int, int, str]]:
        """:func:`khabar.ner.corpora.spans` of a path of label ids."""
        out: list[tuple[int, int, str]] = []
        bio = self._bio
        start, label = 0, None
        for i, y in enumerate(path):
            prefix, lab = bio[y]
            if label is not None and (prefix != "I" or lab != label):
                out.append((start, i, label))
                label = None
            if label is None and prefix in ("B", "I"):
                start, label = i, lab
        if label is not None:
            out.append((start, len(path), label))
        return out

    def _corpus_vector(self, corpus: str):
        vector = self._corpus_vectors.get(corpus)
        if vector is None:
            vector = self._corpus_vectors[corpus] = self.scores.corpus_vector(corpus)
        return vector

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
