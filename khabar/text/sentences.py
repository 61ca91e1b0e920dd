"""Sentence splitting (baseline; the full splitter replaces this)."""
from __future__ import annotations

import re

from khabar.document import Document, Sentence

_END = re.compile(r"[^.!?؟…\n]+(?:[.!?؟…]+|\n+|$)")


class SentenceStage:
    name = "sentences"
    requires = ("text",)
    assigns = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        out = []
        for m in _END.finditer(doc.text):
            s, e = m.start(), m.end()
            while s < e and doc.text[s].isspace():
                s += 1
            while e > s and doc.text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Sentence(s, e))
        doc.sentences = out
        return doc
