"""Keyphrases: ``doc.keywords``, a ranked list of the document's key words and multi-word phrases.

Candidates are runs of one to three content words inside a sentence (no punctuation inside, no
stopword at either end, no verb when POS tags exist, no bare number), grouped by their folded lemmas so
that ``کتاب‌ها`` and ``کتاب`` count as one; named-entity mentions (when ``doc.entities`` exist) are
candidates too. Two rankers are implemented and compared in ``docs/about.md``:

- ``tfidf`` (the default): occurrences weighted by where they are (headline, first sentences) times the
  inverse document frequency of their words, learned from 10k unlabeled Persian news articles
  (``resources/keywords/df.tsv.gz``);
- ``textrank``: PageRank over the word co-occurrence graph (window 3), phrase score = sum of its words'.

A keyphrase's ``text`` is its first surface form in the document.

>>> import khabar
>>> nlp = khabar.load(stages=["normalizer", "sentences", "tokenizer", "keywords"])
>>> doc = nlp("یوزپلنگ ایرانی در توران دیده شد. محیط‌بانان توران از دیدن یوزپلنگ خبر دادند. "
...           "یوزپلنگ در خطر است.")
>>> doc.keywords[0].text
'یوزپلنگ'
"""
from __future__ import annotations

import gzip
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from khabar.about.terms import document_token_terms, fold, headline_end, is_number, load_stopwords
from khabar.document import Document, Keyword
from khabar.resources import read_bytes

# POS that may not begin or end a keyphrase / may not occur in one (UD tags).
_EDGE_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PRON", "DET", "AUX", "PART", "PUNCT", "NUM", "ADV", "INTJ"})
_INNER_BAD_POS = frozenset({"VERB", "AUX", "PUNCT", "CCONJ", "SCONJ", "PRON", "INTJ"})
# Words that news reports use everywhere but that are never what an article is about.
NEWS_WORDS = frozenset(fold(w) for w in (
    "گزارش خبرگزاری فارس خبرنگار ایرنا ایسنا مهر تسنیم ادامه اظهار داشت افزود گفت گفتگو گفت‌وگو "
    "اشاره عنوان تصریح خاطرنشان همچنین امروز دیروز روز سال ماه هفته جاری گذشته آینده بیان مطلب "
    "اساس ارائه اعلام اقدام صورت زمینه حوزه بخش موضوع مسئله مساله نقل پایگاه اطلاع‌رسانی خبر "
    "یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه جمعه شنبه کرد کند کنند شد شود شده است هست بود"
).split())


@dataclass
class Candidate:
    key: tuple[str, ...]
    text: str
    first: int                         # token index of the first occurrence
    count: float = 0.0                 # position-weighted occurrence count
    occurrences: int = 0
    entity: bool = False
    words: tuple[str, ...] | list[str] = ()   # folded words looked up for IDF


class DocumentFrequencies:
    """Word document frequencies from unlabeled news: ``idf(w) = log((N + 1) / (df(w) + 1)) + 1``."""

    def __init__(self, df: dict[str, int], documents: int) -> None:
        self.df = df
        self.documents = documents
        self.max_idf = math.log((documents + 1) / 1) + 1

    def idf(self, word: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(word, 0) + 1)) + 1

    @classmethod
    def from_tsv_gz(cls, data: bytes) -> "DocumentFrequencies":
        lines = gzip.decompress(data).decode("utf-8").split("\n")
        header = lines[0].split("\t")  # "#documents\t<N>"
        documents = int(header[1])
        df = {}
        for line in lines[1:]:
            if line:
                w, n = line.split("\t")
                df[w] = int(n)
        return cls(df, documents)

    @staticmethod
    def to_tsv_gz(df: dict[str, int], documents: int) -> bytes:
        rows = [f"#documents\t{documents}"] + [f"{w}\t{n}" for w, n in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))]
        return gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), compresslevel=9, mtime=0)


