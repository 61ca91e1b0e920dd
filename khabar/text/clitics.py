"""Clitic splitting for multiword tokens (UD Persian: ``کارش`` → ``کار`` + ``ش``, ``مرا`` → ``م`` + ``را``,
``معتقدند`` → ``معتقد`` + ``ند``).

A data-driven decision, not a blind suffix rule: for a word ending in a clitic, every candidate split
``stem + clitic`` is scored by a small logistic model whose features are the clitic, corpus counts of the
word and the stem (from the lexicon), the stem's hazm tags and its shape. Words seen in the UD dev
treebanks use their majority analysis there. Both parts are learned by ``khabar train lexicon`` and
stored in ``khabar/resources/lexicon/clitics.json``.

>>> from khabar.text.lexicon import Lexicon
>>> splitter = CliticSplitter.load(Lexicon.load())
>>> splitter.split("کتابش"), splitter.split("کردند"), splitter.split("مرا")
((4, 'ش'), None, (1, 'را'))
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from itertools import repeat
from pathlib import Path
from typing import Iterable, Mapping

ZWNJ = "\u200c"
CLITICS = ("یشان", "یمان", "یتان", "شان", "مان", "تان", "اش", "ام", "ات", "یش", "یم", "یت", "ش", "م", "ت",
           "ست", "اند", "ند", "را", "ین", "یند")
_VOWELS = ("ا", "و", "ی", "ه", ZWNJ)


# the clitics by their last letter, each list in CLITICS order: a word is tested only against the clitics
# that end in its own last letter
_BY_LAST_LETTER: dict[str, tuple[str, ...]] = {
    last: tuple(c for c in CLITICS if c[-1] == last) for last in {c[-1] for c in CLITICS}}


def candidates(word: str) -> list[tuple[int, str]]:
    """Possible ``(stem length, clitic)`` splits of ``word``."""
    out = []
    for clitic in _BY_LAST_LETTER.get(word[-1:], ()):
        if word.endswith(clitic):
            n = len(word) - len(clitic)
            if n >= 2 or (clitic == "را" and n == 1):
                out.append((n, clitic))
    return out


_VERB_ENDINGS = frozenset({"م", "یم", "ند", "ید", "ین", "یند"})


def blocked(word: str, stem: str, clitic: str, flags: Mapping[str, str]) -> bool:
    """Verb forms are not host + clitic: ``می‌خوردیم``, ``دادم`` (past stem + ending), ``بدانم``
    (subjunctive or negative prefix + present stem + ending), ``زده‌ام`` (participle + ``ام``)."""
    if word.startswith(("می‌", "نمی‌")):
        return True
    bare = stem.rstrip(ZWNJ)
    if clitic in _VERB_ENDINGS and ("v" in flags.get(bare, "")
                                    or (bare[:1] in "بن" and "r" in flags.get(bare[1:], ""))):
        return True  # دادم، بدانم، نفهمند
    return clitic in ("ام", "ایم", "اند", "اید") and bare.endswith("ه") and "v" in flags.get(bare[:-1], "")


def _bucket(x: int) -> int:
    return min(6, int(math.log10(x + 1) * 2))


def features(word: str, stem: str, clitic: str, counts: Mapping[str, int], flags: Mapping[str, str]) -> list[str]:
    bare = stem.rstrip(ZWNJ)
    cw, cs = counts.get(word, 0), counts.get(bare, 0)
    fs, fw = flags.get(bare, ""), flags.get(word, "")
    ratio = max(-4, min(4, round(math.log10(cs + 1) - math.log10(cw + 1))))
    zw, vowel = stem.endswith(ZWNJ), bare[-1:] in _VOWELS
    head = bare.split(ZWNJ)[-1]
    verbal = word.startswith(("می", "نمی")) or (head.endswith("ه") and "v" in flags.get(head[:-1], ""))
    plural = bare.endswith(("های", "ها")) or (head.endswith("ان") and counts.get(head[:-2], 0) > cs)
    out = [f"c={clitic}", f"cw={_bucket(cw)}", f"cs={_bucket(cs)}", f"r={ratio}", f"c={clitic}|r={ratio}",
           f"c={clitic}|cw={_bucket(cw)}", f"zw={zw}", f"c={clitic}|zw={zw}", f"v={vowel}", f"c={clitic}|v={vowel}",
           f"len={min(len(stem), 7)}", f"c={clitic}|hw={'h' in fw}", f"c={clitic}|hs={'h' in fs}",
           f"c={clitic}|end={bare[-2:]}", f"c={clitic}|verbal={verbal}", f"c={clitic}|plural={plural}",
           f"c={clitic}|past={'v' in fs}", f"c={clitic}|present={'r' in fs}"]
    out += [f"fs={t}" for t in fs] + [f"fw={t}" for t in fw] + [f"c={clitic}|fs={t}" for t in fs]
    return out


def _gold_analyses(paths: Iterable[Path]) -> Counter:
    """Counter of (form, analysis) where analysis is ``(stem length, clitic)`` or None (not split)."""
    from khabar.evaluation.conllu import read_conllu
    from khabar.text.normalizer import unify_characters

    seen: Counter = Counter()
    for path in paths:
        for sent in read_conllu(path):
            for tok in sent.tokens:
                form = unify_characters(tok.form)
                words = [unify_characters(w.form) for w in tok.words]
                while len(words) > 1 and not any(ch.isalpha() for ch in words[-1]):
                    words.pop()
                    form = form[: len(form) - len(tok.words[-1].form)] if form.endswith(tok.words[-1].form) else form
                if len(words) == 2 and form == words[0] + words[1]:
                    seen[(form, (len(words[0]), words[1]))] += 1
                elif len(words) == 1 and any(ch.isalpha() for ch in form):
                    seen[(form, None)] += 1
    return seen


def train_clitic_model(treebanks: list[Path], counts: Mapping[str, int], flags: Mapping[str, str]) -> dict:
    """Learn the memorized forms and the logistic model from UD CoNLL-U files."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = _gold_analyses(treebanks)
    by_form: dict[str, Counter] = defaultdict(Counter)
    for (form, analysis), n in seen.items():
        by_form[form][analysis] += n
    X, y, weights = [], [], []
    forms: dict[str, list] = {}
    for form, analyses in sorted(by_form.items()):
        cands = candidates(form)
        if not cands:
            continue
        best, _ = max(analyses.items(), key=lambda kv: (kv[1], kv[0] is None))
        forms[form] = list(best) if best else []
        total = sum(analyses.values())
        for n, clitic in cands:
            if blocked(form, form[:n], clitic, flags):
                continue
            X.append({f: 1 for f in features(form, form[:n], clitic, counts, flags)})
            y.append(int(analyses.get((n, clitic), 0) * 2 > total))
            weights.append(1.0)
    if not X or len(set(y)) < 2:
        return {"forms": forms, "weights": {}, "bias": -10.0}
    vec = DictVectorizer()
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight={0: 1.0, 1: 2.0})
    model.fit(vec.fit_transform(X), y, sample_weight=weights)
    coef = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-4}
    # only split-worthy memorized forms and non-split forms the model would get wrong need storing
    kept_forms = {}
    for form, analysis in forms.items():
        predicted = _decide(form, counts, flags, coef, float(model.intercept_[0]))
        if (list(predicted) if predicted else []) != analysis:
            kept_forms[form] = analysis
    return {"forms": kept_forms, "weights": coef, "bias": round(float(model.intercept_[0]), 4)}


