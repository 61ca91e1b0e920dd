"""A small CoNLL-U reader for the tagger's training and cross-validation.

Only what training needs: each sentence's syntactic words (form, lemma, UPOS, XPOS, FEATS) with the
multiword-token range they belong to, and the sentence's ``# text``. Multiword tokens (UD ``n-m`` lines)
are kept as ``(first, last, surface)`` so the raw text can be rebuilt.

>>> s = parse_conllu("# text = کارش\\n1-2\\tکارش\\t_\\t_\\t_\\t_\\t_\\t_\\t_\\t_\\n"
...                  "1\\tکار\\tکار\\tNOUN\\tN_IANM\\tNumber=Sing\\t0\\troot\\t_\\t_\\n"
...                  "2\\tش\\tاو\\tPRON\\tPR_JOPER\\t_\\t1\\tnmod\\t_\\t_\\n\\n")[0]
>>> [w.form for w in s.words], s.multiword
(['کار', 'ش'], [(0, 1, 'کارش')])
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    misc: str = "_"


@dataclass(slots=True)
class Sentence:
    sent_id: str
    text: str
    words: list[Word] = field(default_factory=list)
    # (index of first word, index of last word, surface form) for each multiword token
    multiword: list[tuple[int, int, str]] = field(default_factory=list)


def parse_conllu(content: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    current = Sentence("", "")
    for line in content.splitlines():
        if not line.strip():
            if current.words:
                sentences.append(current)
            current = Sentence("", "")
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            key = key.strip()
            if key == "sent_id":
                current.sent_id = value.strip()
            elif key == "text":
                current.text = value.strip()
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            continue
        if "-" in cols[0]:
            first, last = cols[0].split("-")
            offset = len(current.words)
            current.multiword.append((offset, offset + int(last) - int(first), cols[1]))
            continue
        if "." in cols[0]:  # empty nodes
            continue
        current.words.append(Word(cols[1], cols[2], cols[3], cols[4], cols[5], cols[9]))
    if current.words:
        sentences.append(current)
    return sentences


def read_conllu(path: str | Path) -> list[Sentence]:
    return parse_conllu(Path(path).read_text(encoding="utf-8"))
