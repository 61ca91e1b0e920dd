"""Near-duplicate fingerprints: MinHash signatures of normalized word shingles, and an LSH index.

Agencies and sites republish each other's copy with light edits: a new headline, an added agency lead
(``به گزارش خبرگزاری فارس،``), punctuation and half-space (ZWNJ) changes, a dropped paragraph. A
:class:`Fingerprint` survives those edits: the text is folded (Arabic ``ي``/``ك`` → Persian, digits to
ASCII, diacritics removed, ZWNJ read as a space so ``رئیس‌جمهور`` = ``رئیس جمهور``, the verb prefix ``می``/``نمی`` and the plural ``ها``/``های`` glued to
their word so ``می‌شود``, ``می شود`` and ``میشود`` agree), cut into overlapping word 3-grams
(*shingles*), and summarized by a 128-value MinHash (datasketch, SHA-1 based, seed 1 — stable across
runs, processes and machines). ``a.similarity(b)`` estimates the Jaccard similarity of the two shingle sets.

API::

    fp = fingerprint(text)                 # Fingerprint
    fp.similarity(other) -> float          # 0..1, estimated Jaccard of shingle sets
    fp.to_bytes() / Fingerprint.from_bytes(b)   # 516 bytes: b"KFP1" + 128 little-endian uint32
    fp.hex() / Fingerprint.from_hex(s)
    index = NearDuplicateIndex(threshold=0.7)
    index.add(key, fp); index.query(fp) -> [(key, similarity), ...]   # best first
    index.groups() -> [[key, ...], ...]    # connected groups of near-duplicates

Articles that share a MinHash similarity ≥ 0.7 are, in practice, the same story republished (see the
tests: edited copies score ≥ 0.75, different articles on the same topic ≤ 0.1).

>>> a = fingerprint("رئیس‌جمهور امروز در جلسه هیئت دولت گفت که بودجه سال آینده به مجلس می‌رود.")
>>> b = fingerprint("رئيس جمهور امروز در جلسه هيئت دولت گفت كه بودجه سال آينده به مجلس مي رود")
>>> a.similarity(b)
1.0
"""
from __future__ import annotations

import re
from typing import Hashable, Iterable

import numpy as np

from khabar.about.terms import fold

NUM_PERM = 128
SEED = 1
SHINGLE = 3
_MAGIC = b"KFP1"
_WORD = re.compile(r"\w+")
_PREFIXES = frozenset({"می", "نمی"})
_SUFFIXES = frozenset({"ها", "های", "هایی", "هایم", "هایش", "هایمان", "هایتان", "هایشان", "ای", "ی", "ایی"})


def fingerprint_words(text: str) -> list[str]:
    """The folded words a fingerprint is built from (see the module docstring).

    >>> fingerprint_words("کتاب‌های او، می شود!")
    ['کتابهای', 'او', 'میشود']
    """
    words: list[str] = []
    glue_next = False
    for w in _WORD.findall(fold(text.replace("\u200c", " "))):
        if glue_next and words:
            words[-1] += w
            glue_next = False
            continue
        if w in _PREFIXES:
            words.append(w)
            glue_next = True
        elif w in _SUFFIXES and words:
            words[-1] += w
        else:
            words.append(w)
    return words


def shingles(words: list[str], size: int = SHINGLE) -> set[bytes]:
    """Overlapping word ``size``-grams, UTF-8 encoded (a text shorter than ``size`` is one shingle)."""
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class Fingerprint:
    """A MinHash signature (128 unsigned 32-bit values) of a text's shingles."""

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray) -> None:
        if values.shape != (NUM_PERM,):
            raise ValueError(f"a fingerprint has {NUM_PERM} values, got {values.shape}")
        self.values = values.astype(np.uint32)

    def similarity(self, other: "Fingerprint") -> float:
        """Estimated Jaccard similarity of the two shingle sets (share of equal MinHash values)."""
        return float(np.count_nonzero(self.values == other.values)) / NUM_PERM

    def to_bytes(self) -> bytes:
        return _MAGIC + self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Fingerprint":
        if len(data) != len(_MAGIC) + 4 * NUM_PERM or not data.startswith(_MAGIC):
            raise ValueError("not a khabar fingerprint (expected b'KFP1' + 128 uint32)")
        return cls(np.frombuffer(data[len(_MAGIC):], dtype="<u4").copy())

    def hex(self) -> str:
        return self.to_bytes().hex()

    @classmethod
    def from_hex(cls, text: str) -> "Fingerprint":
        return cls.from_bytes(bytes.fromhex(text))

    def minhash(self):
        """The equivalent ``datasketch.LeanMinHash`` (for datasketch's own LSH structures)."""
        from datasketch import LeanMinHash

        return LeanMinHash(seed=SEED, hashvalues=self.values.astype(np.uint64))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fingerprint) and bool(np.array_equal(self.values, other.values))

    def __hash__(self) -> int:
        return hash(self.values.tobytes())

    def __repr__(self) -> str:
        return f"Fingerprint({self.hex()[8:24]}…)"