def _decide(word: str, counts: Mapping[str, int], flags: Mapping[str, str], weights: Mapping[str, float],
            bias: float, cands: list[tuple[int, str]] | None = None) -> tuple[int, str] | None:
    best, best_score = None, 0.0
    for n, clitic in (candidates(word) if cands is None else cands):
        if blocked(word, word[:n], clitic, flags):
            continue
        score = bias + sum(map(weights.get, features(word, word[:n], clitic, counts, flags), repeat(0.0)))
        if score > best_score:
            best, best_score = (n, clitic), score
    return best


class CliticSplitter:
    """Decides whether (and where) a word splits into a stem and a clitic pronoun or copula."""

    def __init__(self, model: dict, counts: Mapping[str, int], flags: Mapping[str, str]) -> None:
        self.forms = {f: (tuple(a) if a else None) for f, a in model.get("forms", {}).items()}
        self.weights = model.get("weights", {})
        self.bias = float(model.get("bias", -10.0))
        self.counts, self.flags = counts, flags
        # every decision made so far, starting with the memorized forms (read by the tokenizer directly)
        self.decisions: dict[str, tuple[int, str] | None] = dict(self.forms)

    @classmethod
    def load(cls, lexicon) -> "CliticSplitter":
        from khabar.resources import read_text

        return cls(json.loads(read_text("lexicon", "clitics.json")), lexicon.counts, lexicon.flags)

    def split(self, word: str) -> tuple[int, str] | None:
        """``(stem length, clitic)`` when ``word`` is a stem plus a clitic, else None."""
        if word in self.decisions:
            return self.decisions[word]
        cands = candidates(word)
        result = _decide(word, self.counts, self.flags, self.weights, self.bias, cands) if cands else None
        if len(self.decisions) < 300_000:
            self.decisions[word] = result
        return result
