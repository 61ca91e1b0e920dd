"""khabar's compiled core: tokens, the piece memo, character scans, the sentence loop and offset-map fill.

This module is plain Python. When the package is built with Cython available (``pip install .`` does so:
Cython is a build requirement, as in spaCy), ``setup.py`` compiles it to a C extension; ``core.pxd``
beside it makes :class:`Token` an extension type and types the loops (and holds a small C helper that
only the compiled branches call). The compiled and the plain module give the same results
(``tests/test_text_core.py`` runs both); only speed differs. :data:`COMPILED` tells which one was
imported. ``KHABAR_PURE=1`` skips compilation when installing and imports the plain module at run time.

Why compile these parts only: normalization, sentence splitting and tokenization of news must run at
10 MB/s on one core (issue #2), i.e. about 1 µs per token for everything. In plain Python, making the
``Token`` objects alone takes ~0.45 µs per token (a Python ``__init__`` setting eight slots), and hashing
every piece of text for a dict look-up, regex class scans and a Python call per sentence take the rest;
here they are loops in C. The rules (normalizer steps, clitic decisions, abbreviations, datelines) stay in
plain Python modules that call in.

>>> [(t.start, t.text) for t in build_tokens("گروه  ها", PieceMemo(lambda piece: None, CharClass(" ")))]
[(0, 'گروه'), (6, 'ها')]
"""
from __future__ import annotations

import array
import re
from typing import Any

import cython  # compile-time directives when compiled; Cython's pure-Python shadow module otherwise

__all__ = ["COMPILED", "CharClass", "PieceMemo", "Token", "WordSet", "build_tokens", "class_chars", "edit_positions",
           "sentence_spans", "white_space"]

COMPILED: bool = __file__.endswith((".so", ".pyd"))


# Tokens hold only strings, ints, None and int tuples, so they cannot form reference cycles: the cyclic GC
# need not track them (allocating them then never triggers a collection), and a free list reuses the memory
# of freed tokens.
@cython.no_gc
@cython.freelist(4096)
@cython.cclass
class Token:
    """A syntactic word. ``surface`` is set when the word is part of a multiword token (UD ``n-m`` range):
    every word of one orthographic token carries the same ``(start, end)`` of that token,
    e.g. ``کارش`` → ``کار`` + ``ش`` both with ``surface=(s, s+4)``.

    Equality compares all fields, as a dataclass does; tokens are mutable and so not hashable."""

    __slots__ = ("start", "end", "text", "lemma", "pos", "xpos", "feats", "surface")
    __match_args__ = ("start", "end", "text", "lemma", "pos", "xpos", "feats", "surface")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, start: int, end: int, text: str, lemma: str | None = None, pos: str | None = None,
                 xpos: str | None = None, feats: str | None = None,
                 surface: tuple[int, int] | None = None) -> None:
        self._set(start, end, text, lemma, pos, xpos, feats, surface)

    def _set(self, start, end, text, lemma, pos, xpos, feats, surface) -> None:
        """All fields at once (a C function in the compiled module)."""
        self.start = start
        self.end = end
        self.text = text
        self.lemma = lemma
        self.pos = pos
        self.xpos = xpos
        self.feats = feats
        self.surface = surface

    def _fields(self) -> tuple:
        return (self.start, self.end, self.text, self.lemma, self.pos, self.xpos, self.feats, self.surface)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        return ("Token(start={!r}, end={!r}, text={!r}, lemma={!r}, pos={!r}, xpos={!r}, feats={!r}, "
                "surface={!r})").format(*self._fields())

    def __reduce__(self):
        return (Token, self._fields())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "lemma": self.lemma,
            "pos": self.pos,
        }
        if self.xpos is not None:
            out["xpos"] = self.xpos
        if self.feats is not None:
            out["feats"] = self.feats
        if self.surface is not None:
            out["surface"] = list(self.surface)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Token:
        surface = d.get("surface")
        return cls(d["start"], d["end"], d["text"], d.get("lemma"), d.get("pos"), d.get("xpos"), d.get("feats"),
                   tuple(surface) if surface else None)


def _token(start, end, text, surface):
    """A new token with no lemma or tags (in the compiled module: allocated and filled in C)."""
    tok = Token.__new__(Token)
    tok._set(start, end, text, None, None, None, None, surface)
    return tok


_FNV_OFFSET = 14695981039346656037
_FNV_PRIME = 1099511628211


