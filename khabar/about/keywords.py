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
from array import array
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from khabar.about.terms import (TermMemo, document_term_counts, document_token_offsets, document_token_terms, fold,
                                headline_end, is_number, load_stopwords)
from khabar.document import Document, Keyword
from khabar.resources import read_bytes

# POS that may not begin or end a keyphrase / may not occur in one (UD tags).
_EDGE_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PRON", "DET", "AUX", "PART", "PUNCT", "NUM", "ADV", "INTJ"})
_INNER_BAD_POS = frozenset({"VERB", "AUX", "PUNCT", "CCONJ", "SCONJ", "PRON", "INTJ"})
# The same as arrays indexed by a POS number (0: no tag, or a tag in neither set).
_POS_CODES = {p: k for k, p in enumerate(sorted(_EDGE_POS | _INNER_BAD_POS | {"ADJ"}), 1)}
_ADJ = _POS_CODES["ADJ"]
_EDGE = np.array([False] + [p in _EDGE_POS for p in _POS_CODES])
_INNER_BAD = np.array([False] + [p in _INNER_BAD_POS for p in _POS_CODES])
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
        if max_words < 1:
            raise ValueError(f"max_words must be at least 1, not {max_words}")
        self.top = top
        self.method = method
        self.max_words = max_words
        self.stopwords = load_stopwords() | NEWS_WORDS
        self.frequencies = DocumentFrequencies.from_tsv_gz(read_bytes("keywords", "df.tsv.gz"))
        self._terms = TermMemo()  # for terms.document_token_terms
        self._names: dict[str, tuple[str, ...]] = {}  # name or mention text -> its folded words
        # IDF by document frequency (the same floats as ``frequencies.idf``: computed once per frequency)
        df, documents = self.frequencies.df, self.frequencies.documents
        self._idf_by_df = {n: math.log((documents + 1) / (n + 1)) + 1 for n in {0, *df.values()}}
        # The terms seen so far, numbered: whether each may be in a phrase (not a stopword, a number or a
        # single letter) and its IDF, by number, so that a document's tokens are weighed as arrays.
        self._vocabulary: dict[str | None, int] = {None: 0}
        self._good = np.zeros(4096, dtype=bool)
        self._word_idf = np.zeros(4096, dtype=np.float64)
        self._window_rows = np.zeros((0, max_words), dtype=np.int64)  # see _rows

    # --- candidates -------------------------------------------------------------------------
    def phrases(self, doc: Document) -> "Phrases":
        """Every candidate phrase of ``doc`` with its weighted count and first occurrence, as arrays."""
        tokens = doc.tokens
        terms = document_token_terms(doc, self._terms)
        starts, ends = document_token_offsets(doc)
        n = len(tokens)
        phrases = Phrases(doc.text, terms, starts, ends)
        if n:
            ids = self._term_ids(terms, document_term_counts(doc, self._terms))
            ngrams = self._occurrences(doc, ids, starts, ends)
            if ngrams is not None:
                self._count(doc, phrases, ids, *ngrams)
        self._add_entities(doc, phrases)
        return phrases

    def _rows(self, n: int) -> np.ndarray:
        """``rows[x, e] = x + e`` for ``n`` rows and ``max_words`` columns: indexing a padded per-token array
        with it gives each token's window of following tokens (kept and grown as documents need)."""
        rows = self._window_rows
        if len(rows) < n:
            rows = self._window_rows = np.arange(2 * n)[:, None] + np.arange(self.max_words)
        return rows[:n]

    def _term_ids(self, terms: list[str | None], distinct: Iterable[str | None]) -> np.ndarray:
        """The stage's number of each term (new terms are numbered, judged and weighed once);
        ``distinct``: the distinct terms."""
        vocabulary = self._vocabulary
        if len(vocabulary) > 500_000:  # bounded: renumbered from scratch when full
            vocabulary.clear()
            vocabulary[None] = 0
        number = vocabulary.get
        ids = {term: number(term) for term in distinct}  # (a small table for the look-ups per token)
        new = [term for term, k in ids.items() if k is None]
        if new:
            stop, idf_of = self.stopwords, self._idf_of
            first, end = len(vocabulary), len(vocabulary) + len(new)
            if end > len(self._good):
                self._good = np.resize(self._good, 2 * end)
                self._word_idf = np.resize(self._word_idf, 2 * end)
            self._good[first:end] = [len(t) > 1 and t not in stop and not is_number(t) for t in new]
            self._word_idf[first:end] = [idf_of(t) for t in new]
            for k, term in enumerate(new, first):
                vocabulary[term] = ids[term] = k
        return np.fromiter(map(ids.__getitem__, terms), dtype=np.int64, count=len(terms))

    def _idf_of(self, word: str) -> float:
        return self._idf_by_df[self.frequencies.df.get(word, 0)]

    def _occurrences(self, doc: Document, ids: np.ndarray, starts: array, ends: array):
        """The phrase occurrences as ``(first token, words - 1)`` arrays in text order (first token, then
        length), or ``None`` when there is none.

        A token may be inside a phrase when its term is good and its POS not a verb, pronoun, conjunction
        or punctuation; it may begin or end one unless its POS is an edge POS (adposition, determiner ...).
        A phrase lies inside one run of such tokens: runs break at sentence ends and where anything but
        spaces and ZWNJs lies between two tokens. An adjective alone is not a phrase, and a phrase may not
        begin or end in the middle of a name (``شمخانی دبیر`` out of ``علی شمخانی دبیر``) unless it lies
        inside that one name."""
        text = doc.text
        n = len(ids)
        code_of = _POS_CODES.get
        pos = np.frombuffer(bytes([code_of(t.pos, 0) for t in doc.tokens]), dtype=np.uint8)
        starts_a = np.frombuffer(starts, dtype=np.int64)
        ends_a = np.frombuffer(ends, dtype=np.int64)
        usable = self._good[ids] & ~_INNER_BAD[pos]
        if not usable.any():
            return None
        edge = _EDGE[pos]
        # joins[i]: token i continues the run of token i - 1
        sentence_end = np.zeros(len(text) + 1, dtype=bool)
        sentence_end[[s.end for s in doc.sentences]] = True
        joins = np.zeros(n, dtype=bool)
        joins[1:] = usable[1:] & usable[:-1] & ~sentence_end[ends_a[:-1]]
        # ... unless anything but spaces and ZWNJs lies between them; most gaps are one space or nothing
        gap_start, gap = ends_a[:-1], starts_a[1:] - ends_a[:-1]
        one = np.flatnonzero(joins[1:] & (gap == 1))
        if len(one):
            chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)[gap_start[one]]
            joins[one + 1] = (chars == 0x20) | (chars == 0x200C)
        for i in np.flatnonzero(joins[1:] & (gap > 1)).tolist():
            joins[i + 1] = not text[ends[i]:starts[i + 1]].strip(" \u200c")
        # ok[x, e]: the tokens x .. x + e are a phrase (rows: first tokens; columns: words - 1)
        m = self.max_words
        begins = usable & ~edge                   # may begin or end a phrase
        padded_begins = np.zeros(n + m, dtype=bool)
        padded_begins[:n] = begins
        padded_joins = np.zeros(n + m, dtype=bool)
        padded_joins[:n] = joins
        rows = self._rows(n)                      # rows[x, e] = x + e
        run = padded_joins[rows]
        run[:, 0] = True
        for extra in range(2, m):                 # the tokens x .. x + e are one run
            run[:, extra] &= run[:, extra - 1]
        ok = run & padded_begins[rows]
        ok &= begins[:, None]
        ok[:, 0] &= pos != _ADJ
        if doc.entities:
            name = _name_numbers(doc, starts_a, ends_a, m)          # name[x + 1]: the name of token x
            continues = name[1:] == name[:-1]                        # token x continues the name of x - 1
            splits = ((continues[:n, None] | continues[1:][rows])    # ... begins or ends inside a name
                      & (name[1:][rows] != name[1:n + 1, None]))     # ... that is not the whole phrase's
            splits[:, 0] = False
            ok &= ~splits
        first, length = np.divmod(np.flatnonzero(ok), m)   # in text order: first token, then length
        if not len(first):
            return None
        return first, length, starts_a

    def _count(self, doc: Document, phrases: "Phrases", ids: np.ndarray, first: np.ndarray, length: np.ndarray,
               starts: np.ndarray) -> None:
        """Group the occurrences by their words, in order of first occurrence; occurrences weigh 3 in the
        headline, 1.5 in the lead, 1 after it (sums of halves are exact: the same floats as adding
        occurrence by occurrence)."""
        # a phrase as one integer: its words' numbers (+ 1; 0 for no word) as digits in base ``base``
        base = len(self._vocabulary) + 1
        m = self.max_words
        digits = np.zeros(len(ids) + m, dtype=np.int64)
        digits[:len(ids)] = ids + 1
        words = digits[self._rows(len(ids))[first]]          # (occurrences, m): the words' digits ...
        words[np.arange(m) > length[:, None]] = 0             # ... 0 past the phrase's end
        powers = [base ** (m - 1 - k) for k in range(m)]
        if base ** m >= 2 ** 62:  # too many words to pack a phrase in an int64
            code = words.astype(object) @ np.array(powers, dtype=object)
        else:
            code = words @ np.array(powers, dtype=np.int64)
        # phrases numbered in order of first occurrence (C-level dict work on the integers)
        code_list = code.tolist()
        number = dict(zip(dict.fromkeys(code_list), range(len(code_list))))
        group = np.fromiter(map(number.__getitem__, code_list), dtype=np.int64, count=len(code_list))
        seen_before = np.empty_like(group)
        seen_before[0] = -1
        np.maximum.accumulate(group[:-1], out=seen_before[1:])
        seen = np.flatnonzero(group > seen_before)    # each phrase's first occurrence
        headline = headline_end(doc)
        lead_end = _lead_end(doc, headline)
        at = starts[first]
        weight = np.where(at < headline, 3.0, np.where(at < lead_end, 1.5, 1.0))
        phrases.set_ngrams(np.bincount(group, weights=weight, minlength=len(number)), first[seen], length[seen])
        phrases.ids = ids
        phrases.lookup = _PhraseCodes(number, base, self.max_words)

    def _add_entities(self, doc: Document, phrases: "Phrases") -> None:
        """Named-entity mentions are candidates too, under the entity's name, counted by mention (the
        mentions that repeat the name were counted as phrases already)."""
        headline = lead_end = None
        words_of = self._name_words
        for ent in doc.entities:
            if ent.label not in ("PER", "ORG", "LOC", "FAC", "PRO", "EVENT") or not ent.mentions:
                continue
            key = words_of(ent.name)
            if not key or len(key) > 4:
                continue
            if headline is None:
                headline = headline_end(doc)
                lead_end = _lead_end(doc, headline)
            k = phrases.find(key, self._vocabulary)
            if k is None:
                k = phrases.add(key, ent.name, list(key))
            phrases.entity[k] = True
            count = phrases.counts(k)
            for m in ent.mentions:
                if words_of(m.text) != key:
                    count += 3.0 if m.start < headline else (1.5 if m.start < lead_end else 1.0)
            phrases.set_count(k, count)

    def _name_words(self, name: str) -> tuple[str, ...]:
        """The folded words of a name or mention (remembered: names recur across documents)."""
        words = self._names.get(name)
        if words is None:
            if len(self._names) > 100_000:  # bounded: cleared when full
                self._names.clear()
            words = self._names[name] = tuple(fold(w) for w in name.split())
        return words

    def candidates(self, doc: Document) -> dict[tuple[str, ...], Candidate]:
        """The candidates as objects, keyed by their folded words, in order of first occurrence (the
        entity-only ones last)."""
        return self.phrases(doc).candidates()

    # --- ranking ----------------------------------------------------------------------------
    def score_tfidf(self, phrases: "Phrases") -> np.ndarray:
        """count × mean IDF of the words × (1 + 0.5 per extra word) × 1.5 for names, per phrase."""
        scores = np.zeros(phrases.size)
        g = len(phrases.count)
        if g:
            word_idf = self._word_idf[phrases.ids]
            first, length = phrases.first, phrases.length
            total = word_idf[first]
            for extra in range(1, self.max_words):   # added word by word, as a Python sum would
                total = np.where(length >= extra, total + word_idf[np.minimum(first + extra, len(word_idf) - 1)],
                                 total)
            words = length + 1
            scores[:g] = phrases.count * (total / words) * (1.0 + 0.5 * (words - 1))
        for k in phrases.entity:
            words = phrases.words(k)
            total = 0.0
            for w in words:
                total += self._idf_of(w)
            scores[k] = phrases.counts(k) * (total / len(words)) * (1.0 + 0.5 * (len(words) - 1)) * 1.5
        return scores

    def score_textrank(self, doc: Document, cands: dict[tuple[str, ...], Candidate]) -> dict[tuple[str, ...], float]:
        words = sorted({w for key in cands for w in key})
        if not words:
            return {}
        index = {w: i for i, w in enumerate(words)}
        seq = document_token_terms(doc, self._terms)
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
        phrases = self.phrases(doc)
        if not phrases.size:
            return []
        if self.method == "tfidf":
            scores = self.score_tfidf(phrases)
            # best first; ties by first occurrence, then by order of appearance (as a stable sort does)
            firsts = np.full(phrases.size, 10**6, dtype=np.int64)
            firsts[:len(phrases.first)] = phrases.first
            ranked = np.lexsort((firsts, -scores)).tolist()
            return self._choose(ranked, phrases.key, phrases.text, scores.tolist())
        cands = phrases.candidates()
        by_key = self.score_textrank(doc, cands)
        keys = list(cands)
        ranked = sorted(range(len(keys)), key=lambda k: (-by_key[keys[k]], cands[keys[k]].first))
        return self._choose(ranked, keys.__getitem__, lambda k: cands[keys[k]].text,
                            [by_key[key] for key in keys])

    def _choose(self, ranked: Iterable[int], key_of, text_of, scores: list[float]) -> list[Keyword]:
        """The first ``top`` of the ``ranked`` candidates, skipping a phrase that repeats a chosen one's
        words (a sub- or super-phrase of it adds little)."""
        chosen: list[int] = []
        chosen_set: set[tuple[str, ...]] = set()
        covered: set[tuple[str, ...]] = set()  # every contiguous part of a chosen phrase
        for k in ranked:
            key = key_of(k)
            if key in covered:
                continue
            parts = _parts(key) if len(key) > 1 else (key,)
            if not chosen_set.isdisjoint(parts):
                continue
            chosen.append(k)
            chosen_set.add(key)
            covered.update(parts)
            if len(chosen) == self.top:
                break
        best = scores[chosen[0]] or 1.0
        return [Keyword(text_of(k), round(scores[k] / best, 4)) for k in chosen]

    def __call__(self, doc: Document) -> Document:
        doc.keywords = self.rank(doc)
        return doc


