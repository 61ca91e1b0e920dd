"""From an analyzed :class:`~khabar.document.Document` to the rows a store writes.

:func:`prepare` does all the work that does not need the database (content hash, index terms, entity
keys, fingerprint bands, JSON), so that a batch write is a handful of ``executemany`` calls.

Index terms are lemma-aware and spelling-folded: each word token contributes its lemma (or its text when
no lemmatizer ran), with Arabic ``ي``/``ك`` unified, diacritics, tatweel and ZWNJ removed and digits made
ASCII, so ``می‌گویند``, ``ميگويند`` and ``گفت`` meet when the lemmatizer maps them to one lemma.

>>> index_term("كتاب‌ها")
'کتابها'
>>> entity_key("PER", "علي  لاريجاني")
'PER|علی لاریجانی'
"""
from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np

from khabar.text.folding import FOLD_TABLE, fold  # noqa: F401 (fold is part of this module's API)
from khabar.document import Document, Token
from khabar.store.fingerprint import near_duplicate_bands

_FOLD = FOLD_TABLE  # one folding table for the whole package (khabar.text.folding)
_WORDLIKE = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[\w\u200c]+")


def index_term(text: str, lemma: str | None = None) -> str:
    """The index term of a word: its folded lemma when known (``گفت#گو`` keeps ``گفت``), else its text."""
    if lemma:
        lemma = lemma.split("#", 1)[0] or lemma
        return fold(lemma)
    return fold(text)


def token_term(token: Token) -> str | None:
    """The index term of a token, or None for punctuation."""
    if not _WORDLIKE.search(token.text):
        return None
    term = index_term(token.text, token.lemma if token.pos != "PUNCT" else None)
    return term or None


def document_terms(doc: Document) -> tuple[list[str], array]:
    """The index terms of ``doc`` in order, and ``array('I')`` of (start, end) per term.

    A document without tokens (no tokenizer ran) is indexed by the words of its text."""
    terms: list[str] = []
    spans = array("I")
    if doc.tokens:
        for tok in doc.tokens:
            term = token_term(tok)
            if term:
                terms.append(term)
                spans.append(tok.start)
                spans.append(tok.end)
    else:
        for m in _WORD.finditer(doc.text):
            term = fold(m.group())
            if term:
                terms.append(term)
                spans.append(m.start())
                spans.append(m.end())
    return terms, spans


def entity_key(label: str, name: str) -> str:
    """``LABEL|folded name`` with ZWNJ and repeated spaces folded: the cross-document merge key."""
    name = _SPACES.sub(" ", name.translate(_FOLD).lower()).strip()
    return f"{label}|{name}"


def content_hash(text: str) -> str:
    """SHA-256 of the spelling-folded, whitespace-collapsed text: the same article re-fetched with
    another encoding, Arabic letters or re-wrapped lines has the same hash."""
    folded = _SPACES.sub(" ", text.translate(_FOLD)).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def iso_date(value: Any) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a date, datetime, ISO string or Jalali ``YYYY/MM/DD`` (Persian
    or Latin digits); None when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).translate(_FOLD).strip()
    m = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    try:
        if y < 1700:  # Solar Hijri
            import jdatetime

            return jdatetime.date(y, mo, d).togregorian().isoformat()
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


@dataclass(slots=True)
class EntityRow:
    local_id: str
    key: str
    label: str
    name: str
    roles: list[str]
    mentions: list[tuple[int, int, str]]


@dataclass(slots=True)
class DocumentRecord:
    """Everything a store writes for one document (built by :func:`prepare`)."""

    content_hash: str
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    topic: str | None
    text: str
    doc_json: bytes  # zlib-compressed khabar.document/1 JSON
    terms: list[str]
    spans: bytes  # array('I') of start, end per indexed term position
    bands: list[int]
    entities: list[EntityRow] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    # ``terms`` as distinct ``vocab`` and, per position, the index into it (lets the store map terms to
    # ids once per distinct term); filled in by ``__post_init__`` when not given.
    vocab: list[str] | None = None
    positions: np.ndarray | None = None
    # per quote, the local ids of the entities with a mention inside it (filled in by ``__post_init__``)
    quote_entities: list[tuple[str, ...]] | None = None

    def __post_init__(self) -> None:
        if self.quote_entities is None:
            self.quote_entities = entities_within_quotes(self.quotes, self.entities)
        if self.vocab is None:
            index: dict[str, int] = {}
            self.positions = np.fromiter((index.setdefault(t, len(index)) for t in self.terms), dtype=np.int64,
                                         count=len(self.terms))
            self.vocab = list(index)


def entities_within_quotes(quotes: list[dict[str, Any]], entities: list[EntityRow]) -> list[tuple[str, ...]]:
    """For each quote (``start``/``end``), the local ids of the entities with a mention inside it: what
    ``quotes(about=...)`` finds a statement by.

    >>> entities_within_quotes([{"start": 10, "end": 30}], [EntityRow("e1", "LOC|ایران", "LOC", "ایران", [],
    ...                         [(0, 5, "ایران"), (12, 17, "ایران")]), EntityRow("e2", "LOC|عمان", "LOC", "عمان", [],
    ...                         [(40, 44, "عمان")])])
    [('e1',)]
    """
    if not quotes:
        return []
    spans = [(s, t, e.local_id) for e in entities for s, t, _ in e.mentions]
    out = []
    for q in quotes:
        start, end = q.get("start"), q.get("end")
        if start is None or end is None:
            out.append(())
            continue
        out.append(tuple(dict.fromkeys(lid for s, t, lid in spans if s >= start and t <= end)))
    return out


def prepare(doc: Document, *, source: str | None = None, url: str | None = None, title: str | None = None,
            published: Any = None, doc_json: str | None = None) -> DocumentRecord:
    """Prepare ``doc`` for :meth:`Store.add`. Missing arguments are read from ``doc.meta``
    (``source``, ``url``, ``title``, ``published``). ``doc_json`` may be given when the caller already
    has the document serialized (saves the serialization)."""
    meta = doc.meta
    terms, spans = document_terms(doc)
    entities = [
        EntityRow(e.id, entity_key(e.label, e.name), e.label, e.name, list(e.roles),
                  [(m.start, m.end, m.text) for m in e.mentions])
        for e in doc.entities if e.name and e.name.strip()
    ]
    return DocumentRecord(
        content_hash=meta.get("content_hash") or content_hash(doc.text),
        source=source if source is not None else meta.get("source"),
        url=url if url is not None else meta.get("url"),
        title=title if title is not None else meta.get("title"),
        published=iso_date(published if published is not None else meta.get("published")),
        topic=doc.topic.label if doc.topic else meta.get("topic"),
        text=doc.text,
        doc_json=zlib.compress((doc_json if doc_json is not None else doc.to_json()).encode("utf-8"), 1),
        terms=terms,
        spans=spans.tobytes(),
        bands=near_duplicate_bands(terms),
        entities=entities,
        quotes=[q.to_dict() for q in doc.quotes],
        events=[e.to_dict() for e in doc.events],
    )