def build_tokens(text: str, memo: PieceMemo) -> list:
    """The tokens of ``text``, piece by piece: ``memo`` gives each piece (a run of characters between its
    separators, for the tokenizer spaces and line breaks) with its layout.

    The layout is None when the piece is one token as it is, else a one-element tuple holding the piece's
    tokens as ``(start, end, text, surface)`` relative to the piece's start (``surface`` None or a relative
    ``(start, end)`` of the multiword token)."""
    return memo._scan(text, _TOKENS)


def _add_tokens(out: list, start, piece, layout) -> None:
    """Append the tokens of one piece that starts at ``start`` (see :func:`build_tokens`)."""
    if layout is None:
        out.append(_token(start, start + len(piece), piece, None))
    else:
        for rel_start, rel_end, word, surface in layout[0]:
            out.append(_token(start + rel_start, start + rel_end, word,
                              None if surface is None else (start + surface[0], start + surface[1])))


class CharClass:
    """A set of characters (all in the Basic Multilingual Plane) that text is scanned for.

    Regex character classes are tried at every position of a text by a general set-matching routine
    (about 60 machine instructions per character); the compiled core tests a 64K-entry table instead. The
    uncompiled module uses a regex (same results).

    >>> marks = CharClass("،؛")
    >>> marks.find("گفت؛ آری"), marks.find("گفت"), marks.next_to("گفت ؛ آری ؛", CharClass(" "), -1)
    (3, -1, [4, 10])
    """

    __slots__ = ("chars", "table", "pattern")

    def __init__(self, chars: str) -> None:
        table = bytearray(65536)
        for ch in chars:
            if ord(ch) > 0xFFFF:
                raise ValueError(f"CharClass: {ch!r} is outside the Basic Multilingual Plane")
            table[ord(ch)] = 1
        self.chars = "".join(sorted(set(chars)))
        self.table = bytes(table)
        self.pattern = re.compile(_class_pattern(self.chars))

    def find(self, text: str) -> int:
        """The position of the first character of ``text`` in the class, or -1."""
        if not COMPILED:
            m = self.pattern.search(text)
            return -1 if m is None else m.start()
        # compiled: the characters are read from the string's buffer (C API names, cimported in core.pxd)
        table = self.table
        kind, data = PyUnicode_KIND(text), PyUnicode_DATA(text)  # noqa: F821
        for i in range(len(text)):
            ch = PyUnicode_READ(kind, data, i)  # noqa: F821
            if ch <= 0xFFFF and table[ch]:
                return i
        return -1

    def next_to(self, text: str, near: CharClass, offset) -> list:
        """Positions ``i`` where ``text[i]`` is in this class and ``text[i + offset]`` (``offset`` -1 or 1)
        is in ``near``, in order."""
        if offset not in (-1, 1):
            raise ValueError("offset must be -1 or 1")
        if not COMPILED:
            look = f"(?<={near.pattern.pattern})" if offset < 0 else ""
            ahead = f"(?={near.pattern.pattern})" if offset > 0 else ""
            return [m.start() for m in re.finditer(look + self.pattern.pattern + ahead, text)]
        out = []
        table, other = self.table, near.table
        kind, data = PyUnicode_KIND(text), PyUnicode_DATA(text)  # noqa: F821
        for i in range(max(0, -offset), len(text) - max(0, offset)):
            ch = PyUnicode_READ(kind, data, i)  # noqa: F821
            if ch <= 0xFFFF and table[ch]:
                ch = PyUnicode_READ(kind, data, i + offset)  # noqa: F821
                if ch <= 0xFFFF and other[ch]:
                    out.append(i)
        return out


