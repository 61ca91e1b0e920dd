"""Features for the CRF POS tagger: word form, affixes, ZWNJ parts, the hazm lexicon, the verb analyzer,
distributional classes from unlabeled news and the UPOS a word's distributional vector suggests, and the
same for the neighbours.

Features of a word type do not depend on its context, so :class:`FeatureExtractor` computes them once
per type (a bounded per-instance cache) and builds each token's feature list by concatenating its own
features with its neighbours' precomputed context features; that keeps tagging fast.

>>> fx = FeatureExtractor({"کتاب": "N"}, {}, None)
>>> feats = fx.sentence_features(["این", "کتاب"])
>>> "w=کتاب" in feats[1] and "-1w=این" in feats[1] and "lx=N" in feats[1]
True
"""
from __future__ import annotations

from typing import Sequence

from khabar.tagging.morphology import ZWNJ, VerbAnalyzer

# Suffixes whose removal leaves a stem worth looking up in the lexicon (longest first).
STEM_SUFFIXES = ("هایی", "هایم", "هایش", "های", "ترین", "ها", "تر", "یان", "گان", "ان", "ات", "ای", "ی", "ش",
                 "م", "مان", "شان", "ٔ")
PERSIAN_DIGITS = set("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789")
CACHE_LIMIT = 200_000


def _shape(word: str) -> str:
    if all(ch in PERSIAN_DIGITS or ch in ".,/:٫٬-" for ch in word):
        return "num"
    if any(ch.isdigit() for ch in word):
        return "hasnum"
    if word.isascii() and word.isalpha():
        return "latin"
    if not any(ch.isalnum() for ch in word):
        return "punct"
    return "word"


def entity_features(entities: Sequence[str | None], i: int, n: int, seraji: bool = False) -> list[str]:
    """The NER context of word ``i`` (:mod:`khabar.tagging.entity_tags`): its tag (``ner=B-PER``) and label
    (``nerl=PER``), both also with a Seraji copy on Seraji sentences (feature augmentation: Seraji tags
    names NOUN, so the shared weights keep PerDT's PROPN). The neighbours' tags and a span-end mark were
    tried and dropped (no gain on the first cross-validation fold)."""
    tag = entities[i]
    if tag is None:
        return []
    out = [f"ner={tag}", f"nerl={tag[2:]}"]
    if seraji:
        out += [f"tb=seraji|{f}" for f in out]
    return out


