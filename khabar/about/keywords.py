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
from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import compress
from dataclasses import dataclass
from typing import Iterable

from khabar.about.terms import document_number_terms, document_token_terms, fold, headline_end, load_stopwords
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


@dataclass(slots=True)
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
        self._idf: dict[str, float] = {}  # IDF of the words seen so far (documents repeat them)

    # --- candidates -------------------------------------------------------------------------
    def candidates(self, doc: Document) -> dict[tuple[str, ...], Candidate]:
        headline = headline_end(doc)
        lead_end = _lead_end(doc, headline)
        tokens = doc.tokens
        text = doc.text
        terms = document_token_terms(doc)
        stop = self.stopwords
        # May a token be inside a phrase (``usable``), may it begin or end one (not ``edge``); runs of
        # usable tokens break at sentence ends and where punctuation or a line break lies between two.
        poses = [t.pos for t in tokens]
        starts = [t.start for t in tokens]
        edge = [p in _EDGE_POS for p in poses]
        numbers = document_number_terms(doc)
        good = {term: len(term) > 1 and term not in stop and term not in numbers
                for term in set(terms) if term is not None}
        good[None] = False
        bad = _INNER_BAD_POS
        usable = [good[term] and p not in bad for term, p in zip(terms, poses)]
        sentence_ends = {s.end for s in doc.sentences}
        runs: list[tuple[int, int]] = []
        run_start = -1
        prev_end = -1
        for i in compress(range(len(tokens)), usable):
            t = tokens[i]
            if run_start >= 0 and (i != prev + 1 or text[prev_end:t.start].strip(" \u200c")):
                runs.append((run_start, prev + 1))
                run_start = -1
            if run_start < 0:
                run_start = i
            prev, prev_end = i, t.end
            if prev_end in sentence_ends:
                runs.append((run_start, i + 1))
                run_start = -1
        if run_start >= 0:
            runs.append((run_start, prev + 1))
        inside = _mention_ids(doc, starts, [t.end for t in tokens]) if doc.entities and tokens else None
        if inside is not None:
            # A phrase may not start or end in the middle of a name (``شمخانی دبیر`` out of ``علی شمخانی
            # دبیر``) unless it lies inside that one name: token i continues the name of i - 1 / of i + 1.
            continues = [False] + [k != -1 and k == before for before, k in zip(inside, inside[1:])]
            goes_on = continues[1:] + [False]
        max_words = self.max_words
        spans: list[tuple[int, int]] = []   # (first, last) token of each phrase occurrence, in text order
        append = spans.append
        for a, b in runs:                 # a run is a contiguous token range
            for x in range(a, b):
                if edge[x]:
                    continue
                for y in range(x + 1 if poses[x] == "ADJ" else x, min(x + max_words, b)):
                    if edge[y]:
                        continue
                    if (inside is not None and y > x and (continues[x] or goes_on[y])
                            and not (inside[x] != -1 and inside[x] == inside[y])):
                        continue
                    append((x, y))
        keys = [tuple(terms[x:y + 1]) for x, y in spans]
        # Occurrences weigh 3 in the headline, 1.5 in the lead, 1 after it (sums of halves are exact, so
        # counting per part gives the same floats as adding occurrence by occurrence).
        in_head = bisect_left([starts[x] for x, _ in spans], headline)
        in_lead = bisect_left([starts[x] for x, _ in spans], lead_end, in_head)
        head, lead, rest = Counter(keys[:in_head]), Counter(keys[in_head:in_lead]), Counter(keys[in_lead:])
        firsts = dict(zip(reversed(keys), reversed(spans)))   # first occurrence of each phrase
        head_get, lead_get, rest_get = head.get, lead.get, rest.get  # (Counter's own [] calls Python for 0)
        out: dict[tuple[str, ...], Candidate] = {}
        for key in dict.fromkeys(keys):  # phrases in order of first occurrence
            x, y = firsts[key]
            count = 3.0 * head_get(key, 0) + 1.5 * lead_get(key, 0) + rest_get(key, 0)
            out[key] = Candidate(key, text[starts[x]:tokens[y].end], x, count, 0, False, key)
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
        idf_of = self._idf
        if len(idf_of) > 200_000:  # bounded: cleared when full
            idf_of.clear()
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
        chosen_set: set[tuple[str, ...]] = set()
        covered: set[tuple[str, ...]] = set()  # every contiguous part of a chosen phrase
        for key in ranked:
            # A phrase that repeats a chosen one's words adds little: skip sub- and super-phrases.
            if key in covered or any(part in chosen_set for part in _parts(key)):
                continue
            chosen.append(key)
            chosen_set.add(key)
            covered.update(_parts(key))
            if len(chosen) == self.top:
                break
        best = scores[chosen[0]] or 1.0
        return [Keyword(cands[k].text, round(scores[k] / best, 4)) for k in chosen]

    def __call__(self, doc: Document) -> Document:
        doc.keywords = self.rank(doc)
        return doc


def _mention_ids(doc: Document, starts: list[int] | None = None, ends: list[int] | None = None) -> list[int]:
    """For each token, the index of the entity mention covering it, or -1 (``starts``/``ends``: the tokens'
    offsets, when the caller has them)."""
    spans = sorted((m.start, m.end) for e in doc.entities for m in e.mentions)
    if starts is None or ends is None:
        starts = [t.start for t in doc.tokens]
        ends = [t.end for t in doc.tokens]
    out = [-1] * len(starts)
    n = len(spans)
    if not n:
        return out
    k = 0
    span_start, span_end = spans[0]
    for i, start in enumerate(starts):
        while span_end <= start:  # the first mention (in order) that ends after this token starts
            k += 1
            if k == n:
                return out
            span_start, span_end = spans[k]
        if span_start <= start and ends[i] <= span_end:
            out[i] = k
    return out


def _parts(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every contiguous part of ``key``, ``key`` itself included (``(a, b)`` → ``(a,)``, ``(a, b)``, ``(b,)``)."""
    n = len(key)
    return [key[i:j] for i in range(n) for j in range(i + 1, n + 1)]


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
