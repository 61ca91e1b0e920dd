"""Word clusters: distributional classes of Persian words, learned from unlabeled news.

``khabar train clusters`` trains word2vec (gensim) on ``fa-news-unlabeled`` plus the Fars and Varzesh3
articles and the NER training texts, then groups the word vectors with k-means at several granularities
(k = 100, 500, 2000 by default). The result ships as ``khabar/resources/clusters/clusters.tsv.gz``.

Loader API (for any tagger)::

    from khabar.features.clusters import WordClusters, word_key
    clusters = WordClusters.load()          # reads the packaged file (no network, no global cache)
    clusters.granularities                  # (100, 500, 2000)
    clusters.get("تهران")                   # (c100, c500, c2000) cluster ids, or None if unknown
    clusters.features("روش‌های")            # ['c100=17', 'c500=301', 'c2000=1655'] or []

Words are looked up by :func:`word_key`, which folds the spelling variants that differ between the
corpora and khabar's normalizer (Arabic ي/ك, ZWNJ or space inside a word, diacritics, digit scripts,
Latin case), so ``روش های`` (PEYMA), ``روشهای`` and ``روش‌های`` share one entry.

>>> word_key("روش‌های")
'روشهای'
>>> word_key("1399")
'0000'
"""
from __future__ import annotations

import gzip
from typing import Iterable

# Arabic letter variants -> Persian; every digit -> "0"; drop ZWNJ, ZWJ, tatweel, spaces inside a token.
_FOLD = {ord("ي"): "ی", ord("ى"): "ی", ord("ك"): "ک", ord("ۀ"): "ه", ord("ة"): "ه",
         ord("أ"): "ا", ord("إ"): "ا", ord("ٱ"): "ا",
         0x200C: None, 0x200D: None, 0x0640: None, 0x200E: None, 0x200F: None, ord(" "): None,
         0x00A0: None}
for _d in range(10):
    for _base in (0x30, 0x660, 0x6F0):
        _FOLD[_base + _d] = "0"
# Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef) and the hamza above.
for _cp in list(range(0x064B, 0x0660)) + [0x0670]:
    _FOLD[_cp] = None
_FOLD_TABLE = str.maketrans(_FOLD)

FORMAT_ID = "khabar-clusters/1"
RESOURCE = ("clusters", "clusters.tsv.gz")


def word_key(word: str) -> str:
    """The lookup form of a word: folded letters, no ZWNJ/space/diacritics, digits as ``0``, lower case."""
    return word.translate(_FOLD_TABLE).lower()


class WordClusters:
    """Cluster ids of words at several granularities (coarse to fine)."""

    # ``_table`` maps a word key to its ids as the file stores them (tab-separated digits): loading then
    # needs no per-word int parsing (≈ 100 ms of start-up), and features are built from the strings.
    __slots__ = ("granularities", "_table")

    def __init__(self, granularities: tuple[int, ...], table: dict[str, tuple[int, ...]]) -> None:
        self.granularities = granularities
        self._table = {w: "\t".join(str(c) for c in ids) for w, ids in table.items()}

    # --- loading / saving -------------------------------------------------------------------
    @classmethod
    def load(cls) -> "WordClusters":
        """The packaged clusters (``khabar/resources/clusters/clusters.tsv.gz``)."""
        from khabar.resources import read_bytes

        return cls.from_bytes(read_bytes(*RESOURCE))

    @classmethod
    def from_bytes(cls, data: bytes) -> "WordClusters":
        lines = gzip.decompress(data).decode("utf-8").split("\n")
        header = lines[0].split("\t")
        if header[0] != FORMAT_ID:
            raise ValueError(f"not a {FORMAT_ID} file: {header[0]!r}")
        granularities = tuple(int(k) for k in header[1].split(","))
        clusters = cls.__new__(cls)
        clusters.granularities = granularities
        clusters._table = dict(line.split("\t", 1) for line in lines[1:] if line)
        return clusters

    def to_bytes(self) -> bytes:
        rows = [f"{FORMAT_ID}\t{','.join(str(k) for k in self.granularities)}"]
        rows += [f"{w}\t{ids}" for w, ids in self._table.items()]
        return gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), compresslevel=9, mtime=0)

    # --- queries ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, word: str) -> bool:
        return word_key(word) in self._table

    def get(self, word: str) -> tuple[int, ...] | None:
        """Cluster ids of ``word`` (one per granularity), or None when the word was too rare."""
        ids = self._table.get(word_key(word))
        return None if ids is None else tuple(int(c) for c in ids.split("\t"))

    def features(self, word: str, prefix: str = "c") -> list[str]:
        """CRF-style feature strings, e.g. ``['c100=17', 'c500=301', 'c2000=1655']`` (empty if unknown)."""
        ids = self._table.get(word_key(word))
        if ids is None:
            return []
        return [f"{prefix}{k}={c}" for k, c in zip(self.granularities, ids.split("\t"))]

    def words(self) -> Iterable[str]:
        return self._table.keys()
