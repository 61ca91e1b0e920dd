"""Token features for the CRF named-entity tagger.

For each token: its folded form, affixes, shape, word clusters at three granularities, gazetteer and
cue-word categories, and the same for its neighbours (±2), plus word bigrams. A corpus-convention
attribute (``corpus=peyma`` ...) is added when given: the three training corpora annotate different label
sets, and this lets the model learn each corpus's bias instead of unlearning the others' labels.

Features of a word type do not depend on its context, so they are computed once per type and kept in
the extractor's own dictionary (bounded; no module-level cache).
"""
from __future__ import annotations

import itertools

import numpy as np
import regex

from khabar.features.clusters import WordClusters, word_key
from khabar.features.crf import TypeScoreTables, new_types, sentence_positions, split_sentences, store_rows
from khabar.ner.lexicon import CUE_TABLES, Gazetteer

_LATIN = regex.compile(r"[A-Za-z]")
_DIGIT = regex.compile(r"\d")
_ALLDIGIT = regex.compile(r"^[\d.,/:٫٬\-]+$")
_PUNCT = regex.compile(r"^[\p{P}\p{S}]+$")
_PERSIAN = regex.compile(r"[\u0600-\u06FF]")
# Arabic-script letters (no digits, marks, tatweel or punctuation), ZWNJ after the first: a word made of
# these alone is "fa" (or "fa_joined" with a ZWNJ) without trying the five patterns of the general case
_LETTERS_ONLY = regex.compile("[\u0621-\u063A\u0641-\u064A\u066E-\u06D3\u06D5][\u0621-\u063A\u0641-\u064A\u066E-\u06D3\u06D5\u200c]*")
_CACHE_LIMIT = 200_000
_OFFSETS = (-2, -1, 1, 2)
_PAD = tuple(f"{o}:pad" for o in _OFFSETS)


