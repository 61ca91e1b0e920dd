"""Topic classification: one coarse topic per document (``doc.topic``).

The topics are :data:`khabar.about.articles.TOPICS` — politics, world (incl. foreign policy), economy,
society, culture (culture and art), sports, science (science and technology), health. Provinces are not a
topic: a provincial desk files politics, economy or sports news like any other (see ``docs/about.md``).

The model is a linear classifier (multinomial logistic regression) over TF-IDF weighted term features:
terms are lemmas when the lemmatizer ran, else folded token text (:mod:`khabar.about.terms`).
It ships as ``resources/topic/model.npz`` (vocabulary, IDF, weights; no pickle) and is applied
with numpy only, so the stage loads in milliseconds.

>>> import khabar
>>> nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer", "topic"])
>>> nlp("تیم ملی فوتبال ایران در جام جهانی مقابل پرتغال به میدان رفت و گل زد.").topic.label
'sports'
"""
from __future__ import annotations

import io
import math
from array import array
from collections import Counter
from typing import Iterable, Sequence

import numpy as np

from khabar.about.terms import (TermMemo, document_number_terms, document_term_counts, document_token_terms,
                                is_number, load_stopwords)
from khabar.document import Document, Topic
from khabar.resources import read_bytes


def topic_features(doc: Document, stopwords: frozenset[str]) -> Counter:
    """Counts of the classifier's features, ``w:term`` for each content term (stopwords, numbers and
    one-letter words skipped). Adjacent-term bigrams and separate headline features were tried and
    lowered cross-validated accuracy (docs/about.md), so the model is unigram."""
    counts = Counter(t for t in document_token_terms(doc) if t is not None and len(t) > 1 and t not in stopwords)
    return Counter({"w:" + t: c for t, c in counts.items() if not is_number(t)})


