"""Part-of-speech tagging: UD UPOS from a CRF, then XPOS and features (PerDT conventions).

The CRF (trained with python-crfsuite, decoded by :mod:`khabar.features.crf`) sees the word, its affixes and ZWNJ parts, its classes in the hazm lexicon, its
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

import numpy as np

from khabar.document import Document
from khabar.features.crf import (CrfModel, TypeScoreTables, new_types, sentence_positions, split_sentences,
                                 store_rows)
from khabar.tagging.entity_tags import EntityTags
from khabar.tagging.features import FeatureExtractor, entity_features
from khabar.tagging.morphology import ZWNJ, VerbAnalyzer

if TYPE_CHECKING:
    from khabar.tagging.resources import PosResources

VERB_XPOS = {"VERB": "V_ACT", "AUX": "AUX"}


def verb_context(upos: str, prev_upos: str | None, next_upos: str | None) -> str:
    """What PerDT's verb features depend on beyond the word: an auxiliary after a verb is a perfect or
    passive auxiliary (``کرده است``: ``Tense=Pres``), after a noun or adjective a copula (no tense); a
    participle before an auxiliary is part of a perfect (``VerbForm=Part``)."""
    if upos not in VERB_XPOS:
        return ""
    return f"{int(prev_upos == 'VERB')}{int(next_upos == 'AUX')}"


class MorphTables:
    """XPOS and FEATS for a tagged word, from tables learned on PerDT."""

    def __init__(self, tables: dict[str, Any], verbs: VerbAnalyzer, verb_rank: dict[str, int],
                 lexicon: dict[str, str] | None = None) -> None:
        self.pair: dict[str, str] = tables["pair"]
        self.pair_context: dict[str, str] = tables.get("pair_context", {})
        self.suffix: dict[str, str] = tables["suffix"]
        self.upos: dict[str, str] = tables["upos"]
        self.verbs = verbs
        self.verb_rank = verb_rank
        self.lexicon = lexicon or {}
        # (form, upos, context) → (xpos, feats); bounded, per instance
        self._cache: dict[tuple[str, str, str], tuple[str | None, str | None]] = {}

    def analyze(self, form: str, upos: str, context: str = "") -> tuple[str | None, str | None]:
        key = (form, upos, context)
        out = self._cache.get(key)
        if out is None:
            if len(self._cache) >= 100_000:
                self._cache.clear()
            out = self._cache[key] = self._analyze(form, upos, context)
        return out

    def _analyze(self, form: str, upos: str, context: str) -> tuple[str | None, str | None]:
        hit = self.pair_context.get(f"{form}\t{upos}\t{context}") if context else None
        if hit is None:
            hit = self.pair.get(f"{form}\t{upos}")
        if hit is None and upos in VERB_XPOS:
            analyses = self.verbs.analyze(form)
            if analyses:
                best = min(analyses, key=lambda a: self.verb_rank.get(a.lemma, 1_000_000))
                feats = best.feats if upos == "VERB" else best.feats.replace("|Voice=Act", "")
                if best.form == "participle" and context.endswith("1"):
                    feats = feats.replace("Tense=Past|", "Tense=Past|VerbForm=Part|")
                return VERB_XPOS[upos], feats
        if hit is None:
            w = form.replace(ZWNJ, "")
            hit = self.suffix.get(f"{upos}\t{w[-2:]}") or self.upos.get(upos)
            if hit is not None and upos in ("NOUN", "PROPN") and "Number=" in hit:
                number = "Plur" if self.looks_plural(w) else "Sing"
                hit = hit.replace("Number=Plur", f"Number={number}").replace("Number=Sing", f"Number={number}")
        if hit is None:
            return None, None
        xpos, _, feats = hit.partition("\t")
        return xpos or None, (feats if feats and feats != "_" else None)

    def looks_plural(self, word: str) -> bool:
        """An unseen noun's number: ها plurals, the lexicon's broken plurals, and ان/ات/ین/گان plurals of a
        known noun (``دانشجویان`` → ``دانشجو``)."""
        w = word[:-1] if word.endswith(("های", "های")) else word
        w = w[:-2] if w.endswith("هایی") else w
        if w.endswith("ها"):
            return True
        if "PL" in self.lexicon.get(word, "").split(","):
            return True
        for suffix, restore in (("گان", "ه"), ("یان", ""), ("ان", ""), ("ات", ""), ("ات", "ه"), ("ین", "")):
            if w.endswith(suffix) and len(w) > len(suffix) + 1:
                stem = w[: -len(suffix)] + restore
                if "N" in self.lexicon.get(stem, "").split(",") and word not in self.lexicon:
                    return True
        return False

    @staticmethod
    def learn(examples: Sequence[tuple[str, str, str, str, str]]) -> dict[str, Any]:
        """Tables from ``(form, upos, xpos, feats, verb_context)`` examples (PerDT only: Seraji's XPOS
        tagset differs)."""
        from collections import Counter, defaultdict

        pair: dict[str, Counter] = defaultdict(Counter)
        pair_context: dict[str, Counter] = defaultdict(Counter)
        suffix: dict[str, Counter] = defaultdict(Counter)
        upos_t: dict[str, Counter] = defaultdict(Counter)
        for form, upos, xpos, feats, context in examples:
            value = f"{xpos}\t{feats}"
            pair[f"{form}\t{upos}"][value] += 1
            if context:
                pair_context[f"{form}\t{upos}\t{context}"][value] += 1
            suffix[f"{upos}\t{form.replace(ZWNJ, '')[-2:]}"][value] += 1
            upos_t[upos][value] += 1

        def best(table: dict[str, Counter]) -> dict[str, str]:
            return {k: c.most_common(1)[0][0] for k, c in table.items()}

        return {"pair": best(pair), "pair_context": best(pair_context), "suffix": best(suffix),
                "upos": best(upos_t)}


class StateScores(TypeScoreTables):
    """CRF state scores (tokens × labels) of sentences, equal to
    ``crf.emissions(features.sentence_features(words, treebank))`` but built from sums kept per word type.

    :meth:`FeatureExtractor.sentence_features` gives a token its own type features, its left neighbour's
    ``-1`` features (or ``BOS``, and ``-2=BOS`` for the second word), its right neighbour's ``+1`` features
    (or ``EOS``, ``+2=EOS``), the word bigrams, and the Seraji attributes; the three per-type parts are summed
    once per word type (bounded, per instance), the rest is looked up per sentence. A change in how
    ``sentence_features`` assembles a token's list must be mirrored here (``tests/test_crf_pos.py``
    compares the two on both dev treebanks).
    """

    def __init__(self, features: FeatureExtractor, crf: CrfModel, cache_limit: int = 30_000) -> None:
        super().__init__(len(crf.labels), 3, cache_limit)  # own, as left and as right neighbour
        self.features = features
        self.crf = crf
        self._bigrams: list[tuple] = []  # per cached type: its bi-= and bi+= tables as the left word
        self._edges = {name: crf.vector([name]) for name in ("BOS", "EOS", "-2=BOS", "+2=EOS", "tb=seraji")}
        self._seraji_words = crf.pair_tails("tb=seraji") or {}  # "tb=seraji|w=<word>" by "w=<word>"

    def _type_rows(self, words: list[str]) -> list[int]:
        index = self._index
        new = new_types(index, words, self.cache_limit, self._bigrams)
        if new:
            crf = self.crf
            flat: list[str] = []  # own, as left neighbour, as right neighbour: each type's lists end to end
            sizes: list[int] = []
            type_features = self.features._type_features
            pair_tails = crf.pair_tails
            for word in new:
                own, left, right = type_features(word)
                flat += own
                flat += left
                flat += right
                sizes += (len(own), len(left), len(right))
                self._bigrams.append((None, None) if "|" in word else
                                     (pair_tails("bi-=" + word), pair_tails("bi+=" + word)))
            start = len(index)
            self._vectors = store_rows(self._vectors, start,
                                       crf.sum_flat(flat, sizes).reshape(len(new), 3, self._labels))
            for k, word in enumerate(new):
                index[word] = start + k
        return [index[w] for w in words]

    def sentences(self, sentences: list[list[str]], treebank: str = "perdt",
                  entities: Sequence[Sequence[str | None]] | None = None) -> list[np.ndarray]:
        """State scores of each sentence; ``entities``: each word's NER tag (see
        :meth:`FeatureExtractor.sentence_features`), or None."""
        words = [w for s in sentences for w in s]
        total = len(words)
        if not total:
            return [np.zeros((0, self._labels)) for _ in sentences]
        vectors, (bigrams,) = self._typed(words, self._bigrams)
        before, after = sentence_positions(sentences)  # words before and after this one
        edges = self._edges
        scores = vectors[:, 0].copy()
        if treebank == "seraji":
            scores += edges["tb=seraji"]
        shifted = np.zeros_like(scores)
        shifted[1:] = vectors[:-1, 1]
        scores += np.where((before > 0)[:, None], shifted, edges["BOS"])
        scores[before == 1] += edges["-2=BOS"]
        shifted[:] = 0.0
        shifted[:-1] = vectors[1:, 2]
        scores += np.where((after > 0)[:, None], shifted, edges["EOS"])
        scores[after == 1] += edges["+2=EOS"]
        rows, groups = self._pair_rows(sentences, bigrams, treebank == "seraji")
        if entities is not None:
            self._entity_rows(entities, rows, groups, treebank == "seraji")
        if rows:
            scores += self.crf.sum_rows(rows, groups, total)
        return split_sentences(scores, sentences)

    def _entity_rows(self, entities: Sequence[Sequence[str | None]], rows: list[int], groups: list[int],
                     seraji: bool) -> None:
        """Add the (row, token) pairs of the NER context attributes (:func:`entity_features`)."""
        row = self.crf.row
        base = 0
        for tags in entities:
            n = len(tags)
            for i in range(n):
                if tags[i] is None:
                    continue
                for attribute in entity_features(tags, i, n, seraji):
                    r = row(attribute)
                    if r is not None:
                        rows.append(r)
                        groups.append(base + i)
            base += n

    def _pair_rows(self, sentences: list[list[str]], token_bigrams: list[tuple],
                   seraji: bool) -> tuple[list[int], list[int]]:
        """(row, token) pairs of the word bigrams and the Seraji word attributes."""
        row = self.crf.row
        seraji_words = self._seraji_words
        rows: list[int] = []
        groups: list[int] = []
        base = 0
        for words in sentences:
            if seraji:
                for i, word in enumerate(words):
                    r = seraji_words.get("w=" + word)
                    if r is not None:
                        rows.append(r)
                        groups.append(base + i)
            for i in range(1, len(words)):
                minus, plus = token_bigrams[base + i - 1]  # both heads hold the left word
                right = words[i]
                if minus is None and plus is None and "|" in words[i - 1]:
                    pair = f"{words[i - 1]}|{right}"
                    r_minus, r_plus = row("bi-=" + pair), row("bi+=" + pair)
                else:
                    r_minus = minus.get(right) if minus is not None else None
                    r_plus = plus.get(right) if plus is not None else None
                if r_minus is not None:
                    rows.append(r_minus)
                    groups.append(base + i)
                if r_plus is not None:
                    rows.append(r_plus)
                    groups.append(base + i - 1)
            base += len(words)
        return rows, groups


class PosTagger:
    """UPOS (CRF) plus XPOS/FEATS (tables) for a sequence of words."""

    def __init__(self, model: CrfModel | bytes, features: FeatureExtractor, morph: MorphTables,
                 treebank: str = "perdt") -> None:
        # bytes: a crfsuite model file as training writes it (cross-validation folds)
        self.crf = model if isinstance(model, CrfModel) else CrfModel.from_crfsuite(model)
        self.features = features
        self.scores = StateScores(features, self.crf)
        self.morph = morph
        self.treebank = treebank
        # NER tags for calls that do not pass them (a model trained with the NER context; the NER model is
        # read on first use): see khabar.tagging.entity_tags
        self.entity_tags: EntityTags | None = EntityTags() if self.crf.row("ner=B-PER") is not None else None

    @classmethod
    def from_resources(cls, treebank: str = "perdt", resources: "PosResources | None" = None) -> "PosTagger":
        """The packaged model (or ``resources`` already loaded, e.g. a cross-validation fold's)."""
        from khabar.tagging.resources import load_pos_resources

        res = resources or load_pos_resources()
        features = FeatureExtractor(res.lexicon, res.clusters, res.verbs, res.tables.get("names"),
                                    set(res.tables["attributes"]),
                                    distributional_tags=res.tables.get("distributional_tags"))
        morph = MorphTables(res.tables["morph"], res.verbs, res.verb_rank, res.lexicon)
        return cls(res.model, features, morph, treebank)

    def tag_upos(self, words: Sequence[str]) -> list[str]:
        return self.tag_upos_many([words])[0]

    def tag_upos_many(self, sentences: Sequence[Sequence[str]],
                      entities: Sequence[Sequence[str | None]] | None = None) -> list[list[str]]:
        """UPOS of several sentences, decoded together (one Viterbi pass over the batch); ``entities``:
        each word's NER tag (:mod:`khabar.tagging.entity_tags`), computed here when not given."""
        if entities is None and self.entity_tags is not None:
            entities = self.entity_tags.word_tags(sentences)
        emissions = self.scores.sentences([list(words) for words in sentences], self.treebank, entities)
        labels = self.crf.labels
        return [[labels[i] for i in path] for path in self.crf.viterbi_batch(emissions)]

    def tag(self, words: Sequence[str],
            entities: Sequence[str | None] | None = None) -> list[tuple[str, str | None, str | None]]:
        """``(UPOS, XPOS, FEATS)`` for each word."""
        return self.tag_many([words], None if entities is None else [entities])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]], entities: Sequence[Sequence[str | None]] | None = None,
                 ) -> list[list[tuple[str, str | None, str | None]]]:
        """``(UPOS, XPOS, FEATS)`` for each word of each sentence."""
        morph = self.morph
        analyze, known = morph.analyze, morph._cache  # the table's own memo, read inline (every token)
        out = []
        for words, tags in zip(sentences, self.tag_upos_many(sentences, entities)):
            last = len(tags) - 1
            tagged = []
            for i, (word, upos) in enumerate(zip(words, tags)):
                context = (verb_context(upos, tags[i - 1] if i else None, tags[i + 1] if i < last else None)
                           if upos in VERB_XPOS else "")
                hit = known.get((word, upos, context))
                xpos, feats = hit if hit is not None else analyze(word, upos, context)
                tagged.append((upos, xpos, feats))
            out.append(tagged)
        return out


