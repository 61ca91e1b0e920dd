"""Readers and writers for the three NER corpora, and the mapping of their labels onto khabar's.

Formats (one token per line, blank line between sentences, UTF-8):

========== ====================== ========= =================================================
corpus     line                   scheme    labels
========== ====================== ========= =================================================
peyma      ``token|B_XXX``        IOB, ``_`` PER ORG LOC DAT TIM MON PCT
arman      ``token B-xxx``        IOB2      pers org loc fac pro event
parstwiner ``token<TAB>B-XXX``    IOB2      PER LOC ORG NAT POG EVE
========== ====================== ========= =================================================

khabar's labels are PER, ORG, LOC, FAC, PRO, EVENT, DATE, TIME, MONEY, PERCENT. The mapping
(:data:`TO_KHABAR`) is documented in ``docs/ner.md``; :data:`FROM_KHABAR` maps predictions back onto
each corpus's own label set for evaluation (labels a corpus does not have become ``O``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

FORMATS = ("peyma", "arman", "parstwiner")

LABELS = ("PER", "ORG", "LOC", "FAC", "PRO", "EVENT", "DATE", "TIME", "MONEY", "PERCENT")

TO_KHABAR: dict[str, dict[str, str]] = {
    "peyma": {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "DAT": "DATE", "TIM": "TIME", "MON": "MONEY",
              "PCT": "PERCENT"},
    "arman": {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "FAC", "pro": "PRO", "event": "EVENT"},
    # NAT (nationalities: «ایرانی») and POG (political groups: «اصلاح‌طلبان», «طالبان») have no khabar
    # label of their own; Arman annotates both as org, so they become ORG.
    "parstwiner": {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "NAT": "ORG", "POG": "ORG", "EVE": "EVENT"},
}

# Which khabar labels each corpus annotates: when training jointly, a label outside this set is
# "unknown" for that corpus's sentences (see khabar.training.ner).
ANNOTATES: dict[str, frozenset[str]] = {fmt: frozenset(m.values()) for fmt, m in TO_KHABAR.items()}

FROM_KHABAR: dict[str, dict[str, str]] = {
    "peyma": {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "DATE": "DAT", "TIME": "TIM", "MONEY": "MON",
              "PERCENT": "PCT"},
    "arman": {"PER": "pers", "ORG": "org", "LOC": "loc", "FAC": "fac", "PRO": "pro", "EVENT": "event"},
    # A khabar ORG cannot be told apart into ORG/NAT/POG here: it is scored as ORG.
    "parstwiner": {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "EVENT": "EVE"},
}


@dataclass(slots=True)
class TaggedSentence:
    """Tokens with their corpus tags (as written in the file, e.g. ``B_PER`` or ``I-org``)."""

    tokens: list[str]
    tags: list[str]


def parse_line(line: str, fmt: str) -> tuple[str, str]:
    if fmt == "peyma":
        word, tag = line.rsplit("|", 1)
    elif fmt == "parstwiner":
        word, tag = line.rsplit("\t", 1)
    elif fmt == "arman":
        word, tag = line.rsplit(" ", 1)
    else:
        raise ValueError(f"unknown NER format {fmt!r}; known: {FORMATS}")
    return word, tag.strip()


def read_corpus(path: str | Path, fmt: str) -> list[TaggedSentence]:
    """All sentences of a corpus file."""
    sentences: list[TaggedSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    sentences.append(TaggedSentence(tokens, tags))
                    tokens, tags = [], []
                continue
            word, tag = parse_line(line, fmt)
            tokens.append(word)
            tags.append(tag)
    if tokens:
        sentences.append(TaggedSentence(tokens, tags))
    return sentences


def split_tag(tag: str) -> tuple[str, str | None]:
    """``'B_PER'`` / ``'I-org'`` → ``('B', 'PER')`` / ``('I', 'org')``; ``'O'`` → ``('O', None)``."""
    if tag == "O" or len(tag) < 3:
        return "O", None
    return tag[0], tag[2:]


def to_khabar_tags(tags: Iterable[str], fmt: str) -> list[str]:
    """Corpus tags → khabar BIO tags (``B-PER``, ``I-ORG``, ``O``)."""
    mapping = TO_KHABAR[fmt]
    out = []
    for tag in tags:
        prefix, label = split_tag(tag)
        out.append("O" if label is None or label not in mapping else f"{prefix}-{mapping[label]}")
    return out


def from_khabar_tags(tags: Iterable[str], fmt: str) -> list[str]:
    """khabar BIO tags → the corpus's own tags (unknown labels become ``O``; ``I`` after ``O`` → ``B``)."""
    mapping = FROM_KHABAR[fmt]
    sep = "_" if fmt == "peyma" else "-"
    out: list[str] = []
    prev = None
    for tag in tags:
        prefix, label = split_tag(tag)
        corpus_label = mapping.get(label) if label else None
        if corpus_label is None:
            out.append("O")
            prev = None
            continue
        if prefix == "I" and prev != corpus_label:
            prefix = "B"
        out.append(f"{prefix}{sep}{corpus_label}")
        prev = corpus_label
    return out


def format_line(word: str, tag: str, fmt: str) -> str:
    sep = {"peyma": "|", "parstwiner": "\t", "arman": " "}[fmt]
    return f"{word}{sep}{tag}"


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` over token indices, conlleval-style: an ``I`` tag that does
    not continue an entity of the same label starts a new one."""
    out: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, lab = split_tag(tag)
        if label is not None and (prefix != "I" or lab != label):
            out.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and label is None:
            start, label = i, lab
    return out