class KeywordStage:
    """Sets ``doc.keywords``: the top ``top`` keyphrases, best first, scores normalized to the best = 1.

    Options: ``top`` (default 10), ``method`` (``"tfidf"`` or ``"textrank"``), ``max_words`` (default 3)."""

    name = "keywords"
    requires = ("tokens",)
    assigns = ("keywords",)

    def __init__(self, *, top: int = 10, method: str = "tfidf", max_words: int = 3) -> None:
        if method not in ("tfidf", "textrank"):
            raise ValueError(f"unknown keyword method {method!r}; use 'tfidf' or 'textrank'")
        self.top = top
        self.method = method
        self.max_words = max_words
        self.stopwords = load_stopwords() | NEWS_WORDS
        self.frequencies = DocumentFrequencies.from_tsv_gz(read_bytes("keywords", "df.tsv.gz"))

    # --- candidates -------------------------------------------------------------------------
    def candidates(self, doc: Document) -> dict[tuple[str, ...], Candidate]:
        headline = headline_end(doc)
        lead_end = _lead_end(doc, headline)
        out: dict[tuple[str, ...], Candidate] = {}
        tokens = doc.tokens
        text = doc.text
        terms = document_token_terms(doc)
        stop, bad = self.stopwords, _INNER_BAD_POS
        good: dict[str, bool] = {}
        usable: list[bool] = []
        for t, term in zip(tokens, terms):
            if term is None or t.pos in bad:
                usable.append(False)
                continue
            ok = good.get(term)
            if ok is None:
                ok = good[term] = len(term) > 1 and term not in stop and not is_number(term)
            usable.append(ok)
        sentence_ends = {s.end for s in doc.sentences}
        max_words = self.max_words
        run: list[int] = []
        runs: list[list[int]] = []
        prev_end = -1
        for i, token in enumerate(tokens):
            if usable[i]:
                if run and text[prev_end:token.start].strip(" \u200c"):
                    runs.append(run)
                    run = []
                run.append(i)
            elif run:
                runs.append(run)
                run = []
            prev_end = token.end
            if run and token.end in sentence_ends:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        counts: dict[tuple[str, ...], float] = {}
        firsts: dict[tuple[str, ...], tuple[int, int, int]] = {}
        edge = [t.pos in _EDGE_POS for t in tokens]
        inside = _mention_ids(doc) if doc.entities else None
        for run in runs:
            a, b = run[0], run[-1] + 1     # a run is a contiguous token range
            for x in range(a, b):
                if edge[x]:
                    continue
                first = tokens[x]
                weight = 3.0 if first.start < headline else (1.5 if first.start < lead_end else 1.0)
                for y in range(x, min(x + max_words, b)):
                    if edge[y] or (y == x and first.pos == "ADJ"):
                        continue
                    if inside is not None and y > x and _cuts_mention(inside, x, y):
                        continue
                    key = tuple(terms[x:y + 1])
                    if key in counts:
                        counts[key] += weight
                    else:
                        counts[key] = weight
                        firsts[key] = (x, first.start, tokens[y].end)
        for key, weight in counts.items():
            x, start, end = firsts[key]
            out[key] = Candidate(key, text[start:end], x, count=weight, words=key)
        self._add_entities(doc, out, headline, lead_end)
        return out

    def _add_entities(self, doc: Document, out: dict, headline: int, lead_end: int) -> None:
        for ent in doc.entities:
            if ent.label not in ("PER", "ORG", "LOC", "FAC", "PRO", "EVENT") or not ent.mentions:
                continue
            words = [fold(w) for w in ent.name.split()]
            key = tuple(words)
            if not key or len(key) > 4:
                continue
            cand = out.get(key)
            if cand is None:
                cand = out[key] = Candidate(key, ent.name, 10**6, words=words)
            cand.entity = True
            for m in ent.mentions:
                if " ".join(fold(w) for w in m.text.split()) != " ".join(words):
                    cand.count += 3.0 if m.start < headline else (1.5 if m.start < lead_end else 1.0)
                    cand.occurrences += 1

    # --- ranking ----------------------------------------------------------------------------
    def score_tfidf(self, cands: dict[tuple[str, ...], Candidate]) -> dict[tuple[str, ...], float]:
        scores = {}
        idf_of: dict[str, float] = {}
        for key, c in cands.items():
            total = 0.0
            for w in c.words:
                v = idf_of.get(w)
                if v is None:
                    v = idf_of[w] = self.frequencies.idf(w)
                total += v
            idf = total / len(c.words)
            length_bonus = 1.0 + 0.5 * (len(key) - 1)
            scores[key] = c.count * idf * length_bonus * (1.5 if c.entity else 1.0)
        return scores

    def score_textrank(self, doc: Document, cands: dict[tuple[str, ...], Candidate]) -> dict[tuple[str, ...], float]:
        import numpy as np

        words = sorted({w for key in cands for w in key})
        if not words:
            return {}
        index = {w: i for i, w in enumerate(words)}
        seq = document_token_terms(doc)
        seq = [index.get(w, -1) if w is not None else -1 for w in seq]
        m = np.zeros((len(words), len(words)))
        for i, a in enumerate(seq):
            if a < 0:
                continue
            for b in seq[i + 1:i + 3]:
                if b >= 0 and b != a:
                    m[a, b] += 1
                    m[b, a] += 1
        out_deg = m.sum(axis=0)
        out_deg[out_deg == 0] = 1
        trans = m / out_deg
        rank = np.full(len(words), 1.0 / len(words))
        for _ in range(30):
            rank = 0.15 / len(words) + 0.85 * trans @ rank
        return {key: float(sum(rank[index[w]] for w in key)) / len(key) * c.count
                * (1.0 + 0.5 * (len(key) - 1)) * (1.5 if c.entity else 1.0) for key, c in cands.items()}

    def rank(self, doc: Document) -> list[Keyword]:
        cands = self.candidates(doc)
        if not cands:
            return []
        scores = self.score_tfidf(cands) if self.method == "tfidf" else self.score_textrank(doc, cands)
        ranked = sorted(cands, key=lambda k: (-scores[k], cands[k].first))
        chosen: list[tuple[str, ...]] = []
        for key in ranked:
            # A phrase that repeats a chosen one's words adds little: skip sub- and super-phrases.
            if any(_contains(key, other) or _contains(other, key) for other in chosen):
                continue
            chosen.append(key)
            if len(chosen) == self.top:
                break
        best = scores[chosen[0]] or 1.0
        return [Keyword(cands[k].text, round(scores[k] / best, 4)) for k in chosen]

    def __call__(self, doc: Document) -> Document:
        doc.keywords = self.rank(doc)
        return doc