class FeatureExtractor:
    """Turns a sentence (list of token strings) into CRF attribute lists."""

    def __init__(self, clusters: WordClusters, gazetteer: Gazetteer, version: int = 1) -> None:
        self.version = version
        self.clusters = clusters
        self.gazetteer = gazetteer
        self.cues = Gazetteer({k: list(v) for k, v in CUE_TABLES.items()})
        self._types: dict[str, tuple[list[str], list[str]]] = {}

    def _shape(self, word: str) -> str:
        if _LETTERS_ONLY.fullmatch(word):
            return "fa_joined" if "\u200c" in word else "fa"
        if _ALLDIGIT.match(word):
            return "num"
        if _PUNCT.match(word):
            return "punct"
        if _LATIN.search(word):
            return "latin"
        if _DIGIT.search(word):
            return "mixdig"
        if not _PERSIAN.search(word):
            return "other"
        if "\u200c" in word or " " in word:
            return "fa_joined"
        return "fa"

    def type_parts(self, word: str) -> tuple:
        """The pieces of a word type's features, not cached: (folded key, own features before the
        clusters, the cluster features, own features after them, near features after them (gazetteer and
        cue categories), its two coarse cluster ids, its 3-letter suffix or shape). The token's own
        features are ``head + clusters + tail``; seen from a neighbour, ``w=<key>``, the clusters and
        ``near_tail``."""
        key = word_key(word)
        shape = self._shape(word)
        n = len(key)
        head = [f"w={key}", f"shape={shape}", f"len={n if n < 8 else 8}"]
        if shape in ("fa", "fa_joined", "latin"):
            if n > 4:  # most words: every affix
                head += (f"p1={key[:1]}", f"s1={key[-1:]}", f"p2={key[:2]}", f"s2={key[-2:]}",
                         f"p3={key[:3]}", f"s3={key[-3:]}", f"p4={key[:4]}", f"s4={key[-4:]}")
            else:
                for k in range(1, n):
                    head.append(f"p{k}={key[:k]}")
                    head.append(f"s{k}={key[-k:]}")
        clusters = tuple(self.clusters.features(key)) if key else ()
        if not clusters:
            clusters = ("c=none",)
            coarse = ("-", "-")
        else:
            coarse = (clusters[0].partition("=")[2], clusters[1].partition("=")[2])
        places, cues = self.gazetteer.categories(key), self.cues.categories(key)
        near_tail = [f"g={cat}" for cat in places] + [f"q={cat}" for cat in cues] if places or cues else []
        tail = near_tail + [f"punct={word}"] if shape == "punct" else near_tail
        return key, head, clusters, tail, near_tail, coarse, key[-3:] if shape in ("fa", "fa_joined") else shape

    def type_features(self, word: str) -> tuple:
        """(folded key, features of the token itself, its features as seen from offsets -2, -1, +1, +2,
        its two coarse cluster ids, its 3-letter suffix or shape)."""
        cached = self._types.get(word)
        if cached is not None:
            return cached
        key, head, clusters, tail, near_tail, coarse, suffix = self.type_parts(word)
        own = head + list(clusters) + tail
        near = [f"w={key}", *clusters, *near_tail]
        seen_from = tuple([f"{offset}:{f}" for f in near] for offset in _OFFSETS)
        if len(self._types) > _CACHE_LIMIT:
            self._types.clear()
        result = (key, own, seen_from, coarse, suffix)
        self._types[word] = result
        return result

    def sentence(self, words: list[str], corpus: str | None = None) -> list[list[str]]:
        n = len(words)
        types = [self.type_features(w) for w in words]
        keys = [t[0] for t in types]
        phrase_feats: list[list[str]] = [[] for _ in range(n)]
        for start, end, cat in self.gazetteer.match_keys(keys) + self.cues.match_keys(keys):
            phrase_feats[start].append(f"gp=B-{cat}")
            for j in range(start + 1, end):
                phrase_feats[j].append(f"gp=I-{cat}")
        out: list[list[str]] = []
        for i in range(n):
            feats = ["bias", *types[i][1], *phrase_feats[i]]
            for slot, offset in enumerate(_OFFSETS):
                j = i + offset
                if 0 <= j < n:
                    feats += types[j][2][slot]
                    if offset == -1 or offset == 1:
                        feats.extend(f"{offset}:{f}" for f in phrase_feats[j])
                else:
                    feats.append(_PAD[slot])
            if i > 0:
                feats.append(f"b-={keys[i - 1]}|{keys[i]}")
            if i + 1 < n:
                feats.append(f"b+={keys[i]}|{keys[i + 1]}")
            if self.version >= 2:  # cluster and suffix pairs: generalize two-word names past their words
                cur = types[i]
                if i > 0:
                    prev = types[i - 1]
                    feats.append(f"cc-={prev[3][0]}|{cur[3][0]}")
                    feats.append(f"ccc-={prev[3][1]}|{cur[3][1]}")
                    feats.append(f"-1:s3={prev[4]}")
                if i + 1 < n:
                    nxt = types[i + 1]
                    feats.append(f"cc+={cur[3][0]}|{nxt[3][0]}")
                    feats.append(f"ccc+={cur[3][1]}|{nxt[3][1]}")
                    feats.append(f"1:s3={nxt[4]}")
            if corpus:
                feats.append(f"corpus={corpus}")
            out.append(feats)
        return out


