"""The word lexicon behind the normalizer's join/split decisions and the tokenizer's clitic splitting.

Built by ``khabar train lexicon`` (:mod:`khabar.training.lexicon`) from ``../shared/data`` into
``khabar/resources/lexicon/``:

- ``lexicon.json.gz``: ``words`` and ``counts`` (corpus frequency of each character-normalized word in the
  news corpora, NER corpora and UD treebanks, seen at least twice or tagged in hazm), ``flags`` (``h``: in
  the hazm lexicon; ``n``/``a``/``d``/``p``: its noun/adjective/adverb/pronoun tags there) and ``bigrams``
  (``"first second"`` → count, only for the pairs the normalizer asks about: a prefix word such as
  ``به``/``و``/``هیچ``/``می`` followed by a word, or a word followed by a suffix such as ``ها``).
- ``clitics.json``: the multiword-token model (see :mod:`khabar.text.clitics`).

>>> lex = Lexicon.load()
>>> lex.count("وزیر") > 1000 and lex.known("وزیر")
True
"""
from __future__ import annotations

import gzip
import json

from khabar.resources import read_bytes


class Lexicon:
    """Word and bigram counts, read once per stage from the packaged resource."""

    __slots__ = ("counts", "flags", "bigrams")

    def __init__(self, counts: dict[str, int], flags: dict[str, str], bigrams: dict[tuple[str, str], int]) -> None:
        self.counts = counts
        self.flags = flags
        self.bigrams = bigrams

    @classmethod
    def load(cls) -> "Lexicon":
        data = json.loads(gzip.decompress(read_bytes("lexicon", "lexicon.json.gz")))
        counts = dict(zip(data["words"], data["counts"]))
        bigrams = {tuple(pair.split(" ")): n for pair, n in data["bigrams"].items()}
        return cls(counts, data["flags"], bigrams)

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)

    def known(self, word: str) -> bool:
        """In the hazm lexicon or seen at least twice in the corpora."""
        return "h" in self.flags.get(word, "") or self.counts.get(word, 0) >= 2

    def bigram(self, first: str, second: str) -> int:
        return self.bigrams.get((first, second), 0)

    def has_tag(self, word: str, tag: str) -> bool:
        return tag in self.flags.get(word, "")
