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
from itertools import accumulate, compress, count, filterfalse
from typing import Iterator

from khabar.core import CharClass, PieceMemo, build_tokens
from khabar.document import Document, Token

_DIGIT = "0-9۰-۹٠-٩"
_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622"
_MARK = "\u064b-\u065f\u0670\u200c"  # tanvin, hamza above, other marks, ZWNJ: inside words
_MISSING = object()
_CLITIC_ENDS = frozenset("شمتدان")  # last letters of the clitics in khabar.text.clitics.CLITICS
_SEPARATORS = CharClass(" \n")  # no token holds a space or line break (but ``۵ ٪``: see Tokenizer.tokens)
TOKEN_PATTERN = re.compile("|".join((
    # Persian words come first because they are most tokens; no other branch can start with a Persian
    # letter, so the order does not change any match
    rf"[{_LETTER}][{_LETTER}{_MARK}]*",                                               # Persian word
    r"(?:https?://|www\.)[^\s«»\"<>]+[^\s«»\"<>.,،؛:!?؟)\]]",                      # URL
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",                           # e-mail
    rf"[#@][{_LETTER}{_MARK}A-Za-z0-9_]+",                                            # hashtag, mention
    rf"[{_DIGIT}]+(?:[.,٫٬/:\-][{_DIGIT}]+)*(?:\s?[%٪])?",                              # number, date, time, %
    r"[A-Za-z0-9]+(?:[-_.'’][A-Za-z0-9]+)*",                                          # Latin word
    r"\.{2,}|[^\s]",                                                                  # punctuation, other
)))
# one Persian word and nothing else (the first branch of TOKEN_PATTERN): a piece that is one token
_PERSIAN_WORD = re.compile(rf"[{_LETTER}][{_LETTER}{_MARK}]*")
# the same pattern as one group: ``split`` gives [gap, token, gap, token, ..., gap] in C, and the running
# sum of the pieces' lengths gives every offset without a Match object per token
_TOKEN_SPLIT = re.compile(f"({TOKEN_PATTERN.pattern})")


class Tokenizer:
    """Splits text into ``(start, end, text)`` spans and words into stems and clitics."""

    def __init__(self, *, clitics: bool = True, lexicon=None) -> None:
        self.splitter = None
        if clitics:
            from khabar.text.clitics import CliticSplitter
            from khabar.text.lexicon import Lexicon

            self.splitter = CliticSplitter.load(lexicon or Lexicon.load())

    @property
    def splitter(self):
        """The :class:`~khabar.text.clitics.CliticSplitter` (None: clitics stay attached)."""
        return self._splitter

    @splitter.setter
    def splitter(self, splitter) -> None:
        self._splitter = splitter
        # word -> clitic split or None, remembered for this splitter only (a new splitter starts afresh)
        self._cuts: dict[str, tuple[int, str] | None] = {}
        self._splitting: set[str] = set()  # the words of _cuts that split
        # space-free piece of text -> None when it is one plain token, else ``(layout,)`` (see _layout)
        self._pieces = PieceMemo(self._layout, _SEPARATORS)

    def spans(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Orthographic tokens (before clitic splitting)."""
        for m in TOKEN_PATTERN.finditer(text):
            yield m.start(), m.end(), m.group()

    def tokens(self, text: str) -> list[Token]:
        """Tokens with offsets; a word with a clitic becomes two tokens sharing one ``surface``."""
        # No token holds white space (except ``۵ ٪``, below), so the text is cut at every space and line break
        # and each distinct piece is tokenized once and remembered across documents (khabar.core.PieceMemo).
        if "%" in text or "٪" in text:
            spaced = text.replace("\n", " ") if "\n" in text else text
            if " %" in spaced or " ٪" in spaced:
                return self._tokens_by_regex(text)  # ``۵ ٪`` is one token across a space: the plain path
        return build_tokens(text, self._pieces)

    def _layout(self, piece: str) -> tuple[tuple[tuple[int, int, str, tuple[int, int] | None], ...]] | None:
        """None when ``piece`` is one token as it is, else ``(layout,)``: a tuple (always true, even for the
        empty piece) holding the piece's tokens as ``(start, end, text, surface)`` relative to its start."""
        if _PERSIAN_WORD.fullmatch(piece) is not None:  # the common new piece: one word
            if piece[-1] not in _CLITIC_ENDS or len(piece) <= 2:
                return None  # no clitic can end it
            cut = self._cut(piece)
            if cut is None:
                return None
            n, size = cut[0], len(piece)
            return (((0, n, piece[:n], (0, size)), (n, size, piece[n:], (0, size))),)
        parts = _TOKEN_SPLIT.split(piece)  # [gap, token, gap, token, ..., gap]
        offsets = list(accumulate(map(len, parts), initial=0))
        layout = []
        for k in range(1, len(parts), 2):
            word, start, end = parts[k], offsets[k], offsets[k + 1]
            cut = self._cut(word) if word[-1] in _CLITIC_ENDS and len(word) > 2 else None
            if cut is None:
                layout.append((start, end, word, None))
            else:
                n = cut[0]
                layout += [(start, start + n, word[:n], (start, end)), (start + n, end, word[n:], (start, end))]
        if len(layout) == 1 and layout[0][2] == piece and layout[0][3] is None:
            return None
        return (tuple(layout),)

    def _cut(self, word: str) -> tuple[int, str] | None:
        """The clitic split of ``word`` (``(stem length, clitic)``) or None, remembered."""
        cut = self._cuts.get(word, _MISSING)
        if cut is _MISSING:
            if len(self._cuts) > 300_000:
                self._cuts.clear()
                self._splitting.clear()
            splitter = self.splitter
            cut = self._cuts[word] = (splitter.split(word) if splitter is not None and word[-1] in _CLITIC_ENDS
                                      and len(word) > 2 else None)
            if cut is not None:
                self._splitting.add(word)
        return cut

    def _tokens_by_regex(self, text: str) -> list[Token]:
        """The tokens of ``text`` from one regex split over it (the plain path)."""
        pieces = _TOKEN_SPLIT.split(text)
        offsets = list(accumulate(map(len, pieces)))
        words = pieces[1::2]
        # token i is pieces[2i + 1]: it starts where piece 2i ends and ends where piece 2i + 1 ends
        out = list(map(Token, offsets[0::2], offsets[1::2], words))
        if self.splitter is None or not words:
            return out
        # clitic decisions once per distinct word, remembered across documents; the new words and the words
        # that split are found by C-level scans (filterfalse, compress), not a Python loop over every token
        cuts, splitting = self._cuts, self._splitting
        new = set(filterfalse(cuts.__contains__, words))
        if new:
            if len(cuts) > 300_000:
                cuts.clear()
                splitting.clear()
                new = set(words)
            split = self.splitter.split
            for word in new:
                cut = split(word) if word[-1] in _CLITIC_ENDS and len(word) > 2 else None
                cuts[word] = cut
                if cut is not None:
                    splitting.add(word)
        hits = list(compress(count(), map(splitting.__contains__, words)))
        if not hits:
            return out
        result: list[Token] = []
        prev = 0
        for i in hits:
            result += out[prev:i]
            tok = out[i]
            word, s, e = tok.text, tok.start, tok.end
            n = cuts[word][0]
            result.append(Token(s, s + n, word[:n], surface=(s, e)))
            result.append(Token(s + n, e, word[n:], surface=(s, e)))
            prev = i + 1
        result += out[prev:]
        return result


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