class TaggerStage:
    """Pipeline stage: sets ``token.pos`` (UPOS), ``token.xpos`` and ``token.feats``.

    ``treebank`` selects the convention the CRF reproduces: ``"perdt"`` (default; PROPN for names) or
    ``"seraji"`` (names as NOUN, ``را`` still ADP).

    The CRF reads the NER's spans as context (:mod:`khabar.tagging.entity_tags`): from the ``ner`` stage's
    mentions when that stage ran just before (the default pipeline's order), else from the packaged NER
    tagger, which the stage then runs itself (read on first use)."""

    name = "tagger"
    requires = ("tokens",)
    assigns = ("pos",)

    def __init__(self, treebank: str = "perdt", resources: "PosResources | None" = None, shared=None) -> None:
        if treebank not in ("perdt", "seraji"):
            raise ValueError(f"treebank must be 'perdt' or 'seraji', not {treebank!r}")
        if resources is None and shared is not None:
            from khabar.tagging.resources import load_pos_resources

            resources = shared.get("pos.resources", load_pos_resources)  # read once for tagger and lemmatizer
        self.tagger = PosTagger.from_resources(treebank, resources)
        if self.tagger.entity_tags is not None and shared is not None:
            from khabar.ner.tagger import NerTagger

            self.tagger.entity_tags = EntityTags(lambda: shared.get("ner.tagger", NerTagger.load))

    def __call__(self, doc: Document) -> Document:
        groups = [toks for _, toks in doc.iter_sentence_tokens() if toks] if doc.sentences else [doc.tokens]
        groups = [g for g in groups if g]
        self._tag_groups(groups, self._entity_tags(doc, groups))
        rest = [t for t in doc.tokens if t.pos is None]
        if rest:  # tokens outside every sentence span (the ner stage does not tag them either)
            self._tag_groups([rest], [[None] * len(rest)])
        return doc

    def _entity_tags(self, doc: Document, groups: list[list]) -> list[list[str | None]] | None:
        entity_tags = self.tagger.entity_tags
        if entity_tags is None or not groups:
            return None
        from khabar.tagging.entity_tags import document_tags, has_ner_mentions

        if has_ner_mentions(doc):
            return document_tags(doc, groups)
        return entity_tags.tags(doc.text, groups)

    def _tag_groups(self, groups: list[list], entities: list[list[str | None]] | None) -> None:
        tagged = self.tagger.tag_many([[t.text for t in g] for g in groups], entities)
        for tokens, tags in zip(groups, tagged):
            for token, (upos, xpos, feats) in zip(tokens, tags):
                token.pos, token.xpos, token.feats = upos, xpos, feats
