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
from typing import Iterable

from khabar.text.folding import FOLD_TABLE, fold  # noqa: F401 (fold is part of this module's API)
from khabar.document import Document, Token
from khabar.resources import read_text

_FOLD = FOLD_TABLE  # one folding table for the whole package (khabar.text.folding)

# A word-like token: has a letter or digit (punctuation tokens are not terms).
_WORDLIKE = re.compile(r"\w")
_NUMBER = re.compile(r"^[\d.,/٫٬]+$")


def is_word(text: str) -> bool:
    """True for tokens that carry a letter or a digit."""
    return bool(_WORDLIKE.search(text))


def is_number(term: str) -> bool:
    return bool(_NUMBER.match(term))


def token_term(token: Token) -> str:
    """The folded lemma of a token when one is set, else its folded text.

    Verb lemmas from the lemmatizer look like ``گفت#گو``; only the part before ``#`` is kept."""
    lemma = token.lemma
    if lemma:
        lemma = lemma.split("#", 1)[0] or lemma
        return fold(lemma)
    return fold(token.text)


def token_terms(tokens: Iterable[Token]) -> list[str | None]:
    """:func:`token_term` of each token, or ``None`` for punctuation tokens; repeated words are folded
    once (a per-call memo: news repeats its words, and this is the about-stages' hot loop)."""
    memo: dict[str, str | None] = {}
    out: list[str | None] = []
    append = out.append
    for t in tokens:
        key = t.lemma or t.text
        if key in memo:
            append(memo[key])
            continue
        if _WORDLIKE.search(t.text):
            term = memo[key] = (key.split("#", 1)[0] or key).translate(_FOLD).lower()
        else:
            term = memo[key] = None
        append(term)
    return out


def document_token_terms(doc: Document) -> list[str | None]:
    """:func:`token_terms` of ``doc.tokens``, computed once per document: the topic, keyword and summary
    stages all read them, so the first keeps them in ``doc.cache`` (with the token list they came from; a
    new token list is read again). Callers must not change the returned list."""
    tokens = doc.tokens
    cached = doc.cache.get("about.token_terms")
    if cached is not None and cached[0] is tokens and cached[1] == len(tokens):
        return cached[2]
    terms = token_terms(tokens)
    doc.cache["about.token_terms"] = (tokens, len(tokens), terms)
    return terms


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