class Phrases:
    """A document's candidate phrases: ``count`` (position-weighted), ``first`` (first token) and ``length``
    (words - 1) arrays of the n-gram phrases, in order of first occurrence, then the names that are no
    n-gram (``extra``); ``entity``: the indices of phrases that are names. A phrase's key (its folded
    words) and text (its first surface form) are made only when asked for."""

    def __init__(self, text: str, terms: list[str | None], starts: Sequence[int], ends: Sequence[int]) -> None:
        self._text, self._terms, self._starts, self._ends = text, terms, starts, ends
        self.count = np.zeros(0)
        self.first = np.zeros(0, dtype=np.int64)
        self.length = np.zeros(0, dtype=np.int64)
        self._first: list[int] = []
        self._length: list[int] = []
        self.ids = np.zeros(0, dtype=np.int64)
        self.extra: list[tuple[tuple[str, ...], str, list[str], float]] = []  # key, text, words, count
        self.entity: dict[int, bool] = {}
        self.lookup: _PhraseCodes | None = None  # finds an n-gram phrase by its words
        self._extra_index: dict[tuple[str, ...], int] = {}

    @property
    def size(self) -> int:
        return len(self.count) + len(self.extra)

    def key(self, k: int) -> tuple[str, ...]:
        g = len(self.count)
        if k >= g:
            return self.extra[k - g][0]
        x = self._first[k]
        return tuple(self._terms[x:x + self._length[k] + 1])

    def text(self, k: int) -> str:
        g = len(self.count)
        if k >= g:
            return self.extra[k - g][1]
        x = self._first[k]
        return self._text[self._starts[x]:self._ends[x + self._length[k]]]

    def set_ngrams(self, count: np.ndarray, first: np.ndarray, length: np.ndarray) -> None:
        self.count, self.first, self.length = count, first, length
        self._first, self._length = first.tolist(), length.tolist()

    def words(self, k: int) -> tuple[str, ...] | list[str]:
        g = len(self.count)
        return self.extra[k - g][2] if k >= g else self.key(k)

    def counts(self, k: int) -> float:
        g = len(self.count)
        return self.extra[k - g][3] if k >= g else float(self.count[k])

    def set_count(self, k: int, count: float) -> None:
        g = len(self.count)
        if k >= g:
            key, text, words, _ = self.extra[k - g]
            self.extra[k - g] = (key, text, words, count)
        else:
            self.count[k] = count

    def find(self, key: tuple[str, ...], vocabulary: dict[str | None, int]) -> int | None:
        """The index of the phrase ``key`` (``vocabulary``: the stage's term numbers), or ``None``."""
        k = self.lookup.find(key, vocabulary) if self.lookup is not None else None
        return k if k is not None else self._extra_index.get(key)

    def add(self, key: tuple[str, ...], text: str, words: list[str]) -> int:
        k = self._extra_index[key] = self.size
        self.extra.append((key, text, words, 0.0))
        return k

    def candidates(self) -> dict[tuple[str, ...], Candidate]:
        out = {}
        for k in range(self.size):
            key = self.key(k)
            first = int(self.first[k]) if k < len(self.count) else 10**6
            out[key] = Candidate(key, self.text(k), first, self.counts(k), 0, k in self.entity, self.words(k))
        return out