def _mention_ids(doc: Document) -> list[int]:
    """For each token, the index of the entity mention covering it, or -1."""
    spans = sorted((m.start, m.end) for e in doc.entities for m in e.mentions)
    out = [-1] * len(doc.tokens)
    k = 0
    for i, t in enumerate(doc.tokens):
        while k < len(spans) and spans[k][1] <= t.start:
            k += 1
        if k < len(spans) and spans[k][0] <= t.start and t.end <= spans[k][1]:
            out[i] = k
    return out


def _cuts_mention(inside: list[int], x: int, y: int) -> bool:
    """True when tokens ``x..y`` start or end in the middle of a name (``شمخانی دبیر`` out of
    ``علی شمخانی دبیر``) without lying inside that one name."""
    if inside[x] != -1 and inside[x] == inside[y]:
        return False
    starts_inside = inside[x] != -1 and x > 0 and inside[x - 1] == inside[x]
    ends_inside = inside[y] != -1 and y + 1 < len(inside) and inside[y + 1] == inside[y]
    return starts_inside or ends_inside


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return n <= len(longer) and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _lead_end(doc: Document, headline: int) -> int:
    """End of the first two sentences after the headline."""
    seen = 0
    for s in doc.sentences:
        if s.start >= headline:
            seen += 1
            if seen == 2:
                return s.end
    return len(doc.text)


def build_document_frequencies(texts: Iterable[str], *, min_df: int = 3) -> tuple[dict[str, int], int]:
    """Document frequencies of folded words over ``texts`` (words seen in fewer than ``min_df`` dropped)."""
    from khabar.about.terms import text_words

    df: dict[str, int] = defaultdict(int)
    n = 0
    for text in texts:
        n += 1
        for w in set(text_words(text)):
            df[w] += 1
    return {w: c for w, c in df.items() if c >= min_df}, n