class WordSet:
    """Words of one set that stand alone in a text: ``after(text, sep)`` finds each ``sep`` followed by a
    whole run of ``chars`` characters (as long as it goes) that is one of the words.

    Words after a space are most of a text, and few of them can be in the set: the compiled scan tests the
    first character and the length before it makes a string to look up.

    >>> WordSet(["ab"], CharClass("abc")).after("x ab abc ab", " ")
    [1, 8]
    """

    __slots__ = ("words", "ordered", "chars", "first", "longest")

    def __init__(self, words, chars: CharClass) -> None:
        self.words = frozenset(words)
        if "" in self.words or any(not chars.pattern.fullmatch(c) for w in self.words for c in w):
            raise ValueError("WordSet: every word must be non-empty and made of the class's characters")
        self.ordered = tuple(sorted(self.words))
        self.chars = chars
        self.first = CharClass("".join(w[0] for w in self.words))
        self.longest = max(map(len, self.words), default=0)

    def after(self, text: str, sep: str) -> list:
        """Positions ``i`` where ``text[i] == sep`` and the run of ``chars`` that starts at ``i + 1`` is one
        of the words, in order."""
        if len(sep) != 1 or self.chars.pattern.match(sep):
            raise ValueError("sep must be one character outside the class")
        if not COMPILED:  # one regex: the separator, a word of the set, and no character of the class after it
            words = "|".join(map(re.escape, sorted(self.words, key=len, reverse=True)))
            body = self.chars.pattern.pattern
            return [m.start() for m in re.finditer(f"{re.escape(sep)}(?:{words})(?!{body})", text)]
        out = []
        table, first = self.chars.table, self.first.table
        longest = self.longest
        ordered = self.ordered
        sep_char = sep
        n = len(text)
        kind, data = PyUnicode_KIND(text), PyUnicode_DATA(text)  # noqa: F821
        for i in range(n - 1):
            if PyUnicode_READ(kind, data, i) != sep_char:  # noqa: F821
                continue
            ch = PyUnicode_READ(kind, data, i + 1)  # noqa: F821
            if ch <= 0xFFFF and first[ch]:
                end = i + 1
                limit = min(n, i + 2 + longest)  # a run longer than the longest word is not one
                while end < limit:
                    ch = PyUnicode_READ(kind, data, end)  # noqa: F821
                    if ch > 0xFFFF or not table[ch]:
                        break
                    end += 1
                size = end - i - 1
                if size <= longest:
                    for word in ordered:  # compared in place: no string is made
                        if len(word) == size:
                            k = 0
                            while k < size and word[k] == PyUnicode_READ(kind, data, i + 1 + k):  # noqa: F821
                                k += 1
                            if k == size:
                                out.append(i)
                                break
        return out


