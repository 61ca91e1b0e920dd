"""Part-of-speech tagging: UD UPOS from a CRF, then XPOS and features (PerDT conventions).

The CRF (python-crfsuite) sees the word, its affixes and ZWNJ parts, its classes in the hazm lexicon, its
readings as a verb form, its distributional classes from unlabeled news, and the same for its neighbours
(:mod:`khabar.tagging.features`). It was trained on both dev treebanks with a treebank-id feature and
tags in PerDT's convention (names are PROPN, ``را`` is ADP).

XPOS and FEATS come from cheap tables learned from PerDT: the ``(form, UPOS)`` pair when it was seen,
the verb analyzer for verbs, otherwise the most frequent value for the UPOS and word ending.

>>> from khabar.tagging.tagger import PosTagger
>>> tagger = PosTagger.from_resources()
>>> [t[0] for t in tagger.tag(["ما", "این", "را", "می‌دانیم", "."])]
['PRON', 'PRON', 'ADP', 'VERB', 'PUNCT']
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import pycrfsuite

from khabar.document import Document
from khabar.tagging.features import FeatureExtractor
from khabar.tagging.morphology import ZWNJ, VerbAnalyzer

if TYPE_CHECKING:
    from khabar.tagging.resources import PosResources

VERB_XPOS = {"VERB": "V_ACT", "AUX": "AUX"}


class MorphTables:
    """XPOS and FEATS for a tagged word, from tables learned on PerDT."""

    def __init__(self, tables: dict[str, Any], verbs: VerbAnalyzer, verb_rank: dict[str, int]) -> None:
        self.pair: dict[str, str] = tables["pair"]
        self.suffix: dict[str, str] = tables["suffix"]
        self.upos: dict[str, str] = tables["upos"]
        self.verbs = verbs
        self.verb_rank = verb_rank
        self._cache: dict[str, tuple[str | None, str | None]] = {}  # bounded, per instance

    def analyze(self, form: str, upos: str) -> tuple[str | None, str | None]:
        key = f"{form}\t{upos}"
        out = self._cache.get(key)
        if out is None:
            if len(self._cache) >= 100_000:
                self._cache.clear()
            out = self._cache[key] = self._analyze(form, upos)
        return out

    def _analyze(self, form: str, upos: str) -> tuple[str | None, str | None]:
        hit = self.pair.get(f"{form}\t{upos}")
        if hit is None and upos in VERB_XPOS:
            analyses = self.verbs.analyze(form)
            if analyses:
                best = min(analyses, key=lambda a: self.verb_rank.get(a.lemma, 1_000_000))
                feats = best.feats if upos == "VERB" else best.feats.replace("|Voice=Act", "")
                return VERB_XPOS[upos], feats
        if hit is None:
            w = form.replace(ZWNJ, "")
            hit = self.suffix.get(f"{upos}\t{w[-2:]}") or self.upos.get(upos)
        if hit is None:
            return None, None
        xpos, _, feats = hit.partition("\t")
        return xpos or None, (feats if feats and feats != "_" else None)

    @staticmethod
    def learn(examples: Sequence[tuple[str, str, str, str]]) -> dict[str, Any]:
        """Tables from ``(form, upos, xpos, feats)`` examples (PerDT only: Seraji's XPOS tagset differs)."""
        from collections import Counter, defaultdict

        pair: dict[str, Counter] = defaultdict(Counter)
        suffix: dict[str, Counter] = defaultdict(Counter)
        upos_t: dict[str, Counter] = defaultdict(Counter)
        for form, upos, xpos, feats in examples:
            value = f"{xpos}\t{feats}"
            pair[f"{form}\t{upos}"][value] += 1
            suffix[f"{upos}\t{form.replace(ZWNJ, '')[-2:]}"][value] += 1
            upos_t[upos][value] += 1

        def best(table: dict[str, Counter]) -> dict[str, str]:
            return {k: c.most_common(1)[0][0] for k, c in table.items()}

        return {"pair": best(pair), "suffix": best(suffix), "upos": best(upos_t)}


class PosTagger:
    """UPOS (CRF) plus XPOS/FEATS (tables) for a sequence of words."""

    def __init__(self, model: bytes, features: FeatureExtractor, morph: MorphTables,
                 treebank: str = "perdt") -> None:
        self._crf = pycrfsuite.Tagger()
        self._crf.open_inmemory(model)
        self._model = model  # the in-memory model must outlive the tagger
        self.features = features
        self.morph = morph
        self.treebank = treebank

    @classmethod
    def from_resources(cls, treebank: str = "perdt", resources: "PosResources | None" = None) -> "PosTagger":
        """The packaged model (or ``resources`` already loaded, e.g. a cross-validation fold's)."""
        from khabar.tagging.resources import load_pos_resources

        res = resources or load_pos_resources()
        features = FeatureExtractor(res.lexicon, res.clusters, res.verbs, res.tables.get("names"),
                                    set(res.tables["attributes"]))
        morph = MorphTables(res.tables["morph"], res.verbs, res.verb_rank)
        return cls(res.model, features, morph, treebank)

    def tag_upos(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        return self._crf.tag(self.features.sentence_features(words, self.treebank))

    def tag(self, words: Sequence[str]) -> list[tuple[str, str | None, str | None]]:
        """``(UPOS, XPOS, FEATS)`` for each word."""
        out = []
        for word, upos in zip(words, self.tag_upos(words)):
            xpos, feats = self.morph.analyze(word, upos)
            out.append((upos, xpos, feats))
        return out


class TaggerStage:
    """Pipeline stage: sets ``token.pos`` (UPOS), ``token.xpos`` and ``token.feats``.

    ``treebank`` selects the convention the CRF reproduces: ``"perdt"`` (default; PROPN for names) or
    ``"seraji"`` (names as NOUN, ``را`` still ADP)."""

    name = "tagger"
    requires = ("tokens",)
    assigns = ("pos",)

    def __init__(self, treebank: str = "perdt", resources: "PosResources | None" = None) -> None:
        if treebank not in ("perdt", "seraji"):
            raise ValueError(f"treebank must be 'perdt' or 'seraji', not {treebank!r}")
        self.tagger = PosTagger.from_resources(treebank, resources)

    def __call__(self, doc: Document) -> Document:
        groups = [toks for _, toks in doc.iter_sentence_tokens()] if doc.sentences else [doc.tokens]
        tag = self.tagger.tag
        for tokens in groups:
            if not tokens:
                continue
            for token, (upos, xpos, feats) in zip(tokens, tag([t.text for t in tokens])):
                token.pos, token.xpos, token.feats = upos, xpos, feats
        rest = [t for t in doc.tokens if t.pos is None]
        if rest:  # tokens outside every sentence span
            for token, (upos, xpos, feats) in zip(rest, tag([t.text for t in rest])):
                token.pos, token.xpos, token.feats = upos, xpos, feats
        return doc
