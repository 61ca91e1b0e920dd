"""Search query syntax.

* ``word word``      every word must occur (AND); words are matched by lemma, spelling-folded
                     (``ايران`` finds ``ایران``, ``می‌گویند`` finds ``گفت`` when the lemmatizer maps them)
* ``"word word"``    a phrase: the words in this order, adjacent (also ``«...»``)
* ``-word``, ``-"a b"``  exclude documents containing the word or phrase

At least one word or phrase must be required (not excluded). Malformed queries raise
:class:`~khabar.store.base.SearchSyntaxError` with the position of the problem.

>>> [(c.text, c.phrase, c.negated) for c in parse_query('ایران -آمریکا "شورای امنیت"')]
[('ایران', False, False), ('آمریکا', False, True), ('شورای امنیت', True, False)]
"""
from __future__ import annotations

from dataclasses import dataclass

from khabar.store.base import SearchSyntaxError

_OPEN_QUOTES = {'"': '"', "«": "»", "“": "”"}
MAX_CLAUSES = 32


@dataclass(frozen=True, slots=True)
class Clause:
    text: str
    phrase: bool
    negated: bool


def parse_query(query: str) -> list[Clause]:
    """Split ``query`` into clauses (see the module docstring)."""
    if query is None or not query.strip():
        raise SearchSyntaxError("E301: empty search query; give at least one word")
    clauses: list[Clause] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch == "-":
            negated = True
            i += 1
            if i >= n or query[i].isspace():
                raise SearchSyntaxError(f"E302: '-' at position {i - 1} must be followed by a word or phrase")
            ch = query[i]
        if ch in _OPEN_QUOTES:
            close = _OPEN_QUOTES[ch]
            j = query.find(close, i + 1)
            if j < 0:
                raise SearchSyntaxError(f"E303: unclosed quote {ch} at position {i} in {query!r}")
            text = " ".join(query[i + 1:j].split())
            if not text:
                raise SearchSyntaxError(f"E304: empty phrase at position {i}")
            clauses.append(Clause(text, True, negated))
            i = j + 1
            continue
        if ch in "»”":
            raise SearchSyntaxError(f"E305: closing quote {ch} at position {i} without an opening one")
        j = i
        while j < n and not query[j].isspace() and query[j] not in _OPEN_QUOTES and query[j] not in "»”":
            j += 1
        clauses.append(Clause(query[i:j], False, negated))
        i = j
    if len(clauses) > MAX_CLAUSES:
        raise SearchSyntaxError(f"E306: {len(clauses)} words and phrases; at most {MAX_CLAUSES} are allowed")
    if all(c.negated for c in clauses):
        raise SearchSyntaxError("E307: the query only excludes words; add a word that must occur")
    return clauses