class TopicModel:
    """Vocabulary, IDF weights and a linear layer: ``softmax(W · l2norm(tfidf(x)) + b)``."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, weights: np.ndarray,
                 bias: np.ndarray, classes: Sequence[str]) -> None:
        self.vocabulary = list(vocabulary)
        self.index = {f: i for i, f in enumerate(self.vocabulary)}
        # Unigram features are "w:<term>": the same rows keyed by the bare term.
        self.term_index = {f[2:]: i for f, i in self.index.items() if f.startswith("w:")}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.weights = np.asarray(weights, dtype=np.float32)  # (n_features, n_classes)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.classes = list(classes)
        # the same float32 values as Python floats, for :meth:`weigh`
        self._tf_values = np.array([0.0] + [1.0 + math.log(c) for c in range(1, 256)], dtype=np.float32).tolist()
        self._idf_values = self.idf.tolist()

    # --- applying ---------------------------------------------------------------------------------
    def vector(self, features: Counter) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and TF-IDF values (sublinear tf, l2-normalized) of known features."""
        return self._weighted(self.index, features)

    def term_vector(self, counts: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`vector` of bare term counts (``term`` for the feature ``w:term``): the stage's fast path,
        which looks terms up without building feature strings."""
        return self._weighted(self.term_index, counts)

    def _weighted(self, index: dict[str, int], counts: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        get = index.get
        return self.weigh([(i, c) for key, c in counts.items() if (i := get(key)) is not None])

    def weigh(self, known: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and TF-IDF values of ``(column, count)`` pairs, in their order."""
        if not known:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        # sublinear tf rounded to float32, times float32 IDF, rounded to float32: the product of two
        # float32 values is exact in a Python float, so rounding it once (array "f") gives numpy's
        # float32 product; small counts read the tf from a table of the same float32 values
        tf, idf = self._tf_values, self._idf_values
        top = max(c for _, c in known)
        if top >= len(tf):  # (a word more than 255 times: extend the table for this call)
            tf = tf + [float(np.float32(1.0 + math.log(c))) for c in range(len(tf), top + 1)]
        v = np.frombuffer(array("f", [tf[c] * idf[i] for i, c in known]), dtype=np.float32)
        cols = np.fromiter([i for i, _ in known], dtype=np.int64, count=len(known))
        norm = float(np.sqrt((v * v).sum()))
        return cols, (v / norm if norm else v)

    def probabilities(self, features: Counter) -> np.ndarray:
        return self._softmax(*self.vector(features))

    def _softmax(self, cols: np.ndarray, vals: np.ndarray) -> np.ndarray:
        logits = vals @ self.weights[cols] + self.bias if len(cols) else self.bias.copy()
        logits = logits - logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def predict(self, features: Counter) -> tuple[str, float]:
        return self._best(self.probabilities(features))

    def predict_terms(self, counts: dict[str, int]) -> tuple[str, float]:
        """:meth:`predict` from bare term counts (see :meth:`term_vector`)."""
        return self._best(self._softmax(*self.term_vector(counts)))

    def _best(self, p: np.ndarray) -> tuple[str, float]:
        k = int(p.argmax())
        return self.classes[k], float(p[k])

    # --- training (scikit-learn imported here only) ---------------------------------------------------
    @classmethod
    def fit(cls, features: Sequence[Counter], labels: Sequence[str], *, classes: Sequence[str],
            min_df: int = 2, max_features: int = 40000, c: float = 10.0, seed: int = 13,
            balanced: bool = True) -> "TopicModel":
        """Fit on feature counts. ``balanced`` weights classes inversely to their frequency (the
        small Fars sections would otherwise be swamped by sports and health)."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits  # a scikit-learn dependency

        df: Counter = Counter()
        for f in features:
            df.update(f.keys())
        kept = sorted((t for t, n in df.items() if n >= min_df), key=lambda t: (-df[t], t))[:max_features]
        kept.sort()
        vec = DictVectorizer(dtype=np.float32, sort=False)
        vec.fit([{t: 1 for t in kept}])
        x = vec.transform([{t: v for t, v in f.items()} for f in features])
        tfidf = TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2")
        x = tfidf.fit_transform(x)
        present = [k for k in classes if k in set(labels)]
        clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced" if balanced else None,
                                 random_state=seed)
        # One BLAS thread: on a shared machine the default thread pool makes L-BFGS ~10x slower.
        with threadpool_limits(limits=1):
            clf.fit(x, list(labels))
        order = [list(clf.classes_).index(k) for k in present]
        weights = clf.coef_[order].T if len(clf.classes_) > 2 else np.hstack([-clf.coef_.T, clf.coef_.T])
        bias = clf.intercept_[order] if len(clf.classes_) > 2 else np.array([-clf.intercept_[0],
                                                                              clf.intercept_[0]])
        return cls(vec.feature_names_, tfidf.idf_, weights, bias, present)

    # --- storage --------------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            vocabulary=np.frombuffer("\n".join(self.vocabulary).encode("utf-8"), dtype=np.uint8),
            classes=np.frombuffer("\n".join(self.classes).encode("utf-8"), dtype=np.uint8),
            idf=self.idf.astype(np.float16),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "TopicModel":
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            vocabulary = z["vocabulary"].tobytes().decode("utf-8").split("\n")
            classes = z["classes"].tobytes().decode("utf-8").split("\n")
            return cls(vocabulary, z["idf"].astype(np.float32), z["weights"].astype(np.float32),
                       z["bias"], classes)


class TopicStage:
    """Sets ``doc.topic`` to the most probable coarse topic and its probability.

    Options: ``model`` (a :class:`TopicModel`, for tests and cross-validation; default: the shipped one)."""

    name = "topic"
    requires = ("tokens",)
    assigns = ("topic",)

    def __init__(self, *, model: TopicModel | None = None) -> None:
        self.model = model or TopicModel.from_bytes(read_bytes("topic", "model.npz"))
        self.stopwords = load_stopwords()
        # The stage's look-up table: the vocabulary's bare terms that the features keep (not stopwords,
        # longer than one letter), so that one look-up per distinct term of a document does the filtering too.
        stop = self.stopwords
        self._columns = {t: i for t, i in self.model.term_index.items() if len(t) > 1 and t not in stop}
        self._terms = TermMemo()  # for terms.document_token_terms

    def features(self, doc: Document) -> Counter:
        return topic_features(doc, self.stopwords)

    def __call__(self, doc: Document) -> Document:
        # The same decision as ``self.model.predict(self.features(doc))``, without feature strings: numbers
        # are never in the vocabulary (training skips them too), so they are only checked when no known
        # term was found, to tell "no content at all" (no topic) from "content the model does not know".
        # Counting every term (in C) and then looking each distinct one up keeps the features' order:
        # first occurrence in the document.
        counts = document_term_counts(doc, self._terms)
        column = self._columns.get
        known = [(i, c) for t, c in counts.items() if (i := column(t)) is not None]
        if not known:
            stop = self.stopwords
            content = {t for t in counts if t is not None and len(t) > 1 and t not in stop}
            if content <= document_number_terms(doc):
                doc.topic = None  # an empty document (or one of punctuation, numbers and stopwords) has no topic
                return doc
        cols, vals = self.model.weigh(known)
        label, score = self.model._best(self.model._softmax(cols, vals))
        doc.topic = Topic(label, round(score, 4))
        return doc


def predict_many(stage: TopicStage, docs: Iterable[Document]) -> list[str]:
    return [stage.model.predict(stage.features(d))[0] for d in docs]
