"""Terms: the comparable word forms that topic, keyword and summary models count.

A *term* is a token's lemma when the lemmatizer ran, else its text, folded so that spelling variants
meet: Arabic ``ي``/``ك`` become Persian ``ی``/``ک``, diacritics and tatweel are dropped, and the
zero-width non-joiner (ZWNJ, U+200C) is removed, so ``می‌شود``, ``میشود`` and ``مي‌شود`` are one term.

>>> fold("مي‌شود")
'میشود'
>>> fold("كتاب‌ها")
'کتابها'
"""
from __future__ import annotations

import re
from array import array
from collections import Counter
from typing import Iterable

from khabar.text.folding import fold  # noqa: F401 (fold is part of this module's API)
from khabar.document import Document, Token
from khabar.resources import read_text


# A word-like token: has a letter or digit (punctuation tokens are not terms).
_WORDLIKE = re.compile(r"\w")
_NUMBER = re.compile(r"^[\d.,/٫٬]+$")


def is_word(text: str) -> bool:
    """True for tokens that carry a letter or a digit."""
    return bool(_WORDLIKE.search(text))


_NUMBER_CHARS = frozenset(".,/٫٬")


def is_number(term: str) -> bool:
    """True for digits with separators only (``۱۴۰۲/۰۱/۲۰``, ``3.5``); most terms fail on their first letter."""
    if not term or not (term[0].isdecimal() or term[0] in _NUMBER_CHARS):
        return False
    return bool(_NUMBER.match(term))


def token_term(token: Token) -> str:
    """The folded lemma of a token when one is set, else its folded text.

    Verb lemmas from the lemmatizer look like ``گفت#گو``; only the part before ``#`` is kept."""
    lemma = token.lemma
    if lemma:
        lemma = lemma.split("#", 1)[0] or lemma
        return fold(lemma)
    return fold(token.text)


class TermMemo(dict):
    """A stage's memory of folded terms across documents (news repeats its words): lemma (or token text)
    → folded term, so that only the words it has not seen are folded. Each stage keeps its own (no
    module-level cache); it is cleared when it passes ``limit`` entries."""

    __slots__ = ("limit",)

    def __init__(self, limit: int = 200_000) -> None:
        super().__init__()
        self.limit = limit


def token_terms(tokens: Iterable[Token], memo: TermMemo | None = None) -> list[str | None]:
    """:func:`token_term` of each token, or ``None`` for punctuation tokens. Each distinct lemma (or text,
    for tokens without one) is folded once (with a ``memo``, once per stage), and whether it is a word
    is decided by the text of its first token (this is the about-stages' hot loop)."""
    if not isinstance(tokens, list):
        tokens = list(tokens)
    if memo is None:
        memo = TermMemo()
    elif len(memo) > memo.limit:
        memo.clear()
    keys = [t.lemma or t.text for t in tokens]
    first_text = dict(zip(reversed(keys), [t.text for t in reversed(tokens)]))  # first occurrence wins
    wordlike = _WORDLIKE.search
    known = memo.get
    term_of = {}
    for key, text in first_text.items():
        if wordlike(text) is None:
            term_of[key] = None
            continue
        term = known(key)
        if term is None:
            term = memo[key] = fold(key.split("#", 1)[0] or key)
        term_of[key] = term
    return list(map(term_of.__getitem__, keys))


def document_token_terms(doc: Document, memo: TermMemo | None = None) -> list[str | None]:
    """:func:`token_terms` of ``doc.tokens``, computed once per document: the topic, keyword and summary
    stages all read them, so the first keeps them in ``doc.cache`` (with the token list they came from; a
    new token list is read again). Callers must not change the returned list. ``memo``: see
    :func:`token_terms`."""
    return _document_terms(doc, memo)[0]


def document_number_terms(doc: Document, memo: TermMemo | None = None) -> frozenset[str]:
    """The distinct terms of :func:`document_token_terms` that are numbers (:func:`is_number`), found once
    per document for the stages that skip numbers."""
    return _document_terms(doc, memo)[1]


def document_term_counts(doc: Document, memo: TermMemo | None = None) -> Counter:
    """How often each term of :func:`document_token_terms` occurs (``None`` included), in order of first
    occurrence, counted once per document. Callers must not change it."""
    return _document_terms(doc, memo)[2]


def _document_terms(doc: Document, memo: TermMemo | None = None) -> tuple[list[str | None], frozenset[str], Counter]:
    tokens = doc.tokens
    cached = doc.cache.get("about.token_terms")
    if cached is not None and cached[0] is tokens and cached[1] == len(tokens):
        return cached[2]
    terms = token_terms(tokens, memo)
    counts = Counter(terms)
    # (is_number inlined: most terms fail on their first character)
    number_start, number = _NUMBER_CHARS, _NUMBER.match
    numbers = frozenset(t for t in counts if t and (t[0].isdecimal() or t[0] in number_start) and number(t))
    doc.cache["about.token_terms"] = (tokens, len(tokens), (terms, numbers, counts))
    return terms, numbers, counts


def document_token_offsets(doc: Document) -> tuple[array, array]:
    """The tokens' start and end offsets as two int64 arrays (``array("q")``: a list's look-ups, and numpy
    reads them without a copy), read once per document (like :func:`document_token_terms`) for the stages
    that search them. Callers must not change them."""
    tokens = doc.tokens
    cached = doc.cache.get("about.token_offsets")
    if cached is not None and cached[0] is tokens and cached[1] == len(tokens):
        return cached[2]
    offsets = (array("q", [t.start for t in tokens]), array("q", [t.end for t in tokens]))
    doc.cache["about.token_offsets"] = (tokens, len(tokens), offsets)
    return offsets


def document_terms(doc: Document) -> list[str]:
    """Folded terms of the document's word tokens, in order."""
    return [token_term(t) for t in doc.tokens if is_word(t.text)]


def text_words(text: str) -> list[str]:
    """Folded words of a plain string (for references such as abstracts and tags, and for fingerprints)."""
    return [fold(w) for w in re.findall(r"[\w\u200c]+", text) if fold(w)]


def headline_end(doc: Document) -> int:
    """Where the headline ends in ``doc.text``: the end of the leading sentences that make up
    ``meta["title"]`` when the text starts with it, else 0 (no headline)."""
    title = doc.meta.get("title")
    if not title or not doc.sentences:
        return 0
    want = fold("".join(title.split()))
    have = ""
    for sent in doc.sentences:
        have += fold("".join(doc.text[sent.start:sent.end].split()))
        if have == want:
            return sent.end
        if not want.startswith(have):
            return 0
    return 0


def load_stopwords() -> frozenset[str]:
    """The hazm stopword list (MIT) shipped in ``resources/about/stopwords.txt``, folded.

    Callers keep the set they loaded (no module-level cache)."""
    words = read_text("about", "stopwords.txt").split("\n")
    return frozenset(fold(w.strip()) for w in words if w.strip() and not w.startswith("#"))


def ngrams(items: Iterable[str], n: int) -> list[tuple[str, ...]]:
    seq = list(items)
    return [tuple(seq[i:i + n]) for i in range(len(seq) - n + 1)]
