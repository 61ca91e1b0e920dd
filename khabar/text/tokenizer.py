"""Tokenization (baseline; the full tokenizer replaces this)."""
from __future__ import annotations

import re

from khabar.document import Document, Token

_TOKEN = re.compile(r"[\w\u200c]+|[^\w\s]")


class TokenizerStage:
    name = "tokenizer"
    requires = ("text", "sentences")
    assigns = ("tokens",)

    def __call__(self, doc: Document) -> Document:
        doc.tokens = [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(doc.text)]
        return doc
