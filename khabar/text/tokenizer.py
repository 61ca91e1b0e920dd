"""Tokenization with UD Persian conventions: ZWNJ-aware words, single tokens for numbers, dates,
percentages, URLs, e-mails, hashtags and mentions, and multiword tokens for clitics.

Words keep their ZWNJ (``می‌شود`` is one token). Each punctuation mark is its own token except ``...``.
A word that ends in a clitic pronoun or copula becomes two :class:`~khabar.document.Token` objects sharing
one ``surface`` (the UD multiword-token convention, see :mod:`khabar.text.clitics`): ``کارش`` → ``کار`` + ``ش``.

>>> tok = Tokenizer(clitics=False)
>>> [t for _, _, t in tok.spans("در ۱۴۰۲/۰۱/۲۰، ۵.۵٪ رشد؛ www.irna.ir #ایران")]
['در', '۱۴۰۲/۰۱/۲۰', '،', '۵.۵٪', 'رشد', '؛', 'www.irna.ir', '#ایران']
"""
from __future__ import annotations

import re
from typing import Iterator

from khabar.document import Document, Token

_DIGIT = "0-9۰-۹٠-٩"
_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622"
_MARK = "\u064b-\u065f\u0670\u200c"  # tanvin, hamza above, other marks, ZWNJ: inside words
_MISSING = object()
_CLITIC_ENDS = frozenset("شمتدان")  # last letters of the clitics in khabar.text.clitics.CLITICS
TOKEN_PATTERN = re.compile("|".join((
    r"(?:https?://|www\.)[^\s«»\"<>]+[^\s«»\"<>.,،؛:!?؟)\]]",                      # URL
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",                           # e-mail
    rf"[#@][{_LETTER}{_MARK}A-Za-z0-9_]+",                                            # hashtag, mention
    rf"[{_DIGIT}]+(?:[.,٫٬/:\-][{_DIGIT}]+)*(?:\s?[%٪])?",                              # number, date, time, %
    r"[A-Za-z0-9]+(?:[-_.'’][A-Za-z0-9]+)*",                                          # Latin word
    rf"[{_LETTER}][{_LETTER}{_MARK}]*",                                               # Persian word
    r"\.{2,}|[^\s]",                                                                  # punctuation, other
)))


class Tokenizer:
    """Splits text into ``(start, end, text)`` spans and words into stems and clitics."""

    def __init__(self, *, clitics: bool = True, lexicon=None) -> None:
        self.splitter = None
        if clitics:
            from khabar.text.clitics import CliticSplitter
            from khabar.text.lexicon import Lexicon

            self.splitter = CliticSplitter.load(lexicon or Lexicon.load())

    def spans(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Orthographic tokens (before clitic splitting)."""
        for m in TOKEN_PATTERN.finditer(text):
            yield m.start(), m.end(), m.group()

    def tokens(self, text: str) -> list[Token]:
        """Tokens with offsets; a word with a clitic becomes two tokens sharing one ``surface``."""
        out = [Token(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text)]
        if self.splitter is None:
            return out
        known, split = self.splitter.decisions, self.splitter.split
        result: list[Token] | None = None  # built only once a word splits
        for i, tok in enumerate(out):
            word = tok.text
            if word[-1] in _CLITIC_ENDS and len(word) > 2:
                cut = known.get(word, _MISSING)
                if cut is _MISSING:
                    cut = split(word)
                if cut is not None:
                    if result is None:
                        result = out[:i]
                    s, e, n = tok.start, tok.end, cut[0]
                    result.append(Token(s, s + n, word[:n], surface=(s, e)))
                    result.append(Token(s + n, e, word[n:], surface=(s, e)))
                    continue
            if result is not None:
                result.append(tok)
        return out if result is None else result


class TokenizerStage:
    """Pipeline stage: fills ``doc.tokens``. Option ``clitics=False`` keeps clitics attached."""

    name = "tokenizer"
    requires = ("text", "sentences")
    assigns = ("tokens",)

    def __init__(self, *, clitics: bool = True, shared=None) -> None:
        lexicon = None
        if clitics and shared is not None:  # the normalizer's lexicon, read once per pipeline
            from khabar.text.lexicon import Lexicon

            lexicon = shared.get("text.lexicon", Lexicon.load)
        self.tokenizer = Tokenizer(clitics=clitics, lexicon=lexicon)

    def __call__(self, doc: Document) -> Document:
        doc.tokens = self.tokenizer.tokens(doc.text)
        return doc