class PieceMemo:
    """Values remembered per distinct piece of text, a piece being a run of characters between
    ``separators`` (a :class:`CharClass`): ``compute(piece)`` gives the value of a piece not seen before.

    News repeats its words: almost every piece has been seen. The compiled core finds each piece in the
    text's buffer and looks it up in its own open-addressing table by a 64-bit FNV-1a hash of its
    characters, comparing them with the remembered piece's, so that no string, integer or dict look-up is
    made for a piece seen before (the remembered string is reused). Plain Python uses a dict. ``limit``: past this many pieces the memo starts
    afresh (values depend on the piece only, so results do not change).

    >>> memo = PieceMemo(len, CharClass(" "))
    >>> memo.pieces("ab  c"), memo.marked("ab  c x")
    ([(0, 'ab', 2), (4, 'c', 1)], [(0, 'ab', 2), (4, 'c', 1), (6, 'x', 1)])
    """

    __slots__ = ("compute", "separators", "limit", "by_piece", "_others", "_white", "hashes", "entries", "count")

    def __init__(self, compute, separators: CharClass, limit: int = 300_000) -> None:
        self.compute = compute
        self.separators = separators
        self.limit = limit
        if not separators.chars:
            raise ValueError("PieceMemo: no separators")
        self.by_piece = {}  # plain: piece -> value
        # plain: the separators written as the first one to split at that one; are they str.split()'s?
        self._others = tuple(separators.chars[1:])
        self._white = len(separators.chars) > 20 and set(separators.chars) == white_space()
        self._reset(1 << 12)

    def _reset(self, capacity) -> None:
        """Compiled: an empty table of ``capacity`` slots (a power of two): ``hashes[slot]`` the hash of the
        piece there with its lowest bit set (0: empty), ``entries[slot]`` its ``(piece, value)``."""
        self.hashes = array.array("Q", bytes(8 * capacity))
        self.entries = [None] * capacity
        self.count = 0

    def __len__(self) -> int:
        return self.count + len(self.by_piece)

    def clear(self) -> None:
        self._reset(1 << 12)
        self.by_piece.clear()

    def _entry(self, text: str, kind, data, start, end, h) -> tuple:
        """Compiled only: the ``(piece, value)`` of ``text[start:end]``, whose hash is ``h``."""
        h |= 1
        mask = len(self.entries) - 1
        slot = h & mask
        size = end - start
        while self.hashes[slot] != 0:
            if self.hashes[slot] == h:
                entry = self.entries[slot]
                piece = entry[0]
                if len(piece) == size and _same_chars(piece, kind, data, start, size):  # noqa: F821 (core.pxd)
                    return entry
            slot = (slot + 1) & mask
        piece = text[start:end]
        entry = (piece, self.compute(piece))
        # compute() may have let another thread add to the table, or grow it: find the free slot again
        mask = len(self.entries) - 1
        slot = h & mask
        while self.hashes[slot] != 0:
            slot = (slot + 1) & mask
        self.hashes[slot] = h
        self.entries[slot] = entry
        self.count += 1
        if 2 * self.count > len(self.entries):
            self._grow()
        return entry

    def _grow(self) -> None:
        """Twice the slots (the table was more than half full), the same entries."""
        old_hashes, old_entries, count = self.hashes, self.entries, self.count
        self._reset(2 * len(old_entries))
        mask = len(self.entries) - 1
        for i in range(len(old_entries)):
            h = old_hashes[i]
            if h != 0:
                slot = h & mask
                while self.hashes[slot] != 0:
                    slot = (slot + 1) & mask
                self.hashes[slot] = h
                self.entries[slot] = old_entries[i]
        self.count = count

    def pieces(self, text: str) -> list:
        """``(start, piece, value)`` for every piece of ``text``, in order."""
        return self._scan(text, _ALL)

    def marked(self, text: str) -> list:
        """``(start, piece, value)`` for the pieces of ``text`` whose value is true, in order."""
        return self._scan(text, _MARKED)

    def _scan(self, text: str, mode) -> list:
        """The pieces of ``text`` as :meth:`pieces` (``_ALL``) or :meth:`marked` (``_MARKED``) give them,
        or their tokens (``_TOKENS``, the values being layouts: :func:`build_tokens`)."""
        if len(self) > self.limit:
            self.clear()
        out = []
        if not COMPILED:
            return self._plain_scan(text, mode)
        table = self.separators.table
        kind, data = PyUnicode_KIND(text), PyUnicode_DATA(text)  # noqa: F821
        n = len(text)
        i = 0
        while i < n:
            ch = PyUnicode_READ(kind, data, i)  # noqa: F821
            if ch <= 0xFFFF and table[ch]:
                i += 1
                continue
            start = i
            h = _FNV_OFFSET
            while i < n:
                ch = PyUnicode_READ(kind, data, i)  # noqa: F821
                if ch <= 0xFFFF and table[ch]:
                    break
                code = ch  # the code point as a number (a C integer when compiled)
                h = (h ^ code) * _FNV_PRIME
                i += 1
            entry = self._entry(text, kind, data, start, i, h)
            if mode == _TOKENS:
                _add_tokens(out, start, entry[0], entry[1])
            elif mode == _ALL or entry[1]:
                out.append((start, entry[0], entry[1]))
        return out

    def _plain_scan(self, text: str, mode) -> list:
        """:meth:`_scan` in plain Python, with C-level string operations: the distinct pieces first (most
        texts have no marked piece), then, where needed, every separator written as the first one
        (``str.replace``, one character for one), one ``str.split`` and offsets from running sums."""
        known = self.by_piece
        first = self.separators.chars[0]
        if self._white:  # the separators are str.split()'s
            uniq = set(text.split())
        else:
            uniq = None
        if uniq is None or mode != _MARKED:
            for other in self._others:
                if other in text:
                    text = text.replace(other, first)
            pieces = text.split(first)
            uniq = set(pieces)
            uniq.discard("")
        for piece in uniq.difference(known):
            known[piece] = self.compute(piece)
        out = []
        if mode == _MARKED:
            if not any(map(known.__getitem__, uniq)):
                return out
            for other in self._others:
                if other in text:
                    text = text.replace(other, first)
            pieces = text.split(first)
        start = 0
        for piece in pieces:
            if piece:
                value = known[piece]
                if mode == _TOKENS:
                    _add_tokens(out, start, piece, value)
                elif value or mode == _ALL:
                    out.append((start, piece, value))
            start += len(piece) + 1
        return out


def white_space() -> set:
    """The characters that ``str.split()`` splits at."""
    return {chr(c) for c in range(0x10000) if chr(c).isspace()}


_ALL, _MARKED, _TOKENS = 0, 1, 2


