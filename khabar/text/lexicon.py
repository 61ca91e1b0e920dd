"""The word lexicon behind the normalizer's join/split decisions and the tokenizer's clitic splitting.

Built by ``khabar train lexicon`` (:mod:`khabar.training.lexicon`) from ``../shared/data`` into
``khabar/resources/lexicon/``:

- ``lexicon.tsv.gz``: ``words`` and ``counts`` (corpus frequency of each character-normalized word in the
  news corpora, NER corpora and UD treebanks, seen at least twice or tagged in hazm), ``flags`` (``h``: in
  the hazm lexicon; ``n``/``a``/``d``/``p``: its noun/adjective/adverb/pronoun tags there) and ``bigrams``
  (``"first second"`` → count, only for the pairs the normalizer asks about: a prefix word such as
  ``به``/``و``/``هیچ``/``می`` followed by a word, or a word followed by a suffix such as ``ها``).
  The format (see :meth:`Lexicon.to_bytes`) is one line per column, values separated by tabs (the counts as
  base64 uint32 arrays), so that loading is a few C-level splits instead of a JSON parse.
- ``clitics.json``: the multiword-token model (see :mod:`khabar.text.clitics`).

>>> lex = Lexicon.load()
>>> lex.count("وزیر") > 1000 and lex.known("وزیر")
True
"""
from __future__ import annotations

import base64
import gzip
import sys
from array import array as Array

from khabar.resources import read_bytes

FORMAT = "khabar.lexicon/3"
_FORMAT_2 = "khabar.lexicon/2"  # counts as decimal text; still read
# the lines of the file after the format line, in order
_COLUMNS = ("words", "counts", "flag_words", "flag_values", "bigram_pairs", "bigram_counts")
_COUNT_COLUMNS = frozenset({"counts", "bigram_counts"})


_U32 = next(code for code in "IL" if Array(code).itemsize == 4)  # the array type code of a 32-bit unsigned int


def _base64_uint32s(values: list[int]) -> str:
    if any(not 0 <= v < 2 ** 32 for v in values):
        raise ValueError("lexicon counts must fit in 32 bits")
    array = Array(_U32, values)
    if sys.byteorder == "big":
        array.byteswap()
    return base64.b64encode(array.tobytes()).decode("ascii")


def _uint32s(line: str) -> list[int]:
    array = Array(_U32, base64.b64decode(line))
    if sys.byteorder == "big":
        array.byteswap()
    return array.tolist()


class Lexicon:
    """Word and bigram counts, read once per stage from the packaged resource.

    ``bigrams`` maps ``"first second"`` (one space) to a count."""

    __slots__ = ("counts", "flags", "bigrams")

    def __init__(self, counts: dict[str, int], flags: dict[str, str], bigrams: dict[str, int]) -> None:
        self.counts = counts
        self.flags = flags
        self.bigrams = bigrams

    @classmethod
    def load(cls) -> "Lexicon":
        return cls.from_bytes(gzip.decompress(read_bytes("lexicon", "lexicon.tsv.gz")))

    @classmethod
    def from_bytes(cls, data: bytes) -> "Lexicon":
        lines = data.decode("utf-8").split("\n")
        if lines[0] not in (FORMAT, _FORMAT_2):
            raise ValueError(f"not a {FORMAT} file: {lines[0][:40]!r}")
        cols = {name: (line.split("\t") if line else []) for name, line in zip(_COLUMNS, lines[1:])
                if name not in _COUNT_COLUMNS or lines[0] == _FORMAT_2}
        if lines[0] == FORMAT:  # the count columns are little-endian uint32 arrays in base64 (see to_bytes)
            for name, line in zip(_COLUMNS, lines[1:]):
                if name in _COUNT_COLUMNS:
                    cols[name] = _uint32s(line)
        else:
            cols["counts"], cols["bigram_counts"] = map(int, cols["counts"]), map(int, cols["bigram_counts"])
        counts = dict(zip(cols["words"], cols["counts"]))
        flags = dict(zip(cols["flag_words"], cols["flag_values"]))
        bigrams = dict(zip(cols["bigram_pairs"], cols["bigram_counts"]))
        return cls(counts, flags, bigrams)

    def to_bytes(self) -> bytes:
        """The file format: a format line, then one line per column: words, flags and bigram pairs
        tab-separated, the two count columns as little-endian uint32 arrays in base64 (start-up: no
        per-word ``int()``, and 110k fewer strings made and thrown away; ≈ 15 ms of ``khabar analyze``)."""
        columns = (self.counts.keys(), self.counts.values(), self.flags.keys(), self.flags.values(),
                   self.bigrams.keys(), self.bigrams.values())
        lines = [FORMAT]
        for name, column in zip(_COLUMNS, columns):
            values = list(column)
            if name in _COUNT_COLUMNS:
                lines.append(_base64_uint32s(values))
                continue
            if any("\t" in v or "\n" in v for v in values):
                raise ValueError("lexicon entries cannot contain tabs or line breaks")
            lines.append("\t".join(values))
        return ("\n".join(lines) + "\n").encode("utf-8")

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)

    def known(self, word: str) -> bool:
        """In the hazm lexicon or seen at least twice in the corpora."""
        return "h" in self.flags.get(word, "") or self.counts.get(word, 0) >= 2

    def bigram(self, first: str, second: str) -> int:
        return self.bigrams.get(first + " " + second, 0)

    def has_tag(self, word: str, tag: str) -> bool:
        return tag in self.flags.get(word, "")
