"""Token features for the CRF named-entity tagger.

For each token: its folded form, affixes, shape, word clusters at three granularities, gazetteer and
cue-word categories, and the same for its neighbours (±2), plus word bigrams. A corpus-convention
attribute (``corpus=peyma`` ...) is added when given: the three training corpora annotate different label
sets, and this lets the model learn each corpus's bias instead of unlearning the others' labels.

Features of a word type do not depend on its context, so they are computed once per type and kept in
the extractor's own dictionary (bounded; no module-level cache).
"""
from __future__ import annotations

import regex

from khabar.features.clusters import WordClusters, word_key
from khabar.ner.lexicon import CUE_TABLES, Gazetteer

_LATIN = regex.compile(r"[A-Za-z]")
_DIGIT = regex.compile(r"\d")
_ALLDIGIT = regex.compile(r"^[\d.,/:٫٬\-]+$")
_PUNCT = regex.compile(r"^[\p{P}\p{S}]+$")
_PERSIAN = regex.compile(r"[\u0600-\u06FF]")
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

    def type_features(self, word: str) -> tuple:
        """(folded key, features of the token itself, its features as seen from offsets -2, -1, +1, +2,
        its two coarse cluster ids, its 3-letter suffix or shape)."""
        cached = self._types.get(word)
        if cached is not None:
            return cached
        key = word_key(word)
        shape = self._shape(word)
        own = [f"w={key}", f"shape={shape}", f"len={min(len(key), 8)}"]
        if shape in ("fa", "fa_joined", "latin"):
            for n in (1, 2, 3, 4):
                if len(key) > n:
                    own.append(f"p{n}={key[:n]}")
                    own.append(f"s{n}={key[-n:]}")
        ids = self.clusters.get(key) if key else None
        near = [f"w={key}"]
        if ids is None:
            own.append("c=none")
            near.append("c=none")
        else:
            for k, c in zip(self.clusters.granularities, ids):
                own.append(f"c{k}={c}")
                near.append(f"c{k}={c}")
        for cat in self.gazetteer.categories(key):
            own.append(f"g={cat}")
            near.append(f"g={cat}")
        for cat in self.cues.categories(key):
            own.append(f"q={cat}")
            near.append(f"q={cat}")
        if shape == "punct":
            own.append(f"punct={word}")
        seen_from = tuple([f"{offset}:{f}" for f in near] for offset in _OFFSETS)
        if len(self._types) > _CACHE_LIMIT:
            self._types.clear()
        coarse = (f"{ids[0]}", f"{ids[1]}") if ids is not None else ("-", "-")
        result = (key, own, seen_from, coarse, key[-3:] if shape in ("fa", "fa_joined") else shape)
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