def edit_positions(size, edits: list, new_size) -> bytearray:
    """Compiled only (:func:`khabar.offsets.rewrite` uses numpy in plain Python): for a text of ``size``
    characters rewritten by sorted, non-overlapping ``(start, end, replacement)`` edits into ``new_size``
    characters, the position in the old text of each position ``0..new_size`` of the new one, as native
    64-bit integers (``numpy.frombuffer(..., numpy.int64)``). A replacement character maps into the span it
    replaces (an insertion: to its position)."""
    if not COMPILED:
        raise RuntimeError("edit_positions needs the compiled core")
    buf = bytearray(8 * (new_size + 1))
    out = cython.cast(cython.p_longlong, cython.cast(cython.p_char, buf))
    j = 0
    prev = 0
    for edit in edits:
        start, end, rep = edit
        if start < prev or end < start or j + (start - prev) + len(rep) > new_size:
            raise ValueError(f"edit_positions: bad edit {(start, end)} after {prev}")
        for p in range(prev, start):
            out[j] = p
            j += 1
        span = end - start
        for k in range(len(rep)):
            out[j] = start + (min(k, span - 1) if span > 0 else 0)
            j += 1
        prev = end
    if j + (size + 1 - prev) != new_size + 1:
        raise ValueError("edit_positions: the edits do not give new_size characters")
    for p in range(prev, size + 1):
        out[j] = p
        j += 1
    return buf


def sentence_spans(text: str, abbreviation, dateline) -> list:
    """The sentences of ``text`` as ``(start, end)`` spans, white space trimmed: the sentence splitter's
    loop (:mod:`khabar.text.sentences` has the rules and the doctests).

    A sentence ends after a mark, the match of ``_END`` in ``khabar.text.sentences``: a run of line breaks,
    or an optional ``…``, a run of ``.!?؟``, closing quotes or brackets, then white space or the end.
    A mark that is one ``.`` ends nothing when ``abbreviation(text, dot)`` says the dot ends an abbreviation
    (a dot after three letters never does: that common case is decided here). ``dateline(text, start, end)``
    gives the spans of a trimmed sentence that holds a colon (None: the sentence as it is)."""
    bounds = []
    pos = 0  # the end of the previous mark: marks do not overlap
    n = len(text)
    starts = None if COMPILED else _mark_starts(text)  # compiled: every position is looked at, in C
    for k in range(n if starts is None else len(starts)):
        c = k if starts is None else starts[k]
        if c < pos:
            continue
        ch = text[c]
        if ch == "\n":
            end = c + 1
            while end < n and text[end] == "\n":
                end += 1
            bounds.append(end)
            pos = end
            continue
        if ch != "…" and ch not in ".!?؟":
            continue
        run = c + 1 if ch == "…" else c  # the run of .!?؟ starts after an ellipsis character
        end = run
        while end < n and text[end] in ".!?؟":
            end += 1
        if end == run:
            continue  # an ellipsis character alone ends nothing
        stops = end
        while end < n and text[end] in "»\"”')]":
            end += 1
        if end < n and not text[end].isspace():
            continue
        pos = end
        if ch == "." and stops == c + 1 and not (c >= 3 and text[c - 1].isalpha() and text[c - 2].isalpha()
                                                 and text[c - 3].isalpha()) and abbreviation(text, c):
            continue
        bounds.append(end)
    bounds.append(n)
    spans = []
    prev = 0
    for bound in bounds:
        start, end = prev, bound
        prev = bound
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        pieces = dateline(text, start, end) if dateline is not None and text.find(":", start, end) != -1 else None
        if pieces is None:
            spans.append((start, end))
        else:
            spans.extend(pieces)
    return spans


def _mark_starts(text: str) -> list:
    """Plain Python: the sorted positions of the characters that can start a sentence-end mark, found with
    ``str.find`` (a C scan per character: faster than a Python loop over the text)."""
    found = []
    for ch in ".!?؟…\n":
        i = text.find(ch)
        while i != -1:
            found.append(i)
            i = text.find(ch, i + 1)
    found.sort()
    return found


def class_chars(body: str) -> str:
    """The characters of a regex class body such as ``آ-ی\u067e`` (ranges written ``a-b``), listed.

    >>> class_chars("a-d_")
    'abcd_'
    """
    out, i = [], 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(body[i]), ord(body[i + 2]) + 1))
            i += 3
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def _class_pattern(chars: str) -> str:
    """A regex character class matching exactly ``chars``."""
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "]"