class Fingerprinter:
    """Builds fingerprints; holds the MinHash permutations (built once, reused for every text)."""

    def __init__(self) -> None:
        from datasketch import MinHash

        self._template = MinHash(num_perm=NUM_PERM, seed=SEED)

    def __call__(self, text: str) -> Fingerprint:
        items = shingles(fingerprint_words(text))
        m = self._template.copy()
        if items:
            m.update_batch(list(items))
        return Fingerprint(m.hashvalues.astype(np.uint32))


def fingerprint(text: str, fingerprinter: Fingerprinter | None = None) -> Fingerprint:
    """The fingerprint of ``text``. Pass a :class:`Fingerprinter` when fingerprinting many texts."""
    return (fingerprinter or Fingerprinter())(text)


def document_fingerprint(doc, fingerprinter: Fingerprinter | None = None) -> Fingerprint:
    """The fingerprint of a document's body: its text without the headline (``meta["title"]``), so a
    republished copy under a new headline still matches."""
    from khabar.about.terms import headline_end

    return fingerprint(doc.text[headline_end(doc):], fingerprinter)


class NearDuplicateIndex:
    """Groups near-duplicate texts: banded MinHash LSH (datasketch) plus an exact check of the estimate.

    ``threshold`` is the similarity above which two fingerprints count as the same story."""

    def __init__(self, threshold: float = 0.7) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        # LSH with a lower threshold so that candidates near the boundary are not missed; exact
        # filtering on the estimate follows.
        self._lsh = MinHashLSH(threshold=max(0.05, threshold - 0.2), num_perm=NUM_PERM)
        self._prints: dict[Hashable, Fingerprint] = {}

    def __len__(self) -> int:
        return len(self._prints)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._prints

    def add(self, key: Hashable, fp: Fingerprint) -> None:
        if key in self._prints:
            raise KeyError(f"key {key!r} is already in the index")
        self._prints[key] = fp
        self._lsh.insert(key, fp.minhash())

    def remove(self, key: Hashable) -> None:
        del self._prints[key]
        self._lsh.remove(key)

    def query(self, fp: Fingerprint) -> list[tuple[Hashable, float]]:
        """Keys whose fingerprint's similarity to ``fp`` is at least the threshold, best first."""
        hits = []
        for key in self._lsh.query(fp.minhash()):
            sim = fp.similarity(self._prints[key])
            if sim >= self.threshold:
                hits.append((key, sim))
        hits.sort(key=lambda kv: (-kv[1], str(kv[0])))
        return hits

    def groups(self) -> list[list[Hashable]]:
        """Connected groups (size ≥ 2) of near-duplicates, each in insertion order."""
        order = {k: i for i, k in enumerate(self._prints)}
        parent = {k: k for k in self._prints}

        def find(k):
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for key, fp in self._prints.items():
            for other, _ in self.query(fp):
                ra, rb = find(key), find(other)
                if ra != rb:
                    parent[max(ra, rb, key=order.get)] = min(ra, rb, key=order.get)
        clusters: dict[Hashable, list[Hashable]] = {}
        for key in self._prints:
            clusters.setdefault(find(key), []).append(key)
        return [c for c in clusters.values() if len(c) > 1]


def group_near_duplicates(items: Iterable[tuple[Hashable, str]], threshold: float = 0.7) -> list[list[Hashable]]:
    """Group ``(key, text)`` pairs into near-duplicate groups (size ≥ 2)."""
    fper = Fingerprinter()
    index = NearDuplicateIndex(threshold)
    for key, text in items:
        index.add(key, fper(text))
    return index.groups()

