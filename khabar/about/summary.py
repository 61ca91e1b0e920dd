"""Extractive lead summaries: ``doc.summary`` = indices (into ``doc.sentences``) of the summary sentences.

News abstracts are mostly a rewrite of the first sentences, so position is the strongest signal, but the
first sentence is often an attribution (``به گزارش خبرگزاری فارس به نقل از ...``) or a quote that the
abstract does not keep. A linear scorer over a few cheap sentence features — position, paragraph start,
length, overlap with the headline, centrality, speech cues (``گفت:``), quote marks, numbers — picks the
best body sentence(s). Its weights were fitted (least squares) to each sentence's ROUGE against the Fars
agency abstracts (``khabar train summary``) and ship as ``resources/summary/scorer.json``.

The headline (``meta["title"]``, when the text starts with it) is never part of the summary.

>>> import khabar
>>> nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer", "summary"])
>>> doc = nlp("وزیر نیرو روز گذشته از افتتاح سد بزرگ کرخه در استان خوزستان با ظرفیت ۱۰۰ میلیون متر مکعب "
...           "خبر داد. این سد آب کشاورزی منطقه را تامین می‌کند.")
>>> doc.summary
[0]
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import chain
from operator import mul
from typing import Sequence

from khabar.about.terms import (TermMemo, document_number_terms, document_token_offsets, document_token_terms,
                                headline_end, load_stopwords)
from khabar.document import Document
from khabar.resources import read_text

FEATURES: tuple[str, ...] = (
    "bias", "pos0", "pos1", "pos2", "pos3to5", "pos6plus", "relative_position", "paragraph_start",
    "paragraph0", "paragraph1", "log_words", "short", "long", "headline_overlap", "headline_overlap_pos0",
    "centrality", "colon", "speech_verb", "agency_lead", "pronoun_start", "quote_marks", "digits",
    "question", "speech_pos0", "agency_lead_pos0",
)

_SPEECH = re.compile(r"(?:گفت|افزود|اظهار\s*داشت|اظهار\s*کرد|تصریح\s*کرد|خاطرنشان\s*کرد|ادامه\s*داد|"
                     r"عنوان\s*کرد|تاکید\s*کرد|تأکید\s*کرد|یادآور\s*شد|بیان\s*کرد)")
_AGENCY = re.compile(r"^\s*(?:به\s*گزارش|به\s*نقل\s*از|بنا\s*بر\s*(?:این\s*)?گزارش)")
_DIGIT = re.compile(r"\d")
_PRONOUN = re.compile(r"^\s*(?:وی|او|ایشان|این|آنها|آن‌ها|همچنین|اما|ولی)\s")


class SentenceFeatures:
    """Feature vectors of a document's first ``limit`` body sentences (the headline excluded; later
    sentences are never chosen in practice, and skipping them keeps the stage fast on long articles)."""

    def __init__(self, stopwords: frozenset[str], limit: int = 12) -> None:
        self.stopwords = stopwords
        self.limit = limit
        self._terms = TermMemo()  # for terms.document_token_terms

    def __call__(self, doc: Document) -> tuple[list[int], list[list[float]]]:
        start = headline_end(doc)
        text = doc.text
        body: list[int] = []
        terms: list[list[str]] = []
        all_terms = document_token_terms(doc, self._terms)
        starts, ends = document_token_offsets(doc)
        stop = self.stopwords
        title_terms: set[str | None] = set()
        body_tokens: list[tuple[int, int]] = []  # the token ranges of the body sentences (merged when adjacent)
        total = 0
        k = 0
        for i, sent in enumerate(doc.sentences):  # each sentence's tokens: all_terms[k:j]
            # (tokens are in text order and do not overlap: their starts and ends are sorted)
            k = max(k, bisect_right(ends, sent.start))
            j = max(k, bisect_left(starts, sent.end))
            if sent.start < start:
                title_terms.update(all_terms[k:j])
            else:
                total += 1
                if body_tokens and body_tokens[-1][1] == k:
                    body_tokens[-1] = (body_tokens[-1][0], j)
                else:
                    body_tokens.append((k, j))
                if len(body) < self.limit:
                    body.append(i)
                    terms.append([t for t in all_terms[k:j] if t is not None])
            k = j
        if not body:
            return [], []
        numbers = document_number_terms(doc)
        title_terms = {t for t in title_terms if t is not None and t not in stop and t not in numbers}
        # Content-term counts of the whole body (integers: the sums below are exact in any order).
        counts = Counter(chain.from_iterable(all_terms[a:b] for a, b in body_tokens))
        doc_tf = {t: c for t, c in counts.items() if t is not None and t not in stop and t not in numbers}
        content = [[t for t in ts if t not in stop and t not in numbers] for ts in terms]
        doc_norm = math.sqrt(sum(v * v for v in doc_tf.values())) or 1.0
        rows = []
        paragraph = 0
        n = total
        for j, i in enumerate(body):
            sent = doc.sentences[i]
            s_text = text[sent.start:sent.end]
            before = text[doc.sentences[body[j - 1]].end:sent.start] if j else "\n"
            para_start = "\n" in before
            if j and para_start:
                paragraph += 1
            words = len(terms[j])
            tf = Counter(content[j])
            dot = sum(map(doc_tf.__getitem__, content[j]))  # = sum of tf[t] * doc_tf[t]
            norm = math.sqrt(sum(v * v for v in tf.values())) or 1.0
            centrality = dot / (norm * doc_norm)
            overlap = len(title_terms & set(content[j])) / len(title_terms) if title_terms else 0.0
            speech = 1.0 if _SPEECH.search(s_text) else 0.0
            agency = 1.0 if _AGENCY.match(s_text) else 0.0
            rows.append([
                1.0, float(j == 0), float(j == 1), float(j == 2), float(3 <= j <= 5), float(j >= 6),
                j / max(1, n - 1), float(para_start), float(paragraph == 0), float(paragraph == 1),
                math.log1p(words), float(words < 8), float(words > 60), overlap, overlap * (j == 0),
                centrality, float(":" in s_text), speech, agency,
                1.0 if _PRONOUN.match(s_text) else 0.0, 1.0 if "«" in s_text else 0.0,
                1.0 if _DIGIT.search(s_text) else 0.0, 1.0 if s_text.rstrip().endswith(("?", "؟")) else 0.0,
                speech * (j == 0), agency * (j == 0),
            ])
        return body, rows


class SummaryScorer:
    """Linear sentence scorer: ``score = weights · features``."""

    def __init__(self, weights: Sequence[float], features: Sequence[str] = FEATURES) -> None:
        if list(features) != list(FEATURES):
            raise ValueError("scorer features do not match this khabar version; run `khabar train summary`")
        self.weights = [float(w) for w in weights]

    def score(self, row: Sequence[float]) -> float:
        return sum(map(mul, self.weights, row))  # (the same left-to-right sum as a generator's)

    def to_json(self, **info) -> str:
        return json.dumps({"features": list(FEATURES), "weights": [round(w, 6) for w in self.weights], **info},
                          ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "SummaryScorer":
        data = json.loads(text)
        return cls(data["weights"], data["features"])


def select(body: Sequence[int], scores: Sequence[float], rows: Sequence[Sequence[float]], *,
           sentences: int, min_words: int) -> list[int]:
    """The ``sentences`` best-scored sentences, plus the next best while the summary is shorter than
    ``min_words`` words; returned in document order."""
    if not body:
        return []
    order = sorted(range(len(body)), key=lambda k: (-scores[k], k))
    chosen = order[:sentences]
    words = sum(math.expm1(rows[k][FEATURES.index("log_words")]) for k in chosen)
    for k in order[sentences:]:
        if words >= min_words:
            break
        chosen.append(k)
        words += math.expm1(rows[k][FEATURES.index("log_words")])
    return sorted(body[k] for k in chosen)


class SummaryStage:
    """Sets ``doc.summary`` to the indices of the best lead sentences.

    Options: ``sentences`` (how many, default 1: news abstracts are one sentence long), ``min_words``
    (add sentences while the summary is shorter, default 12), ``scorer`` (a :class:`SummaryScorer`;
    default: the shipped one), ``method`` (``"scorer"`` or ``"lead"``: the first body sentences)."""

    name = "summary"
    requires = ("sentences", "tokens")
    assigns = ("summary",)

    def __init__(self, *, sentences: int = 1, min_words: int = 12, scorer: SummaryScorer | None = None,
                 method: str = "scorer") -> None:
        if method not in ("scorer", "lead"):
            raise ValueError(f"unknown summary method {method!r}; use 'scorer' or 'lead'")
        self.sentences = sentences
        self.min_words = min_words
        self.method = method
        self.features = SentenceFeatures(load_stopwords())
        self.scorer = scorer or SummaryScorer.from_json(read_text("summary", "scorer.json"))

    def __call__(self, doc: Document) -> Document:
        body, rows = self.features(doc)
        if self.method == "lead":
            scores = [-float(k) for k in range(len(body))]
        else:
            scores = [self.scorer.score(r) for r in rows]
        doc.summary = select(body, scores, rows, sentences=self.sentences, min_words=self.min_words)
        return doc