class StateScores(TypeScoreTables):
    """CRF state scores (tokens × labels) of sentences, equal to ``model.emissions(extractor.sentence(...))``
    but built from sums kept per word type.

    A token's attributes are its own type features, its neighbours' "seen from offset k" features, and a
    few that depend on the pair or phrase around it (word bigrams, gazetteer phrases, cluster pairs). The
    first two are context-free: their summed weights are computed once per word type and kept (bounded,
    per instance), with the word's bigram tables (:meth:`~khabar.features.crf.CrfModel.pair_tails` of
    ``b-=<key>`` and ``b+=<key>``); a sentence then costs a few numpy adds plus one look-up per bigram. The
    ``corpus=X`` attribute is the same for every token: callers add :meth:`corpus_vector` per decode.
    """

    def __init__(self, extractor: FeatureExtractor, model, cache_limit: int = 30_000) -> None:
        super().__init__(len(model.labels), 5, cache_limit)
        self.extractor = extractor
        self.model = model
        self._keys: list[str] = []       # per cached type: its folded key
        # per cached type: its b-= and b+= tables as the left word (right word's key → row); a key with
        # a "|" in it has empty tables and its pairs are looked up by name
        self._minus: list[dict[str, int]] = []
        self._plus: list[dict[str, int]] = []
        self._no_pairs: dict[str, int] = {}  # never written
        # the cluster attributes of a type (own and seen from ±1, ±2) by its cluster ids: a few thousand
        # id triples cover every word, so their sums are kept apart from the per-word sums
        self._cluster_index: dict[tuple[str, ...], int] = {}
        self._cluster_vectors = np.zeros((256, 5, self._labels))
        self._bias = model.vector(["bias"])
        self._pad = np.stack([model.vector([p]) for p in _PAD])

    def corpus_vector(self, corpus: str | None) -> np.ndarray:
        return self.model.vector([f"corpus={corpus}"]) if corpus else np.zeros(self._labels)

    def _cluster_rows(self, triples: list[tuple[str, ...]]) -> list[int]:
        """Rows of the cluster-attribute sums of each type's cluster ids, new ones computed together."""
        index = self._cluster_index
        new = [t for t in dict.fromkeys(triples) if t not in index]
        if new:
            flat: list[str] = []  # own and seen from -2, -1, +1, +2, end to end
            sizes: list[int] = []
            for clusters in new:
                flat += clusters
                for offset in _OFFSETS:
                    flat += [f"{offset}:{c}" for c in clusters]
                sizes += [len(clusters)] * 5
            start = len(index)
            sums = self.model.sum_flat(flat, sizes).reshape(len(new), 5, self._labels)
            self._cluster_vectors = store_rows(self._cluster_vectors, start, sums)
            for k, clusters in enumerate(new):
                index[clusters] = start + k
        return [index[t] for t in triples]

    def _type_rows(self, words: list[str]) -> list[int]:
        """Indices of the words' per-type sums, computing the new types' sums in one numpy call."""
        index = self._index
        new = new_types(index, words, self.cache_limit, self._keys, self._minus, self._plus)
        if new:
            model = self.model
            flat: list[str] = []  # the five attribute lists of each new type, end to end
            sizes: list[int] = []
            triples: list[tuple[str, ...]] = []
            type_parts = self.extractor.type_parts
            for word in new:
                key, head, clusters, tail, near_tail, _, _ = type_parts(word)
                flat += head
                flat += tail
                if near_tail:
                    near = [f"w={key}", *near_tail]
                    for offset in _OFFSETS:
                        flat += [f"{offset}:{f}" for f in near]
                    sizes += (len(head) + len(tail), len(near), len(near), len(near), len(near))
                else:  # most words: the neighbours see only the word itself
                    flat += (f"-2:w={key}", f"-1:w={key}", f"1:w={key}", f"2:w={key}")
                    sizes += (len(head) + len(tail), 1, 1, 1, 1)
                triples.append(clusters)
                self._keys.append(key)
                no_pairs = self._no_pairs
                if "|" in key:
                    self._minus.append(no_pairs)
                    self._plus.append(no_pairs)
                else:
                    self._minus.append(model.pair_tails("b-=" + key) or no_pairs)
                    self._plus.append(model.pair_tails("b+=" + key) or no_pairs)
            sums = model.sum_flat(flat, sizes).reshape(len(new), 5, self._labels)
            cluster_rows = self._cluster_rows(triples)  # first: it may grow the table
            sums += self._cluster_vectors[cluster_rows]
            start = len(index)
            self._vectors = store_rows(self._vectors, start, sums)
            for k, word in enumerate(new):
                index[word] = start + k
        return [index[w] for w in words]

    def sentences(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """State scores of each sentence (without the corpus attribute)."""
        sentences = [list(s) for s in sentences]
        words = [w for s in sentences for w in s]
        total = len(words)
        if not total:
            return [np.zeros((0, self._labels)) for _ in sentences]
        # vectors: total × 5 × labels
        vectors, (keys, minus, plus) = self._typed(words, self._keys, self._minus, self._plus)
        position, left = sentence_positions(sentences)  # tokens before and after this one
        scores = vectors[:, 0] + self._bias
        shifted = np.zeros_like(scores)
        for slot, offset in enumerate(_OFFSETS):
            shifted[:] = 0.0
            if offset < 0:
                shifted[-offset:] = vectors[:offset, slot + 1]
                inside = position >= -offset
            else:
                shifted[:-offset] = vectors[offset:, slot + 1]
                inside = left >= offset
            scores += np.where(inside[:, None], shifted, self._pad[slot])
        rows, groups = self._context_rows(sentences, keys, minus, plus, position)
        if len(rows):
            scores += self.model.sum_rows(rows, groups, total)
        return split_sentences(scores, sentences)

    def _context_rows(self, sentences: list[list[str]], all_keys: list[str], minus: list[dict[str, int]],
                      plus: list[dict[str, int]], position: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, token) pairs of the attributes that depend on a word's neighbours: gazetteer phrases,
        bigrams and (version 2) cluster and suffix pairs, in that order (so each token's weights are
        added in the order the attribute lists give them). The bigrams of all sentences are looked up in
        one pass (``map`` over the left words' tables), pairs across a sentence boundary dropped."""
        row = self.model.row
        extractor = self.extractor
        gazetteer, cues = extractor.gazetteer, extractor.cues
        rows: list[int] = []
        groups: list[int] = []
        base = 0
        for words in sentences:
            n = len(words)
            keys = all_keys[base:base + n]
            feats_at: list[tuple[int, str]] = []
            for start, end, cat in gazetteer.match_keys(keys) + cues.match_keys(keys):
                feats_at.append((start, f"gp=B-{cat}"))
                feats_at.extend((j, f"gp=I-{cat}") for j in range(start + 1, end))
            for j, feat in feats_at:
                candidates = [(j, feat)]
                if j + 1 < n:
                    candidates.append((j + 1, f"-1:{feat}"))
                if j > 0:
                    candidates.append((j - 1, f"1:{feat}"))
                for i, name in candidates:
                    r = row(name)
                    if r is not None:
                        rows.append(r)
                        groups.append(base + i)
            base += n
        total = len(all_keys)
        row_parts = [np.asarray(rows, dtype=np.int64)]
        group_parts = [np.asarray(groups, dtype=np.int64)]
        if total > 1:
            rights = all_keys[1:]
            r_minus = np.fromiter(map(dict.get, minus[:-1], rights, itertools.repeat(-1)), dtype=np.int64,
                                  count=total - 1)
            r_plus = np.fromiter(map(dict.get, plus[:-1], rights, itertools.repeat(-1)), dtype=np.int64,
                                 count=total - 1)
            within = position[1:] > 0  # pair j: tokens j and j + 1 of one sentence
            if "|" in "".join(all_keys):  # a left key with "|": its pairs by name
                for j in range(total - 1):
                    if within[j] and "|" in all_keys[j]:
                        pair = f"{all_keys[j]}|{rights[j]}"
                        r_minus[j], r_plus[j] = (-1 if r is None else r for r in (row("b-=" + pair),
                                                                                   row("b+=" + pair)))
            after = np.arange(1, total)
            found = within & (r_minus >= 0)  # b-= is an attribute of the right word
            row_parts.append(r_minus[found])
            group_parts.append(after[found])
            found = within & (r_plus >= 0)  # b+= of the left one
            row_parts.append(r_plus[found])
            group_parts.append(after[found] - 1)
        if extractor.version >= 2:
            rows, groups = [], []
            base = 0
            for words in sentences:
                n = len(words)
                types = [extractor.type_features(w) for w in words]
                for i in range(1, n):
                    prev, cur = types[i - 1], types[i]
                    for name, at in ((f"cc-={prev[3][0]}|{cur[3][0]}", i), (f"ccc-={prev[3][1]}|{cur[3][1]}", i),
                                     (f"-1:s3={prev[4]}", i), (f"cc+={prev[3][0]}|{cur[3][0]}", i - 1),
                                     (f"ccc+={prev[3][1]}|{cur[3][1]}", i - 1), (f"1:s3={cur[4]}", i - 1)):
                        r = row(name)
                        if r is not None:
                            rows.append(r)
                            groups.append(base + at)
                base += n
            row_parts.append(np.asarray(rows, dtype=np.int64))
            group_parts.append(np.asarray(groups, dtype=np.int64))
        return np.concatenate(row_parts), np.concatenate(group_parts)
