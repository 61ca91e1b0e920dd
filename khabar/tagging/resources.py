"""The POS model's packaged files (``khabar/resources/pos/``), read through :mod:`khabar.resources`.

- ``tagger.crf.npz``: the UPOS CRF, trained with python-crfsuite and exported for khabar's numpy decoder
  (:mod:`khabar.features.crf`);
- ``tables.json.gz``: the hazm lexicon's POS classes, the verb stem table with frequency ranks, the
  lemmatizer's lookup and suffix-edit statistics, and the XPOS/feature tables;
- ``clusters.tsv.gz``: distributional word classes from the unlabeled news.

Each call reads the files anew; stages keep what they loaded (no module-level cache).
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from operator import methodcaller
from collections.abc import Iterator, Set
from typing import AbstractSet, Any

import orjson

from khabar.features.crf import CrfModel
from khabar.resources import read_bytes
from khabar.tagging.morphology import VerbAnalyzer

AREA = "pos"
MODEL_FILE = "tagger.crf.npz"


@dataclass
class PosResources:
    model: CrfModel | bytes  # bytes: a crfsuite model file's, e.g. a cross-validation fold's
    tables: dict[str, Any]
    lexicon: dict[str, str]
    clusters: dict[str, tuple[int, ...]]
    verbs: VerbAnalyzer
    verb_rank: dict[str, int]
    known_words: AbstractSet[str]  # a set, or the lexicon's key view
    tagged_words: AbstractSet[str]  # ClassedWords: the lexicon's words with a POS class


class ClassedWords(Set):
    """The lexicon's words that have a POS class (a class other than ``"0"``), answered from the lexicon.

    A set view instead of a copied set: building the set of 35k of the 193k words cost ≈ 20 ms of start-up,
    and the lemmatizer only asks whether a word is in it (on its rule path, once per unseen form)."""

    __slots__ = ("_lexicon",)

    def __init__(self, lexicon: dict[str, str]) -> None:
        self._lexicon = lexicon

    def __contains__(self, word: object) -> bool:
        return self._lexicon.get(word, "0") != "0"  # type: ignore[call-overload]

    def __iter__(self) -> Iterator[str]:
        return (w for w, classes in self._lexicon.items() if classes != "0")

    def __len__(self) -> int:
        return sum(1 for classes in self._lexicon.values() if classes != "0")


def parse_clusters(raw: bytes) -> dict[str, tuple[int, ...]]:
    """``word<TAB>class<TAB>class...`` lines → word → class ids (lines with fewer than two classes are
    skipped; a repeated word keeps its last line)."""
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    # The shipped file has the same number of columns on every line: then all cells come from one C-level
    # split and every column is converted by one map(int) (start-up: ~10 ms instead of ~90 for 30k words).
    cells = "\t".join(lines).split("\t")
    width = len(cells) // len(lines) if lines else 0
    if width >= 3 and set(map(methodcaller("count", "\t"), lines)) == {width - 1}:
        return dict(zip(cells[0::width], zip(*(map(int, cells[i::width]) for i in range(1, width)))))
    out: dict[str, tuple[int, ...]] = {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 3:
            out[parts[0]] = tuple(int(p) for p in parts[1:])
    return out


def build_resources(model: CrfModel | bytes, tables: dict[str, Any],
                    clusters: dict[str, tuple[int, ...]]) -> PosResources:
    verbs = VerbAnalyzer.from_pairs(tables["verbs"])
    verb_rank = {stem: i for i, stem in enumerate(tables["verb_rank"])}
    lexicon = tables["lexicon"]
    extra = tables.get("known_extra", ())
    # the lexicon's key view is a set of its words that costs nothing to build (``in``, ``|`` and ``-``
    # work as on a set); a copy is made only when there are extra known words
    known = set(lexicon).union(extra) if extra else lexicon.keys()
    tagged = ClassedWords(lexicon)
    return PosResources(model, tables, lexicon, clusters, verbs, verb_rank, known, tagged)


def load_pos_resources() -> PosResources:
    model = CrfModel.from_bytes(read_bytes(AREA, MODEL_FILE))
    # orjson parses the 6 MB of tables in half the time of json (start-up of `khabar analyze`)
    tables = orjson.loads(gzip.decompress(read_bytes(AREA, "tables.json.gz")))
    clusters = parse_clusters(read_bytes(AREA, "clusters.tsv.gz"))
    return build_resources(model, tables, clusters)