class _PhraseCodes:
    """Finds an n-gram phrase by its words: each phrase is one integer, its words' numbers (+ 1) as digits
    in base ``base`` (:meth:`KeywordStage._count`); ``number`` maps that integer to the phrase's index."""

    def __init__(self, number: dict[int, int], base: int, max_words: int) -> None:
        self.number, self.base, self.max_words = number, base, max_words

    def find(self, key: tuple[str, ...], vocabulary: dict[str | None, int]) -> int | None:
        if len(key) > self.max_words:
            return None
        code = 0
        for k in range(self.max_words):
            digit = 0
            if k < len(key):
                term_id = vocabulary.get(key[k])
                if term_id is None:
                    return None
                digit = term_id + 1
            code = code * self.base + digit
        return self.number.get(code)


def _name_numbers(doc: Document, starts: np.ndarray, ends: np.ndarray, pad: int) -> np.ndarray:
    """For each token (``starts``/``ends``: the tokens' offsets), at index ``token + 1``, the index of the
    entity mention covering it (mentions sorted by offsets): the first mention that ends after the token
    starts, when it covers the token. Tokens outside names, index 0 and ``pad`` + 1 entries past the end
    get distinct negative numbers, so that two positions have equal numbers only inside one name."""
    n = len(starts)
    numbers = -2 - np.arange(n + pad + 2)
    spans = sorted((m.start, m.end) for e in doc.entities for m in e.mentions)
    if spans:
        span_start, span_end = np.array(spans, dtype=np.int64).T
        k = np.searchsorted(np.maximum.accumulate(span_end), starts, side="right")
        at = np.minimum(k, len(spans) - 1)
        covered = (k < len(spans)) & (span_start[at] <= starts) & (ends <= span_end[at])
        np.copyto(numbers[1:n + 1], k, where=covered)
    return numbers


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
