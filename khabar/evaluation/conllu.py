"""A small CoNLL-U reader and writer (just what ``khabar evaluate ud`` and the trainers need).

A file is a list of :class:`UDSentence`; each holds its comments, its orthographic tokens and its
syntactic words. A multiword token (a range line ``n-m``, e.g. ``کارش`` → ``کار`` + ``ش``) is a
:class:`UDToken` with several words; an ordinary token has exactly one word. Empty nodes (``n.1``) are
ignored.

>>> sents = parse_conllu("# text = کارش\\n1-2\\tکارش\\t_\\t_\\t_\\t_\\t_\\t_\\t_\\t_\\n"
...                      "1\\tکار\\tکار\\tNOUN\\t_\\t_\\t0\\troot\\t_\\t_\\n2\\tش\\tاو\\tPRON\\t_\\t_\\t1\\tnmod\\t_\\t_\\n")
>>> [w.form for w in sents[0].words], sents[0].tokens[0].form
(['کار', 'ش'], 'کارش')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

COLUMNS = ("id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc")


@dataclass(slots=True)
class UDWord:
    """One syntactic word (a CoNLL-U line with an integer ID)."""

    form: str
    lemma: str = "_"
    upos: str = "_"
    xpos: str = "_"
    feats: str = "_"
    head: str = "_"
    deprel: str = "_"
    deps: str = "_"
    misc: str = "_"


@dataclass(slots=True)
class UDToken:
    """One orthographic token: a single word, or a multiword token (range line) with its words."""

    form: str
    words: list[UDWord]
    misc: str = "_"

    @property
    def is_multiword(self) -> bool:
        return len(self.words) > 1

    @property
    def space_after(self) -> bool:
        misc = self.misc if self.is_multiword else self.words[0].misc
        return "SpaceAfter=No" not in misc.split("|")


@dataclass(slots=True)
class UDSentence:
    comments: list[str] = field(default_factory=list)
    tokens: list[UDToken] = field(default_factory=list)

    @property
    def words(self) -> list[UDWord]:
        return [w for t in self.tokens for w in t.words]

    def comment(self, key: str) -> str | None:
        """The value of a ``# key = value`` comment, or None."""
        prefix = f"# {key} ="
        for c in self.comments:
            if c.startswith(prefix):
                return c[len(prefix):].strip()
        return None

    @property
    def text(self) -> str:
        """The ``# text`` comment, or the tokens joined according to ``SpaceAfter``."""
        given = self.comment("text")
        if given is not None:
            return given
        return "".join(t.form + (" " if t.space_after else "") for t in self.tokens).rstrip()

    @property
    def starts_paragraph(self) -> bool:
        return any(c.startswith("# newpar") or c.startswith("# newdoc") for c in self.comments)


def parse_conllu(content: str) -> list[UDSentence]:
    """Parse CoNLL-U text. Raises ``ValueError`` with a line number on malformed lines."""
    sentences: list[UDSentence] = []
    current = UDSentence()
    pending_end = 0  # last word id covered by the open multiword token
    for lineno, line in enumerate(content.splitlines(), 1):
        line = line.rstrip("\r")
        if not line.strip():
            if current.tokens or current.comments:
                sentences.append(current)
            current, pending_end = UDSentence(), 0
            continue
        if line.startswith("#"):
            current.comments.append(line)
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"line {lineno}: expected 10 tab-separated columns, found {len(cols)}")
        wid = cols[0]
        if "." in wid:
            continue  # empty node
        if "-" in wid:
            start, end = (int(x) for x in wid.split("-"))
            current.tokens.append(UDToken(cols[1], [], cols[9]))
            pending_end = end
            continue
        word = UDWord(*cols[1:])
        if pending_end and int(wid) <= pending_end:
            current.tokens[-1].words.append(word)
            if int(wid) == pending_end:
                pending_end = 0
        else:
            current.tokens.append(UDToken(cols[1], [word]))
    if current.tokens or current.comments:
        sentences.append(current)
    return [s for s in sentences if s.tokens]


def read_conllu(path: str | Path) -> list[UDSentence]:
    return parse_conllu(Path(path).read_text(encoding="utf-8"))


def format_conllu(sentences: Iterable[UDSentence]) -> str:
    """CoNLL-U text for ``sentences`` (IDs renumbered from 1 in each sentence)."""
    out: list[str] = []
    for sent in sentences:
        out.extend(sent.comments)
        wid = 1
        for tok in sent.tokens:
            if tok.is_multiword:
                out.append(f"{wid}-{wid + len(tok.words) - 1}\t{tok.form}\t_\t_\t_\t_\t_\t_\t_\t{tok.misc}")
            for w in tok.words:
                out.append("\t".join((str(wid), w.form, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel,
                                      w.deps, w.misc)))
                wid += 1
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def write_conllu(path: str | Path, sentences: Iterable[UDSentence]) -> None:
    Path(path).write_text(format_conllu(sentences), encoding="utf-8")


def running_text(sentences: Iterable[UDSentence]) -> str:
    """The file's raw text as running text: ``# text`` lines joined by a space, with a blank line (a
    paragraph break) only before sentences that carry ``# newpar`` or ``# newdoc``."""
    parts: list[str] = []
    for sent in sentences:
        if parts:
            parts.append("\n\n" if sent.starts_paragraph else " ")
        parts.append(sent.text)
    return "".join(parts)