class FeatureExtractor:
    """Builds per-token feature lists for python-crfsuite from lexicon, clusters and verb analysis."""

    def __init__(self, lexicon: dict[str, str], clusters: dict[str, tuple[int, ...]],
                 verbs: VerbAnalyzer | None, names: dict[str, str] | None = None,
                 attributes: set[str] | None = None,
                 distributional_tags: dict[str, str] | None = None) -> None:
        self.lexicon = lexicon
        # word -> the UPOS its distributional vector suggests (khabar.training.pos.distributional_tags)
        self.distributional_tags = distributional_tags or {}
        self.names = names or {}
        # The attributes the trained model has weights for: others are dropped early, which keeps the
        # hand-over to crfsuite short (None while training).
        self.attributes = attributes
        self.clusters = clusters
        self.verbs = verbs
        self._cache: dict[str, tuple[list[str], list[str], list[str]]] = {}

    # --- per type ----------------------------------------------------------------------
    def _type_features(self, word: str):
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        own = self._own_features(word)
        w = word.replace(ZWNJ, "")
        lx = self.lexicon.get(word) or self.lexicon.get(w) or "-"
        cl = self.clusters.get(word)
        c0 = str(cl[0]) if cl else "-"
        left1 = [f"-1w={word}", f"-1lx={lx}", f"-1c={c0}"]
        right1 = [f"+1w={word}", f"+1lx={lx}", f"+1c={c0}"]
        ne = self.names.get(word)
        if ne:
            left1.append(f"-1ne={ne}")
            right1.append(f"+1ne={ne}")
        result = (own, left1, right1)
        if self.attributes is not None:
            keep = self.attributes
            result = tuple([f for f in part if f in keep] for part in result)
        self._cache[word] = result
        return result

    def _own_features(self, word: str) -> list[str]:
        w = word.replace(ZWNJ, "")
        feats = ["bias", f"w={word}", f"shape={_shape(word)}"]
        for k in (1, 2, 3, 4):
            if len(w) > k:
                feats.append(f"s{k}={w[-k:]}")
        for k in (1, 2, 3):
            if len(w) > k:
                feats.append(f"p{k}={w[:k]}")
        if ZWNJ in word:
            parts = [p for p in word.split(ZWNJ) if p]
            if parts:
                feats.append(f"zf={parts[0]}")
                feats.append(f"zl={parts[-1]}")
                feats.append(f"zn={min(len(parts), 4)}")
                last = self.lexicon.get(parts[-1])
                if last:
                    feats.append(f"zllx={last}")
                first = self.lexicon.get(parts[0])
                if first:
                    feats.append(f"zflx={first}")
        lx = self.lexicon.get(word) or self.lexicon.get(w)
        if lx:
            feats.append(f"lx={lx}")
            if "," in lx:
                feats.extend(f"lx1={c}" for c in lx.split(","))
        else:
            feats.append("lx=-")
            for suffix in STEM_SUFFIXES:
                if w.endswith(suffix) and len(w) > len(suffix) + 1:
                    stem_lx = self.lexicon.get(w[: -len(suffix)])
                    if stem_lx:
                        feats.append(f"slx={suffix}|{stem_lx}")
                        break
        ne = self.names.get(word)
        if ne:
            feats.append(f"ne={ne}")
            feats.append(f"nr={ne.partition(':')[2]}")
        dt = self.distributional_tags.get(word) or self.distributional_tags.get(w)
        if dt:
            feats.append(f"dt={dt}")
        cl = self.clusters.get(word) or self.clusters.get(w)
        if cl:
            feats.append(f"c={cl[0]}")
            feats.append(f"cc={cl[1]}")
            for level, cid in enumerate(cl[2:], start=3):  # finer classes, when the table has them
                feats.append(f"c{level}={cid}")
        else:
            feats.append("c=-")
        if self.verbs is not None:
            forms = sorted({a.form for a in self.verbs.analyze(word)})
            for form in forms:
                feats.append(f"v={form}")
        return feats

    # --- per sentence ------------------------------------------------------------------
    def sentence_features(self, words: Sequence[str], treebank: str = "perdt",
                          entities: Sequence[str | None] | None = None) -> list[list[str]]:
        """Each word's attribute list. ``entities``: the word's NER tag (``B-PER``, ``I-ORG``, None
        outside names; :mod:`khabar.tagging.entity_tags`), when known."""
        type_features = self._type_features
        info = [type_features(w) for w in words]
        n = len(words)
        out: list[list[str]] = []
        keep = self.attributes
        # PerDT is the default convention; Seraji sentences get their own bias and word weights on top
        # (feature augmentation), so the shared weights are not pulled toward Seraji's conventions.
        seraji = treebank == "seraji"
        for i in range(n):
            feats = info[i][0] + ["tb=seraji"] if seraji else list(info[i][0])
            dynamic = [f"tb=seraji|w={words[i]}"] if seraji else []
            if i > 0:
                feats += info[i - 1][1]
                dynamic.append(f"bi-={words[i - 1]}|{words[i]}")
                if i == 1:
                    feats.append("-2=BOS")
            else:
                feats.append("BOS")
            if i + 1 < n:
                feats += info[i + 1][2]
                dynamic.append(f"bi+={words[i]}|{words[i + 1]}")
                if i + 2 == n:
                    feats.append("+2=EOS")
            else:
                feats.append("EOS")
            if entities is not None:
                dynamic += entity_features(entities, i, n, seraji)
            if keep is None:
                feats += dynamic
            else:
                feats += [f for f in dynamic if f in keep]
            out.append(feats)
        return out
